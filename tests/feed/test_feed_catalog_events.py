"""The catalogue's own feed, on feed-mini (every date below is in its TOML files)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from llmref.catalog import Catalog
from llmref.feed.catalog_events import catalog_events, format_price
from llmref.feed.types import PriceChange


def test_events_newest_first_with_their_dates(catalog: Catalog) -> None:
    events = catalog_events(catalog)
    assert [(e.date.isoformat(), e.kind, e.model_id or e.provider_id) for e in events] == [
        ("2024-10-01", "price-change", "gpt-4o"),
        ("2024-08-06", "new-snapshot", "gpt-4o-2024-08-06"),
        ("2024-07-23", "new-model", "llama-3.1-8b"),
        ("2024-07-18", "new-model", "gpt-4o-mini"),
        ("2024-07-18", "new-offering", "gpt-4o-mini"),
        ("2024-06-20", "new-model", "claude-3.5-sonnet"),
        ("2024-05-13", "new-provider", "gpt-4o"),
        ("2024-05-13", "new-model", "gpt-4o"),
        ("2024-05-13", "new-offering", "gpt-4o"),
        ("2024-04-20", "new-provider", "llama-3-8b"),
        ("2024-04-20", "new-offering", "llama-3-8b"),
        ("2024-04-18", "new-model", "llama-3-8b"),
        ("2024-03-13", "new-provider", "claude-3-haiku"),
        ("2024-03-13", "new-model", "claude-3-haiku"),
        ("2024-03-13", "new-offering", "claude-3-haiku"),
        ("2023-09-27", "new-model", "mistral-7b"),
        ("2023-03-14", "new-model", "gpt-4"),
    ]
    # Undated: o1 and Codestral (no release date), Fireworks and OpenRouter (undated prices),
    # and the gpt-4o-2024-05-13 snapshot, released with its family.


def test_a_price_change_lists_each_field_that_moved(catalog: Catalog) -> None:
    change = catalog_events(catalog)[0]
    assert change.id == "price-change:gpt-4o@openai:2024-10-01"
    assert change.changes == (
        PriceChange("input", Decimal("5.00"), Decimal("2.50")),
        PriceChange("output", Decimal("15.00"), Decimal("10.00")),
        PriceChange("cache_read", None, Decimal("1.25")),
    )
    assert change.text == (
        "From 2024-10-01, GPT-4o on OpenAI API: input $5.00 → $2.50; output $15.00 → $10.00; "
        "cache read $1.25 (newly listed) (per 1M tokens)."
    )
    assert change.source == "https://openai.example/pricing"


def test_new_provider_and_model_sentences(catalog: Catalog) -> None:
    events = {e.id: e for e in catalog_events(catalog)}
    together = events["new-provider:together:2024-04-20"]
    assert together.title == "New provider: Together AI"
    assert together.text == (
        "Together AI (inference) has its earliest dated price in the catalogue from 2024-04-20: "
        "Llama 3 8B, input $0.20, output $0.20 per 1M tokens."
    )
    mini = events["new-model:gpt-4o-mini:2024-07-18"]
    assert mini.text == "GPT-4o mini was released by OpenAI on 2024-07-18."
    assert mini.source == "https://openai.example/models/gpt-4o-mini"


def test_since_and_limit(catalog: Catalog) -> None:
    recent = catalog_events(catalog, since=dt.date(2024, 7, 18))
    assert len(recent) == 5
    assert all(e.date >= dt.date(2024, 7, 18) for e in recent)
    assert catalog_events(catalog, limit=2) == catalog_events(catalog)[:2]


def test_prices_print_as_dollars() -> None:
    assert format_price(Decimal("0.15")) == "$0.15"
    assert format_price(Decimal("10")) == "$10.00"
    assert format_price(Decimal("0.075")) == "$0.075"
    assert format_price(None) == "none"
