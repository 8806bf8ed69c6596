"""The catalogue's own feed: what changed, and when, according to the catalogue's dates.

* ``new-model``: a model with a ``release_date`` (dated snapshots are ``new-snapshot`` when
  their date differs from their family's).
* ``new-offering``: the first dated price of a model on a provider (``effective_from``).
* ``price-change``: each later price of an offering, with every field that changed.
* ``new-provider``: a provider's earliest dated price across its offerings.

Undated records make no event: an event without a date would be a guess. Pure and
deterministic: newest first, ties by kind then subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from llmref.catalog import Catalog, Offering, PricePoint
from llmref.feed.types import CatalogEvent, PriceChange

__all__ = ["PRICE_FIELDS", "catalog_events", "format_price"]

PRICE_FIELDS = ("input", "output", "cache_read", "cache_write", "batch_input", "batch_output")
_FIELD_NAMES = {
    "input": "input",
    "output": "output",
    "cache_read": "cache read",
    "cache_write": "cache write",
    "batch_input": "batch input",
    "batch_output": "batch output",
}
_KIND_ORDER = {
    "new-provider": 0,
    "new-model": 1,
    "new-snapshot": 2,
    "new-offering": 3,
    "price-change": 4,
}


def format_price(value: Decimal | None) -> str:
    """Dollars per 1M tokens, trailing zeros trimmed to at least two decimals: $0.15, $2.50."""
    if value is None:
        return "none"
    text = f"{value.normalize():f}"
    whole, _, fraction = text.partition(".")
    return f"${whole}.{fraction.ljust(2, '0')}"


def _change_text(change: PriceChange) -> str:
    name = _FIELD_NAMES[change.field]
    if change.old is None:
        return f"{name} {format_price(change.new)} (newly listed)"
    if change.new is None:
        return f"{name} no longer listed (was {format_price(change.old)})"
    return f"{name} {format_price(change.old)} → {format_price(change.new)}"


def catalog_events(
    catalog: Catalog, *, since: dt.date | None = None, limit: int | None = None
) -> tuple[CatalogEvent, ...]:
    events: tuple[CatalogEvent, ...] = _sorted_events(catalog)
    if since is not None:
        events = tuple(e for e in events if e.date >= since)
    return events if limit is None else events[:limit]


def _sorted_events(catalog: Catalog) -> tuple[CatalogEvent, ...]:
    """Every event, newest first, computed once per catalogue snapshot (tens of thousands of
    them for the bundled catalogue: the feed page asked for them on every request)."""
    found: tuple[CatalogEvent, ...] | None = catalog._lazy.get("feed.catalog_events")
    if found is None:
        events = [*_model_events(catalog), *_offering_events(catalog), *_provider_events(catalog)]
        events.sort(key=lambda e: (-e.date.toordinal(), _KIND_ORDER[e.kind], e.id))
        found = catalog._lazy["feed.catalog_events"] = tuple(events)
    return found


def _model_events(catalog: Catalog) -> Iterable[CatalogEvent]:
    for model in catalog.models.values():
        fact = model.facts.get("release_date")
        if fact is None or not isinstance(fact.value, dt.date):
            continue
        released: dt.date = fact.value
        vendor = catalog.vendors.get(model.vendor_id) if model.vendor_id else None
        by = f" by {vendor.name}" if vendor else ""
        if model.family_id is None:
            yield CatalogEvent(
                id=f"new-model:{model.id}:{released.isoformat()}",
                kind="new-model",
                date=released,
                title=f"{model.name} released",
                text=f"{model.name} was released{by} on {released.isoformat()}.",
                source=fact.source,
                model_id=model.id,
            )
            continue
        family = catalog.models.get(model.family_id)
        family_date = family.value("release_date") if family else None
        if family_date == released:
            continue  # the snapshot the family launched with: the new-model event covers it
        family_name = family.name if family else model.family_id
        yield CatalogEvent(
            id=f"new-snapshot:{model.id}:{released.isoformat()}",
            kind="new-snapshot",
            date=released,
            title=f"{family_name}: snapshot {model.id}",
            text=(
                f"Snapshot {model.id} of {family_name} was released{by} on {released.isoformat()}."
            ),
            source=fact.source,
            model_id=model.id,
        )


def _names(catalog: Catalog, offering: Offering) -> tuple[str, str]:
    model = catalog.models.get(offering.model_id)
    provider = catalog.providers.get(offering.provider_id)
    return (model.name if model else offering.model_id), (
        provider.name if provider else offering.provider_id
    )


def _prices_text(point: PricePoint) -> str:
    parts = [
        f"{_FIELD_NAMES[name]} {format_price(getattr(point, name))}"
        for name in ("input", "output")
        if getattr(point, name) is not None
    ]
    return ", ".join(parts) + " per 1M tokens"


def _offering_events(catalog: Catalog) -> Iterable[CatalogEvent]:
    for offering in catalog.offerings:
        model_name, provider_name = _names(catalog, offering)
        subject = f"{offering.model_id}@{offering.provider_id}"
        previous: PricePoint | None = None
        for point in offering.prices:
            start = point.effective_from
            if start is None:
                previous = point
                continue
            if previous is None:
                yield CatalogEvent(
                    id=f"new-offering:{subject}:{start.isoformat()}",
                    kind="new-offering",
                    date=start,
                    title=f"{model_name} on {provider_name}",
                    text=(
                        f"{model_name} is priced on {provider_name} from {start.isoformat()}: "
                        f"{_prices_text(point)}."
                    ),
                    source=point.source,
                    model_id=offering.model_id,
                    provider_id=offering.provider_id,
                )
            else:
                changes = tuple(
                    PriceChange(name, getattr(previous, name), getattr(point, name))
                    for name in PRICE_FIELDS
                    if getattr(previous, name) != getattr(point, name)
                )
                tiers_changed = previous.tiers != point.tiers
                if changes or tiers_changed:
                    described = [_change_text(c) for c in changes]
                    if tiers_changed:
                        described.append("long-context tiers changed")
                    yield CatalogEvent(
                        id=f"price-change:{subject}:{start.isoformat()}",
                        kind="price-change",
                        date=start,
                        title=f"{model_name} on {provider_name}: new prices",
                        text=(
                            f"From {start.isoformat()}, {model_name} on {provider_name}: "
                            f"{'; '.join(described)} (per 1M tokens)."
                        ),
                        source=point.source,
                        model_id=offering.model_id,
                        provider_id=offering.provider_id,
                        changes=changes,
                    )
            previous = point


def _provider_events(catalog: Catalog) -> Iterable[CatalogEvent]:
    for provider in catalog.providers.values():
        first: tuple[dt.date, str, Offering, PricePoint] | None = None
        for offering in catalog.offerings_on(provider.id):
            for point in offering.prices:
                if point.effective_from is None:
                    continue
                candidate = (point.effective_from, offering.model_id, offering, point)
                if first is None or candidate[:2] < first[:2]:
                    first = candidate
                break  # prices are oldest first: the first dated one is this offering's earliest
        if first is None:
            continue
        start, _model_id, offering, point = first
        model_name, _ = _names(catalog, offering)
        yield CatalogEvent(
            id=f"new-provider:{provider.id}:{start.isoformat()}",
            kind="new-provider",
            date=start,
            title=f"New provider: {provider.name}",
            text=(
                f"{provider.name} ({provider.kind}) has its earliest dated price in the catalogue "
                f"from {start.isoformat()}: {model_name}, {_prices_text(point)}."
            ),
            source=point.source,
            provider_id=provider.id,
            model_id=offering.model_id,
        )
