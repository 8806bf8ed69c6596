"""The front door: what every request goes through before any page or API code runs.

One pure ASGI middleware, outermost, so its checks cost microseconds and nothing behind it can
skip them:

* **Methods.** The site is read-only: GET and HEAD are served, OPTIONS answers 204 with
  ``Allow``, any other method 405 with ``Allow`` (HTTP requires the header on a 405). A CORS
  preflight (OPTIONS with ``Access-Control-Request-Method``) goes through to the app, so a
  CORS middleware behind this one answers it.
* **Bounded requests.** A path longer than :data:`MAX_PATH` or a query string longer than
  :data:`MAX_QUERY` is answered 414; more than :data:`MAX_PARAMS` query parameters, a value
  longer than :data:`MAX_VALUE` characters, or a ``models=`` list of more than
  :data:`MAX_LIST` ids is answered 422 naming the field and the limit. So no handler ever sees
  an input whose processing could take long (an unknown 60 KB id used to cost 40 s of fuzzy
  matching on the event loop).
* **Static files** are answered here from memory (:mod:`llmref.web.assets`), without the
  middleware stack behind (gzip would otherwise recompress the stylesheet on every request).
* **Security headers** on every answer: a Content-Security-Policy without inline script or
  style, ``X-Content-Type-Options: nosniff``, ``Referrer-Policy`` and, through the CSP's
  ``frame-ancestors``, no framing by other sites (``LLMREF_FRAME_ANCESTORS`` changes that).
"""

from __future__ import annotations

import json
import os
from html import escape
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llmref.web.assets import Assets

MAX_PATH = 2048
"""Bytes of the URL path (percent-encoded, as sent)."""
MAX_QUERY = 8192
"""Bytes of the query string."""
MAX_PARAMS = 40
"""Query parameters in one request (the calculator, the largest form, has 12 fields)."""
MAX_VALUE = 1024
"""Characters of one query parameter's value (ids are under 100; the longest list is models=)."""
MAX_LIST = 10
"""Ids in a ``models=`` list (the comparison table takes 5, the calculator 8: more is refused
before any id is looked up)."""
LIST_FIELDS = ("models",)

ALLOW = "GET, HEAD, OPTIONS"
SERVED = frozenset({"GET", "HEAD"})


def content_security_policy(frame_ancestors: str) -> str:
    """Scripts, styles, images and forms from this site only: no inline script or style (the
    templates have none), no plugins, no <base> rewriting."""
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {frame_ancestors}"
    )


# A standalone SVG (chart.svg) carries its own <style>: it is an image, never a page that runs
# anything, so its policy allows that style element and nothing else.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def security_headers(frame_ancestors: str | None = None) -> list[tuple[bytes, bytes]]:
    ancestors = frame_ancestors or os.environ.get("LLMREF_FRAME_ANCESTORS") or "'none'"
    return [
        (b"content-security-policy", content_security_policy(ancestors).encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path.endswith(".json")


def check_query(query: bytes) -> tuple[int, str, str] | None:
    """(status, field, message) for a query string over a limit, else None."""
    if len(query) > MAX_QUERY:
        return 414, "query", f"The query string is limited to {MAX_QUERY} bytes (got {len(query)})."
    if not query:
        return None
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    if len(pairs) > MAX_PARAMS:
        return 422, "query", f"At most {MAX_PARAMS} query parameters (got {len(pairs)})."
    for name, value in pairs:
        field = name[:40]
        if len(value) > MAX_VALUE:
            return (
                422,
                field,
                f"At most {MAX_VALUE} characters (got {len(value)}).",
            )
        if name in LIST_FIELDS:
            count = sum(1 for part in value.split(",") if part.strip())
            if count > MAX_LIST:
                return 422, field, f"At most {MAX_LIST} ids (got {count})."
    return None


def _is_preflight(scope: Scope) -> bool:
    """A CORS preflight: left to the app (a CORS middleware answers it with its headers)."""
    return any(key == b"access-control-request-method" for key, _ in scope["headers"])


class FrontMiddleware:
    def __init__(
        self, app: ASGIApp, assets: Assets | None = None, frame_ancestors: str | None = None
    ) -> None:
        self.app = app
        self.assets = assets
        self.headers = security_headers(frame_ancestors)
        self.svg_headers = [
            (b"content-security-policy", SVG_POLICY.encode()),
            *self.headers[1:],
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method: str = scope["method"]
        path: str = scope["path"]
        if method not in SERVED and not (method == "OPTIONS" and _is_preflight(scope)):
            status = 204 if method == "OPTIONS" else 405
            body = b"" if status == 204 else b'{"error": "Method not allowed: use GET or HEAD."}\n'
            await self._send(send, status, body, "application/json", [(b"allow", ALLOW.encode())])
            return
        raw_path: bytes = scope.get("raw_path") or path.encode()
        problem = (
            (414, "path", f"The path is limited to {MAX_PATH} bytes (got {len(raw_path)}).")
            if len(raw_path) > MAX_PATH
            else check_query(scope.get("query_string", b""))
        )
        if problem is not None:
            await self._refuse(scope, send, *problem)
            return
        head = method == "HEAD"
        if self.assets is not None and path.startswith("/static/"):
            await self.assets.serve(scope, send, self.headers, head)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = self.headers
                for key, value in message.get("headers", ()):
                    if key == b"content-type" and value.startswith(b"image/svg"):
                        own = self.svg_headers
                        break
                message = {**message, "headers": [*message.get("headers", []), *own]}
            elif head and message["type"] == "http.response.body":
                # HEAD: the headers of a GET (Content-Length included), no body.
                message = {**message, "body": b""}
            await send(message)

        if head:
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, send_secured)

    async def _refuse(self, scope: Scope, send: Send, status: int, field: str, text: str) -> None:
        path: str = scope["path"]
        if is_api(path):
            body = json.dumps({"errors": {field: text}}, indent=2).encode() + b"\n"
            media = "application/json"
        else:
            title = "URI too long" if status == 414 else "Request not accepted"
            body = (
                f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}'
                f"</title></head><body><h1>{title}</h1><p>{escape(field)}: {escape(text)}</p>"
                "</body></html>\n"
            ).encode()
            media = "text/html; charset=utf-8"
        if scope["method"] == "HEAD":
            body = b""
        await self._send(send, status, body, media)

    async def _send(
        self,
        send: Send,
        status: int,
        body: bytes,
        media: str,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        headers = [
            (b"content-type", media.encode()),
            (b"content-length", str(len(body)).encode()),
            *(extra or []),
            *self.headers,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
