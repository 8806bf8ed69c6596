"""Engine commands: compare, cost, route, profile. Thin over llmref.compare, llmref.pricing,
llmref.profile; heavy imports stay inside the commands (fast start-up)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

import typer

from llmref.cli.common import (
    CatalogOption,
    JsonOption,
    OutputFormat,
    console,
    fail,
    handle_errors,
    load,
    print_json,
    to_jsonable,
    wants_json,
)
from llmref.cli.common import FormatOption as PlainFormatOption

MAX_TOKENS = 100_000_000
MAX_REQUESTS = 1_000_000_000_000


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Routes(StrEnum):
    """Mirrors llmref.pricing.ROUTE_POLICIES (kept here so --help needs no engine import)."""

    trusted = "trusted"
    all = "all"
    vendor = "vendor"


RoutesOption = Annotated[
    Routes,
    typer.Option(
        "--routes",
        case_sensitive=False,
        help="Which routes may be named the cheapest: trusted (vendor APIs, clouds, routers at "
        "list price, hosts of open weights; no outliers), all, or vendor (the vendor's own API).",
    ),
]


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Use the prices in force on this date (YYYY-MM-DD)."
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", case_sensitive=False, help="Output format.")
]
RequestsOption = Annotated[
    int | None,
    typer.Option(
        "--requests", min=1, max=MAX_REQUESTS, help="Requests per month (default 1,000,000)."
    ),
]
InputOption = Annotated[
    int | None,
    typer.Option("--input", min=0, max=MAX_TOKENS, help="Input tokens per request (default 800)."),
]
OutputOption = Annotated[
    int | None,
    typer.Option(
        "--output", min=0, max=MAX_TOKENS, help="Output tokens per request (default 250)."
    ),
]
TotalOption = Annotated[
    int | None,
    typer.Option(
        "--total-tokens",
        min=0,
        max=10**18,
        help="Total tokens per month, split 800:250 (instead of --input/--output per request).",
    ),
]


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of must be a date like 2026-01-31, got {value!r}", 2)


def _traffic(
    requests: int | None, input_tokens: int | None, output_tokens: int | None, total: int | None
) -> Any:
    from llmref.pricing import Traffic

    if total is not None:
        if input_tokens is not None or output_tokens is not None:
            fail("give either --total-tokens or --input/--output, not both", 2)
        return Traffic.from_total_tokens(total, requests=requests)
    return Traffic.per_request(
        1_000_000 if requests is None else requests,
        800 if input_tokens is None else input_tokens,
        250 if output_tokens is None else output_tokens,
    )


@handle_errors
def compare(
    models: Annotated[
        list[str], typer.Argument(metavar="MODEL...", help="Two to five model ids or aliases.")
    ],
    requests: RequestsOption = None,
    input_tokens: InputOption = None,
    output_tokens: OutputOption = None,
    total_tokens: TotalOption = None,
    as_of: AsOfOption = None,
    routes: RoutesOption = Routes.trusted,
    fmt: FormatOption = Format.text,
    as_json: JsonOption = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """Compare two models (a full comparison) or three to five (a table) at a monthly traffic."""
    from llmref import blocks, prose
    from llmref.compare import build_comparison, build_table

    if not 2 <= len(models) <= 5:
        fail(f"compare takes 2 to 5 models, got {len(models)}", 2)
    day = _day(as_of)
    traffic = _traffic(requests, input_tokens, output_tokens, total_tokens)
    catalog = load(catalog_dir)
    resolved = tuple(catalog.model(m) for m in models)
    if len({m.id for m in resolved}) != len(resolved):
        fail(f"compare needs different models, got {', '.join(m.id for m in resolved)}", 2)
    if len(resolved) == 2:
        result: Any = build_comparison(
            catalog, resolved[0], resolved[1], traffic, day, policy=routes.value
        )
        text: Any = prose.comparison_text(result)
        page = blocks.comparison_blocks(result, text)
    else:
        result = build_table(catalog, resolved, traffic, day, policy=routes.value)
        text = prose.table_text(result)
        page = blocks.table_blocks(result, text)
    _emit(result, text, page, Format.json if as_json else fmt)


def _emit(result: Any, text: Any, page: Any, fmt: Format) -> None:
    """Print a result as JSON (its data and, under ``text``, its sentences), Markdown or text."""
    from llmref import blocks

    if fmt is Format.json:
        print_json({**to_jsonable(result), "text": to_jsonable(text)})
    elif fmt is Format.markdown:
        typer.echo(blocks.to_markdown(page), nl=False)
    else:
        blocks.print_blocks(console, page)


@handle_errors
def cost(
    model_id: Annotated[str, typer.Argument(metavar="MODEL", help="Model id or alias.")],
    input_tokens: Annotated[
        int,
        typer.Option(
            "--input",
            min=0,
            max=MAX_TOKENS,
            help="Input tokens per request (all of them, cached included).",
        ),
    ],
    output_tokens: Annotated[
        int, typer.Option("--output", min=0, max=MAX_TOKENS, help="Output tokens per request.")
    ],
    cached: Annotated[
        int,
        typer.Option(
            "--cached",
            min=0,
            max=MAX_TOKENS,
            help="Of the input tokens, how many are read from the prompt cache.",
        ),
    ] = 0,
    requests: Annotated[
        int, typer.Option("--requests", min=1, max=MAX_REQUESTS, help="Number of requests.")
    ] = 1,
    provider: Annotated[str | None, typer.Option("--provider", help="Only this provider.")] = None,
    batch: Annotated[
        bool, typer.Option("--batch", help="Use batch (asynchronous) prices.")
    ] = False,
    as_of: AsOfOption = None,
    routes: RoutesOption = Routes.trusted,
    as_json: JsonOption = False,
    fmt: PlainFormatOption = OutputFormat.text,
    catalog_dir: CatalogOption = None,
) -> None:
    """Cost of a request (times --requests) on each provider of a model, cheapest first."""
    as_json = wants_json(as_json, fmt)
    from llmref import formatting, prose
    from llmref.pricing import Route, Usage, estimate

    day = _day(as_of)
    usage = Usage(input_tokens, output_tokens, cached_input_tokens=cached, batch=batch)
    catalog = load(catalog_dir)
    model = catalog.model(model_id)
    result = estimate(catalog, model, usage, requests, provider, day, policy=routes.value)
    if as_json:
        print_json(result)
        return
    from rich.markup import escape
    from rich.table import Table

    title = f"{model.name}: {input_tokens:,} in / {output_tokens:,} out"
    title += (f", {cached:,} cached" if cached else "") + (" (batch)" if batch else "")
    table = Table(title=escape(title))
    for column in ("Provider", "Class", "Per request", f"× {requests:,}", "Note"):
        table.add_column(column)
    assessed = {a.route.provider_id: a for a in result.assessment.routes}
    for line in result.lines:
        verdict = assessed[line.route.provider_id]
        note = line.reason or "; ".join(line.notes)
        if verdict.considered and verdict.excluded_reason:
            note = "; ".join(n for n in (f"set aside: {verdict.excluded_reason}", note) if n)
        elif verdict.outlier is not None:
            note = "; ".join(n for n in (verdict.outlier.reason, note) if n)
        table.add_row(
            escape(line.route.provider_name),
            line.route.route_class,
            formatting.usd(line.per_request) if line.per_request is not None else "unavailable",
            formatting.usd(line.total) if line.total is not None else "unavailable",
            escape(note),
        )
    console.print(table)
    if isinstance(result.cheapest, Route):
        console.print(f"Cheapest: {escape(result.cheapest.provider_name)}.")
    else:
        console.print(f"No cost available: {escape(result.cheapest.reason)}.")
    if provider is None:
        console.print(escape(prose.route_policy_sentence(result.assessment)), markup=False)


@handle_errors
def route(
    cheap: Annotated[str, typer.Option("--cheap", help="Model that takes the routed share.")],
    strong: Annotated[str, typer.Option("--strong", help="Model that takes the rest.")],
    share: Annotated[
        float,
        typer.Option(
            "--share", min=0.0, max=1.0, help="Share of requests sent to the cheap model (0-1)."
        ),
    ] = 0.5,
    requests: RequestsOption = None,
    input_tokens: InputOption = None,
    output_tokens: OutputOption = None,
    as_of: AsOfOption = None,
    routes: RoutesOption = Routes.trusted,
    as_json: JsonOption = False,
    fmt: PlainFormatOption = OutputFormat.text,
    catalog_dir: CatalogOption = None,
) -> None:
    """Monthly cost of sending a share of traffic to a cheap model and the rest to a strong one."""
    as_json = wants_json(as_json, fmt)
    from llmref import prose
    from llmref.pricing import Unavailable, routing_plan

    day = _day(as_of)
    traffic = _traffic(requests, input_tokens, output_tokens, None)
    catalog = load(catalog_dir)
    cheap_m, strong_m = catalog.model(cheap), catalog.model(strong)
    plan = routing_plan(
        catalog, cheap_m, strong_m, Decimal(str(share)), traffic, day, policy=routes.value
    )
    if as_json:
        print_json(plan)
        return
    if isinstance(plan, Unavailable):
        fail(f"routing cost unavailable: {plan.reason}", 1)
    for line in prose.routing_text(plan, cheap_m.name, strong_m.name):
        console.print(line, markup=False)


@handle_errors
def profile(
    model_id: Annotated[str, typer.Argument(metavar="MODEL", help="Model id or alias.")],
    versus: Annotated[
        list[str] | None,
        typer.Option("--vs", help="Compare with these models instead of the automatic choice."),
    ] = None,
    as_of: AsOfOption = None,
    routes: RoutesOption = Routes.trusted,
    fmt: FormatOption = Format.text,
    as_json: JsonOption = False,
    catalog_dir: CatalogOption = None,
) -> None:
    """A model profile: specs, benchmarks, prices against alternatives, where to run it."""
    from llmref import blocks, prose
    from llmref.profile import build_profile

    day = _day(as_of)
    catalog = load(catalog_dir)
    model = catalog.model(model_id)
    rivals = tuple(catalog.model(v) for v in versus) if versus else None
    result = build_profile(catalog, model, day, rivals, policy=routes.value)
    text = prose.profile_text(result)
    _emit(result, text, blocks.profile_blocks(result, text), Format.json if as_json else fmt)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
    app.command("cost")(cost)
    app.command("route")(route)
    app.command("profile")(profile)
