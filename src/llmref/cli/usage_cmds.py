"""`llmref usage analyze`: price real usage logs at the prices of their day. Thin over
:mod:`llmref.usage`; the heavy imports (DuckDB, Ibis, Arrow) happen inside the command."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from llmref.cli.common import (
    CatalogOption,
    console,
    enter_group,
    err_console,
    fail,
    handle_errors,
    load,
)

if TYPE_CHECKING:
    from llmref.usage import Line, Source, UsageReport

usage_app = typer.Typer(
    help="Price your real LLM usage logs at the prices of their day, and compare alternatives.",
    no_args_is_help=True,
)


class Output(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class InputFormat(StrEnum):
    files = "files"
    openai = "openai"
    openrouter = "openrouter"
    litellm = "litellm"


class Group(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    model = "model"
    provider = "provider"
    tag = "tag"
    session = "session"
    project = "project"


PROGRESS_MIN_FILES = 20


def _sources(
    paths: list[str], claude_code: bool, codex: bool, kind: InputFormat, maps: list[str]
) -> list[Source]:
    from llmref.usage import Source
    from llmref.usage.inputs import claude_code as cc
    from llmref.usage.inputs import codex as cx
    from llmref.usage.inputs.files import parse_map

    if claude_code and codex:
        raise ValueError("choose one of --claude-code and --codex per run")
    if claude_code:
        return [Source("claude-code", tuple(paths) or (str(cc.default_dir()),))]
    if codex:
        return [Source("codex", tuple(paths) or (str(cx.default_dir()),))]
    if not paths:
        raise ValueError("name usage files (or use --claude-code / --codex)")
    return [Source(kind.value, tuple(paths), parse_map(maps))]


def _read(sources: list[Source], strict: bool) -> Any:
    from rich.progress import Progress

    from llmref.usage import read
    from llmref.usage.load import count_files

    if not err_console.is_terminal:  # (no bar: the files are not counted)
        return read(sources, strict=strict)
    total = count_files(sources)
    if total < PROGRESS_MIN_FILES:
        return read(sources, strict=strict)
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Reading usage files", total=total)
        return read(sources, strict=strict, on_file=lambda _path: progress.advance(task))


def _share(text: str | None, name: str) -> Decimal | None:
    if text is None:
        return None
    from llmref.pricing import check_share

    try:
        return check_share(name, Decimal(text.rstrip("%")) / (100 if text.endswith("%") else 1))
    except ArithmeticError as exc:
        raise ValueError(f"{name}: not a number: {text!r}") from exc


@usage_app.command("analyze")
@handle_errors
def analyze(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Usage files, globs or folders (or the log folder for --claude-code "
            "/ --codex; their default location when omitted)."
        ),
    ] = None,
    claude_code: Annotated[
        bool, typer.Option("--claude-code", help="Read Claude Code session logs.")
    ] = False,
    codex: Annotated[bool, typer.Option("--codex", help="Read Codex session logs.")] = False,
    kind: Annotated[
        InputFormat, typer.Option("--from", help="What the files are (a provider export?).")
    ] = InputFormat.files,
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=FIELD", help="Read FIELD from COLUMN."),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider",
            help="Provider for rows that name none (default: the model's vendor route).",
        ),
    ] = None,
    at_today: Annotated[
        bool, typer.Option("--at-today", help="Reprice every request at today's prices.")
    ] = False,
    alternatives: Annotated[
        list[str] | None,
        typer.Option("--alt", metavar="MODEL", help="Cost the same traffic on MODEL (repeat)."),
    ] = None,
    route_to: Annotated[
        str | None, typer.Option("--route-to", metavar="MODEL", help="Routing simulation target.")
    ] = None,
    route_tag: Annotated[
        str | None, typer.Option("--route-tag", help="Send the requests with this tag.")
    ] = None,
    route_share: Annotated[
        str | None, typer.Option("--route-share", help="Or send this share of requests (0.3, 30%).")
    ] = None,
    cache_share: Annotated[
        list[str] | None,
        typer.Option("--cache-share", help="Caching what-if: share of input from cache (repeat)."),
    ] = None,
    group: Annotated[
        list[Group] | None,
        typer.Option(
            "--group", help="Tables to show (default: month, model, provider, tag, session)."
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="Top sessions/projects.")] = 10,
    output: Annotated[Output, typer.Option("--format", case_sensitive=False)] = Output.table,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the offline HTML report here.")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first bad row.")] = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Price every request at the price in force on its day; totals by period, model, provider,
    tag and session; alternatives, routing and caching what-ifs. Nothing is written to the
    catalogue store."""
    from llmref.usage import UsageInputError, build_report

    sources = _sources(paths or [], claude_code, codex, kind, maps or [])
    shares = [s for s in (_share(t, "--cache-share") for t in cache_share or []) if s is not None]
    routing = None
    if route_to is not None:
        share = _share(route_share, "--route-share")
        if (route_tag is None) == (share is None):
            raise ValueError("--route-to needs exactly one of --route-tag and --route-share")
        routing = (route_to, route_tag, share if share is not None else Decimal(1))
    try:
        log = _read(sources, strict)
    except UsageInputError as exc:
        fail(f"bad usage input (--strict): {exc}", 4)
    except FileNotFoundError as exc:
        fail(str(exc), 2)
    catalog = load(catalog_dir)
    today = date.today()
    report = build_report(
        catalog,
        log,
        as_of=today if at_today else None,
        alternatives=alternatives or [],
        alternatives_as_of=today,
        top=top,
        routing=routing,
        cache_shares=shares,
        default_provider=provider,
    )
    if strict and report.unpriced_rows:
        first = next(p for p in report.problems if p.kind == "unpriced")
        fail(
            f"{report.unpriced_rows:,} request(s) cannot be priced (--strict): "
            f"{first.where()}: {first.message}",
            4,
        )
    if html is not None:
        from llmref.usage.html import render_report

        html.write_text(render_report(report), encoding="utf-8")
        err_console.print(f"HTML report written to {html}")
    groups = [g.value for g in group] if group else ["month", "model", "provider", "tag", "session"]
    if as_json or output is Output.json:
        from llmref.cli.common import print_json
        from llmref.usage.export import report_json

        print_json(report_json(report), catalog_version=report.catalog_version)
    elif output is Output.csv:
        _print_csv(report, groups)
    else:
        from llmref.usage.console import print_report

        print_report(console, report, groups)


def _print_csv(report: UsageReport, groups: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "group",
            "key",
            "requests",
            "input_tokens",
            "output_tokens",
            "cached_input_tokens",
            "cache_write_tokens",
            "cost_usd",
            "unpriced_rows",
        ]
    )
    lines: list[tuple[str, Line]] = [("total", report.total)]
    for name in groups:
        lines.extend((name, line) for line in report.groups[name])
    for name, line in lines:
        writer.writerow(
            [
                name,
                "/".join(line.key),
                line.requests,
                line.input_tokens,
                line.output_tokens,
                line.cached_input_tokens,
                line.cache_write_tokens,
                f"{line.cost:f}",
                line.unpriced_rows,
            ]
        )
    sys.stdout.write(buffer.getvalue())


@usage_app.callback()
def _usage(ctx: typer.Context) -> None:
    """Price your real LLM usage logs at the prices of their day, and compare alternatives."""
    enter_group(ctx.invoked_subcommand)


def register(app: typer.Typer) -> None:
    app.add_typer(usage_app, name="usage")
