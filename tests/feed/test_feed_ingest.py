"""Ingesting fixture feeds into the store: de-duplication, edits, failures that keep items."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from llmref.catalog import Catalog
from llmref.feed import list_items, refresh_analyses
from llmref.feed.ingest import update_feed, update_feeds
from llmref.feed.link import LinkIndex
from llmref.feed.store import FeedRepository
from llmref.feed.types import FeedItem
from tests.feed.conftest import FEEDS
from tests.feed.feed_server import FeedServer, serve

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return NOW


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(FEEDS / name, target)
    return target


def everything(repo: FeedRepository) -> tuple[FeedItem, ...]:
    return repo.items(limit=500).items


def test_rss_2_0_ingests_once_per_story(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    source = str(copy("rss20.xml", tmp_path))
    report = update_feed(repo, source, index, clock=clock)
    # 6 entries: a repeated guid, a tracked copy of the same link and a re-spelled title
    # without guid or date are duplicates.
    assert (report.status, report.new, report.duplicates, report.updated) == ("ok", 3, 3, 0)
    assert report.title == "Model Notes"
    items = everything(repo)
    assert sorted(i.title for i in items) == [
        "Claude 3 Haiku on three benchmarks",
        "GPT-4o mini pricing & limits",
        "Weekly digest",
    ]
    dated = next(i for i in items if i.guid == "notes-1")
    assert dated.published == dt.datetime(2024, 7, 18, 14, tzinfo=dt.UTC)
    assert dated.analysis.model_ids == ("gpt-4o-mini",)
    assert "<script" not in dated.content_html
    undated = next(i for i in items if i.guid == "notes-3")
    assert undated.published is None and undated.first_seen == NOW


def test_items_are_listed_newest_first_undated_by_first_seen(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    update_feed(repo, str(copy("rss20.xml", tmp_path)), index, clock=clock)
    titles = [i.title for i in everything(repo)]
    # Both undated items sort at NOW (2026), above the 2024 item; the later insert first.
    assert titles == [
        "Claude 3 Haiku on three benchmarks",
        "Weekly digest",
        "GPT-4o mini pricing & limits",
    ]


@pytest.mark.parametrize(
    ("name", "new"),
    [("rss10.rdf", 2), ("rss091.xml", 2), ("atom.xml", 2), ("latin1.xml", 1), ("utf8-bom.xml", 1)],
)
def test_every_fixture_format_ingests(
    name: str, new: int, repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    report = update_feed(repo, str(copy(name, tmp_path)), index, clock=clock)
    assert (report.status, report.new, report.duplicates) == ("ok", new, 0)
    assert repo.items().total == new


def test_an_unchanged_file_is_not_modified_and_an_edit_updates_in_place(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    path = copy("atom.xml", tmp_path)
    update_feed(repo, str(path), index, clock=clock)
    before = {i.guid: i for i in everything(repo)}
    assert update_feed(repo, str(path), index, clock=clock).status == "not-modified"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Claude 3.5 Sonnet was released on 2024-06-20.",
            "Claude 3.5 Sonnet was released on 2024-06-20 at $3 per million input tokens.",
        ),
        encoding="utf-8",
    )
    report = update_feed(repo, str(path), index, clock=clock)
    assert (report.new, report.updated, report.duplicates) == (0, 1, 1)
    after = {i.guid: i for i in everything(repo)}
    edited = after["urn:example:atom-wire:2"]
    assert edited.id == before["urn:example:atom-wire:2"].id
    assert edited.analysis.signal.value > before["urn:example:atom-wire:2"].analysis.signal.value
    assert after["urn:example:atom-wire:1"] == before["urn:example:atom-wire:1"]


def test_a_truncated_read_reports_and_keeps_every_stored_item(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    path = copy("rss20.xml", tmp_path)
    update_feed(repo, str(path), index, clock=clock)
    before = everything(repo)
    shutil.copyfile(FEEDS / "truncated.xml", path)
    report = update_feed(repo, str(path), index, clock=clock)
    assert report.status == "error"
    assert report.error is not None and "not a well-formed feed" in report.error
    assert everything(repo) == before
    state = repo.source(str(path))
    assert state is not None and state.last_status == "error" and state.items == 3
    assert state.last_error == report.error


def test_one_bad_feed_does_not_stop_the_others(
    repo: FeedRepository, catalog: Catalog, tmp_path: Path
) -> None:
    good, bad = copy("rss10.rdf", tmp_path), copy("truncated.xml", tmp_path)
    seen: list[str] = []
    reports = update_feeds(repo, [str(bad), str(good)], catalog, clock=clock, on_start=seen.append)
    assert [r.status for r in reports] == ["error", "ok"]
    assert seen == [str(bad), str(good)]
    assert repo.items().total == 2


def test_the_same_link_from_another_feed_is_a_duplicate(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    update_feed(repo, str(copy("rss10.rdf", tmp_path)), index, clock=clock)
    other = tmp_path / "aggregator.xml"
    other.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Agg</title>'
        "<item><title>Repost</title><link>http://www.rdf.example/llama-3-8b/?utm_campaign=x"
        "</link><guid>agg-1</guid></item></channel></rss>",
        encoding="utf-8",
    )
    report = update_feed(repo, str(other), index, clock=clock)
    assert (report.new, report.duplicates) == (0, 1)


def test_a_reused_title_on_another_day_is_a_new_item(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    def column(day: int) -> str:
        return (
            f"<item><title>This week in models</title><guid>w{day}</guid>"
            f"<pubDate>Mon, {day:02d} Sep 2024 09:00:00 GMT</pubDate></item>"
        )

    path = tmp_path / "weekly.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        + column(2)
        + column(9)
        + "</channel></rss>",
        encoding="utf-8",
    )
    assert update_feed(repo, str(path), index, clock=clock).new == 2


def test_a_failure_while_saving_rolls_back_everything(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import llmref.feed.store as feed_store

    def explode(*_args: object) -> list[dict[str, object]]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(feed_store, "_keys", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        update_feed(repo, str(copy("rss10.rdf", tmp_path)), index, clock=clock)
    assert repo.items().total == 0
    assert repo.sources() == ()  # not even the feed row: one transaction


def test_a_new_catalogue_version_relinks_stored_items(
    repo: FeedRepository, catalog: Catalog, tmp_path: Path
) -> None:
    update_feeds(repo, [str(copy("rss091.xml", tmp_path))], catalog, clock=clock)
    assert list_items(repo.store, catalog=catalog, model="o1").total == 1
    # A catalogue without o1 (another version): the item loses its link after a refresh.
    smaller = Catalog.create(
        version=catalog.version + "-without-o1",
        built=catalog.built,
        vendors=catalog.vendors.values(),
        providers=catalog.providers.values(),
        models=[m for m in catalog.models.values() if m.id != "o1"],
        offerings=catalog.offerings,
        benchmarks=catalog.benchmarks,
        conflicts=catalog.conflicts,
        sources=catalog.sources.values(),
    )
    assert refresh_analyses(repo.store, smaller) == 2
    assert refresh_analyses(repo.store, smaller) == 0  # nothing stale any more
    item = next(i for i in everything(repo) if i.title == "o1 reasoning notes")
    assert item.analysis.model_ids == ()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve(FeedServer(body=(FEEDS / "rss20.xml").read_bytes())) as running:
        yield running


def test_over_http_a_304_and_a_500_leave_stored_items_intact(
    repo: FeedRepository, index: LinkIndex, server: FeedServer
) -> None:
    first = update_feed(repo, server.url, index, clock=clock, timeout=5)
    assert (first.status, first.new) == ("ok", 3)
    stored = everything(repo)
    state = repo.source(server.url)
    assert state is not None and state.etag == '"v1"'

    second = update_feed(repo, server.url, index, clock=clock, timeout=5)
    assert second.status == "not-modified"
    assert server.requests[-1]["if-none-match"] == '"v1"'
    assert everything(repo) == stored

    server.status = 500
    third = update_feed(
        repo, server.url, index, clock=clock, timeout=5, retries=1, sleep=lambda _s: None
    )
    assert third.status == "error" and third.attempts == 2
    assert third.error is not None and "HTTP 500" in third.error
    assert everything(repo) == stored
    state = repo.source(server.url)
    assert state is not None
    assert (state.last_status, state.etag, state.items) == ("error", '"v1"', 3)

    server.status = 200  # recovered: the stored validators still make it a 304
    assert update_feed(repo, server.url, index, clock=clock, timeout=5).status == "not-modified"


def test_the_cycle_collector_is_restored_after_an_update(
    repo: FeedRepository, index: LinkIndex, tmp_path: Path
) -> None:
    import gc

    assert gc.isenabled()
    update_feed(repo, str(copy("rss10.rdf", tmp_path)), index, clock=clock)
    assert gc.isenabled()
    gc.disable()  # and left off when it was off
    try:
        update_feed(repo, str(copy("atom.xml", tmp_path)), index, clock=clock)
        assert not gc.isenabled()
    finally:
        gc.enable()
