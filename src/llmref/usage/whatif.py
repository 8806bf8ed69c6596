"""What the same traffic would cost elsewhere: other models, routing a share to a cheaper model,
more prompt caching.

The log is summed once per long-context band (:func:`llmref.usage.queries.bands`), and each band
is costed as one workload by the pricing engine (:class:`llmref.pricing.Billing`): exact, and
as fast for ten million rows as for ten. Alternative models keep the same token counts — an
estimate, since another model's tokenizer counts the same text differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from llmref.catalog import Catalog, Model, Offering, PricePoint
from llmref.pricing import Billing, Cost, Route, Unavailable, Usage, assess_routes
from llmref.usage.engine import Engine, Registered

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
    """Priced pay-per-token routes of ``model`` the pricing engine's trusted-route policy allows
    (the vendor's API, clouds, inference hosts; resellers and outliers set aside)."""
    assessment = assess_routes(catalog, model, _PROBE, as_of, policy="trusted")
    return [r for r in assessment.included if isinstance(r.cost, Cost) and r.price is not None]


def thresholds_of(points: Sequence[PricePoint]) -> list[int]:
    return sorted({t.above_input_tokens for p in points for t in p.tiers})


def _basis(band: int, thresholds: Sequence[int]) -> int:
    return 0 if band == 0 else thresholds[band - 1] + 1


def rebucket(
    bands: Sequence[dict[str, Any]], cube_thresholds: Sequence[int], wanted: Sequence[int]
) -> list[dict[str, Any]]:
    """Band sums over the cube's thresholds regrouped over ``wanted`` (a subset): a request
    above exactly the first k cube thresholds is above the wanted ones among them."""
    ordered = sorted(set(cube_thresholds))
    subset = sorted(set(wanted))
    if not set(subset) <= set(ordered):
        raise ValueError(f"thresholds {subset} are not all among the cube's {ordered}")
    merged: dict[tuple[int, bool], dict[str, Any]] = {}
    for b in bands:
        k = b["band"]
        band = sum(1 for t in subset if k and t <= ordered[k - 1])
        key = (band, bool(b["batch"]))
        into = merged.setdefault(key, {"band": band, "batch": key[1]})
        for name, value in b.items():
            if name not in ("band", "batch", "cost") and isinstance(value, int):
                into[name] = into.get(name, 0) + value
    return [merged[k] for k in sorted(merged)]


def band_cost(
    offering: Offering,
    point: PricePoint,
    bands: Sequence[dict[str, Any]],
    thresholds: Sequence[int],
    cached_share: Decimal | None = None,
) -> Decimal | None:
    """The engine's cost of the summed ``bands`` (banded over ``thresholds``) on one offering
    (None if a band with tokens cannot be priced there). ``cached_share`` raises each band's
    cache reads to that share of its input (the caching what-if)."""
    total = Decimal(0)
    for b in bands:
        written = b["cache_write_tokens"]
        one_hour = b["cache_write_1h_tokens"]
        cached: int | Decimal = b["cached_input_tokens"]
        if cached_share is not None:
            room = b["input_tokens"] - written - one_hour
            cached = min(max(Decimal(cached), b["input_tokens"] * cached_share), Decimal(room))
        cost = Billing(
            b["input_tokens"],
            b["output_tokens"],
            cached,
            written + one_hour,
            _basis(b["band"], thresholds),
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


@dataclass(frozen=True)
class Traffic:
    """The cube's band sums of some requests, ready to be priced anywhere."""

    bands: list[dict[str, Any]]
    thresholds: list[int]
    _over: dict[tuple[int, ...], list[dict[str, Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of_summary(cls, rows: Sequence[dict[str, Any]], thresholds: Sequence[int]) -> Traffic:
        """The priced traffic in the band grouping's rows of :func:`queries.summaries`
        (``key0`` the band, ``key1`` the batch flag, ``key2`` whether priced; cache writes there
        count both durations)."""
        bands = []
        for r in rows:
            if r["key2"] != "true" or not r["requests"]:
                continue
            one_hour = int(r["cache_write_1h_tokens"])
            bands.append(
                {
                    "band": int(r["key0"]),
                    "batch": r["key1"] == "true",
                    "requests": int(r["requests"]),
                    "input_tokens": int(r["input_tokens"]),
                    "output_tokens": int(r["output_tokens"]),
                    "cached_input_tokens": int(r["cached_input_tokens"]),
                    "cache_write_tokens": int(r["cache_write_tokens"]) - one_hour,
                    "cache_write_1h_tokens": one_hour,
                    "cost": r["cost"],
                }
            )
        bands.sort(key=lambda b: (b["band"], b["batch"]))
        return cls(bands, sorted(set(thresholds)))

    def over(self, wanted: Sequence[int]) -> list[dict[str, Any]]:
        """:func:`rebucket` to ``wanted`` (once per set of thresholds: most routes share one)."""
        key = tuple(sorted(set(wanted)))
        if key not in self._over:
            self._over[key] = rebucket(self.bands, self.thresholds, key)
        return self._over[key]


def traffic(
    engine: Engine, cubed: Registered, thresholds: Sequence[int], tag: str | None = None
) -> Traffic:
    """The band sums of the cube's priced requests (of ``tag`` only, when given)."""

    def build() -> Any:
        from llmref.usage import queries

        cube = cubed.expr()
        priced = cube.filter(cube.priced)
        return queries.band_sums(priced.filter(priced.tag == tag) if tag is not None else priced)

    found = engine.query(("band_sums", cubed.key, tag is not None, tag), build).to_pylist()
    return Traffic([r for r in found if r["requests"]], sorted(set(thresholds)))


def route_candidates(catalog: Catalog, model: Model, as_of: date | None) -> list[Route]:
    return _trusted_routes(catalog, model, as_of)


def cheapest_for(
    catalog: Catalog, load: Traffic, model: Model, as_of: date | None
) -> tuple[Route, Decimal, int] | None:
    """The cheapest trusted route of ``model`` for ``load``, its exact cost, and the number of
    routes compared (None when no route prices it)."""
    candidates = _trusted_routes(catalog, model, as_of)
    offerings = {o.provider_id: o for o in catalog.offerings_of(model.id)}
    best: tuple[tuple[Decimal, bool, str], Route, Decimal] | None = None
    for route in candidates:
        offering = offerings.get(route.provider_id)
        if offering is None or route.price is None:
            continue
        wanted = thresholds_of([route.price])
        bands = load.over(wanted)
        cost = band_cost(offering, route.price, bands, wanted)
        if cost is None:
            continue
        key = (cost, not route.first_party, route.provider_id)
        if best is None or key < best[0]:
            best = (key, route, cost)
    return None if best is None else (best[1], best[2], len(candidates))


def alternatives_of(
    catalog: Catalog,
    load: Traffic,
    names: Sequence[str],
    as_of: date | None,
    actual: Decimal,
) -> tuple[Alternative, ...]:
    """The priced requests (``load``) on each of ``names``, cheapest first."""
    found = []
    for name in names:
        model = catalog.model(name)
        best = cheapest_for(catalog, load, model, as_of)
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
    cubed: Registered,
    thresholds: Sequence[int],
    plan: tuple[str, str | None, Decimal],
    as_of: date | None,
    actual_total: Decimal,
) -> RoutingSimulation | Unavailable:
    """Requests with tag ``plan[1]`` (or a uniform ``plan[2]`` share of all requests) sent to
    model ``plan[0]`` on its cheapest trusted route."""
    target_name, tag, share = plan
    model = catalog.model(target_name)
    load = traffic(engine, cubed, thresholds, tag)
    best = cheapest_for(catalog, load, model, as_of)
    if best is None:
        return Unavailable(f"no trusted route prices this traffic on {model.id}", model.id)
    route, target_cost, _ = best
    moved_actual = sum((Decimal(b["cost"] or 0) for b in load.bands), Decimal(0))
    moved_requests = sum(b["requests"] for b in load.bands)
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
    cubed: Registered,
    thresholds: Sequence[int],
    share: Decimal,
    as_of: date | None,
) -> CachingWhatIf:
    """Each offering's requests with ``share`` of input read from cache, at ``as_of`` prices."""

    def build() -> Any:
        from llmref.usage import queries

        cube = cubed.expr()
        return queries.band_sums(cube.filter(cube.priced), ("model_id", "provider_id"))

    rows = engine.query(("band_sums_by_offering", cubed.key), build).to_pylist()
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["model_id"], r["provider_id"]), []).append(r)
    baseline = cost = Decimal(0)
    unpriced = 0
    for (model_id, provider_id), bands in sorted(groups.items()):
        offering = next(
            (o for o in catalog.offerings_of(model_id) if o.provider_id == provider_id), None
        )
        point = offering.price_on(as_of) if offering is not None else None
        if offering is None or point is None:
            unpriced += 1
            continue
        wanted = thresholds_of([point])
        regrouped = rebucket(bands, thresholds, wanted)
        before = band_cost(offering, point, regrouped, wanted)
        after = band_cost(offering, point, regrouped, wanted, share)
        if before is None or after is None:
            unpriced += 1
            continue
        baseline += before
        cost += after
    return CachingWhatIf(share, baseline, cost, baseline - cost, as_of, unpriced)
