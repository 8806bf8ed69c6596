"""The chart page (`/chart`, `/chart.json`, `/chart.svg`): one benchmark version's scores against
the cost of a typical request, for every model with a price and a score.

`?benchmark=ID` picks the version (default: the one with the most plottable models);
`?highlight=a,b` draws those models on top with their labels placed first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from llmref import formatting as fmt
from llmref.benchmarks import engine as bench_engine
from llmref.catalog import UnknownIdError
from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link
from llmref.web.urls import PATHS
from llmref.web.views import link


@dataclass(frozen=True, slots=True)
class ChartPointData:
    model_id: str
    name: str
    typical_request_cost: Decimal
    """USD for 5K input + 1K output tokens on the model's cheapest route."""
    route: str | None
    score: Decimal
    """The model's score on the chart's benchmark version."""
    measured: date | None
    settings: str | None
    source: str
    dollars_per_point: Decimal | None
    """Typical-request cost divided by score points (None on a lower-is-better benchmark)."""
    labelled: bool
    """Whether the chart labels the point (otherwise only this table names it)."""

    @property
    def intelligence_index(self) -> Decimal:
        """The y value under its former name (kept for API clients of the first chart)."""
        return self.score


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One plotted model in the chart's data table."""

    model: Link
    cost: str
    """The typical request's cost on the model's cheapest route."""
    score: str
    per_point: str
    settings: str
    measured: str
    labelled: bool
    """Labelled on the chart (otherwise a point only, named in this table)."""
    highlighted: bool


@dataclass(frozen=True, slots=True)
class ChartChoice:
    """Another benchmark version the chart can plot."""

    title: str
    models: int
    href: str | None
    """None for the version shown."""


@dataclass(frozen=True, slots=True)
class ChartBenchmark:
    id: str
    title: str
    version: str
    unit: str
    direction: str
    description: str
    source: str
    models: int
    """Models with a price and a score on this version (the chart's points)."""


@dataclass(frozen=True, slots=True)
class ChartData:
    as_of: date
    input_tokens: int
    output_tokens: int
    benchmark: ChartBenchmark | None
    """The version plotted; None when no benchmark has a priced model."""
    benchmarks: list[ChartBenchmark]
    """Every version that can be charted, widest first."""
    highlight: list[str]
    points: list[ChartPointData]
    left_out: int
    """Canonical models without a price or without a score on this version."""
    problems: list[str]
    """Parameters that were not understood (an unknown benchmark or model)."""


@dataclass(frozen=True, slots=True)
class ChartPage:
    """What ``chart.html`` prints."""

    svg: Markup
    """The chart, drawn by :mod:`llmref.web.chart` (server-side SVG, every text escaped)."""
    benchmark: ChartBenchmark | None
    lower: bool
    """Lower scores are better on this version (the score axis runs downwards)."""
    choices: tuple[ChartChoice, ...]
    rows: tuple[ChartRow, ...]
    unlabelled: int
    left_out: int
    problems: tuple[str, ...]
    as_of: str
    svg_href: str | None


CHART_TITLE = "Benchmark score against the cost of a typical request"


def chart_title(env: Env, bench_id: str | None) -> str:
    """The chart's title, naming the benchmark version it plots (its points' tooltips name
    only the benchmark: the version is said here, once)."""
    if not bench_id:
        return CHART_TITLE
    return (
        f"{bench_engine.display_title(env.catalog, bench_id)} against the cost of a typical request"
    )


EXPORT_MIN_POINTS = 20
"""A benchmark version gets its own chart page and SVG in the static export from this many
plotted models (fewer: its chart is on the live site only, ``/chart/<id>``)."""


def chart_paths(env: Env) -> list[str]:
    """The per-benchmark chart pages of a static export (site paths), widest first."""
    return [
        PATHS.chart_for(bench_id) or ""
        for bench_id, points in env.dated.chart_benchmarks
        if points >= EXPORT_MIN_POINTS
    ]


def chart_svg_paths(env: Env) -> list[str]:
    """The SVG file of each per-benchmark chart page (:func:`chart_paths`)."""
    return [
        PATHS.chart_svg_for(bench_id) or ""
        for bench_id, points in env.dated.chart_benchmarks
        if points >= EXPORT_MIN_POINTS
    ]


def path_params(env: Env, benchmark: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of ``/chart/<benchmark>``: the path's benchmark over the query's. A
    version that cannot be charted is a missing page (404), not the widest chart."""
    if benchmark not in {b for b, _ in env.dated.chart_benchmarks}:
        raise UnknownIdError("benchmark", benchmark, ())
    return {**query, "benchmark": benchmark}


def _params(env: Env, params: Mapping[str, Any]) -> tuple[str | None, tuple[str, ...], list[str]]:
    dated = env.dated
    problems: list[str] = []
    wanted = str(params.get("benchmark", "") or "").strip()
    choices = {bench_id for bench_id, _ in dated.chart_benchmarks}
    bench_id = dated.default_benchmark
    if wanted:
        if wanted in choices:
            bench_id = wanted
        else:
            problems.append(
                f"No chartable benchmark {wanted[:80]!r}: showing the widest one instead."
            )
    highlight: list[str] = []
    for raw in str(params.get("highlight", "") or "").split(",")[:20]:
        raw = raw.strip()
        if not raw:
            continue
        model = env.catalog.find_model(raw)
        if model is None:
            problems.append(f"No model {raw[:80]!r} to highlight.")
        elif model.id not in highlight:
            highlight.append(model.id)
    return bench_id, tuple(highlight), problems


def chart_svg(
    env: Env,
    highlight: tuple[str, ...] = (),
    standalone: bool = True,
    benchmark_id: str | None = None,
) -> str:
    """The chart as SVG. Inline (on the chart page) its points link to the model pages; as a
    file (``chart.svg``) it has no links."""
    dated = env.dated
    hrefs = None if standalone else {s.id: env.links.model(s.id) for s in dated.chart_points()}
    layout = dated.chart(hrefs, benchmark_id, highlight)
    title = chart_title(env, benchmark_id or dated.default_benchmark)
    return layout.svg(highlight, title=title, standalone=standalone)


def chart_svg_response(env: Env, params: Mapping[str, Any]) -> str:
    bench_id, highlight, _ = _params(env, params)
    return chart_svg(env, highlight, standalone=True, benchmark_id=bench_id)


def _benchmark(env: Env, bench_id: str, models: int) -> ChartBenchmark:
    b = env.catalog.benchmark(bench_id)
    return ChartBenchmark(
        b.id,
        bench_engine.display_title(env.catalog, bench_id),
        b.version,
        b.unit,
        b.direction,
        b.description,
        b.source,
        models,
    )


def chart(env: Env, params: Mapping[str, Any] | None = None) -> Page:
    dated = env.dated
    bench_id, highlight, problems = _params(env, params or {})
    benchmarks = [_benchmark(env, b, n) for b, n in dated.chart_benchmarks]
    chosen = next((b for b in benchmarks if b.id == bench_id), None)
    points: list[ChartPointData] = []
    svg = ""
    if bench_id:
        bench = env.catalog.benchmark(bench_id)
        hrefs = {s.id: env.links.model(s.id) for s in dated.chart_points()}
        layout = dated.chart(hrefs, bench_id, highlight)
        for s, r in dated.chart_rows(bench_id):
            cost = s.typical_request_cost or Decimal(0)
            placed = layout.by_id.get(s.id)
            points.append(
                ChartPointData(
                    s.id,
                    s.name,
                    cost,
                    s.typical_route,
                    r.value,
                    r.measured,
                    r.settings,
                    r.source,
                    bench_engine.dollars_per_point(cost, r, bench),
                    placed is not None and placed.labelled,
                )
            )
        svg = layout.svg(highlight, title=chart_title(env, bench_id), standalone=False)
    canonical = sum(1 for s in dated.summaries.values() if s.family_id is None)
    data = ChartData(
        env.as_of,
        5000,
        1000,
        chosen,
        benchmarks,
        list(highlight),
        points,
        canonical - len(points),
        problems,
    )
    unit = "" if chosen is None or chosen.unit in ("index", "score") else chosen.unit
    links = env.links
    view = ChartPage(
        svg=Markup(svg),
        benchmark=chosen,
        lower=chosen is not None and chosen.direction == "lower",
        choices=tuple(
            ChartChoice(
                b.title,
                b.models,
                links.chart_for(b.id) if b.id != (chosen.id if chosen else "") else None,
            )
            for b in benchmarks
        ),
        rows=tuple(
            ChartRow(
                model=link(links.model(p.model_id), p.name),
                cost=fmt.usd(p.typical_request_cost),
                score=fmt.number(p.score) + (f" {unit}" if unit == "%" else ""),
                per_point=fmt.usd(p.dollars_per_point) if p.dollars_per_point else fmt.MISSING,
                settings=p.settings or "",
                measured=fmt.day(p.measured),
                labelled=p.labelled,
                highlighted=p.model_id in highlight,
            )
            for p in points
        ),
        unlabelled=sum(1 for p in points if not p.labelled),
        left_out=data.left_out,
        problems=tuple(problems),
        as_of=env.as_of.isoformat(),
        svg_href=links.chart_svg_for(chosen.id) if chosen else None,
    )
    title = f"{chosen.title} vs price" if chosen else "Benchmark score vs price"
    return Page("chart.html", title, data, view)
