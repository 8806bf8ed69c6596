"""The feed pages: news items linked to the catalogue with their signal and hype scores, and the
feed of catalogue changes. The read side of :mod:`llmref.feed` does the work; item bodies are
already sanitised there (nh3), so they are the only HTML from outside that a page prints as is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from llmref import feed
from llmref.catalog import UnknownIdError
from llmref.feed.pricecheck import price_checks
from llmref.prose.feed import price_check_sentence
from llmref.store import Store
from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link
from llmref.web.views import external, link

PAGE_SIZE = 50
FILTERS = ("model", "vendor", "provider", "tag", "min_signal", "max_hype", "q", "page")


@dataclass(frozen=True, slots=True)
class FeedData:
    filters: dict[str, str]
    errors: dict[str, str]
    items: feed.ItemPage | None
    catalog_events: tuple[feed.CatalogEvent, ...]


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One item in the feed's table."""

    title: Link
    source: str
    """The feed's title (or URL) the item came from."""
    date: str
    signal: str
    hype: str
    models: tuple[Link, ...]
    """The catalogue entities the item mentions, each linked once."""
    tags: str
    summary: str
    """The summary's first line."""


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """A change in the catalogue (a release, a price change, a retirement)."""

    date: str
    title: Link | str
    text: str
    source: Link | str
    """The public page the change is sourced from, or ""."""


@dataclass(frozen=True, slots=True)
class FeedPage:
    filters: dict[str, str]
    """The filters as asked (the form's values)."""
    errors: dict[str, str]
    """Filter name -> what is wrong with it (the page answers 422)."""
    rows: tuple[FeedRow, ...]
    total: int
    next: str | None
    previous: str | None
    events: tuple[FeedEvent, ...]
    atom: str | None
    catalog_atom: str | None


@dataclass(frozen=True, slots=True)
class FeedItemPage:
    item: feed.FeedItem
    date: str
    original: Link | str | None
    body: Markup
    """The item's HTML, sanitised (nh3) when it was stored: the only outside HTML a page prints."""
    summary: tuple[str, ...]
    price_checks: tuple[str, ...]
    """Prices the item states, each against the catalogue's price on the page's date."""
    signal: feed.Score
    hype: feed.Score
    entities: tuple[Link, ...]
    tags: tuple[str, ...]
    back: str | None


def _entity_link(env: Env, e: feed.EntityLink) -> Link:
    links = env.links
    build: dict[str, Callable[[str], str | None]] = {
        "model": links.model,
        "vendor": links.vendor,
        "provider": links.provider,
    }
    return link(build[e.kind](e.id), e.name)


def _score(value: int) -> str:
    return f"{value}/100"


def _one(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value).strip()


def _int(raw: str, name: str, errors: dict[str, str], low: int, high: int) -> int | None:
    if not raw:
        return None
    if not _digits(raw, len(str(high))) or not low <= int(raw) <= high:
        errors[name] = f"Enter a whole number from {low} to {high} (got {raw!r})."
        return None
    return int(raw)


def _digits(raw: str, most: int) -> bool:
    """ASCII digits only (``"²".isdigit()`` is true but int() refuses it), at most `most` of
    them (a 5,000-digit number would exceed Python's int parsing limit)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= most


def feed_index(env: Env, store: Store, params: Mapping[str, Any]) -> Page:
    filters = {k: _one(params, k) for k in FILTERS if _one(params, k)}
    errors: dict[str, str] = {}
    min_signal = _int(filters.get("min_signal", ""), "min_signal", errors, 0, 100)
    max_hype = _int(filters.get("max_hype", ""), "max_hype", errors, 0, 100)
    number = _int(filters.get("page", ""), "page", errors, 1, 10_000) or 1
    items = None
    if not errors:
        try:
            items = feed.list_items(
                store,
                catalog=env.catalog,
                model=filters.get("model"),
                vendor=filters.get("vendor"),
                provider=filters.get("provider"),
                tag=filters.get("tag"),
                min_signal=min_signal,
                max_hype=max_hype,
                search=filters.get("q"),
                limit=PAGE_SIZE,
                offset=(number - 1) * PAGE_SIZE,
            )
        except UnknownIdError as exc:
            errors[exc.kind if exc.kind in FILTERS else "model"] = str(exc)
    events = feed.catalog_feed(env.catalog, limit=20)
    links = env.links
    rows = tuple(
        FeedRow(
            title=link(links.feed_item(str(item.id)), item.title),
            source=item.feed_title or item.feed_url,
            date=item.date.date().isoformat(),
            signal=_score(item.analysis.signal.value),
            hype=_score(item.analysis.hype.value),
            models=tuple(_entity_link(env, e) for e in item.analysis.links),
            tags=", ".join(item.analysis.tags),
            summary=item.analysis.summary[0] if item.analysis.summary else "",
        )
        for item in (items.items if items else ())
    )
    view = FeedPage(
        filters=filters,
        errors=errors,
        rows=rows,
        total=items.total if items else 0,
        next=links.feed_page({**filters, "page": number + 1})
        if items and items.offset + len(items.items) < items.total
        else None,
        previous=links.feed_page({**filters, "page": number - 1}) if number > 1 else None,
        events=tuple(
            FeedEvent(
                date=e.date.isoformat(),
                title=link(links.model(e.model_id), e.title) if e.model_id else e.title,
                text=e.text,
                source=external(e.source, "source") if e.source.startswith("http") else "",
            )
            for e in events
        ),
        atom=links.feed_atom(),
        catalog_atom=links.catalog_atom(),
    )
    data = FeedData(filters, errors, items, events)
    return Page("feed.html", "Feed", data, view, status=422 if errors else 200)


def feed_item(env: Env, store: Store, raw_id: str) -> Page:
    # Ids are 64-bit integers in the store: 18 digits always fit (a bigger number, no item).
    item = feed.get_item(store, int(raw_id)) if _digits(raw_id, 18) else None
    if item is None:
        raise UnknownIdError("feed item", raw_id, ())
    a = item.analysis
    view = FeedItemPage(
        item=item,
        date=item.date.date().isoformat(),
        original=external(item.link, item.link) if item.link else None,
        # Sanitised by llmref.feed.sanitize (nh3) when the item was stored.
        body=Markup(item.content_html),
        summary=tuple(a.summary),
        price_checks=tuple(
            price_check_sentence(c)
            for c in price_checks((item.title, *a.summary), env.catalog, env.as_of)
        ),
        signal=a.signal,
        hype=a.hype,
        entities=tuple(_entity_link(env, e) for e in a.links),
        tags=tuple(a.tags),
        back=env.links.feed(),
    )
    return Page("feed_item.html", item.title, item, view)
