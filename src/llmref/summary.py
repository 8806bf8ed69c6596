"""One line about a model, for every list that shows many: the CLI's ``search``, the web's
search results, model lists, home page and chart, and the model page's summary card.

One engine so that a model's "cheapest" is the same figure everywhere: the cheapest route the
route policy allows (trusted by default; free tiers, subscriptions and set-aside routes never
count, see :mod:`llmref.pricing.policy`), its monthly cost at the default traffic, the model's
best standing on a benchmark version, and the facts a row shows (context, class, licence,
release and retirement dates). Pure: a catalogue snapshot and a date in, frozen data out; the
whole-catalogue results are kept per snapshot (:func:`llmref.pricing.memo.per_snapshot`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref import pricing
from llmref.benchmarks import engine as bench_engine
from llmref.catalog import BenchmarkResult, Catalog, Model, model_class
from llmref.pricing import workload as presets
from llmref.pricing.memo import per_snapshot

TYPICAL_REQUEST = presets.TYPICAL_REQUEST.usage
"""The request lists and the chart price: 5K input and 1K output tokens."""

MIN_RANKED = 5
"""A benchmark version ranks a model only when at least this many models have a score on it:
"1st of 2" says nothing."""


@dataclass(frozen=True, slots=True)
class MonthlyCost:
    """The workload's cost on the cheapest route the policy allows, and the price it used."""

    total: Decimal
    provider_id: str
    provider_name: str
    source: str
    """Where that route's price was read."""
    reviewed: date


@dataclass(frozen=True, slots=True)
class BestRank:
    """Where a model stands best: its position on one benchmark version among the models with a
    score on it, and the result (value, when it was measured, where it was read)."""

    benchmark: str
    """The id of one benchmark version (results compare only within one)."""
    title: str
    """Name and version, as pages print them."""
    position: int
    """1 = best."""
    total: int
    value: Decimal
    unit: str
    measured: date | None
    source: str
    reviewed: date


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """One model's row: data and the records it came from, no sentences."""

    id: str
    name: str
    vendor_id: str | None
    vendor_name: str | None
    family_id: str | None
    """For a dated snapshot: the canonical model it belongs to."""
    model_class: str
    """"chat", "reasoning", "embedding"... (:func:`llmref.catalog.model_class`)."""
    context_window: int | None
    open_weights: bool | None
    released: date | None
    retires: date | None
    """The vendor's announced deprecation date, if any."""
    providers: int
    """Pay-per-token routes with a price in force on the date asked (any policy)."""
    policy: pricing.RoutePolicy
    """The route policy the cheapest figures below were chosen under."""
    cheapest_input: pricing.Quote | None
    cheapest_output: pricing.Quote | None
    typical_request_cost: Decimal | None
    """Cost of a 5K-in/1K-out request on the cheapest allowed route."""
    typical_route: str | None
    """Name of the provider of that route."""
    monthly: MonthlyCost | None
    """The summary's workload (default: the default monthly traffic) on the cheapest allowed
    route, with that price's source and review date."""
    monthly_reason: str | None
    """Why there is no monthly figure (None when there is one)."""
    intelligence_index: Decimal | None
    """Newest intelligence-index value (ranks the top models)."""
    best_rank: BestRank | None
    """The benchmark version the model stands best on (among at least :data:`MIN_RANKED`
    models with a score)."""

    @property
    def monthly_cost(self) -> Decimal | None:
        return None if self.monthly is None else self.monthly.total


def _best_ranks(catalog: Catalog, as_of: date | None) -> dict[str, BestRank]:
    """Model id -> its best standing: the lowest share of models ahead of it over the quality
    benchmark versions with at least MIN_RANKED scores; ties to the wider version, then id."""
    best: dict[str, tuple[tuple[Decimal, int, str], bench_engine.Rank]] = {}
    for bench_id, count in bench_engine.coverage(catalog):
        if count < MIN_RANKED:
            continue
        bench = catalog.benchmark(bench_id)
        scores = bench_engine.scores_on(catalog, bench_id, as_of)
        total = len(scores)
        if total < MIN_RANKED:
            continue
        ordered = sorted(scores.values(), key=lambda r: r.value, reverse=bench.direction != "lower")
        for model_id, result in scores.items():
            ahead = sum(1 for r in ordered if bench.better(r.value, result.value))
            key = (Decimal(ahead) / total, -total, bench_id)
            current = best.get(model_id)
            if current is None or key < current[0]:
                best[model_id] = (key, bench_engine.Rank(bench, ahead + 1, total, result))
    return {model_id: _best(catalog, rank) for model_id, (_, rank) in best.items()}


def _best(catalog: Catalog, rank: bench_engine.Rank) -> BestRank:
    r = rank.result
    return BestRank(
        benchmark=rank.benchmark.id,
        title=bench_engine.display_title(catalog, rank.benchmark.id),
        position=rank.position,
        total=rank.total,
        value=r.value,
        unit=r.unit,
        measured=r.measured,
        source=r.source,
        reviewed=r.reviewed,
    )


def best_ranks(catalog: Catalog, as_of: date | None = None) -> Mapping[str, BestRank]:
    """:func:`_best_ranks`, once per catalogue snapshot and date."""
    return per_snapshot(catalog, "summary-ranks", as_of, lambda: _best_ranks(catalog, as_of))


def _intelligence_index(
    catalog: Catalog, model_id: str, as_of: date | None
) -> BenchmarkResult | None:
    found: BenchmarkResult | None = presets.newest_result(
        catalog.benchmarks_of(model_id), presets.INTELLIGENCE_INDEX, as_of
    )
    return found


def model_summary(
    catalog: Catalog,
    model: Model,
    *,
    policy: str = pricing.DEFAULT_POLICY,
    workload: pricing.Workload | None = None,
    as_of: date | None = None,
) -> ModelSummary:
    """The summary of ``model`` on ``as_of`` (None: the newest prices) under the route
    ``policy``; ``workload`` (default :data:`llmref.pricing.DEFAULT_TRAFFIC`) is what
    :attr:`ModelSummary.monthly_cost` prices."""
    chosen_policy = pricing.check_policy(policy)
    typical_routes = pricing.routes(catalog, model, TYPICAL_REQUEST, as_of)
    typical = pricing.assess(catalog, model, typical_routes, chosen_policy)
    allowed = typical.included
    cheapest_typical = typical.cheapest
    cost_of_typical = cheapest_typical.cost if isinstance(cheapest_typical, pricing.Route) else None
    quote_in, quote_out = pricing.cheapest_quotes(allowed, ("input", "output"))
    traffic = pricing.DEFAULT_TRAFFIC if workload is None else workload
    cheapest = pricing.cheapest_route(catalog, model, traffic, as_of, policy=chosen_policy)
    monthly = None
    if (
        isinstance(cheapest, pricing.Route)
        and isinstance(cheapest.cost, pricing.Cost)
        and cheapest.price is not None
    ):
        monthly = MonthlyCost(
            cheapest.cost.total,
            cheapest.provider_id,
            cheapest.provider_name,
            cheapest.price.source,
            cheapest.price.reviewed,
        )
    vendor = catalog.vendors.get(model.vendor_id or "")
    index = _intelligence_index(catalog, model.id, as_of)
    return ModelSummary(
        id=model.id,
        name=model.name,
        vendor_id=model.vendor_id,
        vendor_name=vendor.name if vendor else None,
        family_id=model.family_id,
        model_class=model_class(model),
        context_window=model.value("context_window"),
        open_weights=model.value("open_weights"),
        released=model.value("release_date"),
        retires=model.value("deprecation_date"),
        providers=sum(1 for r in typical_routes if r.pay_per_token and r.price is not None),
        policy=chosen_policy,
        cheapest_input=quote_in,
        cheapest_output=quote_out,
        typical_request_cost=(
            cost_of_typical.total if isinstance(cost_of_typical, pricing.Cost) else None
        ),
        typical_route=(
            cheapest_typical.provider_name if isinstance(cheapest_typical, pricing.Route) else None
        ),
        monthly=monthly,
        monthly_reason=cheapest.reason if isinstance(cheapest, pricing.Unavailable) else None,
        intelligence_index=None if index is None else index.value,
        best_rank=best_ranks(catalog, as_of).get(model.id),
    )


def summaries(
    catalog: Catalog, *, as_of: date | None = None, policy: str = pricing.DEFAULT_POLICY
) -> Mapping[str, ModelSummary]:
    """Every model's summary (model id -> summary), once per catalogue snapshot, date and
    policy."""
    chosen = pricing.check_policy(policy)

    def build() -> dict[str, ModelSummary]:
        return {
            m.id: model_summary(catalog, m, policy=chosen, as_of=as_of)
            for m in catalog.models.values()
        }

    return per_snapshot(catalog, "summaries", (as_of, chosen), build)


def top_models(found: Iterable[ModelSummary]) -> tuple[str, ...]:
    """Canonical models ranked by how widely they are served (priced routes), then by
    intelligence index, then id: the "top N" of the home page, the static export and the
    bundled-catalogue tests."""

    def key(s: ModelSummary) -> tuple[int, Decimal, str]:
        return (-s.providers, -(s.intelligence_index or Decimal(-1)), s.id)

    return tuple(s.id for s in sorted((s for s in found if s.family_id is None), key=key))


def search_rows(
    catalog: Catalog,
    text: str | None = None,
    *,
    capabilities: Iterable[str] = (),
    min_context: int | None = None,
    max_input_price: Decimal | None = None,
    open_weights: bool = False,
    policy: str = pricing.DEFAULT_POLICY,
    as_of: date | None = None,
) -> list[ModelSummary]:
    """Summaries of the models matching every filter, cheapest input first (unpriced last),
    then by id. ``text`` is matched in the id, name, aliases, vendor name and provider ids;
    without it, dated snapshots are left out (their family is listed)."""
    needle = (text or "").strip().casefold()
    wanted = tuple(capabilities)
    chosen = pricing.check_policy(policy)
    found = []
    for model in catalog.models.values():
        if model.is_snapshot and not needle:
            continue
        if needle:
            vendor = catalog.vendors.get(model.vendor_id or "")
            haystack = [model.id, model.name, *model.aliases, vendor.name if vendor else ""]
            haystack += [o.provider_id for o in catalog.offerings_of(model.id)]
            if not any(needle in h.casefold() for h in haystack):
                continue
        if any(model.capability(c) is not True for c in wanted):
            continue
        context = model.value("context_window")
        if min_context is not None and (context is None or context < min_context):
            continue
        if open_weights and model.value("open_weights") is not True:
            continue
        # Summarised only once matched: a CLI search prices tens of models, not thousands.
        row = model_summary(catalog, model, policy=chosen, as_of=as_of)
        price = None if row.cheapest_input is None else row.cheapest_input.price
        if max_input_price is not None and (price is None or price > max_input_price):
            continue
        found.append(row)

    def order(row: ModelSummary) -> tuple[bool, Decimal, str]:
        quote = row.cheapest_input
        return (quote is None, Decimal(0) if quote is None else quote.price, row.id)

    return sorted(found, key=order)
