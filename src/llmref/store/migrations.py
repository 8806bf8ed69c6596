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

    for table in reversed(tables.CATALOG_TABLES):
        table.create(conn, checkfirst=True)


def _m002_feed(conn: Connection) -> None:
    from llmref.feed.db_tables import FEED_TABLES  # the feed package owns its tables

    for table in FEED_TABLES:
        table.create(conn, checkfirst=True)


def _m003_provider_classes(conn: Connection) -> None:
    from llmref.store import tables

    tables.provider_classes.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    ("m001_catalog", _m001_catalog),
    ("m002_feed", _m002_feed),
    ("m003_provider_classes", _m003_provider_classes),
]
