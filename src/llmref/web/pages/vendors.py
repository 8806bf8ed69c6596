"""The vendors (``/vendors``) and one vendor's page (``/vendors/<id>``): its models, sorted and
paged like ``/models``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from llmref.catalog import Catalog, Vendor
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
from llmref.web.pages.models import MODEL_SORTS, ModelRow, model_row
from llmref.web.precomputed import ModelSummary
from llmref.web.urls import PATHS


def model_counts(catalog: Catalog) -> dict[str, int]:
    """Vendor id -> its models, dated snapshots left out."""
    counts: dict[str, int] = {}
    for model in catalog.models.values():
        if model.vendor_id and not model.is_snapshot:
            counts[model.vendor_id] = counts.get(model.vendor_id, 0) + 1
    return counts


VendorSort = Literal["name", "models"]
"""The keys of :data:`VENDOR_SORTS`, for the API's schema."""

VENDOR_SORTS: dict[str, SortKey] = {
    "name": SortKey("by name", lambda r: (r[0].name.lower(), r[0].id)),
    "models": SortKey("most models first", lambda r: (-r[1], r[0].name.lower(), r[0].id)),
}
"""The ``?sort=`` keys of ``/vendors``."""


@dataclass(frozen=True, slots=True)
class VendorRow:
    vendor: Link
    id: str
    models: str
    prov: Provenance


@dataclass(frozen=True, slots=True)
class VendorsPage:
    """``/vendors``: who makes the models."""

    rows: tuple[VendorRow, ...]
    listing: Listing
    count: str


@dataclass(frozen=True, slots=True)
class VendorListData:
    vendors: list[Vendor]
    total: int | None = None
    """Vendors in the whole list (`vendors` may be one page of it)."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: the last page, or the list is whole)."""


def sorted_vendors(env: Env, sort: str) -> list[tuple[Vendor, int]]:
    counts = model_counts(env.catalog)
    rows = [(v, counts.get(v.id, 0)) for v in env.catalog.vendors.values()]
    return sort_by(rows, VENDOR_SORTS, sort)


def build_vendors(env: Env, params: Mapping[str, str] | None = None) -> Page:
    links = env.links
    page = list_page(
        env,
        params,
        VENDOR_SORTS,
        "name",
        lambda sort: sorted_vendors(env, sort),
        lambda p: links.vendors(params=p),
        "vendor",
    )
    view = VendorsPage(
        rows=tuple(
            VendorRow(
                Link(v.name, links.vendor(v.id)),
                v.id,
                str(n),
                provenance(links, v.source, v.reviewed),
            )
            for v, n in page.items
        ),
        listing=page.listing,
        count=page.count,
    )
    data = VendorListData([v for v, _ in page.items], page.listing.paging.total)
    return Page("vendors.html", "Vendors", data, view)


@dataclass(frozen=True, slots=True)
class VendorPage:
    """``/vendors/<id>``: a vendor, its own APIs and one page of its models."""

    vendor: Vendor
    url: Link | None
    prov: Provenance
    providers: tuple[Link, ...]
    """The APIs the vendor runs itself."""
    rows: tuple[ModelRow, ...]
    listing: Listing
    count: str
    score_head: str = "Benchmark score"
    """The score column's header: the benchmark version it shows, with unit and direction."""


@dataclass(frozen=True, slots=True)
class VendorData:
    vendor: Vendor
    models: list[ModelSummary]
    providers: list[str]
    """First-party providers run by this vendor."""
    total: int | None = None
    """The vendor's models (`models` may be one page of them)."""
    next_cursor: str | None = None
    """The API's cursor of the next page of models (None: the last page, or the list is whole)."""


def vendor_models(env: Env, vendor_id: str, sort: str) -> list[ModelSummary]:
    found = (
        s for s in env.dated.summaries.values() if s.vendor_id == vendor_id and s.family_id is None
    )
    return sort_by(found, MODEL_SORTS, sort)


def build_vendor(env: Env, vendor_id: str, params: Mapping[str, str] | None = None) -> Page:
    record = env.catalog.vendor(vendor_id)
    if record.id != vendor_id:
        raise Redirect(PATHS.vendor(record.id) or "/")
    links = env.links
    page = list_page(
        env,
        params,
        MODEL_SORTS,
        "name",
        lambda sort: vendor_models(env, record.id, sort),
        lambda p: links.vendor(record.id, params=p),
        "model",
    )
    providers = [p for p in env.catalog.providers.values() if p.vendor == record.id]
    view = VendorPage(
        vendor=record,
        url=Link(record.url, record.url) if record.url else None,
        prov=provenance(links, record.source, record.reviewed),
        providers=tuple(Link(p.name, links.provider(p.id)) for p in providers),
        rows=tuple(model_row(env, s) for s in page.items),
        listing=page.listing,
        count=page.count,
        score_head=env.dated.headline_head,
    )
    data = VendorData(record, page.items, [p.id for p in providers], page.listing.paging.total)
    return Page("vendor.html", f"{record.name} models", data, view)
