"""The store: SQLite by default, PostgreSQL given ``LLMREF_DATABASE_URL``.

The catalogue is written in one transaction (a bad input changes nothing) and read back into an
immutable :class:`~llmref.catalog.Catalog`. :class:`CatalogHolder` keeps the current snapshot and
swaps it atomically when a new catalogue is imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, insert, select

from llmref.catalog import Catalog, bundled_data_dir, data_fingerprint
from llmref.store import codec, tables
from llmref.store.migrations import MIGRATIONS

__all__ = ["CatalogHolder", "Store", "default_database_url", "open_catalog", "open_store"]


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


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


class Store:
    """One database: migrations, the catalogue tables, and whatever else registers tables
    (the feed)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_database_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            _sqlite_pragmas(self.engine)
        self.migrate()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet, in order, each in its own transaction."""
        applied_now: list[str] = []
        with self.engine.begin() as conn:
            tables.migrations.create(conn, checkfirst=True)
            done = set(conn.scalars(select(tables.migrations.c.name)))
        for name, step in MIGRATIONS:
            if name in done:
                continue
            with self.engine.begin() as conn:
                step(conn)
                conn.execute(
                    insert(tables.migrations).values(
                        name=name, applied=datetime.now(UTC).isoformat(timespec="seconds")
                    )
                )
            applied_now.append(name)
        return applied_now

    def applied_migrations(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.scalars(select(tables.migrations.c.name).order_by(tables.migrations.c.name))
            )

    # ---- catalogue -------------------------------------------------------------------------

    def catalog_version(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(select(tables.meta.c.value).where(tables.meta.c.key == "version"))

    def save_catalog(
        self, catalog: Catalog, *, before_commit: Callable[[Connection], None] | None = None
    ) -> None:
        """Replace the stored catalogue with `catalog` in one transaction."""
        with self.engine.begin() as conn:
            for table in tables.CATALOG_TABLES:
                conn.execute(delete(table))
            rows = [
                (
                    tables.meta,
                    [
                        {"key": "version", "value": catalog.version},
                        {"key": "built", "value": catalog.built.isoformat()},
                    ],
                ),
                (tables.sources, [codec.source_row(s) for s in catalog.sources.values()]),
                (tables.vendors, [codec.vendor_row(v) for v in catalog.vendors.values()]),
                (tables.providers, [codec.provider_row(p) for p in catalog.providers.values()]),
                (tables.models, [codec.model_row(m) for m in catalog.models.values()]),
                (tables.offerings, [codec.offering_row(o) for o in catalog.offerings]),
                (tables.benchmarks, [codec.benchmark_row(b) for b in catalog.benchmarks]),
                (tables.conflicts, [codec.conflict_row(c) for c in catalog.conflicts]),
            ]
            for table, batch in rows:
                for start in range(0, len(batch), 2000):
                    conn.execute(insert(table), batch[start : start + 2000])
            if before_commit is not None:
                before_commit(conn)

    def load_catalog(self) -> Catalog | None:
        """The stored catalogue, or None when nothing has been imported yet."""
        with self.engine.connect() as conn:
            meta = {k: v for k, v in conn.execute(select(tables.meta.c.key, tables.meta.c.value))}
            if "version" not in meta:
                return None

            def rows(table: Table) -> list[Any]:
                return list(conn.execute(select(table)))

            return Catalog.create(
                version=meta["version"],
                built=date.fromisoformat(meta["built"]),
                sources=[codec.row_source(r) for r in rows(tables.sources)],
                vendors=[codec.row_vendor(r) for r in rows(tables.vendors)],
                providers=[codec.row_provider(r) for r in rows(tables.providers)],
                models=[codec.row_model(r) for r in rows(tables.models)],
                offerings=[codec.row_offering(r) for r in rows(tables.offerings)],
                benchmarks=[codec.row_benchmark(r) for r in rows(tables.benchmarks)],
                conflicts=[codec.row_conflict(r) for r in rows(tables.conflicts)],
            )

    def import_directory(self, root: Path) -> Catalog:
        """Validate and reconcile a data directory, then store it. Nothing changes on error."""
        from llmref.catalog import load_catalog_dir

        catalog = load_catalog_dir(root)
        self.save_catalog(catalog)
        return catalog

    def dispose(self) -> None:
        self.engine.dispose()


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
    key = url or default_database_url()
    if key not in _stores:
        _stores[key] = Store(key)
    return _stores[key]


def open_catalog(url: str | None = None, data_dir: Path | None = None) -> Catalog:
    """The catalogue from the store, (re)built from the bundled data when the store is empty or
    holds an older version of it."""
    store = open_store(url)
    root = data_dir or bundled_data_dir()
    wanted = data_fingerprint(root)
    if store.catalog_version() != wanted:
        store.import_directory(root)
    catalog = store.load_catalog()
    assert catalog is not None
    return catalog
