"""What the site derives from one catalogue snapshot, computed once and reused by every request:
the search index, model summaries (cheapest prices), the top-model ranking, the chart layout.

Keyed by the catalogue (its version) and the ``as_of`` date, never by a request: the cache can
only return what a fresh computation would.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cached_property

from llmref import summary
from llmref.benchmarks import engine as bench_engine
from llmref.catalog import BenchmarkResult, Catalog
from llmref.formatting import usd
from llmref.pricing import workload
from llmref.summary import ModelSummary
from llmref.web.chart import ChartLayout, ChartPoint
from llmref.web.fragments import Memo
from llmref.web.search import SearchIndex

TYPICAL_REQUEST = summary.TYPICAL_REQUEST
"""The request the chart prices: 5K input and 1K output tokens."""

__all__ = ["DatedView", "Derived", "ModelSummary", "PriceChange", "intelligence_index"]


def intelligence_index(catalog: Catalog, model_id: str, as_of: date) -> BenchmarkResult | None:
    """The newest intelligence-index result of a model known on `as_of`."""
    found: BenchmarkResult | None = workload.newest_result(
        catalog.benchmarks_of(model_id), workload.INTELLIGENCE_INDEX, as_of
    )
    return found


@dataclass(frozen=True, slots=True)
class PriceChange:
    model_id: str
    model_name: str
    provider_id: str
    provider_name: str
    effective_from: date
    input: Decimal | None
    output: Decimal | None
    source: str
    reviewed: date


@dataclass(frozen=True, slots=True)
class Headline:
    """The score the model lists show: the chart's default benchmark version (the one with the
    most models that have a trusted price), so a list and the chart agree."""

    benchmark_id: str
    head: str
    """The column header: the benchmark, its version, unit and direction."""
    scores: dict[str, Decimal]
    """Model id -> score on that version (models without one are absent)."""


class DatedView:
    """Everything that depends on the catalogue *and* the date prices are read on."""

    def __init__(self, catalog: Catalog, as_of: date) -> None:
        self.catalog = catalog
        self.as_of = as_of
        # One summary engine for the site and the CLI (llmref.summary): listings, search and
        # the chart follow the default route policy (docs/routes.md).
        self.engine_summaries: Mapping[str, ModelSummary] = summary.summaries(catalog, as_of=as_of)
        """The engine's summaries, as the CLI prints them."""
        self._lock = threading.Lock()
        self._charts: dict[tuple[bool, str, tuple[str, ...]], ChartLayout] = {}

    @cached_property
    def summaries(self) -> Mapping[str, ModelSummary]:
        """The summaries the site lists and the API returns: the engine's, with
        ``intelligence_index`` read on the lists' score column (:attr:`headline`, the chart's
        default benchmark version), so a list sorted by score, its score column and the API's
        field agree."""
        headline = self.headline
        scores = {} if headline is None else headline.scores
        return {
            k: s
            if s.intelligence_index == scores.get(k)
            else replace(s, intelligence_index=scores.get(k))
            for k, s in self.engine_summaries.items()
        }

    @cached_property
    def top_models(self) -> tuple[str, ...]:
        """Canonical models ranked by how widely they are served (priced routes), then by
        intelligence index, then id: the "top N" of the home page and the static export."""
        return summary.top_models(self.engine_summaries.values())

    def chart_points(self) -> list[ModelSummary]:
        """Canonical models with a positive typical-request price: what the chart can plot."""
        return [
            s
            for s in self.engine_summaries.values()
            if s.family_id is None
            and s.typical_request_cost is not None
            and s.typical_request_cost > 0
        ]

    @cached_property
    def chart_benchmarks(self) -> tuple[tuple[str, int], ...]:
        """(benchmark id, plottable models) for every quality benchmark version, widest
        first: the chart's choices, and its default (the first)."""
        priced = {s.id for s in self.chart_points()}
        return tuple(bench_engine.coverage(self.catalog, priced.__contains__))

    @property
    def default_benchmark(self) -> str | None:
        return bench_engine.widest(self.chart_benchmarks)

    @cached_property
    def headline(self) -> Headline | None:
        """The model lists' score column (None when no benchmark has a priced model)."""
        bench_id = self.default_benchmark
        if bench_id is None:
            return None
        bench = self.catalog.benchmark(bench_id)
        unit = "" if bench.unit in ("index", "score") else f", {bench.unit}"
        better = "lower is better" if bench.direction == "lower" else "higher is better"
        head = f"{bench_engine.display_title(self.catalog, bench_id)}{unit} ({better})"
        scores = bench_engine.scores_on(self.catalog, bench_id, self.as_of)
        return Headline(bench_id, head, {m: r.value for m, r in scores.items()})

    @property
    def headline_head(self) -> str:
        """The header of the model lists' score column: which benchmark version it shows."""
        return self.headline.head if self.headline is not None else "Benchmark score"

    def headline_score(self, model_id: str) -> Decimal | None:
        """A model's score in the lists' score column (None: no result on that version)."""
        return None if self.headline is None else self.headline.scores.get(model_id)

    def chart_rows(self, benchmark_id: str) -> list[tuple[ModelSummary, BenchmarkResult]]:
        """Each plottable model with its score on the benchmark version, best score first."""
        scores = bench_engine.scores_on(self.catalog, benchmark_id, self.as_of)
        bench = self.catalog.benchmark(benchmark_id)
        rows = [(s, scores[s.id]) for s in self.chart_points() if s.id in scores]
        sign = 1 if bench.direction == "lower" else -1
        return sorted(rows, key=lambda row: (sign * row[1].value, row[0].id))

    def chart(
        self,
        hrefs: dict[str, str | None] | None,
        benchmark_id: str | None = None,
        highlight: tuple[str, ...] = (),
    ) -> ChartLayout:
        """The chart layout for one benchmark version (default: the widest); with `hrefs`
        (model id -> link) the points link to model pages. `highlight` models get their labels
        placed first."""
        bench_id = benchmark_id or self.default_benchmark or ""
        key = (hrefs is not None, bench_id, tuple(sorted(set(highlight))))
        with self._lock:
            layout = self._charts.get(key)
            if layout is None:
                if len(self._charts) >= 64:  # bounded: one entry per (benchmark, highlight)
                    self._charts.clear()
                bench = self.catalog.benchmark(bench_id)
                suffix = "" if bench.unit in ("index", "score") else f" {bench.unit}"
                name = bench_engine.display_name(self.catalog, bench_id)
                points = [
                    ChartPoint(
                        model_id=s.id,
                        label=s.name,
                        cost=s.typical_request_cost or Decimal(0),
                        index=r.value,
                        href=None if hrefs is None else hrefs.get(s.id),
                        # The version is named once, in the chart's title (chart_page).
                        detail=f"{usd(s.typical_request_cost)} per typical request, "
                        f"{name}: {r.value}{suffix}",
                    )
                    for s, r in (self.chart_rows(bench_id) if bench_id else [])
                ]
                unit = "" if bench.unit in ("index", "score") else f", {bench.unit}"
                better = "lower is better" if bench.direction == "lower" else "higher is better"
                layout = ChartLayout(
                    points,
                    y_title=f"{name}{unit} ({better})",
                    lower_is_better=bench.direction == "lower",
                    highlight=key[2],
                )
                self._charts[key] = layout
        return layout


class Derived:
    """Per-catalogue data; one instance per catalogue version, shared by all requests."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._dated: dict[date, DatedView] = {}
        self.fragments = Memo()
        """Page pieces shared by many pages (see :mod:`llmref.web.fragments`)."""

    @cached_property
    def search(self) -> SearchIndex:
        return SearchIndex(self.catalog)

    def on(self, as_of: date) -> DatedView:
        view = self._dated.get(as_of)
        if view is None:
            with self._lock:
                view = self._dated.get(as_of)
                if view is None:
                    # A few dates at most (today, and whatever as_of users ask for); keep the
                    # memory bounded when someone walks through many dates.
                    if len(self._dated) >= 16:
                        self._dated.clear()
                    view = DatedView(self.catalog, as_of)
                    self._dated[as_of] = view
        return view

    @cached_property
    def _price_boundaries(self) -> list[date]:
        days: set[date] = set()
        for offering in self.catalog.offerings:
            for point in offering.prices:
                days.update(d for d in (point.effective_from, point.effective_to) if d)
        return sorted(days)

    def last_price_change(self, day: date) -> date:
        """The last date on or before `day` when a price started or ended (date.min if none):
        pages read on `day` last changed then, or when the catalogue was built."""
        at = bisect_right(self._price_boundaries, day)
        return self._price_boundaries[at - 1] if at else date.min

    @cached_property
    def citations(self) -> Counter[str]:
        """How many facts, prices and results cite each source."""
        counts: Counter[str] = Counter()
        catalog = self.catalog
        for model in catalog.models.values():
            for fact in model.facts.values():
                counts[fact.source] += 1
        for offering in catalog.offerings:
            counts[offering.source] += 1
            for fact in offering.facts.values():
                counts[fact.source] += 1
            for point in offering.prices:
                counts[point.source] += 1
        for result in catalog.benchmarks:
            counts[result.source] += 1
        for vendor in catalog.vendors.values():
            counts[vendor.source] += 1
        for provider in catalog.providers.values():
            counts[provider.source] += 1
        return counts

    @cached_property
    def price_changes(self) -> tuple[PriceChange, ...]:
        """Dated prices, newest first: the "recent changes" of the home page."""
        catalog = self.catalog
        out = []
        for offering in catalog.offerings:
            model = catalog.models.get(offering.model_id)
            provider = catalog.providers.get(offering.provider_id)
            for point in offering.prices:
                if point.effective_from is None:
                    continue
                out.append(
                    PriceChange(
                        model_id=offering.model_id,
                        model_name=model.name if model else offering.model_id,
                        provider_id=offering.provider_id,
                        provider_name=provider.name if provider else offering.provider_id,
                        effective_from=point.effective_from,
                        input=point.input,
                        output=point.output,
                        source=point.source,
                        reviewed=point.reviewed,
                    )
                )
        out.sort(key=lambda c: (c.effective_from, c.model_id, c.provider_id), reverse=True)
        return tuple(out)
