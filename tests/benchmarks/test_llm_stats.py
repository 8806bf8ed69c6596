"""The LLM Stats reader, on a small hand-written model (figures checked by hand)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from llmref.benchmarks.llm_stats import read_llm_stats

PATH = "data/organizations/openai/models/gpt-4o-mini-2024-07-18/benchmarks.json"
MODEL = json.dumps(
    {"model_id": "gpt-4o-mini-2024-07-18", "name": "GPT-4o mini", "announcement_date": "2024-07-18"}
)


def _row(bench: str, score: float, link: str, self_reported: bool = True) -> dict[str, object]:
    return {
        "benchmark_id": bench,
        "score": score,
        "is_self_reported": self_reported,
        "self_reported_source_link": link,
        "analysis_method": "Accuracy",
        "verification_date": None,
    }


def test_scores_become_percentages_dated_by_the_announcement_and_vendor_reported() -> None:
    rows = [
        _row("gpqa", 0.402, "https://openai.com/blog/gpt-4o-mini"),
        _row("mmlu", 0.5, "https://openai.com/blog/gpt-4o-mini"),
    ]
    parsed = read_llm_stats([(PATH, json.dumps(rows), MODEL)])
    gpqa, mmlu = parsed.results
    # 0.402 of the maximum 1.0 is 40.2 %; 0.5 is 50 (no exponent form).
    assert (gpqa.benchmark, gpqa.value, str(mmlu.value)) == ("gpqa", Decimal("40.2"), "50")
    assert gpqa.measured == date(2024, 7, 18)
    assert (gpqa.self_reported, gpqa.measured_by) == (True, "openai (vendor)")
    assert gpqa.names[:2] == ("openai/gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18")
    assert gpqa.settings == "metric Accuracy"
    assert not parsed.skipped


def test_placeholder_sources_unknown_versions_and_bad_scores_are_skipped_with_reasons() -> None:
    rows = [
        _row("gpqa", 0.3, "https://example.com/benchmark-image", self_reported=False),
        _row("math", 0.7, "https://openai.com/blog/gpt-4o-mini"),
        _row("mmlu", 82, "https://openai.com/blog/gpt-4o-mini"),
    ]
    parsed = read_llm_stats([(PATH, json.dumps(rows), MODEL)])
    assert parsed.results == []
    reasons = {s.record.rsplit("#", 1)[1]: s.reason for s in parsed.skipped}
    assert reasons["gpqa"].startswith("no source page")
    assert reasons["math"] == "benchmark 'math' is not defined in llmref"
    assert reasons["mmlu"] == "score is not a fraction between 0 and 1"


def test_a_broken_file_is_reported_not_fatal() -> None:
    parsed = read_llm_stats([(PATH, "[", MODEL)])
    assert parsed.results == []
    assert parsed.skipped[0].reason.startswith("not valid JSON")
