"""Append-only, named migrations (the simonw/llm pattern): never edit or reorder a shipped step;
add a new one at the end. Each runs once, in its own transaction, and is recorded in
``llmref_migrations``. Plain functions over SQLAlchemy Core keep them portable between SQLite and
PostgreSQL without an Alembic environment to maintain."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported by the steps, so reading the names stays cheap
    from sqlalchemy import Connection

Migration = tuple[str, "Callable[[Connection], None]"]


def _m001_catalog(conn: Connection) -> None:
    from llmref.store import tables

    # m001 shipped before benchmark_defs existed; m003 creates that table.
    for table in reversed(tables.CATALOG_TABLES):
        if table is not tables.benchmark_defs:
            table.create(conn, checkfirst=True)


def _m002_feed(conn: Connection) -> None:
    from llmref.feed.db_tables import FEED_TABLES  # the feed package owns its tables

    for table in FEED_TABLES:
        table.create(conn, checkfirst=True)


def _m003_benchmark_versions(conn: Connection) -> None:
    """Benchmark definitions (one row per benchmark version) and the result columns for who
    measured, the settings, the vendor-reported flag and the leaderboard's model name. A store
    created after this change already has the columns (m001 creates the current table)."""
    from sqlalchemy import inspect

    from llmref.store import tables

    present = {c["name"] for c in inspect(conn).get_columns("benchmarks")}
    for name, kind in tables.BENCHMARK_RESULT_COLUMNS_V2.items():
        if name not in present:
            conn.exec_driver_sql(f"ALTER TABLE benchmarks ADD COLUMN {name} {kind}")
    tables.benchmark_defs.create(conn, checkfirst=True)


def _m004_provider_classes(conn: Connection) -> None:
    from llmref.store import tables

    tables.provider_classes.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    ("m001_catalog", _m001_catalog),
    ("m002_feed", _m002_feed),
    ("m003_benchmark_versions", _m003_benchmark_versions),
    ("m004_provider_classes", _m004_provider_classes),
]
