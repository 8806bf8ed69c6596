"""Paging of the API's long lists: ``limit`` and an opaque ``cursor``.

A cursor names the last item a page returned (by id), not an offset, so a page that follows a
catalogue update starts after the same item instead of skipping or repeating one. Clients pass
``next_cursor`` back unchanged; its encoding is not part of the API."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

T = TypeVar("T")

MAX_LIMIT = 1000
LIMIT = Query(
    None,
    ge=1,
    le=MAX_LIMIT,
    description=f"Return at most this many items (1–{MAX_LIMIT}); default: all of them.",
)
CURSOR = Query(
    None,
    # Every cursor this API returns starts with base64url("after:"); the schema says so, so a
    # client (and schemathesis) knows a malformed one is refused (422) and a well-formed one
    # that points nowhere is a 404.
    pattern=r"^YWZ0ZXI6[A-Za-z0-9_-]*$",
    description="Continue after the previous page: that page's `next_cursor`, unchanged.",
)
_PREFIX = "after:"


def encode_cursor(last_id: str) -> str:
    raw = (_PREFIX + last_id).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid(message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"loc": ("query", "cursor"), "msg": message, "type": "value_error"}]
    )


def _gone(message: str) -> HTTPException:
    return HTTPException(404, detail=message)


def decode_cursor(cursor: str) -> str:
    """The id a cursor continues after; a 422 naming ``cursor`` when it is not one of ours, a
    404 when it has our form but decodes to no id."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        if cursor.startswith("YWZ0ZXI6"):
            raise _gone("this cursor points to no item") from None
        raise _invalid("not a cursor this API returned") from None
    if not text.startswith(_PREFIX):
        raise _invalid("not a cursor this API returned")
    return text.removeprefix(_PREFIX)


def page_of(
    items: Sequence[T], key: Callable[[T], str], limit: int | None, cursor: str | None
) -> tuple[list[T], str | None]:
    """The items after `cursor`, at most `limit` of them, and the cursor of the next page
    (None on the last page)."""
    start = 0
    if cursor is not None:
        after = decode_cursor(cursor)
        positions = [i for i, item in enumerate(items) if key(item) == after]
        if not positions:
            raise _gone(f"{after!r} is no longer in this list; start again without a cursor")
        start = positions[0] + 1
    end = len(items) if limit is None else min(len(items), start + limit)
    chunk = list(items[start:end])
    more = end < len(items) and bool(chunk)
    return chunk, encode_cursor(key(chunk[-1])) if more else None
