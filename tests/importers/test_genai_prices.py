"""The genai-prices reader (data.py evaluated with `ast`), on real records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from llmref.importers import genai_prices
from llmref.importers.common import RawEntry, SourceData

REVIEWED = date(2026, 10, 26)


def entries(data: SourceData, provider: str, model_id: str) -> RawEntry:
    return next(e for e in data.entries if e.provider == provider and e.model_id == model_id)


def test_match_clause_names_the_models(raw_datasets: Path) -> None:
    data = genai_prices.read(raw_datasets, "0.2.3", REVIEWED)
    ids = sorted(e.model_id for e in data.entries if e.record == "openai:gpt-4o")
    assert ids == ["gpt-4o", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"]
    # A prefix clause contributes its label when the label matches it.
    haiku = entries(data, "anthropic", "claude-3-haiku")
    assert haiku.prices[0].cache_write_1h == Decimal("0.5")
    reasons = {(u.provider, u.id): u.reason for u in data.unresolved}
    assert "no concrete model id" in reasons[("openai", "ft:gpt-4o-mini")]


def test_batch_variant_from_its_start_date(raw_datasets: Path) -> None:
    data = genai_prices.read(raw_datasets, "0.2.3", REVIEWED)
    before, after = entries(data, "openai", "gpt-4o-mini").prices
    assert before.effective_from is None  # the price before the first dated change
    assert (before.input, before.cache_read, before.batch_input) == (
        Decimal("0.15"),
        Decimal("0.075"),
        None,
    )
    assert after.effective_from == date(2026, 10, 14)
    assert (after.batch_input, after.batch_output) == (Decimal("0.075"), Decimal("0.3"))


def test_dated_price_changes_and_subscriptions(raw_datasets: Path) -> None:
    data = genai_prices.read(raw_datasets, "0.2.3", REVIEWED)
    first, second = entries(data, "openrouter", "stepfun/step-3.5-flash").prices
    assert (first.effective_from, first.input) == (None, Decimal("0.09"))
    assert (second.effective_from, second.input) == (date(2026, 10, 19), Decimal("0.1"))
    # "Included in the subscription": ModelPrice() is no price at all.
    assert entries(data, "github-copilot", "gpt-4o-mini").prices == []
    # A lone undated price is known from the dataset's date.
    [lone] = entries(data, "openai", "gpt-4o-2024-05-13").prices[:1]
    assert lone.input == Decimal("5")


def test_time_of_day_prices_are_reported(raw_datasets: Path) -> None:
    data = genai_prices.read(raw_datasets, "0.2.3", REVIEWED)
    assert any("time-of-day" in u.reason for u in data.unresolved if u.provider == "deepseek")
