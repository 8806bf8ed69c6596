"""Import commands: `llmref import` (datasets -> snapshots -> store) and `llmref conflicts`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from llmref.cli.common import (
    CatalogOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    console,
    err_console,
    fail,
    handle_errors,
    load,
    money,
    print_json,
    to_jsonable,
    tokens,
    wants_json,
)

if TYPE_CHECKING:
    from llmref.catalog import Conflict, ConflictValue
    from llmref.importers.run import ImportResult

FromDatasets = Annotated[
    Path | None,
    typer.Option(
        "--from-datasets",
        help="Read the raw datasets in this directory (fetched by `make data`) instead of the "
        "committed snapshots.",
        file_okay=False,
        resolve_path=True,
    ),
]
WriteSnapshot = Annotated[
    Path | None,
    typer.Option(
        "--write-snapshot",
        help="Also write the generated snapshot files (one JSON-lines file per dataset) here.",
        file_okay=False,
        resolve_path=True,
    ),
]
Report = Annotated[
    bool,
    typer.Option("--report", help="List the dataset records that stayed unresolved, and why."),
]


def _run(
    data_dir: Path, from_datasets: Path | None, write_snapshot: Path | None, quiet: bool
) -> ImportResult:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from llmref.importers.run import import_catalog
    from llmref.store import open_store

    store = open_store()
    with Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task("starting", total=1)

        def progress(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total)

        return import_catalog(
            data_dir,
            store,
            from_datasets=from_datasets,
            write_snapshot=write_snapshot,
            progress=progress,
        )


def _summary(result: ImportResult, report: bool) -> dict[str, Any]:
    catalog = result.catalog
    out: dict[str, Any] = {
        "catalog_version": catalog.version,
        "models": len(catalog.models),
        "providers": len(catalog.providers),
        "offerings": len(catalog.offerings),
        "conflicts": len(catalog.conflicts),
        "first_import": result.first_import,
        "sources": {name: vars(counts) for name, counts in sorted(result.counts.items())},
        "written": [str(p) for p in result.written],
        "removed": result.removed,
        "unresolved_count": len(result.unresolved),
    }
    out["unresolved_by_reason"] = dict(_by_reason(result))
    if report:
        out["unresolved"] = [vars(u) for u in result.unresolved]
    return out


def _by_reason(result: ImportResult) -> list[tuple[str, int]]:
    """Unresolved records counted by the kind of reason (its words before any detail), most
    frequent first."""
    from collections import Counter

    kinds = Counter(
        item.reason.split(";")[0].split(" of ")[0].split(" (")[0] for item in result.unresolved
    )
    return sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))


@handle_errors
def import_(
    from_datasets: FromDatasets = None,
    write_snapshot: WriteSnapshot = None,
    report: Report = False,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Rebuild the stored catalogue in one transaction (from data/, or from the raw datasets)."""
    as_json = wants_json(as_json, fmt)
    from llmref.catalog import bundled_data_dir
    from llmref.importers import DatasetError

    data_dir = catalog_dir or bundled_data_dir()
    try:
        result = _run(data_dir, from_datasets, write_snapshot, quiet=as_json)
    except DatasetError as exc:
        fail(f"import failed; the store and the snapshot files are unchanged.\n{exc}", 3)
    summary = _summary(result, report)
    if as_json:
        print_json(summary, catalog_version=result.catalog.version)
        return
    from rich.table import Table

    origin = "the raw datasets in " + str(from_datasets) if from_datasets else str(data_dir)
    if result.first_import:
        line = f"Built the catalogue from {origin}; the store held none before:"
    else:
        line = f"Rebuilt the catalogue from {origin}; compared with the stored one:"
    console.print(line, soft_wrap=True)
    table = Table()
    for column in ("Source", "Created", "Updated", "Unchanged", "Conflicting"):
        table.add_column(column, justify="left" if column == "Source" else "right")
    for name, counts in summary["sources"].items():
        table.add_row(
            name,
            *(str(counts[k]) for k in ("created", "updated", "unchanged", "conflicting")),
        )
    console.print(table)
    console.print(
        f"Catalogue {summary['catalog_version']}: {summary['models']} models, "
        f"{summary['providers']} providers, {summary['offerings']} offerings, "
        f"{summary['conflicts']} conflicts between sources.",
        soft_wrap=True,
    )
    if summary["removed"]:
        console.print(
            f"{summary['removed']} records of the stored catalogue are no longer in any source.",
            soft_wrap=True,
        )
    for path in result.written:
        console.print(f"Wrote {path}", soft_wrap=True)
    if report:
        _print_unresolved(result)
    elif result.unresolved:
        console.print(
            f"{len(result.unresolved)} dataset records stayed unresolved "
            "(`llmref import --report` lists them)."
        )


def _print_unresolved(result: ImportResult) -> None:
    from rich.table import Table

    if not result.unresolved:
        console.print("Every dataset record was resolved.")
        return
    table = Table(title=f"{len(result.unresolved)} unresolved dataset records")
    for column in ("Dataset", "Provider", "Id", "Reason"):
        table.add_column(column, overflow="fold")
    for item in result.unresolved:
        table.add_row(item.dataset, item.provider, item.id, item.reason)
    console.print(table)
    console.print(f"{len(result.unresolved)} unresolved dataset records, by reason:")
    for reason, count in _by_reason(result):
        console.print(f"  {count:>6}  {reason}", soft_wrap=True)


def _shown(field: str, value: Any) -> str:
    if field.endswith("_price"):
        return money(value)
    if field.endswith(("_window", "_tokens")) and isinstance(value, int):
        return tokens(value)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _value_line(field: str, value: ConflictValue) -> str:
    record = f" ({value.record})" if value.record else ""
    return f"{_shown(field, value.value)} — {value.source}{record}"


@handle_errors
def conflicts(
    model: Annotated[
        str | None, typer.Option("--model", help="Only this model (id or alias) and its offerings.")
    ] = None,
    field: Annotated[
        str | None,
        typer.Option("--field", help="Only this fact, e.g. cache_read_price, max_output_tokens."),
    ] = None,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Where sources disagree: every value with its source, the chosen one and the rule."""
    as_json = wants_json(as_json, fmt)
    catalog = load(catalog_dir)
    found: tuple[Conflict, ...] = catalog.conflicts
    if model is not None:
        found = catalog.conflicts_of(catalog.model(model).id)
    if field is not None:
        known = sorted({c.field for c in catalog.conflicts})
        if field not in known:
            fail(
                f"--field {field!r} is not a field any conflict is on; known: {', '.join(known)}", 2
            )
        found = tuple(c for c in found if c.field == field)
    if as_json:
        print_json({"count": len(found), "conflicts": [to_jsonable(c) for c in found]})
        return
    if not found:
        console.print("No conflicts match.")
        return
    console.print(f"{len(found)} conflict(s) between sources:", soft_wrap=True)
    for conflict in found:
        console.print(f"\n[bold]{conflict.subject}[/] {conflict.field}", soft_wrap=True)
        for value in conflict.values:
            mark = "*" if value == conflict.chosen else " "
            console.print(
                f"  {mark} {_value_line(conflict.field, value)}", markup=False, soft_wrap=True
            )
        console.print(f"    chosen (*) by: {conflict.rule}", markup=False, soft_wrap=True)


def duplicates(
    limit: Annotated[
        int, typer.Option("--limit", min=0, help="Print at most this many pairs (0: all).")
    ] = 50,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Model pairs that may be one model, for a person to rule on in
    data/identity-rulings.toml (merge or keep apart); each ruling shortens the list."""
    as_json = wants_json(as_json, fmt)
    from llmref.catalog import bundled_data_dir
    from llmref.importers.duplicates import find_candidates
    from llmref.importers.rulings import RULINGS_FILE, load_rulings

    catalog = load(catalog_dir)
    root = catalog_dir if catalog_dir is not None else bundled_data_dir()
    rulings = load_rulings(root)
    found = find_candidates(catalog, rulings)
    shown = found if limit == 0 else found[:limit]
    if as_json:
        print_json(
            {
                "count": len(found),
                "rulings": len(rulings.items),
                "candidates": [
                    {
                        "models": [c.first, c.second],
                        "vendor": c.vendor,
                        "words_apart": list(c.words_apart),
                        "evidence": list(c.evidence),
                        "score": c.score,
                    }
                    for c in shown
                ],
            }
        )
        return
    console.print(
        f"{len(found)} candidate pair(s) to rule on ({len(rulings.items)} ruled in "
        f"{root / RULINGS_FILE}); showing {len(shown)}:",
        soft_wrap=True,
        markup=False,
    )
    for c in shown:
        console.print(
            f"  {c.first} ~ {c.second} [{c.vendor or 'vendor unknown'}]: differ by "
            f"{', '.join(c.words_apart)}; {'; '.join(c.evidence)}",
            markup=False,
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("conflicts")(conflicts)
    app.command("duplicates")(duplicates)
