"""llmref's cost of a request agrees with genai-prices' calc_price on records built from
genai-prices' own bundled data (tests/genai_records.py converts each of its model prices into an
llmref Offering/PricePoint): plain and tiered prices, cache reads and writes, price history by
date, and batch prices."""

from __future__ import annotations

from decimal import Decimal

from genai_prices import calc_price

from llmref.pricing import Cost, request_cost
from tests.genai_records import Record, build_records

TOLERANCE = Decimal("1e-9")


def _theirs(record: Record) -> Decimal | None:
    try:
        calc = calc_price(
            record.genai_usage,
            record.model_ref,
            provider_id=record.provider_id,
            genai_request_timestamp=record.timestamp,
            price_context=record.price_context,
        )
    except LookupError:
        return None
    # A model id can match an earlier model's pattern in genai-prices; such a record prices
    # another model, so it says nothing about this conversion.
    return calc.total_price if calc.model is record.model else None


def test_costs_agree_with_genai_prices() -> None:
    compared: list[Record] = []
    disagreements = []
    for record in build_records():
        theirs = _theirs(record)
        if theirs is None:
            continue
        ours = request_cost(record.offering, record.usage, record.day)
        compared.append(record)
        if not isinstance(ours, Cost) or abs(ours.total - theirs) > TOLERANCE:
            disagreements.append(
                (record.provider_id, record.model_ref, record.usage, record.day, ours, theirs)
            )
    assert disagreements == []
    assert len(compared) >= 200
    assert len({(r.provider_id, r.model_ref) for r in compared}) >= 200
    # The sample covers each pricing feature, not only plain input/output prices.
    tiered = [
        r
        for r in compared
        if any(r.usage.input_tokens > t.above_input_tokens for t in r.offering.prices[-1].tiers)
    ]
    assert len(tiered) >= 20
    assert sum(1 for r in compared if r.usage.cached_input_tokens) >= 100
    assert sum(1 for r in compared if r.usage.cache_write_tokens) >= 20
    assert sum(1 for r in compared if r.usage.batch) >= 20
    assert sum(1 for r in compared if len(r.offering.prices) > 1) >= 20


def test_a_known_record_by_hand() -> None:
    openai_mini = [
        r
        for r in build_records()
        if (r.provider_id, r.model_ref) == ("openai", "gpt-4o-mini")
        and r.usage.cached_input_tokens == 1_000
    ]
    assert openai_mini
    r = openai_mini[-1]
    ours = request_cost(r.offering, r.usage, r.day)
    # 4,000 uncached × $0.15 + 1,000 cached × $0.075 + 1,000 out × $0.60, per 1M
    assert isinstance(ours, Cost) and ours.total == Decimal("0.001275")
    assert _theirs(r) == ours.total
