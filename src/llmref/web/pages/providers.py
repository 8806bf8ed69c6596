"""The providers (``/providers``) and one provider's page (``/providers/<id>``): the models it
serves with their prices, cheapest first by default, sorted and paged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from llmref.catalog import Offering, PricePoint
from llmref.catalog import Provider as ProviderRecord
from llmref.web.page import Env, Page, Redirect
from llmref.web.pages.listing import (
    Link,
    Listing,
    Provenance,
    SortKey,
    list_page,
    provenance,
    sort_by,
)
from llmref.web.pages.prices import OFFERING_SORTS, PriceRow, offering_rows, priced_offerings
from llmref.web.urls import PATHS

PROVIDER_KINDS = {
    "first-party": "the model vendor's own API",
    "cloud": "a cloud platform",
    "gateway": "a gateway that routes to other providers",
    "inference": "an inference provider",
    "subscription": "a subscription product (prices are not pay-per-token)",
}

ProviderSort = Literal["name", "models", "kind"]
"""The keys of :data:`PROVIDER_SORTS`, for the API's schema."""

PROVIDER_SORTS: dict[str, SortKey] = {
    "name": SortKey("by name", lambda r: (r[0].name.lower(), r[0].id)),
    "models": SortKey("most models first", lambda r: (-r[1], r[0].name.lower(), r[0].id)),
    "kind": SortKey("by kind, then name", lambda r: (r[0].kind, r[0].name.lower(), r[0].id)),
}
"""The ``?sort=`` keys of ``/providers``."""


@dataclass(frozen=True, slots=True)
class ProviderRow:
    provider: Link
    id: str
    kind: str
    models: str
    prov: Provenance


@dataclass(frozen=True, slots=True)
class ProvidersPage:
    """``/providers``: where the models run."""

    rows: tuple[ProviderRow, ...]
    listing: Listing
    count: str


@dataclass(frozen=True, slots=True)
class ProviderListData:
    providers: list[ProviderRecord]
    total: int | None = None
    """Providers in the whole list (`providers` may be one page of it)."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: the last page, or the list is whole)."""


def sorted_providers(env: Env, sort: str) -> list[tuple[ProviderRecord, int]]:
    catalog = env.catalog
    rows = [(p, len(catalog.offerings_on(p.id))) for p in catalog.providers.values()]
    return sort_by(rows, PROVIDER_SORTS, sort)


def build_providers(env: Env, params: Mapping[str, str] | None = None) -> Page:
    links = env.links
    page = list_page(
        env,
        params,
        PROVIDER_SORTS,
        "name",
        lambda sort: sorted_providers(env, sort),
        lambda p: links.providers(params=p),
        "provider",
    )
    view = ProvidersPage(
        rows=tuple(
            ProviderRow(
                Link(p.name, links.provider(p.id)),
                p.id,
                p.kind,
                str(n),
                provenance(links, p.source, p.reviewed),
            )
            for p, n in page.items
        ),
        listing=page.listing,
        count=page.count,
    )
    data = ProviderListData([p for p, _ in page.items], page.listing.paging.total)
    return Page("providers.html", "Providers", data, view)


@dataclass(frozen=True, slots=True)
class OfferingSummary:
    model_id: str
    provider_id: str
    provider_model_id: str | None
    pay_per_token: bool
    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None
    batch_input: Decimal | None
    batch_output: Decimal | None
    effective_from: date | None
    source: str | None
    reviewed: date | None


def offering_summary(o: Offering, p: PricePoint | None) -> OfferingSummary:
    return OfferingSummary(
        o.model_id,
        o.provider_id,
        o.provider_model_id,
        o.pay_per_token,
        p.input if p else None,
        p.output if p else None,
        p.cache_read if p else None,
        p.batch_input if p else None,
        p.batch_output if p else None,
        p.effective_from if p else None,
        p.source if p else None,
        p.reviewed if p else None,
    )


@dataclass(frozen=True, slots=True)
class ProviderPage:
    """``/providers/<id>``: a provider and one page of the models it serves with prices."""

    provider: ProviderRecord
    kind: str
    """What kind of provider it is, as a phrase."""
    vendor: Link | None
    url: Link | None
    prov: Provenance
    rows: tuple[PriceRow, ...]
    listing: Listing
    count: str
    as_of: str


@dataclass(frozen=True, slots=True)
class ProviderData:
    provider: ProviderRecord
    as_of: date
    offerings: list[OfferingSummary]
    total: int | None = None
    """The provider's offerings (`offerings` may be one page of them)."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: the last page, or the list is whole)."""


def provider_offerings(
    env: Env, provider_id: str, sort: str
) -> list[tuple[Offering, PricePoint | None, str]]:
    found = priced_offerings(env.catalog, env.catalog.offerings_on(provider_id), env.as_of)
    return sort_by(found, OFFERING_SORTS, sort)


def build_provider(env: Env, provider_id: str, params: Mapping[str, str] | None = None) -> Page:
    record = env.catalog.provider(provider_id)
    if record.id != provider_id:
        raise Redirect(PATHS.provider(record.id) or "/")
    links = env.links
    page = list_page(
        env,
        params,
        OFFERING_SORTS,
        "price",
        lambda sort: provider_offerings(env, record.id, sort),
        lambda p: links.provider(record.id, params=p),
        "model",
    )
    chunk = page.items
    vendor = Link(record.vendor, links.vendor(record.vendor)) if record.vendor else None
    view = ProviderPage(
        provider=record,
        kind=PROVIDER_KINDS.get(record.kind, record.kind),
        vendor=vendor,
        url=Link(record.url, record.url) if record.url else None,
        prov=provenance(links, record.source, record.reviewed),
        rows=offering_rows(links, chunk),
        listing=page.listing,
        count=page.count,
        as_of=env.as_of.isoformat(),
    )
    summaries = [offering_summary(o, p) for o, p, _ in chunk]
    data = ProviderData(record, env.as_of, summaries, page.listing.paging.total)
    return Page("provider.html", f"{record.name}: models and prices", data, view)
