"""The JSON API under ``/api/v1``. Each endpoint calls the same context function as its page and
answers with the page's `data`, so the API and the ``.json`` twins never disagree. The declared
response models only document the schema (OpenAPI at ``/api/v1/openapi.json``); the body is
serialised once, by :func:`llmref.web.json_twin.to_json`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query
from pydantic import BeforeValidator
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from llmref import compare, feed, profile
from llmref.catalog import Conflict, Offering
from llmref.web import (
    calculator,
    chart_page,
    contexts,
    model_page,
    paging,
)
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page
from llmref.web.pages import conflicts as conflicts_page
from llmref.web.pages import feed as feed_page
from llmref.web.pages import models as models_page
from llmref.web.pages import prices
from llmref.web.pages import providers as providers_page
from llmref.web.pages import search as search_page
from llmref.web.pages import vendors as vendors_page
from llmref.web.pages.calculator import build_calculator
from llmref.web.pages.compare import build_compare
from llmref.web.pages.compare_many import build_table
from llmref.web.render import answer, build_page, render_html
from llmref.web.routes.pages import as_of
from llmref.web.urls import API


@dataclass(frozen=True, slots=True)
class ErrorsData:
    """A request refused: each field named with what is wrong with it."""

    errors: dict[str, str]


@dataclass(frozen=True, slots=True)
class UnavailableData:
    """The answer cannot be given now (the database is down); retry after ``Retry-After``."""

    error: str


# Every operation may answer these: bad input (the limits of llmref.web.guard apply to every
# query) and the store being unavailable.
COMMON: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ErrorsData,
        "description": "Invalid input: `errors` maps each field to what is wrong with it.",
    },
    503: {
        "model": UnavailableData,
        "description": "The database is unavailable; retry after the `Retry-After` seconds.",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
}
router = APIRouter(prefix=API, tags=["llmref"], responses=COMMON)

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": contexts.NotFoundData, "description": "Unknown id; names the closest ids."}
}
INVALID: dict[int | str, dict[str, Any]] = {}
PAGED: dict[int | str, dict[str, Any]] = {
    404: {"description": "A `cursor` that points to no item of this list (or an unknown id)."}
}
MAX_REQUESTS = 10**12
MAX_TOKENS = 10**8
MAX_FEED_PAGE = 10_000
"""Kept for the routes that name it: every operation declares 422 (see COMMON)."""
ID_CHARS = 200
"""Longest id the API accepts (the longest in the catalogue is under 100 characters)."""
TEXT_CHARS = 200
LIST_CHARS = 1024
"""A comma-separated list of ids (the guard refuses longer values)."""
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD (pydantic alone would also take a number of seconds since 1970)."""
    if value is not None and not (isinstance(value, str) and _DAY.fullmatch(value)):
        raise ValueError("Enter a date like 2025-06-30.")
    return value


AsOf = Annotated[
    date | None,
    BeforeValidator(_iso_day),
    Query(alias="as_of", description="Read prices as of this date (YYYY-MM-DD); default today."),
]


def _id(what: str) -> Any:
    return Path(max_length=ID_CHARS, description=f"{what} id or alias")


def _text(description: str, max_length: int = TEXT_CHARS) -> Any:
    return Query(None, max_length=max_length, description=description)


def _known(
    env: Env, *models: str | None, provider: str | None = None, vendor: str | None = None
) -> None:
    """Raise UnknownIdError (a 404) for the first unknown id among query parameters."""
    for value in models:
        for wanted in (value or "").split(","):
            if wanted.strip():
                env.catalog.model(wanted.strip())
    if provider and provider.strip():
        env.catalog.provider(provider.strip())
    if vendor and vendor.strip():
        env.catalog.vendor(vendor.strip())


def _sort(default: str, what: str = "the list") -> Any:
    return Query(
        None,
        description=f"How to order {what} (default `{default}`); an unknown key is refused (422)"
        " and the answer names the keys there are. See docs/web.md for what each key orders by.",
    )


SORT_NAME = _sort("name")
SORT_NAME_VENDOR = _sort("name", "the vendor's models")
SORT_PRICE_PROVIDER = _sort("price", "the provider's offerings")
SORT_RELEVANCE = _sort("relevance")
SORT_SUBJECT = _sort("subject")
SORT_VENDOR = _sort("vendor")


async def _json(request: Request, build: Any) -> Response:
    return await answer(request, "json", build)


T = TypeVar("T")


async def _paged(
    request: Request,
    rows: Callable[[Env], Sequence[T]],
    key: Callable[[T], str],
    data: Callable[[Env, list[T], int, str | None], Any],
    limit: int | None,
    cursor: str | None,
    *,
    dated: bool = False,
) -> Response:
    """The answer of a paged list endpoint: the whole list in the order asked for (`rows`; on
    the request's ``as_of`` when `dated`), the page `limit` and `cursor` ask for
    (:func:`llmref.web.paging.page_of`, items named by `key`), and the body `data` makes of
    that page, the whole list's length and the next page's cursor. An endpoint declares only
    its rows, their key and its body."""

    def build(env: Env, r: Request) -> Page:
        if dated:
            env = as_of(env, r)
        every = rows(env)
        chunk, following = paging.page_of(every, key, limit, cursor)
        return Page("", "", data(env, chunk, len(every), following))

    return await _json(request, build)


@router.get("/catalog", response_model=contexts.CatalogInfo, summary="Catalogue version and counts")
async def catalog_info(request: Request) -> Response:
    return await _json(request, lambda env, r: Page("", "", contexts.catalog_info(env)))


@router.get(
    "/models",
    response_model=contexts.ModelListData,
    responses={404: {"description": "A `cursor` that points to no model of this list."}},
    summary="All models, with cheapest prices",
)
async def models(
    request: Request,
    as_of_: AsOf = None,
    sort: models_page.ModelSort | None = SORT_VENDOR,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    """Every model (snapshots are listed under their model), sorted by vendor then name (or by
    `sort`). With `limit`, one page at a time: pass the answer's `next_cursor` back as
    `cursor`."""

    return await _paged(
        request,
        lambda env: models_page.sorted_models(env, sort or "vendor"),
        lambda m: m.id,
        lambda env, chunk, total, following: contexts.ModelListData(
            env.as_of, chunk, total, following
        ),
        limit,
        cursor,
        dated=True,
    )


@router.get(
    "/models/{model_id}",
    response_model=profile.Profile,
    responses=NOT_FOUND,
    summary="A model's profile (the model page)",
)
async def model(request: Request, model_id: str = _id("Model"), as_of_: AsOf = None) -> Response:
    def build(env: Env, r: Request) -> Page:
        return model_page.model_page(as_of(env, r), env.catalog.model(model_id).id)

    return await _json(request, build)


@router.get(
    "/models/{model_id}/offerings",
    response_model=list[Offering],
    responses=NOT_FOUND,
    summary="Every provider of a model with its full price history",
)
async def model_offerings(request: Request, model_id: str = _id("Model")) -> Response:
    def build(env: Env, r: Request) -> Page:
        found = env.catalog.model(model_id)
        return Page("", "", list(env.catalog.offerings_of(found.id)))

    return await _json(request, build)


@dataclass(frozen=True, slots=True)
class OfferingListData:
    """One page of offerings: pass `next_cursor` back as `cursor` for the next."""

    offerings: list[Offering]
    total: int
    """How many offerings match the filters (all pages together)."""
    next_cursor: str | None = None
    """The cursor of the next page (None: this is the last page)."""


OFFERINGS_LIMIT = 100
"""Offerings on one page by default (the whole list is ~12 MB of JSON)."""


@router.get(
    "/offerings",
    response_model=OfferingListData,
    responses={
        404: {
            "model": contexts.NotFoundData,
            "description": "Unknown model or provider id (names the closest ids), or a "
            "`cursor` that points to no offering of this list.",
        }
    },
    summary="Offerings, filtered by model and/or provider, a page at a time",
)
async def offerings(
    request: Request,
    model: str | None = _text("Model id or alias", ID_CHARS),
    provider: str | None = _text("Provider id", ID_CHARS),
    limit: int = Query(
        OFFERINGS_LIMIT,
        ge=1,
        le=paging.MAX_LIMIT,
        description=f"Offerings on this page (1–{paging.MAX_LIMIT}; default {OFFERINGS_LIMIT}).",
    ),
    cursor: str | None = paging.CURSOR,
) -> Response:
    """Offerings in catalogue order (by model, then provider), `limit` at a time: pass the
    answer's `next_cursor` back as `cursor` for the next page, as for `/api/v1/models`."""

    def rows(env: Env) -> Sequence[Offering]:
        found: Sequence[Offering] = env.catalog.offerings
        if model:
            wanted = env.catalog.model(model).id
            found = [o for o in found if o.model_id == wanted]
        if provider:
            pid = env.catalog.provider(provider).id
            found = [o for o in found if o.provider_id == pid]
        return found

    # A dict, not OfferingListData: the dict path of to_json serialises the store's lazily
    # decoded price histories and facts (the dataclass path would not).
    return await _paged(
        request,
        rows,
        lambda o: o.key,
        lambda env, chunk, total, following: {
            "offerings": chunk,
            "total": total,
            "next_cursor": following,
        },
        limit,
        cursor,
    )


@router.get(
    "/vendors",
    response_model=contexts.VendorListData,
    responses=PAGED,
    summary="All vendors",
)
async def vendors(
    request: Request,
    sort: vendors_page.VendorSort | None = SORT_NAME,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    return await _paged(
        request,
        lambda env: [v for v, _ in vendors_page.sorted_vendors(env, sort or "name")],
        lambda v: v.id,
        lambda env, chunk, total, following: contexts.VendorListData(chunk, total, following),
        limit,
        cursor,
    )


@router.get(
    "/vendors/{vendor_id}",
    response_model=contexts.VendorData,
    responses={**NOT_FOUND, **PAGED},
    summary="A vendor and its models",
)
async def vendor(
    request: Request,
    vendor_id: str = _id("Vendor"),
    as_of_: AsOf = None,
    sort: models_page.ModelSort | None = SORT_NAME_VENDOR,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    """The vendor, its own APIs and its models (snapshots are listed under their model). With
    `limit`, the models one page at a time."""

    def data(env: Env, chunk: list[Any], total: int, following: str | None) -> Any:
        record = env.catalog.vendor(vendor_id)
        own = [p.id for p in env.catalog.providers.values() if p.vendor == record.id]
        return contexts.VendorData(record, chunk, own, total, following)

    return await _paged(
        request,
        lambda env: vendors_page.vendor_models(
            env, env.catalog.vendor(vendor_id).id, sort or "name"
        ),
        lambda m: m.id,
        data,
        limit,
        cursor,
        dated=True,
    )


@router.get(
    "/providers",
    response_model=contexts.ProviderListData,
    responses=PAGED,
    summary="All providers",
)
async def providers(
    request: Request,
    sort: providers_page.ProviderSort | None = SORT_NAME,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    return await _paged(
        request,
        lambda env: [p for p, _ in providers_page.sorted_providers(env, sort or "name")],
        lambda p: p.id,
        lambda env, chunk, total, following: contexts.ProviderListData(chunk, total, following),
        limit,
        cursor,
    )


@router.get(
    "/providers/{provider_id}",
    response_model=contexts.ProviderData,
    responses={**NOT_FOUND, **PAGED},
    summary="A provider and the prices of what it serves",
)
async def provider(
    request: Request,
    provider_id: str = _id("Provider"),
    as_of_: AsOf = None,
    sort: prices.OfferingSort | None = SORT_PRICE_PROVIDER,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    """The provider and the models it serves with their prices on `as_of`, cheapest input
    first (or by `sort`). With `limit`, the offerings one page at a time."""

    def rows(env: Env) -> list[providers_page.OfferingSummary]:
        record = env.catalog.provider(provider_id)
        found = providers_page.provider_offerings(env, record.id, sort or "price")
        return [providers_page.offering_summary(o, p) for o, p, _ in found]

    return await _paged(
        request,
        rows,
        lambda o: o.model_id,
        lambda env, chunk, total, following: contexts.ProviderData(
            env.catalog.provider(provider_id), env.as_of, chunk, total, following
        ),
        limit,
        cursor,
        dated=True,
    )


@router.get(
    "/search",
    response_model=contexts.SearchData,
    responses=PAGED,
    summary="Search by name, id, alias, vendor, provider or capability",
)
async def search(
    request: Request,
    q: str = Query("", max_length=TEXT_CHARS, description="Words to match"),
    sort: search_page.SearchSort | None = SORT_RELEVANCE,
    limit: int = Query(
        search_page.API_LIMIT,
        ge=1,
        le=paging.MAX_LIMIT,
        description=f"Return at most this many results (1–{paging.MAX_LIMIT}).",
    ),
    cursor: str | None = paging.CURSOR,
) -> Response:
    """Models matching every word, by relevance: the model whose id, alias or name is the
    query, then those whose id, alias or name starts with it, then the rest; in each group
    models priced on a trusted route first, then the closer match, then the more routes. Pass
    `next_cursor` back as `cursor` for the next results."""

    text = q.strip()

    def data(env: Env, chunk: list[Any], total: int, following: str | None) -> Any:
        results = [search_page.result(f) for f in chunk]
        suggestions = env.catalog.closest_model_ids(text) if text and not total else ()
        return contexts.SearchData(text, total, results, suggestions, following)

    return await _paged(
        request,
        lambda env: search_page.ranked(env, text, sort or "relevance") if text else [],
        lambda f: f.summary.id,
        data,
        limit,
        cursor,
    )


@router.get(
    "/compare",
    response_model=compare.Comparison | compare.ComparisonTable,
    responses=NOT_FOUND,
    summary="Compare two models (a Comparison) or three to five (a ComparisonTable)",
)
async def compare_models(
    request: Request,
    models: str = Query(
        ...,
        max_length=LIST_CHARS,
        pattern=r"^\s*[^,\s][^,]*(,\s*[^,\s][^,]*){1,4}$",
        description="Comma-separated model ids or aliases, 2 to 5 different models",
    ),
    as_of_: AsOf = None,
) -> Response:
    def build(env: Env, r: Request) -> Page:
        env = as_of(env, r)
        ids = sorted({env.catalog.model(m.strip()).id for m in models.split(",") if m.strip()})
        if len(ids) == 2:
            return build_compare(env, f"{ids[0]}-vs-{ids[1]}")
        if 3 <= len(ids) <= 5:
            return build_table(env, [env.catalog.models[i] for i in ids])
        errors = {"models": f"Pick 2 to 5 different models (got {len(ids)})."}
        return Page("", "", {"errors": errors}, status=422)

    return await _json(request, build)


@router.get(
    "/cost",
    response_model=calculator.CalculatorData,
    responses=NOT_FOUND,
    summary="Monthly cost of models at a traffic level, and the routing calculator",
)
async def cost(
    request: Request,
    models: str | None = _text("Comma-separated model ids (default: top 3)", LIST_CHARS),
    requests: int | None = Query(
        None, ge=0, le=MAX_REQUESTS, description="Requests per month (default 1000000)"
    ),
    input: int | None = Query(
        None, ge=0, le=MAX_TOKENS, description="Input tokens per request (default 800)"
    ),
    output: int | None = Query(
        None, ge=0, le=MAX_TOKENS, description="Output tokens per request (default 250)"
    ),
    preset: Literal["custom", "small", "medium", "large"] | None = Query(
        None, description="Request size: custom (the token counts given), small, medium or large"
    ),
    cache: float | None = Query(
        None, ge=0, le=100, description="Cache-hit share of input tokens, percent"
    ),
    batch: Literal["0", "1"] | None = Query(None, description="1 to price the batch API"),
    provider: str | None = _text("Price on this provider only", ID_CHARS),
    as_of_: AsOf = None,
    cheap: str | None = _text("Routing: the cheap model", ID_CHARS),
    strong: str | None = _text("Routing: the strong model", ID_CHARS),
    share: float | None = Query(
        None, ge=0, le=100, description="Routing: percent of requests to the cheap model"
    ),
) -> Response:
    def build(env: Env, r: Request) -> Page:
        # An unknown id is a 404 naming the closest ids, as everywhere in the API (the page
        # shows it beside its form field instead).
        _known(env, models, cheap, strong, provider=provider)
        return build_calculator(as_of(env, r), r.query_params)

    return await _json(request, build)


@router.get(
    "/chart",
    response_model=chart_page.ChartData,
    summary="One benchmark version's scores against the typical-request price",
)
async def chart(
    request: Request,
    as_of_: AsOf = None,
    benchmark: str | None = Query(None, description="Benchmark id (default: widest coverage)"),
    highlight: str | None = Query(None, description="Comma-separated model ids to highlight"),
) -> Response:
    return await _json(request, lambda env, r: chart_page.chart(as_of(env, r), r.query_params))


@router.get(
    "/conflicts",
    response_model=contexts.ConflictsData,
    responses={**NOT_FOUND, **PAGED},
    summary="Every disagreement between sources",
)
async def conflicts(
    request: Request,
    model: str | None = _text("Only this model's disagreements (id or alias)", ID_CHARS),
    sort: conflicts_page.ConflictSort | None = SORT_SUBJECT,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    """Every disagreement between sources, or one model's (its facts and its offerings'),
    with every value, its source and the rule that chose one."""

    return await _paged(
        request,
        lambda env: conflicts_page.find_conflicts(env, model, sort or "subject"),
        conflict_key,
        lambda env, chunk, total, following: contexts.ConflictsData(
            chunk, total, following, env.catalog.model(model).id if model else None
        ),
        limit,
        cursor,
    )


def conflict_key(c: Conflict) -> str:
    """A disagreement's id in a cursor: its subject and field (unique in a catalogue)."""
    return f"{c.subject}#{c.field}"


@router.get("/sources", response_model=contexts.SourcesData, summary="Datasets and curated sources")
async def sources(request: Request) -> Response:
    return await _json(request, lambda env, r: contexts.sources(env))


@router.get(
    "/feed",
    response_model=feed_page.FeedData,
    responses=NOT_FOUND,
    summary="News items linked to the catalogue, newest first, with filters",
)
async def feed_items(
    request: Request,
    model: str | None = _text("Items mentioning this model (or a snapshot)", ID_CHARS),
    vendor: str | None = _text("Items mentioning this vendor", ID_CHARS),
    provider: str | None = _text("Items mentioning this provider", ID_CHARS),
    tag: str | None = _text("Items with this tag", ID_CHARS),
    min_signal: int | None = Query(None, ge=0, le=100, description="Minimum signal score"),
    max_hype: int | None = Query(None, ge=0, le=100, description="Maximum hype score"),
    q: str | None = _text("Words in the title or text"),
    page: int | None = Query(
        None, ge=1, le=MAX_FEED_PAGE, description="Page number (50 items a page)"
    ),
) -> Response:
    def build(env: Env, r: Request) -> Page:
        _known(env, model, provider=provider, vendor=vendor)
        return feed_page.feed_index(env, r.app.state.site.feed_store(env.catalog), r.query_params)

    return await _json(request, build)


@router.get(
    "/feed/catalog",
    response_model=list[feed.CatalogEvent],
    summary="Changes in the catalogue: new models, offerings, providers, price changes",
)
async def feed_catalog(
    request: Request, limit: int = Query(100, ge=1, le=1000, description="How many")
) -> Response:
    return await _json(
        request, lambda env, r: Page("", "", list(feed.catalog_feed(env.catalog, limit=limit)))
    )


@router.get(
    "/feed/{item_id}",
    response_model=feed.FeedItem,
    responses=NOT_FOUND,
    summary="One news item with its scores, links and summary",
)
async def feed_item(
    request: Request, item_id: int = Path(ge=1, le=2**63 - 1, description="Item id")
) -> Response:
    return await _json(
        request,
        lambda env, r: feed_page.feed_item(
            env, r.app.state.site.feed_store(env.catalog), str(item_id)
        ),
    )


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
async def docs(request: Request) -> Response:
    schema = request.app.openapi()
    built = build_page(request, lambda env, r: contexts.api_docs(env, schema))
    if isinstance(built, Response):
        return built
    return render_html(request.app.state.site.templates, *built)


__all__ = ["router", "to_json"]
