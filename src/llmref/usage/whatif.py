"""What the same traffic would cost elsewhere: other models, routing a share to a cheaper model,
more prompt caching.

The log is summed once per long-context band (:func:`llmref.usage.queries.bands`), and each band
is costed as one workload by the pricing engine (:class:`llmref.pricing.Billing`): exact, and
as fast for ten million rows as for ten. Alternative models keep the same token counts — an
estimate, since another model's tokenizer counts the same text differently.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from llmref.catalog import Catalog, Model, Offering, PricePoint
from llmref.pricing import Billing, Cost, Route, Unavailable, Usage, routes
from llmref.usage import queries
from llmref.usage.engine import Engine

ESTIMATE_NOTE = (
    "estimate: the same token counts on another model; its tokenizer would count the same "
    "text differently"
)
_PROBE = Usage(1_000, 100)


@dataclass(frozen=True, slots=True)
class Alternative:
    """The priced traffic on another model, on its cheapest route for this traffic."""

    model_id: str
    provider_id: str
    provider_name: str
    cost: Decimal
    actual: Decimal
    """What the same (priced) requests cost as logged."""
    difference: Decimal
    """``cost - actual`` (negative: cheaper)."""
    as_of: date | None
    routes_compared: int
    note: str = ESTIMATE_NOTE


@dataclass(frozen=True, slots=True)
class RoutingSimulation:
    """Some requests sent to ``target`` instead: by tag, or a uniform share of all requests."""

    target: str
    provider_id: str
    tag: str | None
    share: Decimal | None
    moved_requests: int
    moved_actual: Decimal
    moved_target: Decimal
    actual_total: Decimal
    simulated_total: Decimal
    saved: Decimal
    as_of: date | None
    note: str = ESTIMATE_NOTE


@dataclass(frozen=True, slots=True)
class CachingWhatIf:
    """The traffic with ``share`` of its input served from the prompt cache (where it is not
    already), on the same routes at the same prices."""

    share: Decimal
    baseline: Decimal
    """The traffic as logged, at the prices of ``as_of``."""
    cost: Decimal
    saved: Decimal
    as_of: date | None
    unpriced_groups: int


def _trusted_routes(catalog: Catalog, model: Model, as_of: date | None) -> list[Route]:
    """Priced pay-per-token routes of ``model`` under the pricing engine's trusted-route policy.
    Until the engine has one, the model's vendor routes stand in (a reseller's discount is a
    claim to check, not a price to compare against), or every route when the vendor has none."""
    kwargs: dict[str, Any] = {}
    if "policy" in inspect.signature(routes).parameters:
        kwargs["policy"] = "trusted"
    found = routes(catalog, model, _PROBE, as_of, **kwargs)
    kept = [r for r in found if r.pay_per_token and isinstance(r.cost, Cost) and r.price]
    if kwargs:
        return kept
    first_party = [r for r in kept if r.first_party]
    return first_party or kept


def _thresholds(points: Sequence[PricePoint]) -> list[int]:
    return sorted({t.above_input_tokens for p in points for t in p.tiers})


def _basis(band: int, thresholds: Sequence[int]) -> int:
    return 0 if band == 0 else thresholds[band - 1] + 1


def band_cost(
    offering: Offering,
    point: PricePoint,
    bands: Sequence[dict[str, Any]],
    thresholds: Sequence[int],
    cached_share: Decimal | None = None,
) -> Decimal | None:
    """The engine's cost of the summed ``bands`` on one offering (None if any band with tokens
    cannot be priced there). ``cached_share`` raises each band's cache reads to that share of
    its input (the caching what-if)."""
    total = Decimal(0)
    for b in bands:
        written = b["cache_write_tokens"]
        one_hour = b["cache_write_1h_tokens"]
        cached: int | Decimal = b["cached_input_tokens"]
        if cached_share is not None:
            room = b["input_tokens"] - written - one_hour
            cached = min(max(Decimal(cached), b["input_tokens"] * cached_share), Decimal(room))
        basis = _basis(b["band"], thresholds)
        cost = Billing(
            b["input_tokens"],
            b["output_tokens"],
            cached,
            written + one_hour,
            basis,
            bool(b["batch"]),
            True,
        ).cost(offering, point)
        if not isinstance(cost, Cost):
            return None
        total += cost.total
        if one_hour and point.cache_write_1h is not None:
            # The engine priced the 1-hour writes at the 5-minute price: correct to the 1-hour
            # one where the offering lists it (as the row pricing does).
            five = cost.cache_write * one_hour / (written + one_hour)
            total += (point.cache_write_1h * one_hour).scaleb(-6) - five
    return total


def _band_rows(engine: Engine, rows: Any, thresholds: Sequence[int]) -> list[dict[str, Any]]:
    return [r for r in engine.run(queries.bands(rows, thresholds)).to_pylist() if r["requests"]]


def cheapest_for(
    catalog: Catalog, engine: Engine, rows: Any, model: Model, as_of: date | None
) -> tuple[Route, Decimal, int] | None:
    """The cheapest trusted route of ``model`` for the requests in ``rows``, its exact cost, and
    the number of routes compared (None when no route prices them)."""
    candidates = _trusted_routes(catalog, model, as_of)
    points = [r.price for r in candidates if r.price is not None]
    thresholds = _thresholds(points)
    bands = _band_rows(engine, rows, thresholds)
    best: tuple[tuple[Decimal, bool, str], Route, Decimal] | None = None
    offerings = {o.provider_id: o for o in catalog.offerings_of(model.id)}
    for route in candidates:
        offering = offerings.get(route.provider_id)
        if offering is None or route.price is None:
            continue
        cost = band_cost(offering, route.price, bands, thresholds)
        if cost is None:
            continue
        key = (cost, not route.first_party, route.provider_id)
        if best is None or key < best[0]:
            best = (key, route, cost)
    return None if best is None else (best[1], best[2], len(candidates))


def alternatives_of(
    catalog: Catalog,
    engine: Engine,
    rows: Any,
    names: Sequence[str],
    as_of: date | None,
    actual: Decimal,
) -> tuple[Alternative, ...]:
    """The priced requests of ``rows`` on each of ``names``, cheapest first."""
    found = []
    priced = rows.filter(rows.cost.notnull())
    for name in names:
        model = catalog.model(name)
        best = cheapest_for(catalog, engine, priced, model, as_of)
        if best is None:
            continue
        route, cost, compared = best
        found.append(
            Alternative(
                model.id,
                route.provider_id,
                route.provider_name,
                cost,
                actual,
                cost - actual,
                as_of,
                compared,
            )
        )
    return tuple(sorted(found, key=lambda a: (a.cost, a.model_id)))


def simulate_routing(
    catalog: Catalog,
    engine: Engine,
    rows: Any,
    plan: tuple[str, str | None, Decimal],
    as_of: date | None,
    actual_total: Decimal,
) -> RoutingSimulation | Unavailable:
    """Requests with tag ``plan[1]`` (or a uniform ``plan[2]`` share of all requests) sent to
    model ``plan[0]`` on its cheapest trusted route."""
    target_name, tag, share = plan
    model = catalog.model(target_name)
    priced = rows.filter(rows.cost.notnull())
    moved = priced.filter(priced.tag == tag) if tag is not None else priced
    best = cheapest_for(catalog, engine, moved, model, as_of)
    if best is None:
        return Unavailable(f"no trusted route prices this traffic on {model.id}", model.id)
    route, target_cost, _ = best
    summary = engine.run(queries.summary(moved, ())).to_pylist()[0]
    moved_actual = Decimal(summary["cost"] or 0)
    moved_requests = int(summary["requests"] or 0)
    fraction = Decimal(1) if tag is not None else share
    moved_actual, target_cost = moved_actual * fraction, target_cost * fraction
    simulated = actual_total - moved_actual + target_cost
    return RoutingSimulation(
        model.id,
        route.provider_id,
        tag,
        None if tag is not None else share,
        moved_requests if tag is not None else int(moved_requests * share),
        moved_actual,
        target_cost,
        actual_total,
        simulated,
        actual_total - simulated,
        as_of,
    )


def caching_what_if(
    catalog: Catalog,
    engine: Engine,
    rows: Any,
    share: Decimal,
    as_of: date | None,
) -> CachingWhatIf:
    """Each offering's requests with ``share`` of input read from cache, at ``as_of`` prices."""
    priced = rows.filter(rows.cost.notnull())
    keys = engine.run(
        priced.select("model_id", "provider_id").distinct().order_by(["model_id", "provider_id"])
    ).to_pylist()
    baseline = cost = Decimal(0)
    unpriced = 0
    for key in keys:
        offering = next(
            (
                o
                for o in catalog.offerings_of(key["model_id"])
                if o.provider_id == key["provider_id"]
            ),
            None,
        )
        point = offering.price_on(as_of) if offering is not None else None
        if offering is None or point is None:
            unpriced += 1
            continue
        thresholds = _thresholds([point])
        subset = priced.filter(
            (priced.model_id == key["model_id"]) & (priced.provider_id == key["provider_id"])
        )
        bands = _band_rows(engine, subset, thresholds)
        before = band_cost(offering, point, bands, thresholds)
        after = band_cost(offering, point, bands, thresholds, share)
        if before is None or after is None:
            unpriced += 1
            continue
        baseline += before
        cost += after
    return CachingWhatIf(share, baseline, cost, baseline - cost, as_of, unpriced)
