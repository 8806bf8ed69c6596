"""Three to five models side by side, from the same rows as the pairwise comparison."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref import formatting
from llmref.catalog import Catalog, Model
from llmref.compare.rows import (
    Cell,
    Row,
    best_index,
    capability_rows,
    pricing_rows,
    scorecard_rows,
    shared_benchmarks,
    spec_rows,
)
from llmref.compare.side import Side, build_side
from llmref.compare.verdict import Ranked, rank_table
from llmref.pricing import (
    DEFAULT_INPUT_SHARE,
    DEFAULT_POLICY,
    DEFAULT_TRAFFIC,
    RoutePolicy,
    Traffic,
    check_share,
)


@dataclass(frozen=True, slots=True)
class ComparisonTable:
    """Three to five models side by side, from the same engine as the pairwise comparison."""

    as_of: date | None
    traffic: Traffic
    input_share: Decimal
    sides: tuple[Side, ...]
    scorecard: tuple[Row, ...]
    specs: tuple[Row, ...]
    pricing: tuple[Row, ...]
    capabilities: tuple[Row, ...]
    benchmarks: tuple[Row, ...]
    """Benchmarks every model has a result for."""
    cheapest: int | None
    """Index of the model with the lowest monthly cost (None if none is priced or a tie)."""
    last_reviewed: date
    ranking: tuple[Ranked, ...]
    """The models in rank order, each with when to choose it and its risks."""


def build_table(
    catalog: Catalog,
    models: tuple[Model, ...],
    traffic: Traffic = DEFAULT_TRAFFIC,
    as_of: date | None = None,
    input_share: Decimal = DEFAULT_INPUT_SHARE,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> ComparisonTable:
    """Three to five models side by side (two work too: the same rows as a pairwise page)."""
    ids = [m.id for m in models]
    if not 2 <= len(models) <= 5:
        raise ValueError(f"a comparison table takes 2 to 5 models, got {len(models)}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"a comparison table needs different models (got {', '.join(ids)})")
    share = check_share("input_share", input_share)
    sides = tuple(build_side(catalog, m, traffic, share, as_of, policy=policy) for m in models)
    benches = shared_benchmarks(sides)
    bench_rows = tuple(
        Row(
            p.benchmark,
            p.name,
            tuple(
                Cell(formatting.score(v, p.unit), v, r.source, r.reviewed)
                for v, r in zip(p.values, p.results, strict=True)
            ),
            p.leader,
        )
        for p in benches
    )
    return ComparisonTable(
        as_of=as_of,
        traffic=traffic,
        input_share=share,
        sides=sides,
        scorecard=scorecard_rows(sides),
        specs=spec_rows(sides),
        pricing=pricing_rows(sides, traffic, share),
        capabilities=capability_rows(sides),
        benchmarks=bench_rows,
        cheapest=best_index([s.monthly_cost for s in sides], lower_is_better=True),
        last_reviewed=max(s.last_reviewed for s in sides),
        ranking=rank_table(sides, benches, as_of or catalog.built),
    )
