"""The HTML pages and their ``.json`` twins.

Each page is one context function; :func:`twin` registers its HTML route and its ``.json`` twin
(``/models/x`` and ``/models/x.json``) so both always render the same context. These are plain
Starlette routes with ``async`` handlers: they skip FastAPI's parameter machinery, which the
pages do not need (they parse their own query strings so a bad value re-renders the form).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from llmref.store import Store
from llmref.web import (
    chart_page,
    contexts,
    model_page,
    sitemap,
)
from llmref.web.calculator import FIELDS as CALCULATOR_FIELDS
from llmref.web.page import Env, Page
from llmref.web.pages import conflicts, models, providers, search, vendors
from llmref.web.pages import feed as feed_page
from llmref.web.pages.calculator import build_calculator
from llmref.web.pages.compare import TRAFFIC_FIELDS, build_compare, pair_chart
from llmref.web.pages.compare_many import build_compare_many
from llmref.web.pages.home import build_home
from llmref.web.query import declare
from llmref.web.render import Build, answer, in_thread, site_path

GET = ["GET", "HEAD"]
CHART_PARAMS = ("benchmark", "highlight")


def twin(
    app: FastAPI,
    path: str,
    build: Build,
    json_path: str | None = None,
    params: Iterable[str] = (),
) -> None:
    """Register `path` (HTML) and its JSON twin (`path` + ``.json`` unless given). `params`:
    the query parameters the page reads besides the page-wide ones (``as_of``, ``routes``,
    ``sort``, ``page``); any other is cut from the request before it is built or cached
    (see llmref.web.query)."""

    async def as_json(request: Request) -> Response:
        return await answer(request, "json", build)

    async def as_html(request: Request) -> Response:
        return await answer(request, "html", build)

    declare(as_json, params)
    declare(as_html, params)
    # The twin first: "/models/{id}" would otherwise also match "/models/x.json".
    app.add_route(json_path or path + ".json", as_json, methods=GET, include_in_schema=False)
    app.add_route(path, as_html, methods=GET, include_in_schema=False)


def as_of(env: Env, request: Request) -> Env:
    """The env with prices read on ``?as_of=YYYY-MM-DD`` and cheapest routes chosen under
    ``?routes=trusted|all|vendor`` when the URL gives valid ones. (Pages with a form, the
    calculator, report a bad date as a field error instead.)"""
    from llmref.pricing import ROUTE_POLICIES

    routes = request.query_params.get("routes")
    if routes in ROUTE_POLICIES and routes != env.routes:
        env = replace(env, routes=routes)
    raw = request.query_params.get("as_of")
    if not raw:
        return env
    try:
        return replace(env, as_of=date.fromisoformat(raw))
    except ValueError:
        return env


def _param(name: str) -> Callable[[Request], str]:
    return lambda request: str(request.path_params[name])


def register(app: FastAPI) -> None:
    model_id, vendor_id, provider_id, pair = (
        _param("model_id"),
        _param("vendor_id"),
        _param("provider_id"),
        _param("pair"),
    )
    benchmark = _param("benchmark")

    def page(fn: Callable[[Env], Page]) -> Build:
        return lambda env, request: fn(as_of(env, request))

    # Routes are tried in order: the pages most asked for first.
    twin(
        app,
        "/compare/{pair}",
        lambda env, r: build_compare(as_of(env, r), pair(r), r.query_params),
        params=TRAFFIC_FIELDS,
    )
    twin(
        app, "/models/{model_id}", lambda env, r: model_page.model_page(as_of(env, r), model_id(r))
    )
    twin(app, "/", page(build_home), json_path="/index.json")
    # The lists read ?sort= and ?page= (web/pages/listing.py).
    twin(app, "/search", lambda env, r: search.build_search(env, r.query_params), params=["q"])
    twin(app, "/models", lambda env, r: models.build_models(as_of(env, r), r.query_params))
    twin(app, "/vendors", lambda env, r: vendors.build_vendors(env, r.query_params))
    twin(
        app,
        "/vendors/{vendor_id}",
        lambda env, r: vendors.build_vendor(as_of(env, r), vendor_id(r), r.query_params),
    )
    twin(app, "/providers", lambda env, r: providers.build_providers(env, r.query_params))
    twin(
        app,
        "/providers/{provider_id}",
        lambda env, r: providers.build_provider(as_of(env, r), provider_id(r), r.query_params),
    )
    twin(
        app,
        "/compare",
        lambda env, r: build_compare_many(as_of(env, r), r.query_params),
        params=["models"],
    )
    twin(
        app,
        "/calculator",
        lambda env, r: build_calculator(as_of(env, r), r.query_params),
        params=CALCULATOR_FIELDS,
    )
    register_feed(app)
    twin(
        app,
        "/chart",
        lambda env, r: chart_page.chart(as_of(env, r), r.query_params),
        params=CHART_PARAMS,
    )
    twin(
        app,
        "/conflicts",
        lambda env, r: conflicts.build_conflicts(env, r.query_params),
        params=["model"],
    )
    twin(app, "/sources", page(contexts.sources))

    def svg(draw: Callable[[Env, Request], str]) -> Build:
        def build(env: Env, r: Request) -> Page:
            body = draw(as_of(env, r), r).encode()
            return Page("", "", None, encode=lambda: body)

        return build

    async def chart_svg(request: Request) -> Response:
        return await answer(
            request, "svg", svg(lambda e, r: chart_page.chart_svg_response(e, r.query_params))
        )

    async def bench_chart_svg(request: Request) -> Response:
        def draw(e: Env, r: Request) -> str:
            params = chart_page.path_params(e, benchmark(r), r.query_params)
            return chart_page.chart_svg_response(e, params)

        return await answer(request, "svg", svg(draw))

    async def pair_chart_svg(request: Request) -> Response:
        slug = str(request.path_params["pair"])
        return await answer(request, "svg", svg(lambda e, r: pair_chart(e, slug)))

    declare(chart_svg, CHART_PARAMS)
    declare(bench_chart_svg, ("highlight",))  # the benchmark is in the path
    declare(pair_chart_svg, ())

    async def sitemap_xml(request: Request) -> Response:
        state = request.app.state.site
        env = state.env(site_path(request))
        body = await in_thread(
            lambda: sitemap.sitemap(
                env, state.public_url(), state.top, state.exported is not None, state.feed_items
            )
        )
        return Response(body, media_type="application/xml")

    app.add_route("/chart.svg", chart_svg, methods=GET, include_in_schema=False)
    app.add_route("/chart/{benchmark}.svg", bench_chart_svg, methods=GET, include_in_schema=False)
    # After its SVG: "/chart/{benchmark}" would otherwise also match "/chart/x.svg".
    twin(
        app,
        "/chart/{benchmark}",
        lambda env, r: chart_page.chart(
            as_of(env, r), chart_page.path_params(env, benchmark(r), r.query_params)
        ),
        params=("highlight",),
    )
    app.add_route("/compare/{pair}/chart.svg", pair_chart_svg, methods=GET, include_in_schema=False)
    app.add_route("/sitemap.xml", sitemap_xml, methods=GET, include_in_schema=False)
    # Last: an alias with a slash (`/models/openai/gpt-4o-mini`) redirects to the canonical
    # model URL (the model page answers any non-canonical id with a redirect).
    twin(
        app,
        "/models/{model_id:path}",
        lambda env, r: model_page.model_page(as_of(env, r), model_id(r)),
    )


def register_feed(app: FastAPI) -> None:
    """The feed pages, their twins and two Atom feeds (items; catalogue changes)."""

    def store(env: Env, request: Request) -> Store:
        return request.app.state.site.feed_store(env.catalog)  # type: ignore[no-any-return]

    def self_url(request: Request) -> str | None:
        # From the configured base URL, never from the request's Host header.
        state = request.app.state.site
        if state.exported is not None and not state.base_url:
            return None
        return f"{state.public_url()}{site_path(request)}"

    async def items_atom(request: Request) -> Response:
        from llmref.feed import items_atom_xml

        env = request.app.state.site.env(site_path(request))
        url = self_url(request)
        xml = await in_thread(
            lambda: items_atom_xml(store(env, request), catalog=env.catalog, self_url=url)
        )
        return Response(xml, media_type="application/atom+xml")

    async def catalog_atom(request: Request) -> Response:
        from llmref.feed import catalog_atom_xml

        env = request.app.state.site.env(site_path(request))
        url = self_url(request)
        xml = await in_thread(lambda: catalog_atom_xml(env.catalog, self_url=url))
        return Response(xml, media_type="application/atom+xml")

    # Before "/feed/{item_id}", which would otherwise take "catalog.atom" for an item id.
    app.add_route("/feed.atom", items_atom, methods=GET, include_in_schema=False)
    app.add_route("/feed/catalog.atom", catalog_atom, methods=GET, include_in_schema=False)
    twin(
        app,
        "/feed",
        lambda env, r: feed_page.feed_index(env, store(env, r), r.query_params),
        params=feed_page.FILTERS,
    )
    twin(
        app,
        "/feed/{item_id}",
        lambda env, r: feed_page.feed_item(env, store(env, r), str(r.path_params["item_id"])),
    )
