"""Reading a feed source: an http(s) URL (httpx) or a local file.

A URL fetch has a timeout per network operation and a hard deadline for the whole fetch
(retries included): when it passes, the connection is shut down under the read, so a server
that drips a byte a second, or sends its headers slowly, cannot hold an update. It sends the
validators of the last good read (``If-None-Match`` from the ETag, ``If-Modified-Since`` from
Last-Modified) so an unchanged feed costs a 304, follows redirects, caps the body size, and
retries what may be transient — connection errors, timeouts, 429 and 5xx — with exponential
back-off (honouring a short ``Retry-After``). Other 4xx are final. Nothing here raises for a
network problem: the result says what happened.

A local file's validator is the SHA-256 of its bytes, so re-reading an unchanged file is
"not modified" too.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from llmref.feed.types import FetchResult

__all__ = ["DEADLINE", "MAX_BYTES", "USER_AGENT", "fetch", "fetch_url", "read_file"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llmref")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"llmref/{_version()} (feed reader)"
MAX_BYTES = 20 * 1024 * 1024
DEADLINE = 60.0
"""Seconds one feed may take in all (connecting, headers, body, retries and back-off)."""
MAX_REDIRECTS = 5
"""A feed that moved answers with one or two redirects; a loop is cut after five, well inside the
deadline even on a busy machine (httpx's default of 20 could run into it)."""


class _Watchdog:
    """Shuts the fetch's sockets down when its deadline passes: a blocked read then fails at
    once (httpx's timeouts bound each read, not the sum of many slow ones)."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember each connection's socket."""
        if event == "connection.connect_tcp.complete":
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                    if self.expired:
                        _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 30.0


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20.0,
    retries: int = 2,
    backoff: float = 1.0,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    deadline: float = DEADLINE,
) -> FetchResult:
    """Read `source`: a URL over HTTP, anything else as a local path."""
    if is_url(source):
        return fetch_url(
            source,
            etag=etag,
            last_modified=last_modified,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            client=client,
            sleep=sleep,
            deadline=deadline,
        )
    return read_file(Path(source), previous_digest=etag)


def read_file(path: Path, *, previous_digest: str | None = None) -> FetchResult:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return FetchResult("error", error=f"{path}: larger than {MAX_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        return FetchResult("error", error=f"{path}: cannot read: {exc.strerror or exc}")
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    if digest == previous_digest:
        return FetchResult("not-modified", etag=digest)
    return FetchResult("ok", content=data, etag=digest)


def fetch_url(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20.0,
    retries: int = 2,
    backoff: float = 1.0,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    deadline: float = DEADLINE,
) -> FetchResult:
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own_client = client is None
    http = client or httpx.Client(
        timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS
    )
    watchdog = _Watchdog(deadline)
    try:
        attempt = 0
        while True:
            attempt += 1
            result, retry_after = _attempt(
                http, url, headers, timeout, etag, last_modified, watchdog
            )
            if watchdog.expired:
                error = f"{url}: no complete answer within {deadline:g} s (the deadline per feed)"
                result, retry_after = FetchResult("error", error=error), None
            delay = backoff * (2 ** (attempt - 1))
            if retry_after is not None:
                delay = max(delay, min(retry_after, _MAX_RETRY_AFTER))
                if delay >= watchdog.remaining():
                    retry_after = None  # no time left for another attempt
            if retry_after is None or attempt > retries:
                return FetchResult(
                    result.status,
                    content=result.content,
                    content_type=result.content_type,
                    etag=result.etag,
                    last_modified=result.last_modified,
                    http_status=result.http_status,
                    attempts=attempt,
                    error=result.error,
                )
            sleep(delay)
    finally:
        watchdog.cancel()
        if own_client:
            http.close()


_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.1"
)


def _attempt(
    http: httpx.Client,
    url: str,
    headers: dict[str, str],
    timeout: float,
    etag: str | None,
    last_modified: str | None,
    watchdog: _Watchdog,
) -> tuple[FetchResult, float | None]:
    """One request. The second value is None when the outcome is final, otherwise the delay
    the server asked for (0 when it said nothing)."""
    extensions = {"trace": watchdog.trace}
    try:
        with http.stream(
            "GET", url, headers=headers, timeout=timeout, extensions=extensions
        ) as response:
            status = response.status_code
            if status == 304:
                return FetchResult(
                    "not-modified",
                    etag=response.headers.get("etag") or etag,
                    last_modified=response.headers.get("last-modified") or last_modified,
                    http_status=status,
                ), None
            if status >= 400:
                error = f"{url}: HTTP {status} {response.reason_phrase}".rstrip()
                failed = FetchResult("error", http_status=status, error=error)
                if status in _RETRY_STATUS:
                    return failed, _retry_after(response.headers.get("retry-after"))
                return failed, None
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if watchdog.expired:
                    break
                if len(body) > MAX_BYTES:
                    error = f"{url}: response larger than {MAX_BYTES} bytes"
                    return FetchResult("error", http_status=status, error=error), None
            return FetchResult(
                "ok",
                content=bytes(body),
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                http_status=status,
            ), None
    except httpx.TimeoutException:
        return FetchResult("error", error=f"{url}: timed out after {timeout:g} s"), 0.0
    except httpx.TransportError as exc:
        return FetchResult("error", error=f"{url}: {type(exc).__name__}: {exc}"), 0.0
    except httpx.HTTPError as exc:  # e.g. too many redirects: retrying will not help
        return FetchResult("error", error=f"{url}: {type(exc).__name__}: {exc}"), None


def _retry_after(value: str | None) -> float:
    if value is None:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0  # an HTTP date: fall back to our own back-off
