"""Pure benchmark maths over the catalogue: a model's score on one benchmark version, coverage,
ranks that count only models with a result, shared versions of two models, and dollars per
point. No I/O, no clock: dates come in as arguments.

A model's *score* on a benchmark version is its newest result measured on or before `as_of`;
when one date has several results (settings: reasoning effort, harness), the best of them,
whose settings travel with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.catalog.catalog import Catalog
from llmref.catalog.types import Benchmark, BenchmarkResult

SPEED_BENCHMARKS = frozenset({"output-speed", "ttft"})
"""Measurements of an endpoint, not of the model's quality: never ranked or charted."""


def _when(result: BenchmarkResult) -> date:
    return result.measured or result.reviewed


def _better_tie(r: BenchmarkResult, best: BenchmarkResult, benchmark: Benchmark) -> bool:
    if benchmark.better(r.value, best.value):
        return True
    key = (r.source, r.record or "")
    return r.value == best.value and key < (best.source, best.record or "")


def score(
    results: Iterable[BenchmarkResult], benchmark: Benchmark, as_of: date | None = None
) -> BenchmarkResult | None:
    """The newest result on `benchmark` known on `as_of`; on one date, the best value."""
    best: BenchmarkResult | None = None
    for r in results:
        if r.benchmark != benchmark.id or (as_of is not None and _when(r) > as_of):
            continue
        newer = best is None or _when(r) > _when(best)
        if newer or (
            best is not None and _when(r) == _when(best) and _better_tie(r, best, benchmark)
        ):
            best = r
    return best


def scores_on(
    catalog: Catalog, benchmark_id: str, as_of: date | None = None
) -> dict[str, BenchmarkResult]:
    """Model id -> score, for every model with a result on the benchmark version."""
    bench = catalog.benchmark(benchmark_id)
    by_model: dict[str, list[BenchmarkResult]] = {}
    for r in catalog.results_on(benchmark_id):
        by_model.setdefault(r.model_id, []).append(r)
    out = {}
    for model_id, results in sorted(by_model.items()):
        found = score(results, bench, as_of)
        if found is not None:
            out[model_id] = found
    return out


def coverage(
    catalog: Catalog, eligible: Callable[[str], bool] | None = None
) -> list[tuple[str, int]]:
    """(benchmark id, models with a result) for every quality benchmark, widest first; with
    `eligible`, only models it accepts are counted (e.g. those with a trusted price)."""
    out = []
    for bench_id in catalog.benchmark_ids:
        if bench_id in SPEED_BENCHMARKS:
            continue
        models = {r.model_id for r in catalog.results_on(bench_id)}
        if eligible is not None:
            models = {m for m in models if eligible(m)}
        if models:
            out.append((bench_id, len(models)))
    return sorted(out, key=lambda pair: (-pair[1], pair[0]))


@dataclass(frozen=True, slots=True)
class Rank:
    benchmark: Benchmark
    position: int
    """1 = best."""
    total: int
    """Models with a result on this version (no others are counted)."""
    result: BenchmarkResult


def rank_of(
    catalog: Catalog,
    model_id: str,
    benchmark_id: str,
    among: Iterable[str] | None = None,
    as_of: date | None = None,
) -> Rank | None:
    """Where the model stands on one benchmark version, counting only models with a result
    (and, with `among`, only those models). None when the model has no result."""
    bench = catalog.benchmark(benchmark_id)
    scores = scores_on(catalog, benchmark_id, as_of)
    if among is not None:
        keep = set(among) | {model_id}
        scores = {k: v for k, v in scores.items() if k in keep}
    mine = scores.get(model_id)
    if mine is None:
        return None
    better = sum(1 for r in scores.values() if bench.better(r.value, mine.value))
    return Rank(bench, better + 1, len(scores), mine)


@dataclass(frozen=True, slots=True)
class SharedScore:
    benchmark: Benchmark
    a: BenchmarkResult
    b: BenchmarkResult


def shared_benchmarks(
    catalog: Catalog, a_id: str, b_id: str, as_of: date | None = None
) -> tuple[SharedScore, ...]:
    """The benchmark versions both models have a score on (speed excluded), by id. Only these
    may be set side by side."""
    a_ids = {r.benchmark for r in catalog.benchmarks_of(a_id)}
    b_ids = {r.benchmark for r in catalog.benchmarks_of(b_id)}
    out = []
    for bench_id in sorted((a_ids & b_ids) - SPEED_BENCHMARKS):
        bench = catalog.benchmark(bench_id)
        sa = score(catalog.benchmarks_of(a_id), bench, as_of)
        sb = score(catalog.benchmarks_of(b_id), bench, as_of)
        if sa is not None and sb is not None:
            out.append(SharedScore(bench, sa, sb))
    return tuple(out)


def dollars_per_point(
    cost: Decimal, result: BenchmarkResult, benchmark: Benchmark
) -> Decimal | None:
    """Cost divided by score points: how much one point costs (lower is better value). None
    when points are not "more is better" (an error rate) or the score is 0."""
    if benchmark.direction != "higher" or result.value <= 0:
        return None
    return cost / result.value


def model_scores(
    catalog: Catalog, model_id: str, as_of: date | None = None
) -> tuple[tuple[Benchmark, BenchmarkResult], ...]:
    """Every quality benchmark version the model has a score on, by benchmark id."""
    ids = sorted({r.benchmark for r in catalog.benchmarks_of(model_id)} - SPEED_BENCHMARKS)
    out = []
    for bench_id in ids:
        bench = catalog.benchmark(bench_id)
        found = score(catalog.benchmarks_of(model_id), bench, as_of)
        if found is not None:
            out.append((bench, found))
    return tuple(out)


def display_title(catalog: Catalog, benchmark_id: str) -> str:
    """The version's title when the catalogue defines it, else the id's well-known name."""
    if benchmark_id in catalog.benchmark_defs:
        return catalog.benchmark_defs[benchmark_id].title
    from llmref.labels import benchmark_name

    return benchmark_name(benchmark_id)


def display_name(catalog: Catalog, benchmark_id: str) -> str:
    """The benchmark's name without its version (an axis title)."""
    if benchmark_id in catalog.benchmark_defs:
        return catalog.benchmark_defs[benchmark_id].name
    from llmref.labels import benchmark_name

    return benchmark_name(benchmark_id)


def widest(coverage_list: Sequence[tuple[str, int]]) -> str | None:
    """The benchmark with the most models (ties: the id sorting first)."""
    return coverage_list[0][0] if coverage_list else None
