"""RSS 0.9x/1.0/2.0 and Atom bytes -> :class:`ParsedFeed` (feedparser does the formats).

feedparser is lenient: it recovers what it can from broken XML. A half-read item is worse than
none, so a document that is not well-formed XML is rejected whole (:class:`FeedParseError`) and
nothing is stored from it; the items stored from earlier reads stay as they are. Encoding quirks
feedparser resolves on its own (a declared encoding that disagrees with the HTTP header, a BOM)
are not errors.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
from feedparser.exceptions import (  # type: ignore[import-untyped]
    ThingsNobodyCaresAboutButMe,
    UndeclaredNamespace,
)

from llmref.feed.sanitize import clean_html, is_web_url, plain_title, text_of_clean_html
from llmref.feed.types import ParsedFeed, ParsedItem

__all__ = ["FeedParseError", "parse_feed"]


class FeedParseError(ValueError):
    """The bytes are not a usable feed; the message names the source and the problem."""


# Problems feedparser reports but recovers from completely: they leave the XML well-formed.
_BENIGN = (ThingsNobodyCaresAboutButMe, UndeclaredNamespace)


def parse_feed(data: bytes, *, source: str, content_type: str | None = None) -> ParsedFeed:
    """Parse one feed document. `source` (URL or path) is only used in error messages and to
    resolve relative item links; `content_type` is the HTTP header, which can name the charset."""
    headers = {"content-type": content_type} if content_type else {}
    # A stream, never a str: feedparser would treat a str as a URL or path and go fetch it.
    # Its own sanitiser and URI resolver are off: nh3 sanitises below, and is faster.
    result = feedparser.parse(
        io.BytesIO(data),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = result.get("bozo_exception")
    if result.get("bozo") and not isinstance(problem, _BENIGN):
        raise FeedParseError(f"{source}: not a well-formed feed: {_describe(problem)}")
    version = result.get("version") or ""
    if not version:
        raise FeedParseError(f"{source}: not an RSS or Atom feed")
    channel = result.get("feed", {})
    feed_link = channel.get("link") if is_web_url(channel.get("link")) else None
    base = feed_link or (source if is_web_url(source) else None)
    items = tuple(_item(entry, base) for entry in result.get("entries", ()))
    title = plain_title(channel.get("title", "")) or None
    return ParsedFeed(
        title=title,
        link=feed_link,
        version=version,
        encoding=result.get("encoding"),
        items=items,
    )


def _describe(problem: object) -> str:
    text = str(problem) or type(problem).__name__
    # SAX messages start with "<unknown>:LINE:COL:"; say it in words.
    if text.startswith("<unknown>:"):
        where, _, message = text.removeprefix("<unknown>:").partition(": ")
        line, _, column = where.partition(":")
        return f"{message.strip()} at line {line}, column {column}"
    return text


def _item(entry: Any, base: str | None) -> ParsedItem:
    link = _link(entry.get("link"), base)
    raw_html, is_plain = _content(entry)
    if is_plain:
        raw_html = "<p>" + _escape(raw_html).replace("\n\n", "</p><p>") + "</p>"
    content_html = clean_html(raw_html, base_url=link or base)
    guid = (entry.get("id") or "").strip() or None
    return ParsedItem(
        guid=guid[:2000] if guid else None,
        link=link,
        title=plain_title(entry.get("title", ""))[:1000],
        published=_date(entry),
        author=(plain_title(entry.get("author", "")) or None),
        content_html=content_html,
        text=text_of_clean_html(content_html),
    )


def _content(entry: Any) -> tuple[str, bool]:
    """The richest body the entry has (full content over description), and whether it is
    plain text rather than HTML."""
    best_value, best_type = "", "text/html"
    for part in entry.get("content", ()) or ():
        value = part.get("value") or ""
        if len(value) > len(best_value):
            best_value, best_type = value, part.get("type") or "text/html"
    summary = entry.get("summary") or ""
    if len(summary) > len(best_value):
        detail = entry.get("summary_detail") or {}
        best_value, best_type = summary, detail.get("type") or "text/html"
    return best_value, best_type == "text/plain"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if is_web_url(value):
        return value
    if base:
        joined = urljoin(base, value)
        return joined if is_web_url(joined) else None
    return None


def _date(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed is not None:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None
