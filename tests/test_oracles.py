"""Oracles through the whole import path (tests/oracles.py): genai-prices' `calc_price` on a
seeded sample of at least 1,000 of its records, and LiteLLM's own price map on a seeded sample
of its entries, each resolved as a user would (model name + provider) on the bundled catalogue.
At least 99% agree exactly or differ by a conflict the catalogue lists; the report (printed on
failure) names every mismatch by cause."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from llmref.catalog import Offering
from llmref.pricing import Cost, Usage, request_cost
from tests.oracles import bundled, genai_oracle, genai_sample, litellm_oracle, litellm_sample

FLOOR = Decimal("0.99")


def _offering(model: str, provider: str) -> Offering:
    return next(o for o in bundled().offerings_of(model) if o.provider_id == provider)


def test_genai_prices_agree_through_the_import_path() -> None:
    tally = genai_oracle(1200)
    report = tally.report("genai-prices")
    assert tally.compared >= 1000, report
    assert tally.accounted >= FLOOR, report
    # Plain prices are not all it checks: most records agree to the cent of a cent.
    assert tally.agreement >= Decimal("0.9"), report


def test_the_genai_sample_covers_every_pricing_feature() -> None:
    sample = genai_sample(1200)
    tiered = [
        r
        for r in sample
        if any(r.usage.input_tokens > t.above_input_tokens for t in r.offering.prices[-1].tiers)
    ]
    assert len(tiered) >= 20
    assert sum(1 for r in sample if r.usage.cached_input_tokens) >= 100
    assert sum(1 for r in sample if r.usage.cache_write_tokens) >= 20
    # Batch: genai-prices' batch price variants, and OpenRouter's `…:batch` routes.
    assert sum(1 for r in sample if r.usage.batch or r.model_ref.endswith(":batch")) >= 20
    assert sum(1 for r in sample if len(r.offering.prices) > 1) >= 20


def test_litellm_price_map_agrees_through_the_import_path() -> None:
    sample = litellm_sample()
    assert len(sample["entries"]) >= 300
    tally = litellm_oracle()
    report = tally.report("LiteLLM price map")
    assert tally.compared >= 300 * 2, report
    assert tally.accounted >= FLOOR, report
    assert tally.agreement >= Decimal("0.7"), report


def test_gemini_1_5_pro_keeps_its_long_context_tier() -> None:
    # genai-prices: $1.25/$5 up to 128K input tokens, $2.50/$10 above; model-prices (ranked
    # first for prices) lists the flat price only. 230,381 x 2.5 + 18,800 x 10 per 1M.
    offering = next(
        o for o in bundled().offerings_of("gemini-1.5-pro") if o.provider_id == "google"
    )
    cost = request_cost(offering, Usage(230_381, 18_800))
    assert isinstance(cost, Cost) and cost.total == Decimal("0.7639525")
    conflict = bundled().conflict_for("offering:gemini-1.5-pro@google", "price_tiers")
    assert conflict is not None and conflict.chosen.value.startswith("tiered")


def test_an_announced_price_change_is_kept() -> None:
    # genai-prices announces Gemini 3.7 Flash at $1.50 input from 2027-01-01; the chosen
    # history (model-prices) ends before it.
    offering = _offering("gemini-3.7-flash", "google")
    later = offering.price_on(date(2027, 1, 2))
    assert later is not None and later.input == Decimal("1.5")
    assert later.source.startswith("dataset:genai-prices")
    earlier = offering.price_on(date(2026, 11, 20))
    assert earlier is not None and earlier.effective_to == date(2027, 1, 1)


def test_a_known_route_by_hand() -> None:
    # OpenRouter's gpt-4o-mini, curated with its cache-read price: 4,000 uncached x $0.15 +
    # 1,000 cached x $0.075 + 1,000 out x $0.60, per 1M tokens.
    offering = next(
        o for o in bundled().offerings_of("gpt-4o-mini") if o.provider_id == "openrouter"
    )
    cost = request_cost(offering, Usage(5_000, 1_000, cached_input_tokens=1_000))
    assert isinstance(cost, Cost) and cost.total == Decimal("0.001275")
