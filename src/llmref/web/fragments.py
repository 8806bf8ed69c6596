"""Pieces of pages rendered once per catalogue snapshot and reused by every page that shows them.

A popular model appears on dozens of pages: its comparison with each of the other top models
shows the same table of providers and prices, and the JSON twin of each comparison carries the
same ~90 KB record of the model (its :class:`~llmref.compare.Side`). The engines are pure, so a
side is a function of the catalogue, the model, the traffic, the price blend and the date; the
fragment made from it is kept under those (plus, for HTML, what the links depend on) in a
:class:`Memo` that belongs to one catalogue snapshot (:class:`~llmref.web.precomputed.Derived`).
Nothing here is a cache of whole pages: a page is still built for every request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from llmref import compare
from llmref.pricing import Traffic
from llmref.web.json_twin import json_adapter

T = TypeVar("T")

_MISSING = object()


class Memo:
    """A bounded map from a fragment's key to the fragment (text or bytes). Full, it starts
    again empty. The bound is on the fragments' total size: the pieces of every model of the
    bundled catalogue come to ~32 MB for one date (28 MB of JSON, 3.5 MB of HTML), which the
    default keeps; a server asked for many dates starts again rather than growing."""

    def __init__(self, max_bytes: int = 48 * 1024 * 1024, limit: int = 16384) -> None:
        self.max_bytes = max_bytes
        self.limit = limit
        self._entries: dict[Hashable, Any] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        found = self._entries.get(key, _MISSING)
        if found is _MISSING:
            found = build()
            size = len(found) if isinstance(found, str | bytes) else 0
            with self._lock:
                if len(self._entries) >= self.limit or self._bytes + size > self.max_bytes:
                    self._entries.clear()
                    self._bytes = 0
                if key not in self._entries:
                    self._entries[key] = found
                    self._bytes += size
        value: T = found
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def side_key(
    side: compare.Side, traffic: Traffic, share: Decimal, as_of: date | None
) -> tuple[Any, ...]:
    """What a side is a function of (with the catalogue snapshot the memo belongs to): the model,
    the traffic, the input share of blended prices and the date. A few of the side's own figures
    are part of the key too, a cheap guard against an engine change that made a side depend on
    anything else (a different side then misses instead of reusing the wrong fragment)."""
    return (side.id, traffic, share, as_of, side.name, len(side.routes), side.monthly_cost)


def splice_json(body: bytes, fields: Mapping[str, bytes]) -> bytes:
    """Put pre-serialised values into `body`, a JSON object serialised with two-space indents
    in which each of `fields` was ``null``: ``fields[name]`` is that value serialised alone with
    the same indents (it is indented here by one level). Only a top-level key sits on a line
    that starts with exactly two spaces and a quote, so the match cannot hit a nested key."""
    parts: list[bytes] = []
    at = 0
    for name, value in sorted(fields.items(), key=lambda kv: body.index(_null(kv[0]))):
        marker = _null(name)
        found = body.index(marker, at)
        parts += [body[at : found + len(marker) - 4], value.replace(b"\n", b"\n  ")]
        at = found + len(marker)
    parts.append(body[at:])
    return b"".join(parts)


def _null(name: str) -> bytes:
    return b'\n  "' + name.encode() + b'": null'


def with_text(body: bytes, text: Any) -> bytes:
    """A JSON object (serialised with two-space indents and a final newline) with one more
    top-level key, ``text``: the sentences :mod:`llmref.prose` wrote for the result, which the
    engines no longer carry."""
    head = body.rstrip()
    if not head.endswith(b"}"):
        raise ValueError("with_text needs a JSON object")
    kind: Any = type(text)
    value = json_adapter(kind).dump_json(text, indent=2).replace(b"\n", b"\n  ")
    return head[:-1].rstrip() + b',\n  "text": ' + value + b"\n}\n"


def comparison_json(memo: Memo, c: compare.Comparison, text: Any = None) -> bytes:
    """The JSON twin of a comparison, byte for byte what ``to_json(c)`` gives (plus ``text``
    when given), with each side serialised once per memo (a top-50 model's side is in 49
    comparisons)."""

    def side(s: compare.Side) -> bytes:
        key = ("side-json", side_key(s, c.traffic, c.input_share, c.as_of))
        return memo.get(key, lambda: json_adapter(compare.Side).dump_json(s, indent=2))

    # The sides' declared type is Side, so None is off-type: pydantic writes it as null and
    # would warn, which is the point here (spliced over right after).
    blank: Any = None
    rest = json_adapter(compare.Comparison).dump_json(
        replace(c, a=blank, b=blank), indent=2, warnings=False
    )
    body = splice_json(rest, {"a": side(c.a), "b": side(c.b)}) + b"\n"
    return body if text is None else with_text(body, text)
