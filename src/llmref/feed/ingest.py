"""Updating feeds: fetch (or read), parse, analyse, store — one report per feed.

A feed that cannot be fetched or parsed is reported and its stored items stay exactly as they
were; the other feeds are still updated. The validators of a read (ETag, Last-Modified, a
file's digest) are stored only together with the items of that read.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import httpx

from llmref.catalog import Catalog
from llmref.feed.analyse import analyse, analysed_with
from llmref.feed.api import refresh_analyses
from llmref.feed.fetch import fetch
from llmref.feed.link import LinkIndex, index_for
from llmref.feed.parse import FeedParseError, parse_feed
from llmref.feed.store import FeedRepository
from llmref.feed.types import FeedReport

__all__ = ["ingest_bytes", "update_feed", "update_feeds"]

Clock = Callable[[], dt.datetime]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one feed is parsed, analysed and stored.

    Parsing and analysis allocate thousands of short-lived containers per item, which
    triggers a young collection every few hundred allocations: a fifth of the analysis time in
    the benchmark. Reference counting still frees almost everything as usual; whatever cycles
    a parse leaves are collected once the collector is back on. It is switched back on
    afterwards, and only if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def ingest_bytes(
    repo: FeedRepository,
    source: str,
    data: bytes,
    index: LinkIndex,
    *,
    content_type: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    attempts: int = 1,
    now: dt.datetime | None = None,
) -> FeedReport:
    """Parse, analyse and store one feed document read from `source`."""
    moment = now or _utc_now()
    problem: str | None = None
    with _collector_paused():
        try:
            feed = parse_feed(data, source=source, content_type=content_type)
        except FeedParseError as exc:
            problem = str(exc)
    if problem is not None:
        repo.record_status(source, status="error", error=problem, now=moment)
        return FeedReport(source, "error", attempts=attempts, error=problem)
    with _collector_paused():
        analysed = [(item, analyse(item.title, item.text, index)) for item in feed.items]
        counts = repo.save_update(
            source,
            feed,
            analysed,
            etag=etag,
            last_modified=last_modified,
            analysed_with=analysed_with(index),
            now=moment,
        )
    return FeedReport(
        source,
        "ok",
        new=counts.new,
        updated=counts.updated,
        duplicates=counts.duplicates,
        attempts=attempts,
        title=feed.title,
    )


def update_feed(
    repo: FeedRepository,
    source: str,
    index: LinkIndex,
    *,
    timeout: float = 20.0,
    retries: int = 2,
    backoff: float = 1.0,
    client: httpx.Client | None = None,
    clock: Clock = _utc_now,
    sleep: Callable[[float], None] | None = None,
) -> FeedReport:
    # The stored validators are those of the last read whose items were stored (a failed read
    # stores none), so a 304 always means "you have this version".
    state = repo.source(source)
    extra = {} if sleep is None else {"sleep": sleep}
    result = fetch(
        source,
        etag=state.etag if state else None,
        last_modified=state.last_modified if state else None,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        client=client,
        **extra,
    )
    if result.status == "error":
        repo.record_status(source, status="error", error=result.error, now=clock())
        return FeedReport(source, "error", attempts=result.attempts, error=result.error)
    if result.status == "not-modified":
        repo.record_status(source, status="not-modified", error=None, now=clock())
        title = state.title if state else None
        return FeedReport(source, "not-modified", attempts=result.attempts, title=title)
    assert result.content is not None
    return ingest_bytes(
        repo,
        source,
        result.content,
        index,
        content_type=result.content_type,
        etag=result.etag,
        last_modified=result.last_modified,
        attempts=result.attempts,
        now=clock(),
    )


def update_feeds(
    repo: FeedRepository,
    sources: Sequence[str],
    catalog: Catalog,
    *,
    timeout: float = 20.0,
    retries: int = 2,
    backoff: float = 1.0,
    client: httpx.Client | None = None,
    clock: Clock = _utc_now,
    on_start: Callable[[str], None] | None = None,
    on_done: Callable[[FeedReport], None] | None = None,
) -> tuple[FeedReport, ...]:
    """Update every source in order, then re-analyse items stored under an older catalogue."""
    index = index_for(catalog)
    reports = []
    own_client = client is None and any(s.startswith(("http://", "https://")) for s in sources)
    http = httpx.Client(timeout=timeout, follow_redirects=True) if own_client else client
    try:
        for source in sources:
            if on_start is not None:
                on_start(source)
            report = update_feed(
                repo,
                source,
                index,
                timeout=timeout,
                retries=retries,
                backoff=backoff,
                client=http,
                clock=clock,
            )
            reports.append(report)
            if on_done is not None:
                on_done(report)
    finally:
        if own_client and http is not None:
            http.close()
    refresh_analyses(repo.store, catalog)
    return tuple(reports)
