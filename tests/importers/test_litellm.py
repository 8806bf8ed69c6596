"""The LiteLLM price-map reader, on real entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from llmref.importers import litellm
from llmref.importers.common import RawEntry, SourceData

REVIEWED = date(2026, 11, 12)


def entry(data: SourceData, key: str) -> RawEntry:
    return next(e for e in data.entries if e.record == key)


def test_per_token_prices_become_exact_per_million(raw_datasets: Path) -> None:
    data = litellm.read(raw_datasets, "1.109.1", REVIEWED)
    [price] = entry(data, "gpt-4o-mini").prices
    assert price.input == Decimal("0.15")  # 1.5e-07 per token
    assert price.output == Decimal("0.6")
    assert price.cache_read == Decimal("0.075")
    assert (price.batch_input, price.batch_output) == (Decimal("0.075"), Decimal("0.3"))
    assert price.effective_from == REVIEWED
    eu = entry(data, "azure/eu/gpt-4o-mini")
    assert (eu.provider, eu.model_id, eu.region) == ("azure", "gpt-4o-mini", "deploy:eu")
    assert eu.prices[0].input == Decimal("0.165")


def test_keys_lose_routing_prefixes(raw_datasets: Path) -> None:
    data = litellm.read(raw_datasets, "1.109.1", REVIEWED)
    vercel = entry(data, "vercel_ai_gateway/openai/gpt-4o-mini")
    assert (vercel.provider, vercel.model_id) == ("vercel_ai_gateway", "openai/gpt-4o-mini")
    assert vercel.aliases == ("vercel_ai_gateway/openai/gpt-4o-mini",)
    vertex = entry(data, "vertex_ai/claude-3-haiku@20240307")
    assert vertex.model_id == "claude-3-haiku@20240307"
    assert vertex.vendor_hint == "anthropic"
    profile = entry(data, "us.anthropic.claude-3-5-haiku-20241022-v1:0")
    assert profile.region == "geo:us"


def test_facts_and_tiers(raw_datasets: Path) -> None:
    data = litellm.read(raw_datasets, "1.109.1", REVIEWED)
    mini = entry(data, "gpt-4o-mini")
    assert mini.facts["vision"] is True
    assert mini.facts["function_calling"] is True
    assert mini.facts["max_output_tokens"] == 16384
    assert entry(data, "gpt-4o-mini-2024-07-18").facts["deprecation_date"] == date(2027, 1, 14)
    [tier] = entry(data, "gpt-5.4").prices[0].tiers
    assert tier["above_input_tokens"] == 272000
    assert (tier["input"], tier["output"]) == (Decimal("5"), Decimal("22.5"))
    # A subscription route with no price fields: kept, unpriced.
    assert entry(data, "github_copilot/gpt-4o-mini").prices == []


def test_non_models_are_reported_not_imported(raw_datasets: Path) -> None:
    data = litellm.read(raw_datasets, "1.109.1", REVIEWED)
    records = {e.record for e in data.entries}
    assert "sample_spec" not in records
    reasons = {u.id: u.reason for u in data.unresolved}
    assert reasons["fireworks-ai-up-to-4b"] == "a price class for unnamed models, not a model"
    assert reasons["ft:gpt-4o-mini-2024-07-18"].startswith("fine-tune")
    assert reasons["aiml/dall-e-3"] == "not priced per token (mode image_generation)"
