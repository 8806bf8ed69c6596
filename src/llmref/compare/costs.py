"""The full cost picture of a comparison, as data: the three request presets for each model, the
cache-hit price and what caching saves, the batch prices and what batch saves, price ratios on a
route that serves both (never one model's cheapest route against the other's), and the caveats
that change a bill: a long-context tier the traffic crosses, reasoning tokens.

Pure: the catalogue and the date are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.catalog import Catalog, Model, Offering
from llmref.compare.side import Side
from llmref.pricing import (
    PresetCost,
    Route,
    RoutePolicy,
    Savings,
    Traffic,
    Unavailable,
    batch_savings,
    cache_savings,
    preset_costs,
    ratio,
)
from llmref.pricing.memo import per_snapshot

CACHE_HIT_SHARE = Decimal("0.5")
"""Share of input tokens read from the prompt cache in the caching saving (a chat app that
resends its system prompt and history reads about half its input from the cache)."""


@dataclass(frozen=True, slots=True)
class LongContextTier:
    """A higher price tier on the costed route that the traffic's requests cross."""

    above_input_tokens: int
    request_input_tokens: Decimal
    input: Decimal | None
    output: Decimal | None


@dataclass(frozen=True, slots=True)
class SideCosts:
    """One model's costs beyond the monthly figure, on its cheapest route for the traffic."""

    provider_name: str | None
    """The route the figures below are on (the monthly route)."""
    presets: tuple[PresetCost, ...]
    """Small, Medium and Large requests, each on its cheapest route."""
    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None
    """The price of a cache hit per 1M input tokens on the route."""
    cache: Savings | Unavailable | None
    """The monthly saving at :data:`CACHE_HIT_SHARE` cache hits."""
    batch_input: Decimal | None
    batch_output: Decimal | None
    batch: Savings | Unavailable | None
    long_context: LongContextTier | None
    reasoning: bool
    """A reasoning model: its answers carry reasoning tokens the output figure leaves out."""


@dataclass(frozen=True, slots=True)
class SameRoute:
    """Both models' prices on one provider that serves both, and their ratios (A / B)."""

    provider_id: str
    provider_name: str
    input: tuple[Decimal, Decimal]
    output: tuple[Decimal, Decimal]
    input_ratio: Decimal | None
    output_ratio: Decimal | None


@dataclass(frozen=True, slots=True)
class CostPicture:
    cache_hit_share: Decimal
    a: SideCosts
    b: SideCosts
    same_route: SameRoute | None


def _offering(catalog: Catalog, route: Route) -> Offering | None:
    for offering in catalog.offerings_of(route.model_id):
        if offering.provider_id == route.provider_id:
            return offering
    return None


def _long_context(route: Route, traffic: Traffic) -> LongContextTier | None:
    point = route.price
    per_request = traffic.request_input_tokens
    if point is None or per_request is None:
        return None
    crossed = [t for t in point.tiers if per_request > t.above_input_tokens]
    if not crossed:
        return None
    tier = max(crossed, key=lambda t: t.above_input_tokens)
    return LongContextTier(tier.above_input_tokens, per_request, tier.input, tier.output)


def model_presets(
    catalog: Catalog, model: Model, as_of: date | None, policy: RoutePolicy
) -> tuple[PresetCost, ...]:
    """:func:`llmref.pricing.preset_costs`, once per snapshot, date and policy: a model's
    presets are the same on every page it appears on (a top model is in dozens of comparisons,
    and on its profile)."""
    memo: dict[str, tuple[PresetCost, ...]] = per_snapshot(
        catalog, "preset-costs", (as_of, policy), dict
    )
    presets = memo.get(model.id)
    if presets is None:
        presets = memo[model.id] = preset_costs(catalog, model, as_of, policy=policy)
    return presets


def side_costs(
    catalog: Catalog, model: Model, side: Side, traffic: Traffic, as_of: date | None
) -> SideCosts:
    """The cost picture of one side (presets, cache, batch, tiers, reasoning)."""
    # A model's presets are the same on every page it appears on: priced once per snapshot and
    # date (a top model is in dozens of comparisons).
    # Each preset on its cheapest route under the page's policy, like the monthly figure.
    presets = model_presets(catalog, model, as_of, side.assessment.policy)
    reasoning = any(c.id == "reasoning" and c.value is True for c in side.capabilities)
    route = side.monthly
    if not isinstance(route, Route) or route.price is None:
        return SideCosts(None, presets, None, None, None, None, None, None, None, None, reasoning)
    point = route.price
    offering = _offering(catalog, route)
    cache = cache_savings(offering, CACHE_HIT_SHARE, traffic, as_of) if offering else None
    batch = None
    if offering is not None and point.batch_input is not None:
        batch = batch_savings(offering, traffic, as_of)
    return SideCosts(
        provider_name=route.provider_name,
        presets=presets,
        input=point.input,
        output=point.output,
        cache_read=point.cache_read,
        cache=cache,
        batch_input=point.batch_input,
        batch_output=point.batch_output,
        batch=batch,
        long_context=_long_context(route, traffic),
        reasoning=reasoning,
    )


def same_route(a: Side, b: Side) -> SameRoute | None:
    """A provider that sells both models pay-per-token with input and output prices: the
    vendor's own API when it serves both, else the first such provider in A's route order
    (cheapest first)."""
    theirs = {
        r.provider_id: r
        for r in b.routes
        if r.pay_per_token and r.price and r.price.input is not None and r.price.output is not None
    }
    shared = [
        (r, theirs[r.provider_id])
        for r in a.routes
        if r.provider_id in theirs
        and r.pay_per_token
        and r.price
        and r.price.input is not None
        and r.price.output is not None
    ]
    if not shared:
        return None
    first_party = [pair for pair in shared if pair[0].first_party and pair[1].first_party]
    ra, rb = (first_party or shared)[0]
    assert ra.price and rb.price and ra.price.input is not None and ra.price.output is not None
    assert rb.price.input is not None and rb.price.output is not None
    return SameRoute(
        provider_id=ra.provider_id,
        provider_name=ra.provider_name,
        input=(ra.price.input, rb.price.input),
        output=(ra.price.output, rb.price.output),
        input_ratio=ratio(ra.price.input, rb.price.input),
        output_ratio=ratio(ra.price.output, rb.price.output),
    )


def cost_picture(
    catalog: Catalog,
    models: tuple[Model, Model],
    sides: tuple[Side, Side],
    traffic: Traffic,
    as_of: date | None,
) -> CostPicture:
    """The cost picture of a pair."""
    return CostPicture(
        cache_hit_share=CACHE_HIT_SHARE,
        a=side_costs(catalog, models[0], sides[0], traffic, as_of),
        b=side_costs(catalog, models[1], sides[1], traffic, as_of),
        same_route=same_route(*sides),
    )
