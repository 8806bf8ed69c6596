"""The report as rich tables (the CLI's default output)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.table import Table

from llmref.formatting import big_count, count, pct, usd
from llmref.usage.report import GROUPINGS, Line, UsageReport
from llmref.usage.whatif import ESTIMATE_NOTE, RoutingSimulation

LISTED_PROBLEMS = 20

TITLES = {
    "day": "Spend by day",
    "week": "Spend by week (from Monday)",
    "month": "Spend by month",
    "model": "Spend by model",
    "provider": "Spend by provider",
    "tag": "Spend by tag",
    "session": "Top sessions",
    "project": "Top projects",
}


def pricing_sentence(report: UsageReport) -> str:
    if report.pricing == "day":
        return "Each request is priced at the prices in force on its day (UTC)."
    return f"Every request is repriced at the prices of {report.as_of}."


def routing_sentence(report: UsageReport) -> str:
    """The routing simulation in one sentence, or "" when none was asked or it could not run."""
    if not isinstance(report.routing, RoutingSimulation):
        return ""
    r = report.routing
    what = f"requests tagged {r.tag!r}" if r.tag is not None else f"{pct(r.share)} of requests"
    return (
        f"Routing {what} to {r.target} ({r.provider_id}): {usd(r.actual_total)} becomes "
        f"{usd(r.simulated_total)} (saves {usd(r.saved)}; an estimate)."
    )


def left_out_sentence(report: UsageReport) -> str | None:
    parts = []
    if report.invalid_rows:
        parts.append(f"{count(report.invalid_rows)} invalid row(s)")
    if report.unpriced_rows:
        parts.append(f"{count(report.unpriced_rows)} row(s) without a price")
    if not parts:
        return None
    return "Not in the totals: " + " and ".join(parts) + " (listed below with file and line)."


def _group_table(name: str, lines: Sequence[Line]) -> Table:
    table = Table(title=TITLES[name], title_justify="left")
    for heading in GROUPINGS[name]:
        table.add_column(heading.replace("_id", ""))
    for heading in ("requests", "input", "output", "cached", "cost", "unpriced"):
        table.add_column(heading, justify="right")
    for line in lines:
        table.add_row(
            *[k or "—" for k in line.key],
            count(line.requests),
            big_count(line.input_tokens),
            big_count(line.output_tokens),
            big_count(line.cached_input_tokens),
            usd(line.cost),
            count(line.unpriced_rows) if line.unpriced_rows else "",
        )
    return table


def print_report(console: Console, report: UsageReport, groups: Sequence[str]) -> None:
    total = report.total
    console.print(
        f"[bold]{usd(total.cost)}[/] for {count(total.requests)} request(s) "
        f"({big_count(total.input_tokens)} input, {big_count(total.output_tokens)} output tokens)"
        + (f", {report.first_day} to {report.last_day}" if report.first_day else "")
        + "."
    )
    console.print(pricing_sentence(report))
    if report.duplicates:
        console.print(f"{count(report.duplicates)} repeated message(s) counted once.")
    if total.provider_cost_rows and total.provider_cost is not None:
        ours = total.llmref_cost_where_provider_cost or Decimal(0)
        console.print(
            f"The provider reported {usd(total.provider_cost)} for the "
            f"{count(total.provider_cost_rows)} row(s) that carry a cost; llmref prices them at "
            f"{usd(ours)} (difference {usd(ours - total.provider_cost)})."
        )
    left_out = left_out_sentence(report)
    if left_out:
        console.print(f"[yellow]{left_out}[/]")
    for name in groups:
        lines = report.groups[name]
        if name == "tag" and all(not ln.key[0] for ln in lines):
            continue
        console.print(_group_table(name, lines))
    if report.alternatives:
        table = Table(
            title="The same traffic on other models", title_justify="left", caption=ESTIMATE_NOTE
        )
        for heading in ("model", "cheapest route", "cost", "vs actual"):
            table.add_column(
                heading, justify="right" if heading in ("cost", "vs actual") else "left"
            )
        for alt in report.alternatives:
            change = (alt.cost - alt.actual) / alt.actual if alt.actual else None
            table.add_row(
                alt.model_id,
                alt.provider_id,
                usd(alt.cost),
                pct(change) if change is not None else "—",
            )
        console.print(table)
    if isinstance(report.routing, RoutingSimulation):
        console.print(routing_sentence(report))
    elif report.routing is not None:
        console.print(f"Routing simulation unavailable: {report.routing.reason}")
    for cached in report.caching:
        console.print(
            f"With {pct(cached.share)} of input served from cache: {usd(cached.baseline)} becomes "
            f"{usd(cached.cost)} at the prices of {cached.as_of} (saves {usd(cached.saved)})."
        )
    if report.problems:
        table = Table(title="Left out (first ones)", title_justify="left")
        for heading in ("where", "field", "problem"):
            table.add_column(heading)
        for p in report.problems[:LISTED_PROBLEMS]:
            table.add_row(p.where(), p.field, p.message)
        console.print(table)
