"""The SQLAlchemy side of the store: engines, migrations, writing and reading the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select
from sqlalchemy.pool import NullPool

from llmref.catalog import Catalog
from llmref.store import codec, tables
from llmref.store.migrations import MIGRATIONS
from llmref.store.read import read_catalog


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def _engine_options(url: str) -> dict[str, Any]:
    """Connections that notice faults: a PostgreSQL connection is checked before use (one
    dropped by a server restart is replaced, not handed to a request) and gives up connecting
    after a few seconds; a SQLite file is opened afresh for each use, so a file deleted,
    replaced or truncated under a running server is seen at once (a pooled connection would
    keep reading the old file)."""
    options: dict[str, Any] = {"future": True, "pool_pre_ping": True}
    if url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": 5}
    elif url.startswith("sqlite:///") and ":memory:" not in url and "mode=memory" not in url:
        options["poolclass"] = NullPool
    return options


class Store:
    """One database: migrations, the catalogue tables, and whatever else registers tables
    (the feed)."""

    def __init__(self, url: str | None = None) -> None:
        from llmref.store import default_database_url

        self.url = url or default_database_url()
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, **_engine_options(self.url))
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
                (
                    tables.provider_classes,
                    [
                        codec.provider_class_row(p.id, p.classified)
                        for p in catalog.providers.values()
                        if p.classified is not None
                    ],
                ),
                (tables.models, [codec.model_row(m) for m in catalog.models.values()]),
                (tables.offerings, [codec.offering_row(o) for o in catalog.offerings]),
                (tables.benchmarks, [codec.benchmark_row(b) for b in catalog.benchmarks]),
                (tables.conflicts, [codec.conflict_row(c) for c in catalog.conflicts]),
                (
                    tables.benchmark_defs,
                    [codec.benchmark_def_row(b) for b in catalog.benchmark_defs.values()],
                ),
            ]
            for table, batch in rows:
                for start in range(0, len(batch), 2000):
                    conn.execute(insert(table), batch[start : start + 2000])
            if before_commit is not None:
                before_commit(conn)

    def load_catalog(self) -> Catalog | None:
        """The stored catalogue, or None when nothing has been imported yet."""
        with self.engine.connect() as conn:
            return read_catalog(lambda sql: conn.exec_driver_sql(sql).fetchall())

    def import_directory(
        self, root: Path, *, progress: Callable[[str, int, int], None] | None = None
    ) -> Catalog:
        """Validate and reconcile a data directory, then store it. Nothing changes on error.
        `progress` hears each step (the first build takes seconds; callers say so)."""
        from llmref.catalog import data_fingerprint
        from llmref.catalog.build import build_catalog
        from llmref.catalog.load import load_bundles

        step = progress or (lambda _what, _done, _total: None)
        step("reading the data files", 0, 3)
        bundles, datasets = load_bundles(root)
        step("reconciling the sources", 1, 3)
        catalog = build_catalog(bundles, datasets, version=data_fingerprint(root))
        step("writing the store", 2, 3)
        self.save_catalog(catalog)
        step("done", 3, 3)
        return catalog

    def dispose(self) -> None:
        self.engine.dispose()
