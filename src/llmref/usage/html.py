"""The offline HTML report: one self-contained page (inline CSS and SVG charts, no scripts,
nothing fetched), rendered by a Jinja2 template with autoescaping from a typed context.

Chart geometry is worked out here, in Python; the template only places what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import jinja2

from llmref.formatting import big_count, count, pct, usd
from llmref.usage.console import TITLES, left_out_sentence, pricing_sentence, routing_sentence
from llmref.usage.report import Line, UsageReport
from llmref.usage.whatif import ESTIMATE_NOTE

TEMPLATES = Path(__file__).parent / "templates"
CHART_WIDTH = 640
BAR_HEIGHT = 22
LABEL_WIDTH = 200
MAX_BARS = 40
MAX_COLUMNS = 120


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TableView:
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ReportPage:
    """Everything the template shows, already formatted."""

    title: str
    headline: str
    sentences: tuple[str, ...]
    charts: tuple[Chart, ...]
    tables: tuple[TableView, ...]
    """The period, model, provider, tag and session tables, then what was left out."""


def _scaled(value: Decimal, top: Decimal, room: int) -> int:
    return 0 if top <= 0 or value <= 0 else max(1, int(value / top * room))


def horizontal(title: str, items: list[tuple[str, Decimal]], note: str | None = None) -> Chart:
    """Labelled horizontal bars, largest first (the first :data:`MAX_BARS`)."""
    shown = sorted(items, key=lambda it: (-it[1], it[0]))[:MAX_BARS]
    top = max((v for _, v in shown), default=Decimal(0))
    room = CHART_WIDTH - LABEL_WIDTH - 90
    bars = tuple(
        Bar(
            label,
            usd(value),
            LABEL_WIDTH,
            i * (BAR_HEIGHT + 6),
            _scaled(value, top, room),
            BAR_HEIGHT,
        )
        for i, (label, value) in enumerate(shown)
    )
    return Chart(title, CHART_WIDTH, len(bars) * (BAR_HEIGHT + 6) + 4, bars, note)


def columns(title: str, items: list[tuple[str, Decimal]]) -> Chart:
    """Vertical bars in time order (the last :data:`MAX_COLUMNS` periods)."""
    shown = items[-MAX_COLUMNS:]
    top = max((v for _, v in shown), default=Decimal(0))
    height = 200
    step = max(4, (CHART_WIDTH - 20) // max(len(shown), 1))
    bars = []
    for i, (label, value) in enumerate(shown):
        h = _scaled(value, top, height - 30)
        bars.append(Bar(label, usd(value), 10 + i * step, height - 20 - h, max(step - 2, 2), h))
    return Chart(title, CHART_WIDTH, height, tuple(bars))


def _rows(lines: tuple[Line, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            " / ".join(k or "—" for k in line.key),
            count(line.requests),
            big_count(line.input_tokens),
            big_count(line.output_tokens),
            usd(line.cost),
            count(line.unpriced_rows) if line.unpriced_rows else "",
        )
        for line in lines
    )


def page(report: UsageReport) -> ReportPage:
    """The page context of ``report``."""
    days = report.groups["day"]
    period = "day" if len(days) <= MAX_COLUMNS else "week"
    charts = [
        columns(f"Spend by {period}", [(ln.key[0], ln.cost) for ln in report.groups[period]]),
        horizontal(
            "Spend by model", [(ln.key[0] or "—", ln.cost) for ln in report.groups["model"]]
        ),
    ]
    if report.alternatives:
        items = [("as logged", report.total.cost)]
        items += [(f"{a.model_id} ({a.provider_id})", a.cost) for a in report.alternatives]
        charts.append(horizontal("Cost of the same traffic per alternative", items, ESTIMATE_NOTE))
    headings = ("", "requests", "input", "output", "cost", "unpriced")
    tables = [
        TableView(TITLES[name], headings, _rows(report.groups[name]))
        for name in ("month", "model", "provider", "tag", "session")
        if report.groups[name]
        and not (name == "tag" and all(not ln.key[0] for ln in report.groups[name]))
    ]
    sentences = [pricing_sentence(report)]
    left_out = left_out_sentence(report)
    if left_out:
        sentences.append(left_out)
    routing = routing_sentence(report)
    if routing:
        sentences.append(routing)
    for cached in report.caching:
        sentences.append(
            f"With {pct(cached.share)} of input served from cache: {usd(cached.baseline)} becomes "
            f"{usd(cached.cost)} at the prices of {cached.as_of}."
        )
    if report.problems:
        tables.append(
            TableView(
                "Left out of the totals (first ones)",
                ("where", "field", "problem"),
                tuple((p.where(), p.field, p.message) for p in report.problems[:200]),
            )
        )
    total = report.total
    span = f", {report.first_day} to {report.last_day}" if report.first_day else ""
    return ReportPage(
        title="LLM usage report",
        headline=f"{usd(total.cost)} for {count(total.requests)} request(s){span}",
        sentences=tuple(sentences),
        charts=tuple(charts),
        tables=tuple(tables),
    )


def render_report(report: UsageReport) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("usage_report.html").render(page=page(report))
