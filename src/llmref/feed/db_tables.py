"""The feed's tables, on the store's shared metadata (created by migration ``m002_feed``).

Portable between SQLite and PostgreSQL: times are ISO-8601 UTC text ("2024-07-18T10:00:00Z",
which sorts as time does), the analysis is JSON text, booleans and scores are integers.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from llmref.store.tables import metadata

feed_sources = Table(
    "feed_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_checked", String(32)),
    Column("last_status", String(20)),
    Column("last_error", Text),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("feed_id", Integer, ForeignKey("feed_sources.id"), nullable=False),
    Column("guid", String(2000)),
    Column("link", Text),
    Column("link_key", String(2000)),
    Column("title", Text, nullable=False),
    Column("title_key", String(1000), nullable=False),
    Column("author", Text),
    Column("published", String(32)),
    Column("first_seen", String(32), nullable=False),
    Column("sort_date", String(32), nullable=False),
    Column("content_html", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("signal", Integer, nullable=False),
    Column("hype", Integer, nullable=False),
    Column("analysis", Text, nullable=False),
    Column("analysed_with", String(200), nullable=False),
    Index("ix_feed_items_feed_guid", "feed_id", "guid"),
    Index("ix_feed_items_link_key", "link_key"),
    Index("ix_feed_items_feed_title", "feed_id", "title_key"),
    Index("ix_feed_items_sort", "sort_date", "id"),
)

feed_item_keys = Table(
    "feed_item_keys",
    metadata,
    Column("item_id", Integer, ForeignKey("feed_items.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", String(300), nullable=False),
    Index("ix_feed_item_keys_lookup", "kind", "value"),
    Index("ix_feed_item_keys_item", "item_id"),
)
"""What an item can be filtered by: `model`/`vendor`/`provider` ids it links, and `tag`s."""

FEED_TABLES = (feed_sources, feed_items, feed_item_keys)
"""In creation order."""
