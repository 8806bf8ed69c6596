"""Feed fetching against servers that misbehave: every fetch ends within its deadline with an
error naming what happened, one slow feed never holds the others, a whole update ends within
its own deadline, and a locked database is retried, then reported in one line."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from llmref.catalog import Catalog
from llmref.feed import ingest
from llmref.feed.fetch import MAX_BYTES, fetch
from llmref.feed.store import FeedRepository
from llmref.store import Store
from tests.reliability import hostile_server as hs


@pytest.mark.parametrize(
    ("behaviour", "error"),
    [
        (hs.hang, "within 3 s"),  # three 1-s read timeouts and back-off: past 3 s
        (hs.drip_body, "within 3 s"),
        (hs.drip_headers, "within 3 s"),
        (hs.reset, "Error"),
        (hs.redirect_loop, "TooManyRedirects"),
        (hs.huge, f"larger than {MAX_BYTES} bytes"),
    ],
)
def test_a_misbehaving_server_cannot_hold_a_fetch(behaviour: hs.Behaviour, error: str) -> None:
    with hs.misbehaving(behaviour) as url:
        start = time.monotonic()
        result = fetch(url, timeout=1.0, retries=2, backoff=0.1, deadline=3.0)
        took = time.monotonic() - start
    assert result.status == "error"
    assert error in (result.error or ""), result.error
    assert took < 5.0, took  # the deadline (3 s) plus a little


def test_one_slow_feed_does_not_block_the_others(
    reference_catalog: Catalog, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    repo = FeedRepository(store)
    with hs.misbehaving(hs.drip_body) as slow, hs.misbehaving(hs.good) as fine:
        start = time.monotonic()
        reports = ingest.update_feeds(
            repo, [slow, fine, fine.replace("/a", "/c")], reference_catalog, deadline=3.0
        )
        took = time.monotonic() - start
    assert [r.status for r in reports] == ["error", "ok", "ok"]
    assert reports[1].new > 0
    assert took < 6.0, took
    store.dispose()


def test_the_whole_update_has_a_deadline(reference_catalog: Catalog, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    repo = FeedRepository(store)
    with hs.misbehaving(hs.drip_body) as slow:
        sources = [f"{slow}?{i}" for i in range(6)]
        start = time.monotonic()
        reports = ingest.update_feeds(
            repo, sources, reference_catalog, deadline=2.0, run_deadline=3.0, concurrency=2
        )
        took = time.monotonic() - start
    assert all(r.status == "error" for r in reports)
    assert any("the update's deadline of 3 s passed" in (r.error or "") for r in reports)
    assert took < 6.0, took
    store.dispose()


FEED_FILE = Path(__file__).parents[1] / "fixtures" / "feeds" / "rss20.xml"


def test_a_locked_database_is_retried(reference_catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    store = Store(f"sqlite:///{db}")
    repo = FeedRepository(store)
    locker = sqlite3.connect(db, check_same_thread=False)
    locker.execute("BEGIN EXCLUSIVE")
    # Held past SQLite's own wait (10 s), released before the retry.
    release = threading.Timer(11.0, locker.rollback)
    release.start()
    try:
        reports = ingest.update_feeds(repo, [str(FEED_FILE)], reference_catalog)
    finally:
        release.join()
        locker.close()
    assert [r.status for r in reports] == ["ok"]
    assert reports[0].new > 0
    store.dispose()


def test_a_database_that_stays_locked_is_one_line(
    reference_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    repo = FeedRepository(store)
    calls = []

    def locked(*args: object) -> None:
        calls.append(args)
        orig = sqlite3.OperationalError("database is locked")
        raise OperationalError("INSERT INTO feed_items (title) VALUES (?)", ("secret",), orig)

    monkeypatch.setattr(ingest, "_store_once", locked)
    monkeypatch.setattr(ingest, "LOCK_BACKOFF", 0.01)
    reports = ingest.update_feeds(repo, [str(FEED_FILE)], reference_catalog)
    assert len(calls) == ingest.LOCK_RETRIES + 1
    error = reports[0].error or ""
    assert reports[0].status == "error"
    assert "locked by another process (tried 3 times)" in error
    assert "\n" not in error and "INSERT" not in error and "secret" not in error
    store.dispose()
