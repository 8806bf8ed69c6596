"""The model-prices reader: dated first-party histories."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from llmref.importers import model_prices


def test_history_of_gpt_4o_mini(raw_datasets: Path) -> None:
    data = model_prices.read(raw_datasets, "0.0.5")
    assert data.reviewed == date(2026, 10, 26)  # updated_at
    mini = next(e for e in data.entries if e.record == "openai/gpt-4o-mini")
    # Five standard intervals collapse to the two distinct prices; the first starts when the
    # rate was first recorded (valid_from 2025-06-05), and the batch rates join it the same day.
    assert [(p.effective_from, p.input, p.cache_read, p.batch_input) for p in mini.prices] == [
        (date(2025, 6, 5), Decimal("0.15"), Decimal("0.075"), Decimal("0.075")),
    ]
    assert mini.prices[0].note is not None
    assert "openai.com/index/api-prompt-caching" in mini.prices[0].note


def test_price_change_of_step_3_5_flash(raw_datasets: Path) -> None:
    data = model_prices.read(raw_datasets, "0.0.5")
    step = next(e for e in data.entries if e.record == "stepfun-ai/step-3.5-flash")
    assert [(p.effective_from, p.input, p.output, p.cache_read) for p in step.prices] == [
        (date(2026, 2, 16), Decimal("0.096"), Decimal("0.288"), Decimal("0.019")),
        (date(2026, 6, 16), Decimal("0.1"), Decimal("0.3"), Decimal("0.02")),
    ]
