"""A real HTTP server on 127.0.0.1 (random port) serving one feed, for fetch tests.

Not a test module: imported by the fetch and ingest tests. Behaviour is set per test through
:class:`FeedServer` attributes; every request's headers are recorded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FeedServer:
    body: bytes = b""
    etag: str | None = '"v1"'
    last_modified: str | None = None
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    """Anything but 200 is sent as that status with a short body."""
    fail_first: int = 0
    """Answer this many requests with 503 before behaving normally."""
    delay: float = 0.0
    retry_after: str | None = None
    requests: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"


def _handler(state: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def _send(
            self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                # The client may have given up (the timeout test does that on purpose).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        def do_GET(self) -> None:
            state.requests.append({k.lower(): v for k, v in self.headers.items()})
            if state.delay:
                time.sleep(state.delay)
            if state.fail_first > 0:
                state.fail_first -= 1
                extra = {"Retry-After": state.retry_after} if state.retry_after else {}
                self._send(503, b"busy", extra)
                return
            if state.status != 200:
                self._send(state.status, b"error page")
                return
            validators: dict[str, str] = {}
            if state.etag:
                validators["ETag"] = state.etag
            if state.last_modified:
                validators["Last-Modified"] = state.last_modified
            etag_match = state.etag and self.headers.get("If-None-Match") == state.etag
            date_match = (
                state.last_modified
                and not state.etag
                and self.headers.get("If-Modified-Since") == state.last_modified
            )
            if etag_match or date_match:
                self._send(304, b"", validators)
                return
            self._send(200, state.body, {"Content-Type": state.content_type, **validators})

    return Handler


@contextmanager
def serve(state: FeedServer) -> Iterator[FeedServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
