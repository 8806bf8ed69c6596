"""Workload presets and the decisions built on the cost maths: savings from caching and batch,
routing traffic between two models, and value per intelligence point.

Pure like the rest of :mod:`llmref.pricing`: a catalogue snapshot, numbers and an ``as_of``
date in, frozen dataclasses out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from llmref.catalog import BenchmarkResult, Catalog, Model, Offering
from llmref.pricing.cost import (
    DEFAULT_TRAFFIC,
    ZERO,
    Cost,
    Traffic,
    Unavailable,
    Usage,
    check_share,
    monthly_cost,
)
from llmref.pricing.policy import DEFAULT_POLICY, RoutePolicy, cheapest_route
from llmref.pricing.routes import Quote, Route, cheapest_quote

INTELLIGENCE_INDEX = "intelligence-index"
"""Benchmark id of the composite intelligence index used for value."""


@dataclass(frozen=True, slots=True)
class RequestPreset:
    """A typical request size."""

    id: str
    name: str
    input_tokens: int
    output_tokens: int

    @property
    def usage(self) -> Usage:
        return Usage(self.input_tokens, self.output_tokens)


REQUEST_PRESETS = (
    RequestPreset("small", "Small", 500, 200),
    RequestPreset("medium", "Medium", 5_000, 1_000),
    RequestPreset("large", "Large", 50_000, 4_000),
)
EMBEDDING_PRESETS = (
    RequestPreset("small", "Small", 500, 0),
    RequestPreset("medium", "Medium", 5_000, 0),
    RequestPreset("large", "Large", 50_000, 0),
)
"""For embedding and rerank models: input only (they write no answer to pay for)."""
TYPICAL_REQUEST = REQUEST_PRESETS[1]
"""5K in / 1K out: the request used for value per intelligence point."""


@dataclass(frozen=True, slots=True)
class WorkloadRatio:
    """An input:output token ratio typical of a kind of work."""

    id: str
    name: str
    input_parts: int
    output_parts: int
    input_share: Decimal
    """input_parts / (input_parts + output_parts)."""


def _ratio(id_: str, name: str, input_parts: int, output_parts: int) -> WorkloadRatio:
    share = Decimal(input_parts) / (input_parts + output_parts)
    return WorkloadRatio(id_, name, input_parts, output_parts, share)


WORKLOAD_RATIOS = (
    _ratio("chat", "Chat", 2, 1),
    _ratio("code-review", "Code review", 3, 1),
    _ratio("document-analysis", "Document analysis", 10, 1),
    _ratio("document-analysis-long", "Long-document analysis", 50, 1),
    _ratio("embeddings", "Embeddings", 1, 0),
)


@dataclass(frozen=True, slots=True)
class PresetCost:
    """One request preset on the model's cheapest route for it."""

    preset: RequestPreset
    route: Route | Unavailable
    cost: Decimal | None
    """The request's cost on that route (None when unavailable)."""
    provider_name: str | None
    reason: str | None
    """Why there is no cost (None when there is one)."""


def _preset_cost(preset: RequestPreset, route: Route | Unavailable) -> PresetCost:
    if isinstance(route, Unavailable):
        return PresetCost(preset, route, None, None, route.reason)
    assert isinstance(route.cost, Cost)
    return PresetCost(preset, route, route.cost.total, route.provider_name, None)


def preset_costs(
    catalog: Catalog,
    model: Model,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[PresetCost, ...]:
    """Cost of a Small, Medium and Large request, each on its cheapest route under ``policy``;
    for an embedding or rerank model the same sizes as input only."""
    from llmref.catalog import model_class

    presets = (
        EMBEDDING_PRESETS if model_class(model) in ("embedding", "rerank") else REQUEST_PRESETS
    )
    return tuple(
        _preset_cost(p, cheapest_route(catalog, model, p.usage, as_of, policy=policy))
        for p in presets
    )


@dataclass(frozen=True, slots=True)
class RatioPrice:
    """Blended price per 1M tokens at one workload ratio, on the cheapest route for it."""

    ratio: WorkloadRatio
    quote: Quote | None


def ratio_prices(
    found: tuple[Route, ...], ratios: tuple[WorkloadRatio, ...] = WORKLOAD_RATIOS
) -> tuple[RatioPrice, ...]:
    """Blended prices of already computed routes at each workload ratio."""
    return tuple(RatioPrice(r, cheapest_quote(found, "blended", r.input_share)) for r in ratios)


# ---- savings --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Savings:
    """A cost with and without a discount mechanism (prompt caching, batch)."""

    kind: str
    """"cache" or "batch"."""
    model_id: str
    provider_id: str
    baseline: Decimal
    cost: Decimal
    saved: Decimal
    saved_share: Decimal
    """saved / baseline (0 when the baseline is 0)."""
    available: bool = True
    """Always True; :class:`Unavailable` has False (one test for views)."""


def _savings(
    kind: str, base: Cost | Unavailable, cheaper: Cost | Unavailable
) -> Savings | Unavailable:
    if isinstance(base, Unavailable):
        return base
    if isinstance(cheaper, Unavailable):
        return cheaper
    saved = base.total - cheaper.total
    share = saved / base.total if base.total else ZERO
    return Savings(kind, base.model_id, base.provider_id, base.total, cheaper.total, saved, share)


def cache_savings(
    offering: Offering,
    hit_share: Decimal,
    traffic: Traffic = DEFAULT_TRAFFIC,
    as_of: date | None = None,
) -> Savings | Unavailable:
    """Monthly saving when ``hit_share`` of input tokens are read from the prompt cache."""
    share = check_share("cache_hit_share", hit_share)
    point = offering.price_on(as_of)
    if (
        point is not None
        and point.cache_read is None
        and all(t.cache_read is None for t in point.tiers)
    ):
        return Unavailable(
            f"no cache-read price is listed for {offering.model_id} on {offering.provider_id}",
            offering.model_id,
            offering.provider_id,
        )
    base = monthly_cost(offering, replace(traffic, cached_share=ZERO), as_of)
    cached = monthly_cost(offering, replace(traffic, cached_share=share), as_of)
    return _savings("cache", base, cached)


def batch_savings(
    offering: Offering, traffic: Traffic = DEFAULT_TRAFFIC, as_of: date | None = None
) -> Savings | Unavailable:
    """Monthly saving when the whole traffic goes through the batch API."""
    base = monthly_cost(offering, replace(traffic, batch=False), as_of)
    batched = monthly_cost(offering, replace(traffic, batch=True), as_of)
    return _savings("batch", base, batched)


# ---- routing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoutingPlan:
    """Share ``share`` of the traffic to a cheap model, the rest to a strong one."""

    share: Decimal
    """Share of requests sent to the cheap model (0–1)."""
    traffic: Traffic
    cheap_route: Route
    strong_route: Route
    cheap_cost: Decimal
    """Monthly cost of the cheap model's share."""
    strong_cost: Decimal
    total: Decimal
    all_strong: Decimal
    """Monthly cost if every request went to the strong model."""
    saved: Decimal
    saved_share: Decimal
    """saved / all_strong (0 when all_strong is 0)."""
    available: bool = True
    """Always True; :class:`Unavailable` has False (one test for views)."""


def routing_plan(
    catalog: Catalog,
    cheap: Model,
    strong: Model,
    share: Decimal,
    traffic: Traffic = DEFAULT_TRAFFIC,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> RoutingPlan | Unavailable:
    """Blended monthly cost of routing and its saving against sending everything to ``strong``.
    Each model runs on its cheapest route for the full traffic shape (costs are linear in the
    number of requests, so a share of the traffic costs that share of the full bill)."""
    s = check_share("share", share)
    cheap_route = cheapest_route(catalog, cheap, traffic, as_of, policy=policy)
    if isinstance(cheap_route, Unavailable):
        return cheap_route
    strong_route = cheapest_route(catalog, strong, traffic, as_of, policy=policy)
    if isinstance(strong_route, Unavailable):
        return strong_route
    return plan_routing(cheap_route, strong_route, s, traffic)


def plan_routing(
    cheap_route: Route, strong_route: Route, share: Decimal, traffic: Traffic
) -> RoutingPlan:
    """The routing arithmetic on two costed routes: ``share`` of the requests on the cheap one,
    the rest on the strong one, against sending everything to the strong one."""
    assert isinstance(cheap_route.cost, Cost) and isinstance(strong_route.cost, Cost)
    all_strong = strong_route.cost.total
    cheap_cost = cheap_route.cost.total * share
    strong_cost = all_strong * (1 - share)
    total = cheap_cost + strong_cost
    saved = all_strong - total
    return RoutingPlan(
        share=share,
        traffic=traffic,
        cheap_route=cheap_route,
        strong_route=strong_route,
        cheap_cost=cheap_cost,
        strong_cost=strong_cost,
        total=total,
        all_strong=all_strong,
        saved=saved,
        saved_share=saved / all_strong if all_strong else ZERO,
    )


# ---- value ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueScore:
    """Typical-request cost per intelligence-index point (lower is better value)."""

    model_id: str
    request_cost: Decimal
    """Cost of a 5K-in / 1K-out request on the cheapest route."""
    index: Decimal
    cost_per_point: Decimal
    route: Route
    index_result: BenchmarkResult
    available: bool = True
    """Always True; :class:`Unavailable` has False (one test for views)."""
    benchmark_title: str = "Intelligence Index"
    """The index version the points are counted on, as pages name it."""


def newest_result(
    results: tuple[BenchmarkResult, ...], benchmark: str, as_of: date | None = None
) -> BenchmarkResult | None:
    """The newest measurement of ``benchmark`` (measured date, else review date), ignoring those
    measured after ``as_of``; ties go to the source sorting first."""
    candidates = [
        r
        for r in results
        if r.benchmark == benchmark and (as_of is None or (r.measured or r.reviewed) <= as_of)
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda r: (-(r.measured or r.reviewed).toordinal(), r.source, r.provider or ""),
    )


def value_score(
    catalog: Catalog,
    model: Model,
    as_of: date | None = None,
    typical: Route | Unavailable | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> ValueScore | Unavailable:
    """Cost of a typical request (5K in / 1K out) divided by intelligence-index points.
    ``typical`` is the cheapest route for that request on ``as_of`` when the caller has it
    already (a profile has, from its presets), so it is not priced twice."""
    results = catalog.benchmarks_of(model.id)
    index = newest_result(results, INTELLIGENCE_INDEX, as_of)
    if index is None:
        # A versioned edition of the index (data/benchmarks/benchmarks.toml family), when the
        # version is known: an edition quoted without its version is not used for value.
        editions = sorted(
            {
                r.benchmark
                for r in results
                if catalog.benchmark(r.benchmark).family == INTELLIGENCE_INDEX
                and catalog.benchmark(r.benchmark).version != "unknown"
            }
        )
        found = [newest_result(results, b, as_of) for b in editions]
        index = max(
            (r for r in found if r is not None),
            key=lambda r: (r.measured or r.reviewed, r.benchmark),
            default=None,
        )
    if index is None:
        quoted = any(catalog.benchmark(r.benchmark).family == INTELLIGENCE_INDEX for r in results)
        if quoted:
            return Unavailable(
                f"the intelligence-index figure tracked for {model.id} does not state which "
                "edition of the index it is",
                model.id,
            )
        return Unavailable(f"no intelligence-index score is tracked for {model.id}", model.id)
    if index.value <= 0:
        return Unavailable(f"the intelligence-index score of {model.id} is 0", model.id)
    route = typical
    if route is None:
        route = cheapest_route(catalog, model, TYPICAL_REQUEST.usage, as_of, policy=policy)
    if isinstance(route, Unavailable):
        return route
    assert isinstance(route.cost, Cost)
    return ValueScore(
        model_id=model.id,
        request_cost=route.cost.total,
        index=index.value,
        cost_per_point=route.cost.total / index.value,
        route=route,
        index_result=index,
        benchmark_title=catalog.benchmark(index.benchmark).title
        if index.benchmark in catalog.benchmark_defs
        else "Intelligence Index",
    )
