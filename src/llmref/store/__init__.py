"""The store: SQLite by default, PostgreSQL given ``LLMREF_DATABASE_URL``.

The catalogue is written in one transaction (a bad input changes nothing) and read back into an
immutable :class:`~llmref.catalog.Catalog`. :class:`CatalogHolder` keeps the current snapshot and
swaps it atomically when a new catalogue is imported.

This module stays light: opening an up-to-date SQLite store reads it with the standard library,
and SQLAlchemy (``llmref.store.db``) is imported only to migrate, write, or use PostgreSQL.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmref.catalog import Catalog, bundled_data_dir, data_fingerprint

if TYPE_CHECKING:
    from llmref.store.db import Store

__all__ = [
    "CatalogHolder",
    "Progress",
    "Store",
    "default_database_url",
    "open_catalog",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from llmref.store.db import Store

        return Store
    raise AttributeError(name)


def default_data_dir() -> Path:
    """Where the embedded SQLite file lives: ``$LLMREF_HOME`` or the user's data directory."""
    home = os.environ.get("LLMREF_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir("llmref", appauthor=False))


def default_database_url() -> str:
    url = os.environ.get("LLMREF_DATABASE_URL")
    if url:
        return url
    path = default_data_dir() / "llmref.db"
    return f"sqlite:///{path}"


class CatalogHolder:
    """The current catalogue snapshot; readers never see a half-built one."""

    def __init__(self, loader: Callable[[], Catalog]) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._current: Catalog | None = None

    @property
    def current(self) -> Catalog:
        current = self._current
        if current is None:
            with self._lock:
                if self._current is None:
                    self._current = self._loader()
                current = self._current
        return current

    def swap(self, catalog: Catalog) -> None:
        self._current = catalog  # one reference assignment: atomic for readers

    def reload(self) -> Catalog:
        catalog = self._loader()
        self.swap(catalog)
        return catalog


_stores: dict[str, Store] = {}


def open_store(url: str | None = None) -> Store:
    from llmref.store.db import Store

    key = url or default_database_url()
    if key not in _stores:
        _stores[key] = Store(key)
    return _stores[key]


Progress = Callable[[str, int, int], None]
"""Told each step of a long job: what is being done, steps done, steps in all."""


def open_catalog(
    url: str | None = None, data_dir: Path | None = None, *, progress: Progress | None = None
) -> Catalog:
    """The catalogue from the store, (re)built from the bundled data when the store is empty or
    holds an older version of it (`progress`, if given, hears each step of that build)."""
    root = data_dir or bundled_data_dir()
    wanted = data_fingerprint(root)
    key = url or default_database_url()
    if key.startswith("sqlite:///"):
        from llmref.store.migrations import MIGRATIONS
        from llmref.store.read import read_sqlite_if_current

        names = [name for name, _ in MIGRATIONS]
        fast = read_sqlite_if_current(key.removeprefix("sqlite:///"), wanted, names)
        if fast is not None:
            return fast
    store = open_store(url)
    if store.catalog_version() != wanted:
        store.import_directory(root, progress=progress)
    catalog = store.load_catalog()
    assert catalog is not None
    return catalog
