"""One context function per page (datasette's rule): it reads the catalogue and returns a
:class:`Page` whose `data` is the JSON twin / API body and whose `view` holds the display values
the template prints. Nothing in a template or route handler computes.

The home, comparison and calculator pages, and the lists (models, search, vendors, providers,
conflicts), are typed contexts in :mod:`llmref.web.pages`, whose list types are re-exported
here for the API's schema; the profile is in :mod:`llmref.web.model_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from llmref import formatting as fmt
from llmref.catalog import Source, UnknownIdError
from llmref.web.page import Env, Page
from llmref.web.pages.conflicts import ConflictsData, build_conflicts
from llmref.web.pages.models import ModelListData, build_models
from llmref.web.pages.providers import (
    OfferingSummary,
    ProviderData,
    ProviderListData,
    build_provider,
    build_providers,
)
from llmref.web.pages.search import SearchData, SearchResult, build_search
from llmref.web.pages.vendors import VendorData, VendorListData, build_vendor, build_vendors
from llmref.web.urls import source_anchor_id
from llmref.web.views import (
    external,
    link,
)

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


@dataclass(frozen=True, slots=True)
class SourceEntry:
    source: Source
    citations: int
    """Facts, prices and results that cite this source."""


@dataclass(frozen=True, slots=True)
class SourcesData:
    datasets: list[SourceEntry]
    urls: list[SourceEntry]


def sources(env: Env) -> Page:
    cites = env.derived.citations
    datasets: list[SourceEntry] = []
    urls: list[SourceEntry] = []
    for s in env.catalog.sources.values():
        entry = SourceEntry(s, cites.get(s.id, 0))
        (datasets if s.kind == "dataset" else urls).append(entry)

    def row(e: SourceEntry) -> dict[str, Any]:
        s = e.source
        return {
            "anchor": source_anchor_id(s.id),
            "name": s.name,
            "link": external(s.url, s.url) if s.url else fmt.MISSING,
            "version": s.version or fmt.MISSING,
            "license": s.license or fmt.MISSING,
            "citations": str(e.citations),
        }

    view = {"datasets": [row(e) for e in datasets], "urls": [row(e) for e in urls]}
    return Page("sources.html", "Sources", SourcesData(datasets, urls), view)


# ---- errors ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NotFoundData:
    error: str
    kind: str
    wanted: str
    suggestions: tuple[str, ...]


def not_found(env: Env, error: UnknownIdError) -> Page:
    links = env.links
    builders: dict[str, Callable[[str], str | None]] = {
        "model": links.model,
        "provider": links.provider,
        "vendor": links.vendor,
    }
    build = builders.get(error.kind, links.model)
    view = {
        "kind": error.kind,
        "wanted": error.wanted,
        "suggestions": [link(build(s), s) for s in error.suggestions],
    }
    data = NotFoundData(str(error), error.kind, error.wanted, error.suggestions)
    return Page("not_found.html", f"Unknown {error.kind}", data, view, status=404)


def missing_page(env: Env, path: str) -> Page:
    view = {"kind": "page", "wanted": path, "suggestions": []}
    data = NotFoundData(f"No page at {path}", "page", path, ())
    return Page("not_found.html", "Page not found", data, view, status=404)


# ---- API documentation -----------------------------------------------------------------------


def api_docs(env: Env, schema: dict[str, Any]) -> Page:
    """The API reference, generated from the OpenAPI schema (no JavaScript, no CDN)."""
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            ok = op.get("responses", {}).get("200", {}).get("content", {})
            ref = ok.get("application/json", {}).get("schema", {})
            returns = ref.get("$ref", "").rsplit("/", 1)[-1] or ref.get("type", "JSON")
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "returns": returns,
                    "errors": sorted(k for k in op.get("responses", {}) if k != "200"),
                }
            )
    view = {
        "endpoints": endpoints,
        "openapi": env.links.openapi(),
        "title": schema["info"]["title"],
    }
    data = {"openapi": "/api/v1/openapi.json", "endpoints": [e["path"] for e in endpoints]}
    return Page("api_docs.html", "JSON API", data, view)


__all__ = [
    "ConflictsData",
    "ModelListData",
    "OfferingSummary",
    "ProviderData",
    "ProviderListData",
    "SearchData",
    "SearchResult",
    "VendorData",
    "VendorListData",
]
