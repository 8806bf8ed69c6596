"""Leaderboard model names -> catalogue model ids, through the catalogue's own alias lookup.

A name resolves when one of its candidates (most specific first: the id the run was invoked
with, then the name the leaderboard prints) is a model id or alias of the catalogue, compared
in the catalogue's lookup form (:func:`llmref.catalog.catalog.normalise_id`). Nothing is fuzzy:
a name that matches nothing is reported as unmatched, never guessed. A dated snapshot's result
is filed under its family (the canonical model), keeping the snapshot's name in `model_name`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from llmref.benchmarks.load import LeaderboardRow
from llmref.catalog.catalog import normalise_id
from llmref.catalog.types import Benchmark, BenchmarkResult, Model, Source


@dataclass(frozen=True, slots=True)
class Unmatched:
    dataset: str
    benchmark: str
    model_name: str
    names: tuple[str, ...]
    record: str


def alias_index(models: Mapping[str, Model]) -> dict[str, str]:
    """The same index :class:`~llmref.catalog.catalog.Catalog` builds: ids win over aliases."""
    index: dict[str, str] = {}
    for model in models.values():
        for alias in model.aliases:
            index.setdefault(normalise_id(alias), model.id)
    for model_id in models:
        index[normalise_id(model_id)] = model_id
    return index


def _candidates(name: str) -> list[str]:
    """A leaderboard name and its lookup variants: as given, without a `vendor/` prefix, and
    (for "Vendor Model-Name" display names) without the leading vendor word."""
    out = [name]
    if "/" in name:
        out.append(name.rsplit("/", 1)[1])
    elif " " in name:
        out.append(name.split(" ", 1)[1])
    return out


def resolve(
    rows: Iterable[LeaderboardRow],
    models: Mapping[str, Model],
    index: Mapping[str, str],
    definitions: Mapping[str, Benchmark],
) -> tuple[list[BenchmarkResult], list[Unmatched]]:
    results: list[BenchmarkResult] = []
    unmatched: list[Unmatched] = []
    for row in rows:
        line = row.line
        model_id = None
        for name in line.names:
            for candidate in _candidates(name):
                model_id = index.get(normalise_id(candidate))
                if model_id:
                    break
            if model_id:
                break
        if model_id is None:
            unmatched.append(
                Unmatched(row.dataset, line.benchmark, line.model_name, line.names, line.record)
            )
            continue
        family = models[model_id].family_id
        if family and family in models:
            model_id = family
        results.append(
            BenchmarkResult(
                model_id=model_id,
                benchmark=line.benchmark,
                value=line.value,
                unit=definitions[line.benchmark].unit,
                measured=line.measured,
                source=row.dataset_source,
                reviewed=row.reviewed,
                note=f"published at {line.source}",
                record=f"{row.dataset}:{line.record}",
                measured_by=line.measured_by,
                settings=line.settings,
                self_reported=line.self_reported,
                model_name=line.model_name,
            )
        )
    return results, unmatched


def link_leaderboards(
    bundles: Iterable[Any], models: Mapping[str, Model]
) -> tuple[dict[str, Benchmark], list[BenchmarkResult], dict[str, Source]]:
    """Benchmark definitions, resolved leaderboard results and the leaderboards' sources of
    every bundle that carries benchmark data (called by ``build_catalog``)."""
    definitions: dict[str, Benchmark] = {}
    results: list[BenchmarkResult] = []
    sources: dict[str, Source] = {}
    rows: list[LeaderboardRow] = []
    for bundle in bundles:
        data = getattr(bundle, "benchmark_data", None)
        if data is None:
            continue
        definitions.update(data.definitions)
        sources.update(data.sources)
        rows.extend(data.rows)
    if rows:
        results, _ = resolve(rows, models, alias_index(models), definitions)
    return definitions, results, sources
