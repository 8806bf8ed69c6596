"""One context function per page (datasette's rule): it reads the catalogue and returns a
:class:`Page` whose `data` is the JSON twin / API body and whose `view` holds the display values
the template prints. Nothing in a template or route handler computes.

Every page is a typed context in :mod:`llmref.web.pages` (one module per page); the functions
here are the names the routes call, and the data types are re-exported for the API's schema.
The profile is in :mod:`llmref.web.model_page`, the feed in :mod:`llmref.web.pages.feed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from llmref.catalog import UnknownIdError
from llmref.web.page import Env, Page
from llmref.web.pages.api_docs import build_api_docs
from llmref.web.pages.conflicts import ConflictsData, build_conflicts
from llmref.web.pages.errors import NotFoundData, build_missing_page, build_not_found
from llmref.web.pages.models import ModelListData, build_models
from llmref.web.pages.providers import (
    OfferingSummary,
    ProviderData,
    ProviderListData,
    build_provider,
    build_providers,
)
from llmref.web.pages.search import SearchData, SearchResult, build_search
from llmref.web.pages.sources import SourceEntry, SourcesData, build_sources
from llmref.web.pages.vendors import VendorData, VendorListData, build_vendor, build_vendors

# ---- home and search -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    version: str
    built: date
    as_of: date
    models: int
    providers: int
    vendors: int
    offerings: int
    conflicts: int


def catalog_info(env: Env) -> CatalogInfo:
    c = env.catalog
    return CatalogInfo(
        c.version,
        c.built,
        env.as_of,
        len(c.models),
        len(c.providers),
        len(c.vendors),
        len(c.offerings),
        c.conflict_count,
    )


def search(env: Env, query: str) -> Page:
    """The search page for `query` (:mod:`llmref.web.pages.search`)."""
    return build_search(env, {"q": query})


# ---- catalogue lists and entities ------------------------------------------------------------


def models_index(env: Env) -> Page:
    """``/models``, first page, default order (:mod:`llmref.web.pages.models`)."""
    return build_models(env)


def vendor(env: Env, vendor_id: str) -> Page:
    return build_vendor(env, vendor_id)


def vendors_index(env: Env) -> Page:
    return build_vendors(env)


def provider(env: Env, provider_id: str) -> Page:
    return build_provider(env, provider_id)


def providers_index(env: Env) -> Page:
    return build_providers(env)


# ---- provenance pages ------------------------------------------------------------------------


def conflicts(env: Env) -> Page:
    """``/conflicts``, every disagreement, first page (:mod:`llmref.web.pages.conflicts`)."""
    return build_conflicts(env)


def sources(env: Env) -> Page:
    """``/sources`` (:mod:`llmref.web.pages.sources`)."""
    return build_sources(env)


# ---- errors and the API reference ------------------------------------------------------------


def not_found(env: Env, error: UnknownIdError) -> Page:
    """The 404 page for an unknown id (:mod:`llmref.web.pages.errors`)."""
    return build_not_found(env, error)


def missing_page(env: Env, path: str) -> Page:
    """The 404 page for a path with no page."""
    return build_missing_page(env, path)


def api_docs(env: Env, schema: dict[str, Any]) -> Page:
    """The API reference (:mod:`llmref.web.pages.api_docs`)."""
    return build_api_docs(env, schema)


__all__ = [
    "ConflictsData",
    "ModelListData",
    "NotFoundData",
    "OfferingSummary",
    "ProviderData",
    "ProviderListData",
    "SearchData",
    "SearchResult",
    "SourceEntry",
    "SourcesData",
    "VendorData",
    "VendorListData",
]
