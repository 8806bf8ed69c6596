"""`llmref export`: the catalogue's models, offerings or benchmark results as CSV or NDJSON
(the same rows as ``/api/v1/export/…``, from :mod:`llmref.export_data`)."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from llmref.cli.common import CatalogOption, JsonOption, handle_errors, load, print_json


class Kind(StrEnum):
    models = "models"
    offerings = "offerings"
    benchmarks = "benchmarks"


class Format(StrEnum):
    csv = "csv"
    ndjson = "ndjson"


@handle_errors
def export(
    kind: Annotated[Kind, typer.Argument(help="What to export: models, offerings or benchmarks.")],
    fmt: Annotated[
        Format,
        typer.Option("--format", case_sensitive=False, help="File format: csv or ndjson."),
    ] = Format.csv,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write here instead of stdout."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Offerings: the prices in force on this date (YYYY-MM-DD)."),
    ] = None,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export models, offerings or benchmark results as CSV or NDJSON, with sources.

    Every value comes with its source and review date; prices are exact decimal strings (US
    dollars per 1M tokens). `--format` names the file's format here; `--json` prints a report
    of what was written (it needs `--output`)."""
    from llmref import export_data

    day = _day(as_of)
    if as_json and output is None:
        raise ValueError("--json reports on the file written: give --output FILE")
    catalog = load(catalog_dir)
    chunks = export_data.stream(catalog, kind.value, fmt.value, day)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    # newline="": the CSV writer already ends lines with CRLF (RFC 4180).
    with output.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
    rows = export_data.count_rows(catalog, kind.value)
    if as_json:
        print_json(
            {
                "kind": kind.value,
                "format": fmt.value,
                "rows": rows,
                "output": str(output),
                "prices_as_of": day,
            }
        )
    else:
        typer.echo(f"Wrote {rows:,} {kind.value} ({fmt.value}) to {output}.", err=True)


def _day(value: str | None) -> date:
    if value is None:
        from datetime import UTC, datetime

        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--as-of: {value!r} is not a date like 2026-06-30") from None


def register(app: typer.Typer) -> None:
    app.command("export")(export)
