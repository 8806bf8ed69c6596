"""One model's side of a comparison or profile: facts, routes costed for a traffic, cheapest
quotes, labels and newest benchmark results, gathered once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.benchmarks.engine import score as bench_score
from llmref.catalog import (
    Benchmark,
    BenchmarkResult,
    Catalog,
    Model,
    is_text_model,
    model_class,
)
from llmref.facts import CAPABILITIES
from llmref.labels import CAPABILITY_LABELS, SPEED_BENCHMARKS, Label, LabelFacts, best_for, fit_tags
from llmref.pricing import (
    DEFAULT_INPUT_SHARE,
    DEFAULT_POLICY,
    DEFAULT_TRAFFIC,
    Cost,
    Quote,
    Route,
    RouteAssessment,
    RoutePolicy,
    Traffic,
    Unavailable,
    assess,
    cheapest_quotes,
    newest_result,
    routes,
)
from llmref.pricing.memo import per_snapshot


@dataclass(frozen=True, slots=True)
class Capability:
    """One capability flag of a model."""

    id: str
    label: str
    value: bool | None
    """True, False, or None when no source says."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value comes from and when it was last checked."""

    source: str
    reviewed: date


@dataclass(frozen=True, slots=True)
class Side:
    """Everything a comparison or profile shows about one model, at one date and traffic."""

    id: str
    name: str
    vendor_id: str | None
    vendor_name: str | None
    release_date: date | None
    deprecation_date: date | None
    """When the vendor retires (or retired) the model, if announced."""
    knowledge_cutoff: str | None
    context_window: int | None
    max_output_tokens: int | None
    parameters_total: int | None
    parameters_active: int | None
    architecture: str | None
    license: str | None
    open_weights: bool | None
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    capabilities: tuple[Capability, ...]
    routes: tuple[Route, ...]
    """Every provider, costed for the traffic: cheapest first, subscription products last."""
    priced_providers: tuple[str, ...]
    """Names of the providers with a pay-per-token price in force."""
    subscription_providers: tuple[str, ...]
    """Names of subscription products that include the model (no pay-per-token price)."""
    provider_names: tuple[str, ...]
    """Every place to run the model, in route order."""
    cheapest_input: Quote | None
    cheapest_output: Quote | None
    blended: Quote | None
    """Lowest blended price per 1M tokens at the comparison's input/output split."""
    monthly: Route | Unavailable
    """The cheapest route for the traffic, or why there is none."""
    monthly_cost: Decimal | None
    monthly_route_name: str | None
    monthly_reason: str | None
    """Why the monthly cost is unavailable (None when it is available)."""
    best_for: Label | None
    fit_tags: tuple[Label, ...]
    benchmarks: tuple[BenchmarkResult, ...]
    """Newest quality result per benchmark (speed measurements are in the two fields below)."""
    output_speed: BenchmarkResult | None
    ttft: BenchmarkResult | None
    last_reviewed: date
    sources: tuple[str, ...]
    assessment: RouteAssessment
    """Every route under the route policy: how many were considered, which were set aside and
    why. ``monthly`` and the cheapest quotes come from the included routes only."""
    provenance: dict[str, Provenance]
    """The source and review date of each model fact (by field name) and of each price in the
    cheapest quotes and monthly route (by provider id), so a table cell carries its own."""
    model_class: str = "chat"
    """chat, reasoning, embedding, rerank, image, video, speech or moderation
    (:func:`llmref.catalog.model_class`)."""
    benchmark_defs: tuple[Benchmark, ...] = ()
    """The definitions (name, version, direction) of the versions in `benchmarks`."""


MAX_SIDES = 1024
"""Sides kept per (traffic, blend, date, policy): every model of a site's top pages, bounded for
a static export that walks the whole catalogue."""


def build_side(
    catalog: Catalog,
    model: Model,
    traffic: Traffic = DEFAULT_TRAFFIC,
    input_share: Decimal = DEFAULT_INPUT_SHARE,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> Side:
    """The facts, prices, labels and benchmarks of one model; cheapest figures follow
    ``policy``.

    A side is a pure function of the snapshot and these arguments, and a top model is on dozens
    of comparison pages: it is built once per snapshot and kept (:func:`per_snapshot`), so a
    comparison costs the pair's own work, not two models' routes again."""
    memo: dict[str, Side] = per_snapshot(
        catalog, "sides", (traffic, input_share, as_of, policy), dict
    )
    found = memo.get(model.id)
    if found is None:
        if len(memo) >= MAX_SIDES:
            memo.clear()
        found = memo[model.id] = _build_side(catalog, model, traffic, input_share, as_of, policy)
    return found


def _build_side(
    catalog: Catalog,
    model: Model,
    traffic: Traffic,
    input_share: Decimal,
    as_of: date | None,
    policy: RoutePolicy,
) -> Side:
    found = routes(catalog, model, traffic, as_of)
    assessment = assess(catalog, model, found, policy)
    monthly = assessment.cheapest
    cheapest_in, cheapest_out, blended = cheapest_quotes(
        assessment.included, ("input", "output", "blended"), input_share
    )
    results = catalog.benchmarks_of(model.id)
    quality = []
    for bench in sorted({r.benchmark for r in results} - set(SPEED_BENCHMARKS)):
        # The same score a profile ranks and the chart plots (newest; on one date, the best).
        newest = bench_score(results, catalog.benchmark(bench), as_of)
        if newest is not None:
            quality.append(newest)
    humaneval = next(
        (r.value for r in quality if r.benchmark == "humaneval" and r.unit == "%"), None
    )
    caps = tuple(Capability(c, CAPABILITY_LABELS[c], model.capability(c)) for c in CAPABILITIES)
    paid_priced = [r for r in found if r.pay_per_token and isinstance(r.cost, Cost)]
    facts = LabelFacts(
        context_window=model.value("context_window"),
        capabilities={c.id: c.value for c in caps},
        open_weights=model.value("open_weights"),
        cheapest_input=cheapest_in.price if cheapest_in else None,
        blended=blended.price if blended else None,
        paid_routes=len(paid_priced),
        humaneval=humaneval,
    )
    tags = fit_tags(facts)
    vendor = catalog.vendors.get(model.vendor_id) if model.vendor_id else None
    reviewed = [f.reviewed for f in model.facts.values()]
    reviewed += [r.price.reviewed for r in found if r.price is not None]
    reviewed += [r.reviewed for r in quality]
    sources = {f.source for f in model.facts.values()}
    sources |= {r.price.source for r in found if r.price is not None}
    sources |= {r.source for r in quality}
    return Side(
        id=model.id,
        name=model.name,
        vendor_id=model.vendor_id,
        vendor_name=vendor.name if vendor else None,
        release_date=model.value("release_date"),
        deprecation_date=model.value("deprecation_date"),
        knowledge_cutoff=model.value("knowledge_cutoff"),
        context_window=model.value("context_window"),
        # An embedding model writes no answers: datasets put its vector size in the output limit.
        max_output_tokens=model.value("max_output_tokens") if is_text_model(model) else None,
        parameters_total=model.value("parameters_total"),
        parameters_active=model.value("parameters_active"),
        architecture=model.value("architecture"),
        license=model.value("license"),
        open_weights=model.value("open_weights"),
        input_modalities=tuple(model.value("input_modalities") or ()),
        output_modalities=tuple(model.value("output_modalities") or ()),
        capabilities=caps,
        routes=found,
        priced_providers=tuple(r.provider_name for r in paid_priced),
        subscription_providers=tuple(r.provider_name for r in found if not r.pay_per_token),
        provider_names=tuple(r.provider_name for r in found),
        cheapest_input=cheapest_in,
        cheapest_output=cheapest_out,
        blended=blended,
        monthly=monthly,
        monthly_cost=monthly.cost.total
        if isinstance(monthly, Route) and isinstance(monthly.cost, Cost)
        else None,
        monthly_route_name=monthly.provider_name if isinstance(monthly, Route) else None,
        monthly_reason=monthly.reason if isinstance(monthly, Unavailable) else None,
        best_for=best_for(facts, tags),
        fit_tags=tags,
        benchmarks=tuple(quality),
        output_speed=newest_result(results, "output-speed", as_of),
        ttft=newest_result(results, "ttft", as_of),
        last_reviewed=max(reviewed, default=date(1970, 1, 1)),
        sources=tuple(sorted(sources)),
        assessment=assessment,
        provenance=_provenance(model, found),
        model_class=model_class(model),
        benchmark_defs=tuple(
            catalog.benchmark_defs[r.benchmark]
            for r in quality
            if r.benchmark in catalog.benchmark_defs
        ),
    )


def _provenance(model: Model, found: tuple[Route, ...]) -> dict[str, Provenance]:
    out = {name: Provenance(f.source, f.reviewed) for name, f in model.facts.items()}
    for r in found:
        if r.price is not None:
            out.setdefault(f"price:{r.provider_id}", Provenance(r.price.source, r.price.reviewed))
    return out
