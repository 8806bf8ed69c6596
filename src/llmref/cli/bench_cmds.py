"""`llmref benchmarks`: benchmark versions with their coverage, and the leaderboard names that
matched no model (`--unmatched`)."""

from __future__ import annotations

from typing import Annotated

import typer

from llmref.cli.common import (
    CatalogOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    console,
    handle_errors,
    load,
    print_json,
    to_jsonable,
    wants_json,
)


@handle_errors
def benchmarks(
    unmatched: Annotated[
        bool,
        typer.Option(
            "--unmatched",
            help="List the leaderboard model names that matched no catalogue model, and the "
            "rows the importer skipped, instead of the benchmark versions.",
        ),
    ] = False,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Benchmark versions (name, version, direction, models with a result, datasets)."""
    from llmref.benchmarks import engine

    as_json = wants_json(as_json, fmt)
    catalog = load(catalog_dir)
    if unmatched:
        _unmatched(catalog_dir, as_json)
        return
    rows: list[dict[str, str | int | list[str]]] = []
    for bench_id, models in engine.coverage(catalog):
        b = catalog.benchmark(bench_id)
        sources = sorted({r.source for r in catalog.results_on(bench_id)})
        rows.append(
            {
                "id": b.id,
                "name": b.name,
                "version": b.version,
                "unit": b.unit,
                "direction": b.direction,
                "models": models,
                "sources": sources,
            }
        )
    if as_json:
        print_json({"catalog_version": catalog.version, "benchmarks": rows})
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} benchmark versions with results")
    for column in ("Id", "Benchmark", "Version", "Better", "Models"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[k]) for k in ("id", "name", "version", "direction", "models")))
    console.print(table)


def _unmatched(catalog_dir: object, as_json: bool) -> None:
    from pathlib import Path

    from llmref.benchmarks.load import load_benchmark_data
    from llmref.benchmarks.resolve import alias_index, resolve
    from llmref.catalog import bundled_data_dir

    root = Path(str(catalog_dir)) if catalog_dir is not None else bundled_data_dir()
    catalog = load(Path(str(catalog_dir)) if catalog_dir is not None else None)
    data = load_benchmark_data(root)
    _, missing = resolve(data.rows, catalog.models, alias_index(catalog.models), data.definitions)
    if as_json:
        print_json(
            {
                "unmatched": [to_jsonable(vars_of(u)) for u in missing],
                "skipped": [
                    {"dataset": s.dataset, "record": s.record, "reason": s.reason}
                    for s in data.skipped
                ],
            }
        )
        return
    from llmref.formatting import plural

    n, k = len(missing), len(data.skipped)
    console.print(
        f"{plural(n, 'leaderboard row')} {'names' if n == 1 else 'name'} a model the catalogue "
        f"does not know (not guessed); {plural(k, 'row')} {'was' if k == 1 else 'were'} "
        "skipped by the importer.",
        soft_wrap=True,
    )
    for u in missing:
        console.print(
            f"  {u.dataset}: {u.model_name!r} on {u.benchmark} ({u.record})", markup=False
        )


def vars_of(u: object) -> dict[str, object]:
    return {k: getattr(u, k) for k in ("dataset", "benchmark", "model_name", "names", "record")}


def register(app: typer.Typer) -> None:
    app.command("benchmarks")(benchmarks)
