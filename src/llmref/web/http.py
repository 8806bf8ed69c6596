"""HTTP caching: ETag and Last-Modified from the catalogue, and conditional requests (304).

Every page and API answer is a function of the catalogue snapshot, the date prices are read on
and the code, so one validator covers them all: ``W/"<catalogue version>-<as_of>-<llmref
version>"``. It is weak because gzip changes the bytes, not the meaning. Last-Modified is the
later of the catalogue's build date and the last price change in force on that day. A matching
``If-None-Match`` (or, without one, a satisfied ``If-Modified-Since``) is answered 304 before any
page is built.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The feed changes on its own schedule (and has its own validators); static files have theirs.
EXCLUDED_PREFIXES = ("/static/", "/feed", "/api/v1/feed")


@lru_cache(maxsize=64)
def http_date(day: date) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC), usegmt=True)


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def _not_modified_since(if_modified_since: str, modified: date) -> bool:
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return datetime(modified.year, modified.month, modified.day, tzinfo=UTC) <= since


class ConditionalMiddleware:
    """Adds validators to successful GET/HEAD answers and answers 304 when the client's copy is
    current. `validators(path)` returns (etag, last_modified) for the request."""

    def __init__(self, app: ASGIApp, validators: Callable[[str], tuple[str, date]]) -> None:
        self.app = app
        self.validators = validators

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(EXCLUDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        etag, modified = self.validators(path)
        last_modified = http_date(modified)
        inm = ims = None
        for key, value in scope["headers"]:
            if key == b"if-none-match":
                inm = value.decode("latin-1")
            elif key == b"if-modified-since":
                ims = value.decode("latin-1")
        fresh = (
            _matches(inm, etag)
            if inm is not None
            else (ims is not None and _not_modified_since(ims, modified))
        )
        headers = [
            (b"etag", etag.encode()),
            (b"last-modified", last_modified.encode()),
            (b"cache-control", b"no-cache"),
        ]
        if fresh:
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_validators(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in headers if h[0] not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_validators)
