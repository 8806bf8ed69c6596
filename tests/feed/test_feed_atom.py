"""Our own Atom feeds: well-formed, escaped, stable, readable by a feed reader."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import feedparser  # type: ignore[import-untyped]

from llmref.catalog import Catalog
from llmref.feed.analyse import analyse
from llmref.feed.atom import ATOM_NS, catalog_atom, items_atom
from llmref.feed.catalog_events import catalog_events
from llmref.feed.link import LinkIndex
from llmref.feed.types import FeedItem

NS = {"a": ATOM_NS}


def item(index: LinkIndex, **overrides: object) -> FeedItem:
    title = str(overrides.pop("title", "GPT-4o mini <script>alert(1)</script> & \x00friends"))
    values: dict[str, object] = {
        "id": 1,
        "feed_url": "https://notes.example/feed.xml",
        "feed_title": "Notes & <Co>",
        "guid": "notes-1",
        "link": "https://notes.example/a?x=1&y=2",
        "title": title,
        "author": "A. Writer",
        "published": dt.datetime(2024, 7, 18, 14, tzinfo=dt.UTC),
        "first_seen": dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        "content_html": "<p>ignored</p>",
        "analysis": analyse(title, "GPT-4o mini costs $0.15 per million tokens. Amazing!", index),
    }
    values.update(overrides)
    return FeedItem(**values)  # type: ignore[arg-type]


def test_items_atom_is_well_formed_and_escapes_hostile_text(index: LinkIndex) -> None:
    xml = items_atom([item(index), item(index, id=2, guid=None, link="javascript:alert(1)")])
    root = ET.fromstring(xml)
    entries = root.findall("a:entry", NS)
    assert len(entries) == 2
    title = entries[0].find("a:title", NS)
    assert title is not None and title.text == "GPT-4o mini <script>alert(1)</script> & friends"
    assert "<script>" not in xml and "\x00" not in xml
    assert entries[0].find("a:link", NS).get("href") == "https://notes.example/a?x=1&y=2"  # type: ignore[union-attr]
    assert entries[1].find("a:link", NS) is None  # not a web link: left out
    summary = entries[0].find("a:summary", NS)
    assert summary is not None and summary.text is not None
    assert summary.text.startswith("GPT-4o mini costs $0.15 per million tokens.")
    assert "Signal " in summary.text and "Hype " in summary.text
    # "costs" and the price $0.15 are two points for Pricing.
    terms = [c.get("term") for c in entries[0].findall("a:category", NS)]
    assert terms == ["OpenAI", "GPT", "Pricing"]
    updated = root.find("a:updated", NS)
    assert updated is not None and updated.text == "2024-07-18T14:00:00Z"


def test_the_same_items_give_the_same_bytes_and_stable_ids(index: LinkIndex) -> None:
    first = items_atom([item(index)])
    assert items_atom([item(index)]) == first
    retitled = items_atom([item(index, title="Renamed")])
    ids = [ET.fromstring(x).find("a:entry/a:id", NS).text for x in (first, retitled)]  # type: ignore[union-attr]
    assert ids[0] == ids[1]  # the id comes from the guid, not the title


def test_a_feed_reader_reads_it_back(index: LinkIndex) -> None:
    parsed = feedparser.parse(io.BytesIO(items_atom([item(index)]).encode("utf-8")))
    assert not parsed.bozo
    assert parsed.version == "atom10"
    assert parsed.entries[0].title == "GPT-4o mini <script>alert(1)</script> & friends"


def test_an_empty_feed_is_still_valid() -> None:
    root = ET.fromstring(items_atom([]))
    assert root.find("a:updated", NS).text == "1970-01-01T00:00:00Z"  # type: ignore[union-attr]
    assert root.findall("a:entry", NS) == []


def test_catalogue_events_as_atom(catalog: Catalog) -> None:
    xml = catalog_atom(catalog_events(catalog), self_url="https://llmref.example/catalog.atom")
    root = ET.fromstring(xml)
    entries = root.findall("a:entry", NS)
    assert len(entries) == 17
    assert entries[0].find("a:id", NS).text == (  # type: ignore[union-attr]
        "urn:llmref:event:price-change:gpt-4o@openai:2024-10-01"
    )
    assert entries[0].find("a:category", NS).get("term") == "price-change"  # type: ignore[union-attr]
    assert root.find("a:link", NS).get("href") == "https://llmref.example/catalog.atom"  # type: ignore[union-attr]
    assert root.find("a:updated", NS).text == "2024-10-01T00:00:00Z"  # type: ignore[union-attr]
