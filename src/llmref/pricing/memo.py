"""Per-snapshot memo for indexes the engines derive from a whole catalogue.

A :class:`~llmref.catalog.Catalog` never changes, so anything computed from it (and from an
``as_of`` date) can be kept on it: the next profile or comparison on the same snapshot reuses
it, and a new snapshot (a new object, a new version) starts empty. The memo lives in the
catalogue's ``_lazy`` dict, so it goes away with the snapshot; nothing here reads a file, the
clock or the network.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from llmref.catalog import Catalog

T = TypeVar("T")

MAX_KEYS = 8
"""Keys (dates, mostly) kept per index: a long-running server asks for today's date, which
changes every day; older dates are dropped, oldest first."""


def per_snapshot(catalog: Catalog, name: str, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, computed once per catalogue snapshot, index ``name`` and ``key``.

    ``build`` must be a pure function of the catalogue and the key. Two threads asking at once
    may both build it; each gets an equal result, and the memo keeps one."""
    slot = f"engine:{name}"
    memo: dict[Hashable, Any] | None = catalog._lazy.get(slot)
    if memo is not None and key in memo:
        found: T = memo[key]
        return found
    value = build()
    kept = dict(memo or {})
    kept[key] = value
    while len(kept) > MAX_KEYS:
        del kept[next(iter(kept))]
    # One assignment publishes the new dict: a reader never sees one half-updated.
    catalog._lazy[slot] = kept
    return value


def forget(catalog: Catalog, *names: str) -> None:
    """Drop the memo of each index in ``names`` (all of them when none is named): what a
    benchmark calls to time the cold path, the work done the first time a snapshot is asked."""
    for slot in [s for s in catalog._lazy if s.startswith("engine:")]:
        if not names or slot.removeprefix("engine:") in names:
            del catalog._lazy[slot]
