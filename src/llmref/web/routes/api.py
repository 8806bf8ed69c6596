"""The JSON API under ``/api/v1``. Each endpoint calls the same context function as its page and
answers with the page's `data`, so the API and the ``.json`` twins never disagree. The declared
response models only document the schema (OpenAPI at ``/api/v1/openapi.json``); the body is
serialised once, by :func:`llmref.web.json_twin.to_json`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from llmref import compare, feed, profile
from llmref.catalog import Offering
from llmref.web import calculator, contexts, decisions, feed_pages, model_page, paging
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page
from llmref.web.render import build_page, json_response, render_html
from llmref.web.routes.pages import as_of
from llmref.web.urls import API

router = APIRouter(prefix=API, tags=["llmref"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": contexts.NotFoundData, "description": "Unknown id; names the closest ids."}
}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"description": "Invalid input: `errors` maps each field to what is wrong with it."}
}
AS_OF = Query(
    None, alias="as_of", description="Read prices as of this date (YYYY-MM-DD); default today."
)


def _json(request: Request, build: Any) -> Response:
    return json_response(request, build)


@router.get("/catalog", response_model=contexts.CatalogInfo, summary="Catalogue version and counts")
async def catalog_info(request: Request) -> Response:
    return _json(request, lambda env, r: Page("", "", contexts.catalog_info(env)))


@router.get(
    "/models", response_model=contexts.ModelListData, summary="All models, with cheapest prices"
)
async def models(
    request: Request,
    as_of_: str | None = AS_OF,
    limit: int | None = paging.LIMIT,
    cursor: str | None = paging.CURSOR,
) -> Response:
    """Every model (snapshots are listed under their model), sorted by vendor then name. With
    `limit`, one page at a time: pass the answer's `next_cursor` back as `cursor`."""

    def build(env: Env, r: Request) -> Page:
        page = contexts.models_index(as_of(env, r))
        if limit is None and cursor is None:
            return page
        every = page.data.models
        chunk, following = paging.page_of(every, lambda m: m.id, limit, cursor)
        data = contexts.ModelListData(page.data.as_of, chunk, len(every), following)
        return replace(page, data=data)

    return _json(request, build)


@router.get(
    "/models/{model_id}",
    response_model=profile.Profile,
    responses=NOT_FOUND,
    summary="A model's profile (the model page)",
)
async def model(request: Request, model_id: str, as_of_: str | None = AS_OF) -> Response:
    def build(env: Env, r: Request) -> Page:
        return model_page.model_page(as_of(env, r), env.catalog.model(model_id).id)

    return _json(request, build)


@router.get(
    "/models/{model_id}/offerings",
    response_model=list[Offering],
    responses=NOT_FOUND,
    summary="Every provider of a model with its full price history",
)
async def model_offerings(request: Request, model_id: str) -> Response:
    def build(env: Env, r: Request) -> Page:
        found = env.catalog.model(model_id)
        return Page("", "", list(env.catalog.offerings_of(found.id)))

    return _json(request, build)


@router.get(
    "/offerings",
    response_model=list[Offering],
    summary="Offerings, filtered by model and/or provider",
)
async def offerings(
    request: Request,
    model: str | None = Query(None, description="Model id or alias"),
    provider: str | None = Query(None, description="Provider id"),
) -> Response:
    def build(env: Env, r: Request) -> Page:
        found = list(env.catalog.offerings)
        if model:
            wanted = env.catalog.model(model).id
            found = [o for o in found if o.model_id == wanted]
        if provider:
            pid = env.catalog.provider(provider).id
            found = [o for o in found if o.provider_id == pid]
        return Page("", "", found)

    return _json(request, build)


@router.get("/vendors", response_model=contexts.VendorListData, summary="All vendors")
async def vendors(request: Request) -> Response:
    return _json(request, lambda env, r: contexts.vendors_index(env))


@router.get(
    "/vendors/{vendor_id}",
    response_model=contexts.VendorData,
    responses=NOT_FOUND,
    summary="A vendor and its models",
)
async def vendor(request: Request, vendor_id: str) -> Response:
    return _json(request, lambda env, r: contexts.vendor(env, env.catalog.vendor(vendor_id).id))


@router.get("/providers", response_model=contexts.ProviderListData, summary="All providers")
async def providers(request: Request) -> Response:
    return _json(request, lambda env, r: contexts.providers_index(env))


@router.get(
    "/providers/{provider_id}",
    response_model=contexts.ProviderData,
    responses=NOT_FOUND,
    summary="A provider and the prices of what it serves",
)
async def provider(request: Request, provider_id: str, as_of_: str | None = AS_OF) -> Response:
    return _json(
        request,
        lambda env, r: contexts.provider(as_of(env, r), env.catalog.provider(provider_id).id),
    )


@router.get(
    "/search",
    response_model=contexts.SearchData,
    summary="Search by name, id, alias, vendor, provider or capability",
)
async def search(request: Request, q: str = Query("", description="Words to match")) -> Response:
    return _json(request, lambda env, r: contexts.search(env, q))


@router.get(
    "/compare",
    response_model=compare.Comparison | compare.ComparisonTable,
    responses={**NOT_FOUND, **INVALID},
    summary="Compare two models (a Comparison) or three to five (a ComparisonTable)",
)
async def compare_models(
    request: Request,
    models: str = Query(..., description="Comma-separated model ids or aliases, 2 to 5"),
    as_of_: str | None = AS_OF,
) -> Response:
    def build(env: Env, r: Request) -> Page:
        env = as_of(env, r)
        ids = sorted({env.catalog.model(m.strip()).id for m in models.split(",") if m.strip()})
        if len(ids) == 2:
            return decisions.compare_pair(env, f"{ids[0]}-vs-{ids[1]}")
        if 3 <= len(ids) <= 5:
            return decisions.table_page(env, [env.catalog.models[i] for i in ids])
        errors = {"models": f"Pick 2 to 5 different models (got {len(ids)})."}
        return Page("", "", {"errors": errors}, status=422)

    return _json(request, build)


@router.get(
    "/cost",
    response_model=calculator.CalculatorData,
    responses=INVALID,
    summary="Monthly cost of models at a traffic level, and the routing calculator",
)
async def cost(
    request: Request,
    models: str | None = Query(None, description="Comma-separated model ids (default: top 3)"),
    requests: str | None = Query(None, description="Requests per month (default 1,000,000)"),
    input: str | None = Query(None, description="Input tokens per request (default 800)"),
    output: str | None = Query(None, description="Output tokens per request (default 250)"),
    preset: str | None = Query(None, description="custom, small, medium or large"),
    cache: str | None = Query(None, description="Cache-hit share of input tokens, percent"),
    batch: str | None = Query(None, description="1 to price the batch API"),
    provider: str | None = Query(None, description="Price on this provider only"),
    as_of_: str | None = AS_OF,
    cheap: str | None = Query(None, description="Routing: the cheap model"),
    strong: str | None = Query(None, description="Routing: the strong model"),
    share: str | None = Query(None, description="Routing: percent of requests to the cheap model"),
) -> Response:
    return _json(request, lambda env, r: calculator.calculator(as_of(env, r), r.query_params))


@router.get("/chart", response_model=contexts.ChartData, summary="The intelligence-vs-price points")
async def chart(request: Request, as_of_: str | None = AS_OF) -> Response:
    return _json(request, lambda env, r: contexts.chart(as_of(env, r)))


@router.get(
    "/conflicts",
    response_model=contexts.ConflictsData,
    summary="Every disagreement between sources",
)
async def conflicts(request: Request) -> Response:
    return _json(request, lambda env, r: contexts.conflicts(env))


@router.get("/sources", response_model=contexts.SourcesData, summary="Datasets and curated sources")
async def sources(request: Request) -> Response:
    return _json(request, lambda env, r: contexts.sources(env))


@router.get(
    "/feed",
    response_model=feed_pages.FeedData,
    responses=INVALID,
    summary="News items linked to the catalogue, newest first, with filters",
)
async def feed_items(
    request: Request,
    model: str | None = Query(None, description="Items mentioning this model (or a snapshot)"),
    vendor: str | None = Query(None, description="Items mentioning this vendor"),
    provider: str | None = Query(None, description="Items mentioning this provider"),
    tag: str | None = Query(None, description="Items with this tag"),
    min_signal: str | None = Query(None, description="Minimum signal score, 0-100"),
    max_hype: str | None = Query(None, description="Maximum hype score, 0-100"),
    q: str | None = Query(None, description="Words in the title or text"),
    page: str | None = Query(None, description="Page number (50 items a page)"),
) -> Response:
    return _json(
        request,
        lambda env, r: feed_pages.feed_index(
            env, r.app.state.site.feed_store(env.catalog), r.query_params
        ),
    )


@router.get(
    "/feed/catalog",
    response_model=list[feed.CatalogEvent],
    summary="Changes in the catalogue: new models, offerings, providers, price changes",
)
async def feed_catalog(
    request: Request, limit: int = Query(100, ge=1, le=1000, description="How many")
) -> Response:
    return _json(
        request, lambda env, r: Page("", "", list(feed.catalog_feed(env.catalog, limit=limit)))
    )


@router.get(
    "/feed/{item_id}",
    response_model=feed.FeedItem,
    responses=NOT_FOUND,
    summary="One news item with its scores, links and summary",
)
async def feed_item(request: Request, item_id: int) -> Response:
    return _json(
        request,
        lambda env, r: feed_pages.feed_item(
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
