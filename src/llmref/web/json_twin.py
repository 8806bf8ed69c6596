"""The JSON twin of every page: one serialiser, so a page's ``.json`` and the API say the same
bytes. Kept apart from :mod:`llmref.web.render` (which imports every context) so that the
fragments that pre-serialise pieces of JSON need not import the page contexts: no cycle."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence, Set
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter


@lru_cache(maxsize=256)
def json_adapter(kind: Any) -> TypeAdapter[Any]:
    """The pydantic adapter that serialises values of type `kind` (made once per type)."""
    return TypeAdapter(kind)


def to_json(data: Any) -> bytes:
    """Stable JSON for a page's data: Decimals as strings (exact money), dates ISO, keys in
    declaration order, two-space indent."""
    if isinstance(data, dict | list):
        body = json.dumps(
            json_adapter(object).dump_python(data, mode="json", fallback=_plain),
            indent=2,
            ensure_ascii=False,
        )
        return body.encode() + b"\n"
    kind: Any = type(data)
    return json_adapter(kind).dump_json(data, indent=2) + b"\n"


def _plain(value: Any) -> Any:
    """What pydantic cannot serialise by itself: the store's lazily decoded collections (a
    price history, a fact map) stand for the tuple or dict they decode to."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Sequence | Set) and not isinstance(value, str | bytes):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


__all__ = ["json_adapter", "to_json"]
