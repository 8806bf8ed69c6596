"""Atom 1.0 (RFC 4287) feeds of our own: the scored items, and the catalogue's events.

Written with ``xml.etree.ElementTree``, which escapes text and attributes; characters XML
forbids are removed first, so the output is always well-formed. Entries carry our summary and
scores, not the item's full text (that belongs to its publisher). Deterministic: the same items
give the same bytes; the feed's ``updated`` is its newest entry's (or 1970-01-01 when empty).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from llmref.feed.sanitize import is_web_url, strip_invalid_xml
from llmref.feed.types import CatalogEvent, FeedItem

__all__ = ["ATOM_NS", "catalog_atom", "items_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = strip_invalid_xml(value)
    return element


def _feed(title: str, feed_id: str, updated: dt.datetime, self_url: str | None) -> ET.Element:
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    _text(feed, "updated", _stamp(updated))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "llmref")
    _text(feed, "generator", "llmref")
    if self_url and is_web_url(self_url):
        ET.SubElement(feed, "link", {"rel": "self", "href": self_url})
    return feed


def _serialise(feed: ET.Element) -> str:
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def item_entry_id(item: FeedItem) -> str:
    """Stable across re-reads: from the feed's guid, else the link, else feed and title."""
    basis = item.guid or item.link or f"{item.feed_url}\x00{item.title}"
    return "urn:llmref:item:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def items_atom(
    items: Sequence[FeedItem],
    *,
    title: str = "llmref: scored LLM news",
    feed_id: str = "urn:llmref:feed:items",
    self_url: str | None = None,
) -> str:
    updated = max((item.date for item in items), default=_EPOCH)
    feed = _feed(title, feed_id, updated, self_url)
    for item in items:
        analysis = item.analysis
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", item.title or "(untitled)")
        _text(entry, "id", item_entry_id(item))
        _text(entry, "updated", _stamp(item.date))
        if item.published:
            _text(entry, "published", _stamp(item.published))
        if item.link and is_web_url(item.link):
            ET.SubElement(entry, "link", {"rel": "alternate", "href": item.link})
        if item.author:
            author = ET.SubElement(entry, "author")
            _text(author, "name", item.author)
        for tag in analysis.tags:
            ET.SubElement(entry, "category", {"term": strip_invalid_xml(tag)})
        lines = [
            f"Signal {analysis.signal.value}/100: {analysis.signal.explanation}",
            f"Hype {analysis.hype.value}/100: {analysis.hype.explanation}",
        ]
        models = [link.name for link in analysis.links if link.kind == "model"]
        if models:
            lines.append("Models: " + ", ".join(models) + ".")
        if item.feed_title:
            lines.append(f"From: {item.feed_title}.")
        summary = (
            "\n".join([*analysis.summary, "", *lines]) if analysis.summary else "\n".join(lines)
        )
        _text(entry, "summary", summary, type="text")
    return _serialise(feed)


def catalog_atom(
    events: Sequence[CatalogEvent],
    *,
    title: str = "llmref: catalogue changes",
    feed_id: str = "urn:llmref:feed:catalog",
    self_url: str | None = None,
) -> str:
    def moment(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

    updated = max((moment(e.date) for e in events), default=_EPOCH)
    feed = _feed(title, feed_id, updated, self_url)
    for event in events:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", event.title)
        _text(entry, "id", "urn:llmref:event:" + event.id)
        _text(entry, "updated", _stamp(moment(event.date)))
        if is_web_url(event.source):
            ET.SubElement(entry, "link", {"rel": "related", "href": event.source})
        ET.SubElement(entry, "category", {"term": event.kind})
        _text(entry, "summary", event.text, type="text")
    return _serialise(feed)
