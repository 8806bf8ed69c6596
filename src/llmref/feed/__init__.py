"""The news feed: ingest RSS/Atom, link items to the catalogue, score signal and hype,
summarise, and publish an Atom feed of our own plus one derived from the catalogue.

Read side (cheap to import; used by the web pages): :mod:`llmref.feed.api` and the types in
:mod:`llmref.feed.types`, re-exported here. Write side (pulls in httpx and feedparser):
:func:`llmref.feed.ingest.update_feeds`. Pure pieces: :func:`llmref.feed.analyse.analyse`,
:mod:`~llmref.feed.link`, :mod:`~llmref.feed.score`, :mod:`~llmref.feed.catalog_events`.
"""

from llmref.feed.api import (
    catalog_atom_xml,
    catalog_feed,
    feed_sources,
    get_item,
    items_atom_xml,
    list_items,
    refresh_analyses,
    resolve_model_ids,
)
from llmref.feed.types import (
    Analysis,
    CatalogEvent,
    EntityLink,
    Evidence,
    FeedItem,
    FeedReport,
    FeedSource,
    ItemPage,
    PriceChange,
    Score,
)

__all__ = [
    "Analysis",
    "CatalogEvent",
    "EntityLink",
    "Evidence",
    "FeedItem",
    "FeedReport",
    "FeedSource",
    "ItemPage",
    "PriceChange",
    "Score",
    "catalog_atom_xml",
    "catalog_feed",
    "feed_sources",
    "get_item",
    "items_atom_xml",
    "list_items",
    "refresh_analyses",
    "resolve_model_ids",
]
