"""Updating feeds: fetch (or read), parse, analyse, store — one report per feed.

A feed that cannot be fetched or parsed is reported and its stored items stay exactly as they
were; the other feeds are still updated. The validators of a read (ETag, Last-Modified, a
file's digest) are stored only together with the items of that read.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
from sqlalchemy.exc import OperationalError

from llmref.catalog import Catalog
from llmref.feed.analyse import analyse, analysed_with
from llmref.feed.api import refresh_analyses
from llmref.feed.fetch import DEADLINE, fetch
from llmref.feed.link import LinkIndex, index_for
from llmref.feed.parse import FeedParseError, parse_feed
from llmref.feed.store import FeedRepository
from llmref.feed.types import FeedReport, FeedSource, FetchResult

__all__ = ["ingest_bytes", "update_feed", "update_feeds"]

CONCURRENCY = 4
"""Feeds fetched at once (a bound: a few hundred feeds must not open a few hundred sockets)."""
RUN_DEADLINE = 300.0
"""Seconds a whole update may spend fetching."""
LOCK_RETRIES = 2
LOCK_BACKOFF = 1.0

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
    deadline: float = DEADLINE,
) -> FeedReport:
    known = repo.source(source)
    result = _fetch(repo, source, timeout, retries, backoff, client, sleep, deadline, known)
    return _store(repo, source, result, index, clock)


def _fetch(
    repo: FeedRepository,
    source: str,
    timeout: float,
    retries: int,
    backoff: float,
    client: httpx.Client | None,
    sleep: Callable[[float], None] | None,
    deadline: float,
    known: FeedSource | None,
) -> FetchResult:
    # The stored validators are those of the last read whose items were stored (a failed read
    # stores none), so a 304 always means "you have this version".
    extra = {} if sleep is None else {"sleep": sleep}
    return fetch(
        source,
        etag=known.etag if known else None,
        last_modified=known.last_modified if known else None,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        client=client,
        deadline=deadline,
        **extra,
    )


def _store(
    repo: FeedRepository, source: str, result: FetchResult, index: LinkIndex, clock: Clock
) -> FeedReport:
    """Store what one fetch brought. A database locked by another writer is retried a few
    times, then reported as this feed's error in one line (no SQL, no traceback)."""
    for attempt in range(1, LOCK_RETRIES + 2):
        try:
            return _store_once(repo, source, result, index, clock)
        except OperationalError as exc:
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            if attempt > LOCK_RETRIES:
                error = (
                    f"{source}: the database is locked by another process (tried {attempt} "
                    "times); the stored items are unchanged, run the update again later"
                )
                return FeedReport(source, "error", attempts=result.attempts, error=error)
            time.sleep(LOCK_BACKOFF * attempt)
    raise AssertionError("unreachable")


def _store_once(
    repo: FeedRepository, source: str, result: FetchResult, index: LinkIndex, clock: Clock
) -> FeedReport:
    if result.status == "error":
        repo.record_status(source, status="error", error=result.error, now=clock())
        return FeedReport(source, "error", attempts=result.attempts, error=result.error)
    if result.status == "not-modified":
        repo.record_status(source, status="not-modified", error=None, now=clock())
        state = repo.source(source)
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
    deadline: float = DEADLINE,
    run_deadline: float = RUN_DEADLINE,
    concurrency: int = CONCURRENCY,
) -> tuple[FeedReport, ...]:
    """Update every source, then re-analyse items stored under an older catalogue.

    Up to `concurrency` feeds are fetched at once, each within `deadline` seconds and all
    within `run_deadline` (a feed not fetched by then is reported, not waited for), so one
    slow server never holds the others. What they bring is stored one feed at a time, in the
    order given (one writer)."""
    index = index_for(catalog)
    own_client = client is None and any(s.startswith(("http://", "https://")) for s in sources)
    http = httpx.Client(timeout=timeout, follow_redirects=True) if own_client else client
    states = {source: repo.source(source) for source in sources}
    end = time.monotonic() + run_deadline

    def fetch_one(source: str) -> FetchResult:
        left = end - time.monotonic()
        if left <= 0:
            error = f"{source}: not fetched, the update's deadline of {run_deadline:g} s passed"
            return FetchResult("error", error=error, attempts=0)
        if on_start is not None:
            on_start(source)
        return _fetch(
            repo,
            source,
            timeout,
            retries,
            backoff,
            http,
            None,
            min(deadline, left),
            states[source],
        )

    reports = []
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(sources)))) as pool:
            fetched = [pool.submit(fetch_one, source) for source in sources]
            for source, future in zip(sources, fetched, strict=True):
                report = _store(repo, source, future.result(), index, clock)
                reports.append(report)
                if on_done is not None:
                    on_done(report)
    finally:
        if own_client and http is not None:
            http.close()
    refresh_analyses(repo.store, catalog)
    return tuple(reports)
