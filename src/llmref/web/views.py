"""View-model pieces: small HTML fragments built once in Python, so templates stay simple and
fast. Every piece escapes what it is given; a template prints them as they are."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from llmref import formatting as fmt
from llmref import labels
from llmref.catalog import Catalog, Fact, Model, Offering, PricePoint
from llmref.web.conflict_links import conflict_href
from llmref.web.urls import Links

if TYPE_CHECKING:
    from llmref.pricing import AssessedRoute


@lru_cache(maxsize=65536)
def esc(text: str) -> str:
    """HTML-escaped text (quotes too), cached: pages repeat the same names and prices a lot."""
    return html.escape(text)


def link(href: str | None, text: str, title: str | None = None, cls: str | None = None) -> Markup:
    """An anchor, or plain text when the target does not exist (a page a static export left
    out)."""
    body = esc(text)
    attrs = ""
    if title:
        attrs += f' title="{esc(title)}"'
    if cls:
        attrs += f' class="{cls}"'
    if href is None:
        return Markup(f"<span{attrs}>{body}</span>")
    return Markup(f'<a href="{esc(href)}"{attrs}>{body}</a>')


def external(url: str | None, text: str) -> Markup:
    if not url:
        return Markup(escape(text))
    return Markup(f'<a href="{escape(url)}" rel="noopener nofollow">{escape(text)}</a>')


def source_href(links: Links, source: str) -> str | None:
    """Where a source reference points: its URL, or the dataset's entry on the sources page."""
    if source.startswith(("http://", "https://")):
        return source
    return links.source_anchor(source)


def provenance(links: Links, source: str, reviewed: date) -> Markup:
    """The source link and the "last reviewed" date that follow every fact."""
    return _provenance(source_href(links, source), source, reviewed)


@lru_cache(maxsize=16384)
def _provenance(href: str | None, source: str, reviewed: date) -> Markup:
    # Cached: a page shows the same few sources dozens of times.
    host = escape(fmt.source_host(source))
    if href is None:
        anchor = f"<span>{host}</span>"
    elif href.startswith("http"):
        anchor = f'<a href="{escape(href)}" rel="noopener nofollow">{host}</a>'
    else:
        anchor = f'<a href="{escape(href)}">{host}</a>'
    return Markup(
        f'<span class="prov">source: {anchor} · reviewed <time>{reviewed.isoformat()}</time></span>'
    )


def fact_cell(links: Links, name: str, fact: Fact | None) -> Markup:
    if fact is None:
        return Markup(f'<span class="unknown">{fmt.MISSING}</span>')
    text = escape(fmt.fact_value(name, fact.value))
    return Markup(f"{text} {provenance(links, fact.source, fact.reviewed)}")


def conflict_note(links: Links, catalog: Catalog, subject: str, field: str) -> Markup:
    """A marker on a fact that sources disagree on, linking to the conflicts page."""
    if catalog.conflict_for(subject, field) is None:
        return Markup("")
    return link(
        conflict_href(links, catalog, subject, field), "sources disagree", cls="conflict-flag"
    )


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[Markup, ...]


def spec_rows(
    links: Links, catalog: Catalog, models: Sequence[Model], fields: Iterable[str]
) -> list[Row]:
    """One row per fact field, one cell per model, each with its source and review date.
    Fields no model knows are left out."""
    rows = []
    for name in fields:
        facts = [m.facts.get(name) for m in models]
        if all(f is None for f in facts):
            continue
        cells = tuple(
            fact_cell(links, name, f) + conflict_note(links, catalog, f"model:{m.id}", name)
            for m, f in zip(models, facts, strict=True)
        )
        rows.append(Row(labels.field_label(name), cells))
    return rows


def price_cell(links: Links, point: PricePoint | None, value: Decimal | None) -> Markup:
    if point is None or value is None:
        return Markup(f'<span class="unknown">{fmt.MISSING}</span>')
    return Markup(f"{escape(fmt.price(value))} {provenance(links, point.source, point.reviewed)}")


@dataclass(frozen=True, slots=True)
class OfferingRow:
    """One place to run a model, with its prices on the page's date."""

    model: Markup
    provider: Markup
    provider_model_id: str
    input: Markup
    output: Markup
    cache_read: Markup
    batch: str
    context: str
    note: str


def offering_row(
    links: Links,
    catalog: Catalog,
    offering: Offering,
    as_of: date | None,
    verdict: AssessedRoute | None = None,
) -> OfferingRow:
    point = offering.price_on(as_of)
    provider = catalog.providers.get(offering.provider_id)
    model = catalog.models.get(offering.model_id)
    batch = fmt.MISSING
    if point is not None and (point.batch_input is not None or point.batch_output is not None):
        batch = f"{fmt.price(point.batch_input)} / {fmt.price(point.batch_output)}"
    note = ""
    if not offering.pay_per_token:
        note = "subscription product: not a pay-per-token route"
    elif point is None:
        note = "no price tracked for this date"
    if verdict is not None:
        # The provider's class, and why the route policy set the route aside (or flags it).
        flag = verdict.excluded_reason if verdict.considered else None
        if flag is None and verdict.outlier is not None:
            flag = verdict.outlier.reason
        note = "; ".join(
            n for n in (verdict.route_class, f"set aside: {flag}" if flag else "", note) if n
        )
    context = offering.facts.get("context_window")
    return OfferingRow(
        model=link(links.model(offering.model_id), model.name if model else offering.model_id),
        provider=link(
            links.provider(offering.provider_id),
            provider.name if provider else offering.provider_id,
        ),
        provider_model_id=offering.provider_model_id or offering.model_id,
        input=price_cell(links, point, point.input if point else None),
        output=price_cell(links, point, point.output if point else None),
        cache_read=price_cell(links, point, point.cache_read if point else None),
        batch=batch,
        context=fmt.context(context.value) if context else fmt.MISSING,
        note=note,
    )


# ---- table bodies ----------------------------------------------------------------------------
# The <tr> lines of the tables in _macros.html, one string per table: a template loop costs a
# call and an escape per cell, and a model page has hundreds of cells. Values are escaped as the
# template would (markupsafe's escape; Markup passes unchanged), so the page reads the same.


def rows_body(rows: Iterable[Row]) -> Markup:
    """A label-and-cells table (``rows_table``)."""
    return Markup(
        "".join(
            f'<tr><th scope="row">{escape(r.label)}</th>'
            + "".join(f"<td>{escape(c)}</td>" for c in r.cells)
            + "</tr>\n"
            for r in rows
        )
    )


def offerings_body(rows: Iterable[OfferingRow], first: str = "Provider") -> Markup:
    """Places to run a model (``offerings_table``), headed by provider or by model."""
    return Markup(
        "".join(
            f'<tr><th scope="row">{r.provider if first == "Provider" else r.model}</th>'
            f"<td><code>{escape(r.provider_model_id)}</code></td><td>{r.input}</td>"
            f'<td>{r.output}</td><td>{r.cache_read}</td><td class="num">{escape(r.batch)}</td>'
            f'<td class="num">{escape(r.context)}</td><td>{escape(r.note)}</td></tr>\n'
            for r in rows
        )
    )


def models_body(rows: Iterable[Mapping[str, Any]], matched: bool = False) -> Markup:
    """Models with their cheapest prices (``model_table``); `matched` adds what a search
    matched on."""
    return Markup(
        "".join(
            f'<tr><th scope="row">{escape(r["model"])}<br><code>{escape(r["id"])}</code></th>'
            f'<td>{escape(r["vendor"])}</td><td class="num">{escape(r["context"])}</td>'
            f'<td class="num">{escape(r["input"])}</td>'
            f'<td class="num">{escape(r["output"])}</td>'
            f'<td class="num">{escape(r["providers"])}</td>'
            f'<td class="num">{escape(r["index"])}</td>'
            + (f"<td>{escape(r['matched'])}</td>" if matched else "")
            + "</tr>\n"
            for r in rows
        )
    )
