"""Table rows shared by pairwise comparisons, N-way tables and profiles: one cell per model, each
with display text and the typed value behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref import formatting as fmt
from llmref.catalog import BenchmarkResult
from llmref.compare.side import Side
from llmref.facts import CAPABILITIES
from llmref.labels import CAPABILITY_LABELS, benchmark_name
from llmref.pricing import Quote, Route, Traffic, ratio

CellValue = str | int | Decimal | bool | date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    """Display text ("128K", "$0.60/1M", "Yes", "—")."""
    value: CellValue
    """The typed value behind the text (None when unknown)."""
    source: str | None = None
    """Where the value comes from (None for a derived value: a count, a label)."""
    reviewed: date | None = None
    """When the source was last checked."""


def _fact(side: Side, name: str, text: str, value: CellValue) -> Cell:
    """A cell holding one model fact, with the fact's source and review date."""
    p = side.provenance.get(name)
    return Cell(text, value, p.source, p.reviewed) if p else Cell(text, value)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled row of a table: a cell per model."""

    id: str
    label: str
    cells: tuple[Cell, ...]
    """One cell per model, in the comparison's model order."""
    best: int | None = None
    """Index of the model that does best on this row, when that is meaningful and unique."""


@dataclass(frozen=True, slots=True)
class BenchmarkPair:
    """A benchmark every compared model has a result for, in one unit."""

    benchmark: str
    name: str
    unit: str
    values: tuple[Decimal, ...]
    ratio: Decimal | None
    """First value / second value."""
    leader: int | None
    """Index of the higher score (None when equal)."""
    results: tuple[BenchmarkResult, ...]


def best_index(values: list[Decimal | int | None], lower_is_better: bool = False) -> int | None:
    """Index of the single best value (None when fewer than two are known or best is tied)."""
    known = [(v, i) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return None
    target = min(v for v, _ in known) if lower_is_better else max(v for v, _ in known)
    winners = [i for v, i in known if v == target]
    return winners[0] if len(winners) == 1 else None


def _cell_tokens(side: Side, name: str, n: int | None) -> Cell:
    return _fact(side, name, fmt.context(n) if n is not None else fmt.MISSING, n)


def _cell_price(side: Side, q: Quote | None) -> Cell:
    if q is None:
        return Cell(fmt.MISSING, None)
    p = side.provenance.get(f"price:{q.provider_id}")
    text = fmt.per_million(q.price)
    return Cell(text, q.price, p.source, p.reviewed) if p else Cell(text, q.price)


def _cell_route(side: Side, text: str, value: CellValue) -> Cell:
    """A cell about the monthly route (its cost, its name): the route's price is the source."""
    route = side.monthly
    if isinstance(route, Route) and route.price is not None:
        return Cell(text, value, route.price.source, route.price.reviewed)
    return Cell(text, value)


def _cell_flag(value: bool | None) -> Cell:
    return Cell(fmt.yes_no(value), value)


def shared_counts(sides: tuple[Side, ...]) -> tuple[int, ...]:
    """For each model, how many of its benchmark results (same benchmark version) at least one
    other model in the table also has: two of four models sharing two benchmarks count 2, 2,
    0, 0, not 0 for all."""
    ids = [{r.benchmark for r in s.benchmarks} for s in sides]
    return tuple(
        len(mine & set().union(*(other for j, other in enumerate(ids) if j != i)))
        for i, mine in enumerate(ids)
    )


def scorecard_rows(sides: tuple[Side, ...]) -> tuple[Row, ...]:
    """Best for, decision fit, context window, cheapest output, routes, shared benchmarks."""
    shared = shared_counts(sides)
    outputs = [s.cheapest_output.price if s.cheapest_output else None for s in sides]
    contexts = [s.context_window for s in sides]
    counts = [len(s.priced_providers) for s in sides]
    return (
        Row(
            "best-for",
            "Best for",
            tuple(
                Cell(
                    s.best_for.text if s.best_for else fmt.MISSING,
                    s.best_for.text if s.best_for else None,
                )
                for s in sides
            ),
        ),
        Row(
            "decision-fit",
            "Decision fit",
            tuple(
                Cell(
                    fmt.join_and([t.text for t in s.fit_tags]) or fmt.MISSING,
                    tuple(t.text for t in s.fit_tags),
                )
                for s in sides
            ),
        ),
        Row(
            "context-window",
            "Context window",
            tuple(_cell_tokens(s, "context_window", s.context_window) for s in sides),
            best_index(list(contexts)),
        ),
        Row(
            "cheapest-output",
            "Cheapest output",
            tuple(_cell_price(s, s.cheapest_output) for s in sides),
            best_index(list(outputs), lower_is_better=True),
        ),
        Row(
            "provider-routes",
            "Provider routes",
            tuple(Cell(f"{n} tracked", n) for n in counts),
            best_index(list(counts)),
        ),
        Row(
            "shared-benchmarks",
            "Shared benchmarks",
            tuple(Cell(fmt.plural(n, "row"), n) for n in shared),
        ),
    )


def spec_rows(sides: tuple[Side, ...]) -> tuple[Row, ...]:
    """Release date, context window, max output, parameters, architecture, license, cutoff,
    modalities."""
    contexts = [s.context_window for s in sides]
    outputs = [s.max_output_tokens for s in sides]
    return (
        Row(
            "released",
            "Released",
            tuple(
                _fact(
                    s,
                    "release_date",
                    s.release_date.isoformat() if s.release_date else fmt.MISSING,
                    s.release_date,
                )
                for s in sides
            ),
        ),
        Row(
            "context-window",
            "Context window",
            tuple(_cell_tokens(s, "context_window", s.context_window) for s in sides),
            best_index(list(contexts)),
        ),
        Row(
            "max-output",
            "Max output",
            tuple(_cell_tokens(s, "max_output_tokens", s.max_output_tokens) for s in sides),
            best_index(list(outputs)),
        ),
        Row(
            "parameters",
            "Parameters",
            tuple(
                _fact(
                    s,
                    "parameters_total",
                    fmt.parameters(s.parameters_total, s.parameters_active),
                    s.parameters_total,
                )
                for s in sides
            ),
        ),
        Row(
            "architecture",
            "Architecture",
            tuple(
                _fact(s, "architecture", fmt.architecture(s.architecture), s.architecture)
                for s in sides
            ),
        ),
        Row(
            "license",
            "License",
            tuple(_fact(s, "license", s.license or fmt.MISSING, s.license) for s in sides),
        ),
        Row(
            "open-weights",
            "Open weights",
            tuple(
                _fact(s, "open_weights", fmt.yes_no(s.open_weights), s.open_weights) for s in sides
            ),
        ),
        Row(
            "knowledge-cutoff",
            "Knowledge cutoff",
            tuple(
                _fact(s, "knowledge_cutoff", s.knowledge_cutoff or fmt.MISSING, s.knowledge_cutoff)
                for s in sides
            ),
        ),
        Row(
            "input-modalities",
            "Input",
            tuple(
                _fact(
                    s,
                    "input_modalities",
                    ", ".join(s.input_modalities) or fmt.MISSING,
                    s.input_modalities,
                )
                for s in sides
            ),
        ),
        Row(
            "output-modalities",
            "Output",
            tuple(
                _fact(
                    s,
                    "output_modalities",
                    ", ".join(s.output_modalities) or fmt.MISSING,
                    s.output_modalities,
                )
                for s in sides
            ),
        ),
    )


def pricing_rows(
    sides: tuple[Side, ...], traffic: Traffic, input_share: Decimal
) -> tuple[Row, ...]:
    """Cheapest input/output/blended prices, monthly cost at traffic, providers."""
    inputs = [s.cheapest_input.price if s.cheapest_input else None for s in sides]
    outputs = [s.cheapest_output.price if s.cheapest_output else None for s in sides]
    blended = [s.blended.price if s.blended else None for s in sides]
    monthly = [s.monthly_cost for s in sides]
    split = fmt.split_label(input_share)
    return (
        Row(
            "input-price",
            "Input price",
            tuple(_cell_price(s, s.cheapest_input) for s in sides),
            best_index(list(inputs), True),
        ),
        Row(
            "output-price",
            "Output price",
            tuple(_cell_price(s, s.cheapest_output) for s in sides),
            best_index(list(outputs), True),
        ),
        Row(
            "blended-price",
            f"Blended price ({split})",
            tuple(_cell_price(s, s.blended) for s in sides),
            best_index(list(blended), True),
        ),
        Row(
            "monthly-cost",
            f"Monthly cost ({fmt.traffic_label(traffic)})",
            tuple(
                _cell_route(s, fmt.usd(m) if m is not None else "unavailable", m)
                for s, m in zip(sides, monthly, strict=True)
            ),
            best_index(list(monthly), True),
        ),
        Row(
            "cheapest-route",
            "Cheapest route",
            tuple(
                _cell_route(s, s.monthly_route_name or fmt.MISSING, s.monthly_route_name)
                for s in sides
            ),
        ),
        Row(
            "providers",
            "Providers",
            tuple(
                Cell(", ".join(s.provider_names) or fmt.MISSING, s.provider_names) for s in sides
            ),
        ),
    )


def capability_rows(sides: tuple[Side, ...]) -> tuple[Row, ...]:
    """One row per capability flag: Yes, No or — (unknown)."""
    return tuple(
        Row(
            c,
            CAPABILITY_LABELS[c],
            tuple(
                _fact(s, c, fmt.yes_no(s.capabilities[i].value), s.capabilities[i].value)
                for s in sides
            ),
        )
        for i, c in enumerate(CAPABILITIES)
    )


def shared_benchmarks(sides: tuple[Side, ...]) -> tuple[BenchmarkPair, ...]:
    """Benchmarks every model has, in the same unit, with the first two models' ratio."""
    by_side = [{r.benchmark: r for r in s.benchmarks} for s in sides]
    common = set(by_side[0])
    for found in by_side[1:]:
        common &= set(found)
    # Ids are benchmark versions: equal ids are the only results that may be compared.
    defs = {b.id: b for s in sides for b in s.benchmark_defs}
    pairs = []
    for bench in sorted(common):
        results = tuple(found[bench] for found in by_side)
        if len({r.unit for r in results}) != 1:
            continue
        values = tuple(r.value for r in results)
        known = defs.get(bench)
        lower = known is not None and known.direction == "lower"
        pairs.append(
            BenchmarkPair(
                benchmark=bench,
                name=known.title if known is not None else benchmark_name(bench),
                unit=results[0].unit,
                values=values,
                ratio=ratio(values[0], values[1]),
                leader=best_index(list(values), lower),
                results=results,
            )
        )
    return tuple(pairs)
