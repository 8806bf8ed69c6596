"""The feed's read side, for the CLI and the web pages: functions that return frozen
dataclasses (see :mod:`llmref.feed.types`) or Atom XML. No fetching happens here.

Typical use in a view::

    store = open_store()
    refresh_analyses(store, catalog)            # cheap when nothing is stale
    page = list_items(store, catalog=catalog, model="gpt-4o-mini", min_signal=50)
    item = get_item(store, page.items[0].id)
    events = catalog_feed(catalog, limit=50)
    xml = items_atom_xml(store, self_url="https://example.org/feed.atom")
"""

from __future__ import annotations

import datetime as dt

from llmref.catalog import Catalog
from llmref.feed.analyse import analyse, analysed_with
from llmref.feed.atom import catalog_atom, items_atom
from llmref.feed.catalog_events import catalog_events
from llmref.feed.link import index_for
from llmref.feed.store import FeedRepository
from llmref.feed.types import CatalogEvent, FeedItem, FeedSource, ItemPage
from llmref.store import Store

__all__ = [
    "MAX_LIMIT",
    "catalog_atom_xml",
    "catalog_feed",
    "feed_sources",
    "get_item",
    "items_atom_xml",
    "list_items",
    "refresh_analyses",
    "resolve_model_ids",
]

MAX_LIMIT = 500


def resolve_model_ids(catalog: Catalog, wanted: str) -> tuple[str, ...]:
    """The model (by id, alias or name form) and its dated snapshots. Raises
    :class:`~llmref.catalog.UnknownIdError` naming the closest ids."""
    model = catalog.model(wanted)
    return (model.id, *(snapshot.id for snapshot in catalog.snapshots_of(model.id)))


def _checked(limit: int, offset: int, min_signal: int | None, max_hype: int | None) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise ValueError(f"offset cannot be negative ({offset})")
    for name, value in (("min_signal", min_signal), ("max_hype", max_hype)):
        if value is not None and not 0 <= value <= 100:
            raise ValueError(f"{name} must be between 0 and 100, not {value}")


def list_items(
    store: Store,
    *,
    catalog: Catalog | None = None,
    model: str | None = None,
    vendor: str | None = None,
    provider: str | None = None,
    tag: str | None = None,
    min_signal: int | None = None,
    max_hype: int | None = None,
    feed_url: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> ItemPage:
    """Stored items, newest first, with every filter given applied. `model`, `vendor` and
    `provider` need the catalogue to resolve names; an unknown one raises UnknownIdError."""
    _checked(limit, offset, min_signal, max_hype)
    models = vendors = providers = None
    if model is not None or vendor is not None or provider is not None:
        if catalog is None:
            raise ValueError("filtering by model, vendor or provider needs the catalogue")
        if model is not None:
            models = resolve_model_ids(catalog, model)
        if vendor is not None:
            vendors = (catalog.vendor(vendor).id,)
        if provider is not None:
            providers = (catalog.provider(provider).id,)
    return FeedRepository(store).items(
        models=models,
        vendors=vendors,
        providers=providers,
        tag=tag,
        min_signal=min_signal,
        max_hype=max_hype,
        feed_url=feed_url,
        search=search,
        limit=limit,
        offset=offset,
    )


def get_item(store: Store, item_id: int) -> FeedItem | None:
    return FeedRepository(store).item(item_id)


def feed_sources(store: Store) -> tuple[FeedSource, ...]:
    """Every feed read at least once, with its last status and item count."""
    return FeedRepository(store).sources()


def catalog_feed(
    catalog: Catalog, *, since: dt.date | None = None, limit: int | None = None
) -> tuple[CatalogEvent, ...]:
    """New models, new offerings, price changes and new providers, newest first."""
    return catalog_events(catalog, since=since, limit=limit)


def items_atom_xml(
    store: Store,
    *,
    catalog: Catalog | None = None,
    model: str | None = None,
    min_signal: int | None = None,
    limit: int = 50,
    self_url: str | None = None,
) -> str:
    page = list_items(store, catalog=catalog, model=model, min_signal=min_signal, limit=limit)
    return items_atom(page.items, self_url=self_url)


def catalog_atom_xml(catalog: Catalog, *, limit: int = 100, self_url: str | None = None) -> str:
    return catalog_atom(catalog_events(catalog, limit=limit), self_url=self_url)


def refresh_analyses(store: Store, catalog: Catalog) -> int:
    """Re-analyse the stored items whose analysis predates this catalogue version or these
    rules (links and tags depend on the catalogue). One transaction; returns how many."""
    repo = FeedRepository(store)
    stamp = analysed_with(catalog.version)
    stale = repo.stale(stamp)
    if not stale:
        return 0  # and the index (a second or so for a big catalogue) is never built
    index = index_for(catalog)
    return repo.save_analyses(
        ((item_id, analyse(title, body, index)) for item_id, title, body in stale), stamp
    )
