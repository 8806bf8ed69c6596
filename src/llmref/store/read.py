"""Read a stored catalogue into a Catalog, through any DB-API cursor.

Rows are read positionally with one SELECT per table, and per-model facts and price histories
are decoded lazily (see :class:`~llmref.store.codec.LazyFacts`): loading the whole catalogue
costs little more than fetching its rows. The same function serves SQLAlchemy connections and
the plain ``sqlite3`` fast path the CLI uses to avoid importing SQLAlchemy at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from llmref.catalog.catalog import Catalog, ConflictRows
from llmref.store import codec

Fetch = Callable[[str], Sequence[Sequence[Any]]]
"""Runs one SQL statement and returns its rows as positional sequences."""


def read_catalog(fetch: Fetch) -> Catalog | None:
    meta = {row[0]: row[1] for row in fetch("SELECT key, value FROM catalog_meta")}
    if "version" not in meta:
        return None

    def rows(columns: str, table: str) -> Sequence[Sequence[Any]]:
        return fetch(f"SELECT {columns} FROM {table}")

    conflict_rows = rows(codec.CONFLICT_COLUMNS, "conflicts")  # fetched now, decoded on use
    classes = dict(
        codec.row_provider_class(r) for r in rows(codec.PROVIDER_CLASS_COLUMNS, "provider_classes")
    )
    providers = [codec.row_provider(r) for r in rows(codec.PROVIDER_COLUMNS, "providers")]
    return Catalog.create(
        version=meta["version"],
        built=date.fromisoformat(meta["built"]),
        sources=[codec.row_source(r) for r in rows(codec.SOURCE_COLUMNS, "sources")],
        vendors=[codec.row_vendor(r) for r in rows(codec.VENDOR_COLUMNS, "vendors")],
        providers=[
            replace(p, classified=classes[p.id]) if p.id in classes else p for p in providers
        ],
        models=[codec.row_model(r) for r in rows(codec.MODEL_COLUMNS, "models")],
        offerings=[codec.row_offering(r) for r in rows(codec.OFFERING_COLUMNS, "offerings")],
        benchmarks=[codec.row_benchmark(r) for r in rows(codec.BENCHMARK_COLUMNS, "benchmarks")],
        conflicts=ConflictRows(conflict_rows, codec.row_conflict),
        benchmark_defs=[
            codec.row_benchmark_def(r) for r in rows(codec.BENCHMARK_DEF_COLUMNS, "benchmark_defs")
        ],
    )


def read_sqlite_if_current(path: str, version: str, migrations: Sequence[str]) -> Catalog | None:
    """The catalogue in a SQLite file, read with the standard library, or None when the file is
    missing, not fully migrated, or holds another version (the caller then takes the full
    SQLAlchemy path, which migrates and rebuilds)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        applied = {row[0] for row in conn.execute("SELECT name FROM llmref_migrations")}
        if not set(migrations) <= applied:
            return None
        stored = conn.execute("SELECT value FROM catalog_meta WHERE key = 'version'").fetchone()
        if stored is None or stored[0] != version:
            return None
        return read_catalog(lambda sql: conn.execute(sql).fetchall())
    except sqlite3.Error:
        return None
    finally:
        conn.close()
