"""Catalogue commands: show, search, sources, validate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from llmref.cli.common import (
    CatalogOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    console,
    fail,
    handle_errors,
    load,
    money,
    print_json,
    to_jsonable,
    tokens,
    wants_json,
)
from llmref.cli.engine_cmds import Routes, RoutesOption
from llmref.facts import CAPABILITIES

if TYPE_CHECKING:
    from llmref.catalog import Catalog, Model, Offering


def _iso_date(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--{field} must be a date like 2024-06-01, got {value!r}", 2)


def _assessed(
    catalog: Catalog, model: Model, as_of: date | None, policy: str
) -> tuple[Any, dict[str, Any]]:
    """The route policy applied to the model's routes (typical request), and each route's
    verdict by provider id."""
    from llmref.pricing import TYPICAL_REQUEST, assess_routes, check_policy

    assessment = assess_routes(
        catalog, model, TYPICAL_REQUEST.usage, as_of, policy=check_policy(policy)
    )
    return assessment, {a.route.provider_id: a for a in assessment.routes}


def model_document(
    catalog: Catalog, model: Model, as_of: date | None, policy: str = "trusted"
) -> dict[str, Any]:
    """Everything `show` prints, as one JSON-ready structure."""
    from llmref.prose import route_policy_sentence

    assessment, verdicts = _assessed(catalog, model, as_of, policy)
    disputed = {
        c.field: c for c in catalog.conflicts_of(model.id) if c.subject == f"model:{model.id}"
    }
    facts = {
        name: {
            "value": fact.value,
            "source": fact.source,
            "reviewed": fact.reviewed,
            **({"record": fact.record} if fact.record else {}),
            **(
                {
                    "disputed": [
                        {"value": v.value, "source": v.source} for v in disputed[name].values
                    ]
                }
                if name in disputed
                else {}
            ),
        }
        for name, fact in sorted(model.facts.items())
    }
    offerings = []
    for offering in catalog.offerings_of(model.id):
        point = offering.price_on(as_of)
        provider = catalog.providers.get(offering.provider_id)
        offerings.append(
            {
                "provider": offering.provider_id,
                "provider_name": provider.name if provider else offering.provider_id,
                "provider_model_id": offering.provider_model_id,
                "pay_per_token": offering.pay_per_token,
                "route_class": verdicts[offering.provider_id].route_class,
                "excluded_reason": verdicts[offering.provider_id].excluded_reason,
                "outlier": to_jsonable(verdicts[offering.provider_id].outlier),
                "price": None if point is None else to_jsonable(point),
                "history": [to_jsonable(p) for p in offering.prices],
                "facts": {k: to_jsonable(v) for k, v in offering.facts.items()},
                "conflicts": [
                    to_jsonable(c)
                    for c in catalog.conflicts_of(model.id)
                    if c.subject == f"offering:{offering.key}"
                ],
            }
        )
    snapshots = []
    for snap in catalog.snapshots_of(model.id):
        snapshots.append(
            {
                "id": snap.id,
                "name": snap.name,
                "release_date": snap.value("release_date"),
                "offerings": [
                    {"provider": o.provider_id, "history": [to_jsonable(p) for p in o.prices]}
                    for o in catalog.offerings_of(snap.id)
                ],
            }
        )
    cheapest = assessment.cheapest
    return {
        "id": model.id,
        "name": model.name,
        "vendor": model.vendor_id,
        "family": model.family_id,
        "route_policy": {
            "policy": assessment.policy,
            "considered": assessment.considered,
            "excluded": len(assessment.excluded),
            "cheapest_provider": getattr(cheapest, "provider_id", None),
            "reference": to_jsonable(assessment.reference),
            "summary": route_policy_sentence(assessment),
        },
        "aliases": list(model.aliases),
        "as_of": as_of,
        "facts": facts,
        "offerings": offerings,
        "snapshots": snapshots,
        "benchmarks": [to_jsonable(b) for b in catalog.benchmarks_of(model.id)],
        "catalog_version": catalog.version,
    }


def _price_cells(offering: Offering, as_of: date | None) -> list[str]:
    point = offering.price_on(as_of)
    if point is None:
        return ["not priced" if not offering.prices else "not yet priced", "", "", ""]
    return [money(point.input), money(point.output), money(point.cache_read), point.source]


def _print_model(
    catalog: Catalog, model: Model, as_of: date | None, policy: str = "trusted"
) -> None:
    from rich.table import Table

    disputed = {c.field for c in catalog.conflicts_of(model.id) if c.subject == f"model:{model.id}"}
    vendor = catalog.vendors.get(model.vendor_id or "")
    title = f"[bold]{model.name}[/] ({model.id})"
    if vendor:
        title += f" by {vendor.name}"
    console.print(title, markup=True)
    if model.family_id:
        console.print(f"Snapshot of {model.family_id}")
    if model.aliases:
        console.print("Also known as: " + ", ".join(model.aliases))

    specs = Table(title="Facts", show_lines=False)
    for column in ("Fact", "Value", "Source", "Reviewed"):
        specs.add_column(column)
    for name, fact in sorted(model.facts.items()):
        if name in CAPABILITIES or name == "name":
            continue
        value = fact.value
        shown = tokens(value) if name.endswith(("_window", "_tokens")) else value
        if isinstance(value, tuple):
            shown = ", ".join(value)
        mark = " ⚠ disputed" if name in disputed else ""
        specs.add_row(name.replace("_", " "), f"{shown}{mark}", fact.source, str(fact.reviewed))
    console.print(specs)

    caps = Table(title="Capabilities")
    caps.add_column("Capability")
    caps.add_column("Value")
    caps.add_column("Source")
    for name in CAPABILITIES:
        flag = model.capability(name)
        cap_fact = model.facts.get(name)
        caps.add_row(
            name.replace("_", " "),
            "unknown" if flag is None else ("yes" if flag else "no"),
            cap_fact.source if cap_fact else "",
        )
    console.print(caps)

    offers = Table(
        title=f"Offerings (prices per 1M tokens{', as of ' + str(as_of) if as_of else ''})"
    )
    for column in ("Provider", "Class", "Input", "Output", "Cache read", "Source"):
        offers.add_column(column)
    assessment, verdicts = _assessed(catalog, model, as_of, policy)
    for offering in catalog.offerings_of(model.id):
        provider = catalog.providers.get(offering.provider_id)
        label = provider.name if provider else offering.provider_id
        if not offering.pay_per_token:
            label += " (subscription)"
        disputed_prices = {
            c.field
            for c in catalog.conflicts_of(model.id)
            if c.subject == f"offering:{offering.key}"
        }
        cells = _price_cells(offering, as_of)
        if disputed_prices:
            cells[-1] += " ⚠ " + ", ".join(sorted(disputed_prices))
        verdict = verdicts[offering.provider_id]
        flag = verdict.excluded_reason if verdict.considered else None
        if flag is None and verdict.outlier is not None:
            flag = verdict.outlier.reason
        if flag:
            cells[-1] += f" ⚑ {flag}"
        offers.add_row(label, verdict.route_class, *cells)
    console.print(offers)
    from llmref.prose import route_policy_sentence

    console.print(route_policy_sentence(assessment), markup=False)

    snaps = catalog.snapshots_of(model.id)
    if snaps:
        history = Table(title="Snapshots and price history")
        for column in ("Snapshot", "Provider", "From", "To", "Input", "Output"):
            history.add_column(column)
        for snap in (model, *snaps):
            for offering in catalog.offerings_of(snap.id):
                for point in offering.prices:
                    history.add_row(
                        snap.id,
                        offering.provider_id,
                        str(point.effective_from or "—"),
                        str(point.effective_to or "now"),
                        money(point.input),
                        money(point.output),
                    )
        console.print(history)

    results = catalog.benchmarks_of(model.id)
    if results:
        bench = Table(title="Benchmarks")
        for column in ("Benchmark", "Value", "Measured", "Source"):
            bench.add_column(column)
        for r in results:
            bench.add_row(r.benchmark, f"{r.value} {r.unit}", str(r.measured or "—"), r.source)
        console.print(bench)
    else:
        console.print("No benchmark results are recorded for this model.")


@handle_errors
def show(
    model_id: Annotated[
        str, typer.Argument(metavar="MODEL", help="Model id, alias or snapshot id.")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Show the prices in force on this date.")
    ] = None,
    routes: RoutesOption = Routes.trusted,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Specs, capabilities, every offering with prices and sources, and benchmarks."""
    as_json = wants_json(as_json, fmt)
    day = _iso_date(as_of, "as-of")
    catalog = load(catalog_dir)
    model = catalog.model(model_id)
    if as_json:
        print_json(model_document(catalog, model, day, routes.value))
    else:
        _print_model(catalog, model, day, routes.value)


@handle_errors
def search(
    text: Annotated[
        str | None, typer.Argument(help="Text in the id, name, alias, vendor or provider.")
    ] = None,
    capability: Annotated[
        list[str] | None, typer.Option("--capability", help=f"Required: {', '.join(CAPABILITIES)}.")
    ] = None,
    min_context: Annotated[int | None, typer.Option(min=1, help="Minimum context window.")] = None,
    max_input_price: Annotated[
        float | None, typer.Option(min=0, help="Maximum input price, $ per 1M tokens.")
    ] = None,
    open_weights: Annotated[
        bool, typer.Option("--open-weights", help="Only open-weights models.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    routes: RoutesOption = Routes.trusted,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Find models by text, capability, context size, price and licence."""
    as_json = wants_json(as_json, fmt)
    caps = [c.replace("-", "_").lower() for c in capability or []]
    for cap in caps:
        if cap not in CAPABILITIES:
            fail(f"--capability {cap!r} is not one of: {', '.join(CAPABILITIES)}", 2)
    price = None if max_input_price is None else Decimal(str(max_input_price))
    catalog = load(catalog_dir)
    from llmref.summary import search_rows

    # The summary engine the web's lists and search use (free tiers never count as cheapest).
    results = search_rows(
        catalog,
        text,
        capabilities=caps,
        min_context=min_context,
        max_input_price=price,
        open_weights=open_weights,
        policy=routes.value,
    )
    shown = results[:limit]
    if as_json:
        print_json(
            {
                "count": len(results),
                "results": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "vendor": s.vendor_id,
                        "context_window": s.context_window,
                        "cheapest_input": s.cheapest_input.price if s.cheapest_input else None,
                        "cheapest_input_provider": (
                            s.cheapest_input.provider_id if s.cheapest_input else None
                        ),
                        "cheapest_output": s.cheapest_output.price if s.cheapest_output else None,
                        "monthly_cost": s.monthly_cost,
                        "route_policy": s.policy,
                    }
                    for s in shown
                ],
            }
        )
        return
    from rich.table import Table

    table = Table(
        title=f"{len(results)} model(s)" + (f", first {limit}" if len(results) > limit else "")
    )
    for column in ("Model", "Name", "Vendor", "Context", "Cheapest input /1M"):
        table.add_column(column)
    for row in shown:
        table.add_row(
            row.id,
            row.name,
            row.vendor_id or "—",
            tokens(row.context_window),
            money(row.cheapest_input.price if row.cheapest_input else None),
        )
    console.print(table)


@handle_errors
def sources(
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Every source the catalogue cites: datasets (with versions and licences) and URLs."""
    as_json = wants_json(as_json, fmt)
    catalog = load(catalog_dir)
    counts: dict[str, int] = {}
    for model in catalog.models.values():
        for fact in model.facts.values():
            counts[fact.source] = counts.get(fact.source, 0) + 1
    for offering in catalog.offerings:
        for point in offering.prices:
            counts[point.source] = counts.get(point.source, 0) + 1
    for result in catalog.benchmarks:
        counts[result.source] = counts.get(result.source, 0) + 1
    rows = [{**to_jsonable(s), "facts": counts.get(s.id, 0)} for s in catalog.sources.values()]
    if as_json:
        print_json({"catalog_version": catalog.version, "sources": rows})
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} sources")
    for column in ("Kind", "Source", "Version", "Licence", "Facts cited"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["kind"],
            row["url"] or row["name"],
            row["version"] or "",
            row["license"] or "",
            str(row["facts"]),
        )
    console.print(table)


def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Data directory to check (default: the bundled one).",
            exists=True,
            file_okay=False,
            resolve_path=True,
        ),
    ] = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Check a data directory against the schema and its references, without storing anything."""
    as_json = wants_json(as_json, fmt)
    from llmref.catalog import CatalogDataError, load_catalog_dir

    try:
        catalog = load_catalog_dir(directory)
    except CatalogDataError as exc:
        if as_json:
            print_json({"valid": False, "problems": exc.problems})
            raise typer.Exit(1) from exc
        fail(f"{len(exc.problems)} problem(s):\n{exc}", 1)
    summary = {
        "valid": True,
        "models": len(catalog.models),
        "offerings": len(catalog.offerings),
        "providers": len(catalog.providers),
        "benchmarks": len(catalog.benchmarks),
        "conflicts": len(catalog.conflicts),
        "version": catalog.version,
    }
    if as_json:
        print_json(summary, catalog_version=catalog.version)
    else:
        console.print(
            f"Valid: {summary['models']} models, {summary['offerings']} offerings, "
            f"{summary['providers']} providers, {summary['benchmarks']} benchmark results, "
            f"{summary['conflicts']} conflicts between sources."
        )


def register(app: typer.Typer) -> None:
    app.command("show")(show)
    app.command("search")(search)
    app.command("sources")(sources)
    app.command("validate")(validate)
