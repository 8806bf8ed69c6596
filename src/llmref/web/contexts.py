"""One context function per page (datasette's rule): it reads the catalogue and returns a
:class:`Page` whose `data` is the JSON twin / API body and whose `view` holds the display values
the template prints. Nothing in a template or route handler computes.

The comparison, profile and calculator pages are in :mod:`llmref.web.decisions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from llmref import formatting as fmt
from llmref import labels
from llmref.catalog import Conflict, Source, UnknownIdError, Vendor
from llmref.catalog import Provider as ProviderRecord
from llmref.facts import CAPABILITIES
from llmref.web.page import Env, Page, Redirect
from llmref.web.precomputed import ModelSummary, PriceChange
from llmref.web.urls import PATHS, source_anchor_id
from llmref.web.views import (
    conflict_anchor,
    external,
    link,
    models_body,
    offering_row,
    offerings_body,
    provenance,
)

# ---- shared view pieces --------------------------------------------------------------------


def summary_row(env: Env, s: ModelSummary) -> dict[str, Any]:
    """A model as one row of a table (lists, search results, vendor and home pages)."""
    links = env.links
    return {
        "model": link(links.model(s.id), s.name),
        "id": s.id,
        "vendor": link(links.vendor(s.vendor_id), s.vendor_name or s.vendor_id)
        if s.vendor_id
        else fmt.MISSING,
        "context": fmt.context(s.context_window),
        "input": _quote(s.cheapest_input),
        "output": _quote(s.cheapest_output),
        "providers": str(s.providers),
        "index": _headline_score(env, s),
        "typical": fmt.usd(s.typical_request_cost),
        "released": fmt.day(s.released),
    }


def _headline_score(env: Env, s: ModelSummary) -> str:
    """The model's score on the lists' headline benchmark version (``score_head`` names it)."""
    headline = env.dated.headline
    return fmt.number(None if headline is None else headline.scores.get(s.id))


def score_head(env: Env) -> str:
    """The header of the model lists' score column: which benchmark version it shows."""
    headline = env.dated.headline
    return headline.head if headline is not None else "Benchmark score"


def _quote(quote: Any) -> str:
    if quote is None:
        return fmt.MISSING
    return f"{fmt.price(quote.price)} ({quote.provider_name})"


def _summaries(env: Env, ids: Any) -> list[ModelSummary]:
    summaries = env.dated.summaries
    return [summaries[i] for i in ids if i in summaries]


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


@dataclass(frozen=True, slots=True)
class HomeData:
    catalog: CatalogInfo
    top_models: list[ModelSummary]
    popular_pairs: list[tuple[str, str]]
    recent_price_changes: list[PriceChange]
    newest_models: list[ModelSummary]


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


def home(env: Env) -> Page:
    dated = env.dated
    top = _summaries(env, dated.top_models[:10])
    pairs = [(a.id, b.id) for i, a in enumerate(top[:5]) for b in top[i + 1 : 5]][:8]
    changes = list(env.derived.price_changes[:8])
    canonical = [s for s in dated.summaries.values() if s.family_id is None and s.released]
    newest = sorted(canonical, key=lambda s: (s.released or date.min, s.id), reverse=True)[:8]
    names = {s.id: s.name for s in dated.summaries.values()}
    links = env.links
    view = {
        "top": models_body(summary_row(env, s) for s in top),
        "pairs": [link(links.compare_pair(a, b), f"{names[a]} vs {names[b]}") for a, b in pairs],
        "changes": [
            {
                "day": c.effective_from.isoformat(),
                "model": link(links.model(c.model_id), c.model_name),
                "provider": link(links.provider(c.provider_id), c.provider_name),
                "prices": f"{fmt.per_million(c.input)} in · {fmt.per_million(c.output)} out",
                "prov": provenance(links, c.source, c.reviewed),
            }
            for c in changes
        ],
        "newest": models_body(summary_row(env, s) for s in newest),
        "capabilities": [
            link(links.search(labels.CAPABILITY_LABELS[c].lower()), labels.CAPABILITY_LABELS[c])
            for c in CAPABILITIES
        ],
        "info": catalog_info(env),
        "score_head": score_head(env),
    }
    data = HomeData(catalog_info(env), top, pairs, changes, newest)
    return Page(
        "home.html",
        "llmref — LLM reference",
        data,
        view,
        description="Find, compare and price large language models, with sources.",
    )


@dataclass(frozen=True, slots=True)
class SearchResult:
    model: ModelSummary
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchData:
    query: str
    total: int
    results: list[SearchResult]
    suggestions: tuple[str, ...]
    """Closest model ids when nothing matched."""


def search(env: Env, query: str) -> Page:
    query = query.strip()[:200]
    hits, total = env.derived.search.search(query, limit=100)
    summaries = env.dated.summaries
    results = [SearchResult(summaries[h.model_id], h.matched) for h in hits]
    suggestions: tuple[str, ...] = ()
    if query and not results:
        suggestions = env.catalog.closest_model_ids(query)
    links = env.links
    view = {
        "query": query,
        "total": total,
        "count_text": (
            f"{total} model{'s match' if total != 1 else ' matches'} “{query}”"
            + (f"; the first {len(results)} are shown." if len(results) < total else ".")
        ),
        "rows": models_body(
            ({**summary_row(env, r.model), "matched": ", ".join(r.matched)} for r in results),
            matched=True,
        ),
        "suggestions": [link(links.model(m), m) for m in suggestions],
        "score_head": score_head(env),
    }
    title = f"Search: {query}" if query else "Search"
    return Page("search.html", title, SearchData(query, total, results, suggestions), view)


# ---- catalogue lists and entities ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelListData:
    as_of: date
    models: list[ModelSummary]
    total: int | None = None
    """How many models the whole list has (`models` may be one page of it)."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: this is the last page, or the list is whole)."""


def models_index(env: Env) -> Page:
    summaries = sorted(
        (s for s in env.dated.summaries.values() if s.family_id is None),
        key=lambda s: ((s.vendor_name or "").lower(), s.name.lower(), s.id),
    )
    view = {
        "rows": models_body(summary_row(env, s) for s in summaries),
        "count": len(summaries),
        "score_head": score_head(env),
    }
    data = ModelListData(env.as_of, summaries, len(summaries))
    return Page("models.html", "All models", data, view)


@dataclass(frozen=True, slots=True)
class VendorData:
    vendor: Vendor
    models: list[ModelSummary]
    providers: list[str]
    """First-party providers run by this vendor."""


def vendor(env: Env, vendor_id: str) -> Page:
    record = env.catalog.vendor(vendor_id)
    if record.id != vendor_id:
        raise Redirect(PATHS.vendor(record.id) or "/")
    models = sorted(
        (
            s
            for s in env.dated.summaries.values()
            if s.vendor_id == record.id and s.family_id is None
        ),
        key=lambda s: (s.name.lower(), s.id),
    )
    providers = [p for p in env.catalog.providers.values() if p.vendor == record.id]
    links = env.links
    view = {
        "vendor": record,
        "url": external(record.url, record.url or ""),
        "prov": provenance(links, record.source, record.reviewed),
        "rows": models_body(summary_row(env, s) for s in models),
        "providers": [link(links.provider(p.id), p.name) for p in providers],
        "score_head": score_head(env),
    }
    data = VendorData(record, models, [p.id for p in providers])
    return Page("vendor.html", f"{record.name} models", data, view)


@dataclass(frozen=True, slots=True)
class VendorListData:
    vendors: list[Vendor]


def vendors_index(env: Env) -> Page:
    counts: dict[str, int] = {}
    for model in env.catalog.models.values():
        if model.vendor_id and not model.is_snapshot:
            counts[model.vendor_id] = counts.get(model.vendor_id, 0) + 1
    vendors = sorted(env.catalog.vendors.values(), key=lambda v: (v.name.lower(), v.id))
    view = {
        "rows": [
            {
                "vendor": link(env.links.vendor(v.id), v.name),
                "id": v.id,
                "models": str(counts.get(v.id, 0)),
                "prov": provenance(env.links, v.source, v.reviewed),
            }
            for v in vendors
        ]
    }
    return Page("vendors.html", "Vendors", VendorListData(vendors), view)


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


@dataclass(frozen=True, slots=True)
class ProviderData:
    provider: ProviderRecord
    as_of: date
    offerings: list[OfferingSummary]


def provider(env: Env, provider_id: str) -> Page:
    record = env.catalog.provider(provider_id)
    if record.id != provider_id:
        raise Redirect(PATHS.provider(record.id) or "/")
    offerings = env.catalog.offerings_on(record.id)
    summaries = []
    for o in offerings:
        p = o.price_on(env.as_of)
        summaries.append(
            OfferingSummary(
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
        )
    links = env.links
    kind = {
        "first-party": "the model vendor's own API",
        "cloud": "a cloud platform",
        "gateway": "a gateway that routes to other providers",
        "inference": "an inference provider",
        "subscription": "a subscription product (prices are not pay-per-token)",
    }.get(record.kind, record.kind)
    vendor_link = link(links.vendor(record.vendor), record.vendor) if record.vendor else None
    view = {
        "provider": record,
        "kind": kind,
        "vendor": vendor_link,
        "url": external(record.url, record.url or ""),
        "prov": provenance(links, record.source, record.reviewed),
        "rows": offerings_body(
            (offering_row(links, env.catalog, o, env.as_of) for o in offerings), first="Model"
        ),
        "as_of": env.as_of.isoformat(),
    }
    data = ProviderData(record, env.as_of, summaries)
    return Page("provider.html", f"{record.name}: models and prices", data, view)


@dataclass(frozen=True, slots=True)
class ProviderListData:
    providers: list[ProviderRecord]


def providers_index(env: Env) -> Page:
    providers = sorted(env.catalog.providers.values(), key=lambda p: (p.name.lower(), p.id))
    view = {
        "rows": [
            {
                "provider": link(env.links.provider(p.id), p.name),
                "id": p.id,
                "kind": p.kind,
                "models": str(len(env.catalog.offerings_on(p.id))),
                "prov": provenance(env.links, p.source, p.reviewed),
            }
            for p in providers
        ]
    }
    return Page("providers.html", "Providers", ProviderListData(providers), view)


# ---- provenance pages ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictsData:
    conflicts: list[Conflict]


def conflicts(env: Env) -> Page:
    links = env.links
    items = list(env.catalog.conflicts)
    rows = []
    for c in items:
        body = c.subject.partition(":")[2]
        model_id, _, provider_id = body.partition("@")
        model = env.catalog.models.get(model_id)
        subject: Markup = link(links.model(model_id), model.name if model else model_id)
        if provider_id:
            prov_rec = env.catalog.providers.get(provider_id)
            subject += Markup(" on ") + link(
                links.provider(provider_id), prov_rec.name if prov_rec else provider_id
            )
        rows.append(
            {
                "anchor": conflict_anchor(c.subject, c.field),
                "subject": subject,
                "field": labels.field_label(c.field),
                "vals": [
                    {
                        "value": fmt.fact_value(c.field, v.value),
                        "prov": provenance(links, v.source, v.reviewed),
                        "chosen": v == c.chosen,
                    }
                    for v in c.values
                ],
                "chosen": fmt.fact_value(c.field, c.chosen.value),
                "rule": c.rule,
            }
        )
    view = {"rows": rows, "count": len(rows)}
    return Page("conflicts.html", "Where sources disagree", ConflictsData(items), view)


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
    build = {"model": links.model, "provider": links.provider, "vendor": links.vendor}.get(
        error.kind, links.model
    )
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
