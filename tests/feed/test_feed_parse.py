"""Parsing the fixture feeds: formats, encodings, markup in titles, missing dates, bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from llmref.feed.parse import FeedParseError, parse_feed
from llmref.feed.types import ParsedFeed
from tests.feed.conftest import FEEDS


def parse(name: str) -> ParsedFeed:
    path = FEEDS / name
    return parse_feed(path.read_bytes(), source=str(path))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def test_rss_2_0_with_markup_in_titles_and_bodies() -> None:
    feed = parse("rss20.xml")
    assert (feed.version, feed.title, feed.link) == (
        "rss20",
        "Model Notes",
        "https://notes.example/",
    )
    first = feed.items[0]
    assert first.title == "GPT-4o mini pricing & limits"  # tags gone, entity decoded
    assert first.guid == "notes-1"
    assert first.published == utc(2024, 7, 18, 14)
    assert "<script" not in first.content_html and "alert(" not in first.content_html
    assert "<img" not in first.content_html and "javascript:" not in first.content_html
    assert 'href="https://notes.example/posts/older"' in first.content_html  # resolved
    assert first.text.startswith("GPT-4o mini costs $0.15 per 1M input tokens")
    assert "stolen" not in first.text
    assert len(feed.items) == 6  # duplicates are the store's business, not the parser's


def test_the_fuller_body_wins_over_the_description() -> None:
    haiku = parse("rss20.xml").items[-1]
    assert haiku.text.startswith("Claude 3 Haiku scores 75.2% on MMLU")
    assert haiku.published is None  # no pubDate


def test_rss_1_0_dates_are_normalised_to_utc() -> None:
    feed = parse("rss10.rdf")
    assert feed.version == "rss10"
    assert [i.title for i in feed.items] == [
        "Llama 3 8B weights on Hugging Face",
        "Mistral 7B served by Fireworks",
    ]
    assert feed.items[1].published == utc(2024, 5, 2, 6, 30)  # 08:30 at +02:00


def test_rss_0_91_without_guids_or_dates() -> None:
    feed = parse("rss091.xml")
    assert feed.version.startswith("rss091")
    assert [(i.guid, i.published) for i in feed.items] == [(None, None), (None, None)]
    assert feed.items[0].link == "https://old.example/gpt-4"


def test_atom_html_titles_and_plain_text_content() -> None:
    feed = parse("atom.xml")
    assert feed.version == "atom10"
    first, second = feed.items
    assert first.title == "Llama 3 8B on Together AI"
    assert first.author == "A. Writer"
    assert first.published == utc(2024, 4, 20, 12)  # published wins over updated
    assert first.content_html == "<p>Together AI serves Llama 3 8B at $0.20 per million tokens.</p>"
    assert second.published == utc(2024, 6, 21, 10)  # only <updated>
    assert "&lt;angle brackets&gt;" in second.content_html  # text stays text
    assert "<angle brackets>" in second.text


def test_declared_iso_8859_1() -> None:
    feed = parse("latin1.xml")
    assert feed.encoding == "iso-8859-1"
    assert feed.title == "Café des modèles"
    assert feed.items[0].title == "Mistral 7B : résumé des prix"
    assert "coûte" in feed.items[0].text


def test_utf8_with_a_byte_order_mark() -> None:
    feed = parse("utf8-bom.xml")
    assert feed.title == "BOM — “quoted”"
    assert feed.items[0].title == "Claude 3.5 Sonnet — “first look”"
    assert feed.items[0].text == "Über Claude 3.5 Sonnet: naïve café — été."


def test_a_truncated_file_is_rejected_whole_with_its_position() -> None:
    with pytest.raises(FeedParseError, match=r"truncated\.xml: not a well-formed feed: .* line 17"):
        parse("truncated.xml")


def test_a_web_page_is_not_a_feed() -> None:
    with pytest.raises(FeedParseError, match="not an RSS or Atom feed"):
        parse("not-a-feed.html")


def test_bytes_are_never_taken_for_a_url_or_a_path() -> None:
    # feedparser fetches a str that looks like a URL; parse_feed only ever hands it a stream.
    with pytest.raises(FeedParseError):
        parse_feed(b"https://127.0.0.1:9/never-fetched.xml", source="test")
    with pytest.raises(FeedParseError):
        parse_feed(str(FEEDS / "rss20.xml").encode(), source="test")
