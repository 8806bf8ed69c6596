"""The feed's value types: frozen dataclasses the CLI, the web pages and the Atom writer render.

Nothing here does I/O. Times are timezone-aware UTC ``datetime``; dates of catalogue events are
plain ``date`` (that is how the catalogue records them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

EntityKind = Literal["model", "vendor", "provider"]
FetchStatus = Literal["ok", "not-modified", "error"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One thing a score counted, as found in the text, so a reader can find it again."""

    kind: str
    """`price`, `benchmark`, `percentage`, `date`, `tokens`, `parameters`, `speed`, `source`
    for signal; `superlative`, `marketing`, `vague`, `exclamation`, `emoji`, `shouting` for hype."""
    text: str
    """The phrase as written (whitespace collapsed)."""
    count: int = 1
    """How often it occurs in the item."""


@dataclass(frozen=True, slots=True)
class Score:
    """A 0–100 score, the evidence behind it and the arithmetic as one checkable sentence."""

    value: int
    reasons: tuple[Evidence, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class EntityLink:
    """A catalogue model, vendor or provider the item mentions."""

    kind: EntityKind
    id: str
    name: str
    mentions: int
    matched: tuple[str, ...]
    """The distinct spellings found in the text, in order of first appearance."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything derived from an item's text: pure, recomputed when the catalogue changes."""

    signal: Score
    hype: Score
    links: tuple[EntityLink, ...]
    summary: tuple[str, ...]
    """Up to three sentences taken verbatim from the item, in their original order."""
    tags: tuple[str, ...]
    words: int

    def linked(self, kind: EntityKind) -> tuple[EntityLink, ...]:
        return tuple(link for link in self.links if link.kind == kind)

    @property
    def model_ids(self) -> tuple[str, ...]:
        return tuple(link.id for link in self.links if link.kind == "model")


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One feed entry after parsing and sanitising; not yet analysed or stored."""

    guid: str | None
    link: str | None
    title: str
    """Plain text: markup removed, entities decoded."""
    published: dt.datetime | None
    author: str | None
    content_html: str
    """Sanitised HTML (nh3): safe to put in a page as is."""
    text: str
    """The content as plain text, paragraphs separated by newlines."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    version: str
    """feedparser's name for the format: `rss20`, `rss10`, `rss091u`, `atom10`, ..."""
    encoding: str | None
    items: tuple[ParsedItem, ...]


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch of a feed source produced."""

    status: FetchStatus
    content: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    attempts: int = 1
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed llmref has read at least once, with the state of its last update."""

    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_checked: dt.datetime | None
    last_status: str | None
    last_error: str | None
    items: int


@dataclass(frozen=True, slots=True)
class FeedReport:
    """The outcome of updating one feed. On `error` nothing stored was changed."""

    source: str
    status: FetchStatus
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    attempts: int = 0
    error: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """A stored item with its analysis, ready to render."""

    id: int
    feed_url: str
    feed_title: str | None
    guid: str | None
    link: str | None
    title: str
    author: str | None
    published: dt.datetime | None
    first_seen: dt.datetime
    content_html: str
    analysis: Analysis

    @property
    def date(self) -> dt.datetime:
        """The date to show and sort by: the published date, else when llmref first saw it."""
        return self.published or self.first_seen


@dataclass(frozen=True, slots=True)
class ItemPage:
    """One page of a filtered item list."""

    items: tuple[FeedItem, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class PriceChange:
    field: str
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True, slots=True)
class CatalogEvent:
    """One entry of the feed llmref derives from its own catalogue."""

    id: str
    """Stable: kind, subject and date, so a subscriber sees each event once."""
    kind: Literal["new-model", "new-snapshot", "new-offering", "price-change", "new-provider"]
    date: dt.date
    title: str
    text: str
    source: str
    model_id: str | None = None
    provider_id: str | None = None
    changes: tuple[PriceChange, ...] = ()
