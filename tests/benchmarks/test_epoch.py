"""The Epoch AI export reader, on a small hand-written export (figures checked by hand), then once
against the committed snapshot and the real catalogue."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from llmref.benchmarks import engine
from llmref.benchmarks.epoch import read_epoch_eci, read_epoch_runs, split_setting
from llmref.catalog import bundled_data_dir, load_catalog_dir

RUNS = (
    "\ufeffModel version,mean_score,Best score (across scorers),Release date,Log viewer,"
    "Started at,id\n"
    "gpt-5-2025-08-07_high,0.8617424242424242,0.87,2025-08-07,"
    "https://logs.epoch.ai/x.eval,2025-10-29T22:29:36.692Z,run1\n"
    "claude-sonnet-4-20250514_16K,0.75,0.75,2025-05-22,,2025-06-01T10:00:00Z,run2\n"
    "gemma-3-27b-it,1.4,1.4,2025-03-12,,2025-04-01T10:00:00Z,run3\n"
    "mistral-small-2501,0.5,0.5,2025-01-30,,,run4\n"
)
ECI = (
    "Model version,ECI Score,Release date,Model name\n"
    "gpt-5.4-2026-03-05_xhigh,155.92558449193325,2026-03-05,GPT-5.4\n"
    "gemma-4-31b-it,,2026-04-02,Gemma 4 31B IT\n"
    "gpt-4o-mini-2024-07-18,127.3382700536105,2024-07-18,GPT-4o mini\n"
)


def test_settings_after_the_underscore_travel_with_the_result() -> None:
    assert split_setting("gpt-5-2025-08-07_high") == (
        "gpt-5-2025-08-07",
        "reasoning effort high",
    )
    assert split_setting("claude-sonnet-4-20250514_16K") == (
        "claude-sonnet-4-20250514",
        "thinking budget 16K tokens",
    )
    assert split_setting("gemini-2.5-flash-preview-04-17 (24K thinking)") == (
        "gemini-2.5-flash-preview-04-17",
        "thinking budget 24K tokens",
    )
    # Not a setting: a version number after an underscore, and the chat product's suffix.
    assert split_setting("phi-1_5") == ("phi-1_5", None)
    assert split_setting("gpt-5.2-pro-2025-12-11-webapp") == ("gpt-5.2-pro-2025-12-11-webapp", None)


def test_runs_become_percentages_dated_by_the_run_measured_by_epoch() -> None:
    parsed = read_epoch_runs("benchmark_data/gpqa_diamond.csv", RUNS)
    gpt5, sonnet = parsed.results
    # 0.8617424242... of 1 is 86.17424...%, rounded to 0.01 point: 86.17; 0.75 is 75.
    assert (gpt5.benchmark, gpt5.value, str(sonnet.value)) == (
        "gpqa-diamond",
        Decimal("86.17"),
        "75",
    )
    assert gpt5.names == ("gpt-5-2025-08-07_high", "gpt-5-2025-08-07")
    assert gpt5.measured == date(2025, 10, 29)
    assert (gpt5.settings, gpt5.measured_by, gpt5.self_reported) == (
        "reasoning effort high",
        "Epoch AI",
        False,
    )
    assert gpt5.source == "https://logs.epoch.ai/x.eval"
    # No log link: the benchmark's page on epoch.ai is the source.
    assert sonnet.source == "https://epoch.ai/benchmarks/gpqa-diamond"
    reasons = {s.record.rsplit("#", 1)[1]: s.reason for s in parsed.skipped}
    assert reasons == {
        "run3": "score is not a fraction between 0 and 1",
        "run4": "no run date (Started at)",
    }


def test_the_index_is_dated_by_the_export_and_unscored_rows_are_skipped() -> None:
    parsed = read_epoch_eci(
        "benchmark_data/epoch_capabilities_index.csv", ECI, "epoch-eci-2026-04", date(2026, 4, 19)
    )
    gpt54, mini = parsed.results
    # 155.92558... rounds to 155.93; 127.33827... to 127.34.
    assert (gpt54.value, mini.value) == (Decimal("155.93"), Decimal("127.34"))
    assert gpt54.measured == mini.measured == date(2026, 4, 19)
    assert gpt54.settings == "reasoning effort xhigh"
    assert mini.names == ("gpt-4o-mini-2024-07-18",)
    assert [s.reason for s in parsed.skipped] == ["no ECI score in this export"]


def test_the_committed_snapshot_on_the_real_catalogue() -> None:
    lines = (bundled_data_dir() / "benchmarks" / "epoch.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    header = rows[0]
    assert header["commit"] == "8698b9ba92fdb58d51d67f4828376b7adca29afa"
    assert header["license"] == "CC-BY-4.0"
    by_record = {r["record"]: r for r in rows if r["type"] == "result"}
    # Hand-checked against the upstream CSV: mean_score 0.7850378787878788 -> 78.5 %.
    run = by_record["benchmark_data/gpqa_diamond.csv#2t26VSNdsAE5pefQEMP25x"]
    assert (run["model_name"], run["value"], run["measured"]) == (
        "claude-3-7-sonnet-20250219_64K",
        "78.5",
        "2025-05-26",
    )
    catalog = load_catalog_dir()
    # gpt-4o-mini-2024-07-18 is a dated snapshot the catalogue files under gpt-4o-mini;
    # its ECI in the April 2026 export is 127.08812529088948.
    score = engine.score(
        catalog.benchmarks_of("gpt-4o-mini"), catalog.benchmark("epoch-eci-2026-04")
    )
    assert score is not None
    assert (score.value, score.model_name) == (Decimal("127.09"), "gpt-4o-mini-2024-07-18")
    assert score.measured == date(2026, 4, 19)
    assert catalog.sources[score.source].license == "CC-BY-4.0"


def test_the_mid_2026_index_is_its_own_version_and_the_charts_default() -> None:
    catalog = load_catalog_dir()
    april = catalog.benchmark("epoch-eci-2026-04")
    july = catalog.benchmark("epoch-eci-2026-07")
    assert april.family == july.family == "epoch-eci" and april.id != july.id
    # The export committed 2026-07-01 refits the index: "gpt-4o-mini-2024-07-18,126.8696653...".
    score = engine.score(catalog.benchmarks_of("gpt-4o-mini"), july)
    assert score is not None
    assert (score.value, score.measured) == (Decimal("126.87"), date(2026, 7, 1))
    # Both editions stay, each under its own id: never one model's two figures side by side.
    shared = {s.benchmark.id for s in engine.shared_benchmarks(catalog, "gpt-4o-mini", "gpt-4o")}
    assert {"epoch-eci-2026-04", "epoch-eci-2026-07"} <= shared
