"""Turn a :class:`Page` into a response: its template for HTML, its `data` for JSON.

Route handlers are three lines: build the :class:`Env`, call the context function, hand the page
to :func:`html_response` or :func:`json_response`. Errors the user can cause (an unknown id, a
non-canonical URL) are answered here, the same way for every page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import jinja2
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from llmref.catalog import UnknownIdError
from llmref.web import contexts
from llmref.web.fragments import Memo
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.query import narrow, route_names
from llmref.web.urls import Links, relative_link, twin_path

TEMPLATES = Path(__file__).parent / "templates"

Build = Callable[[Env, Request], Page]
T = TypeVar("T")


def make_templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        cache_size=-1,
    )
    env.globals["shared"] = shared
    env.globals["once"] = once()
    return env


def shared(memo: Any, key: Any, macro: Callable[..., Markup], *args: Any) -> Markup:
    """``macro(*args)`` rendered once per `key` in `memo` (the catalogue snapshot's
    :class:`~llmref.web.fragments.Memo`) and reused: a template's way to render a piece many
    pages show (a model's forty routes on each of its comparisons) once per snapshot. The key
    must hold everything the piece depends on; the page's context supplies it."""
    if key is None:
        return macro(*args)
    found: Markup = memo.get(key, lambda: macro(*args))
    return found


def once(limit: int = 8192) -> Callable[..., Markup]:
    """The templates' ``once(key, macro, *args)``: ``macro(*args)`` rendered once per `key` for
    the life of the template environment, for small pieces that are a function of their
    arguments alone (a value's source and review date, on every cell of every table). `key` is
    the argument itself, so it cannot go stale; the memo starts again empty when full."""
    return functools.partial(shared, Memo(limit=limit))


def site_path(request: Request) -> str:
    """The request's path inside the site (without the mount prefix)."""
    path = request.url.path
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    return path


def build_page(request: Request, build: Build) -> tuple[Env, Page] | Response:
    path = site_path(request)
    query = request.url.query
    env = request.app.state.site.env(f"{path}?{query}" if query else path)
    try:
        return env, build(env, request)
    except UnknownIdError as error:
        return env, contexts.not_found(env, error)
    except Redirect as redirect:
        location = relative_link(redirect.location, path)
        return RedirectResponse(location, status_code=redirect.status)


_CHROME_LINKS = (
    "home",
    "models",
    "vendors",
    "providers",
    "calculator",
    "chart",
    "conflicts",
    "sources",
    "feed",
    "api_docs",
    "search",
)
_chrome: dict[tuple[str | None, ...], dict[str, Any]] = {}


def chrome(templates: jinja2.Environment, links: Links) -> dict[str, Any]:
    """What every page around its content links to (stylesheet, script, the site header's
    navigation and search form), with the header rendered once per distinct set of links:
    pages in the same folder, or at the same depth of a static export, share one."""
    hrefs = (
        *(getattr(links, name)() for name in _CHROME_LINKS),
        links.static("site.css"),
        links.static("site.js"),
    )
    found = _chrome.get(hrefs)
    if found is None:
        found = dict(zip(_CHROME_LINKS, hrefs[: len(_CHROME_LINKS)], strict=True))
        found["css"], found["js"] = hrefs[len(_CHROME_LINKS) :]
        found["header"] = Markup(templates.get_template("_header.html").render(c=found))
        if len(_chrome) >= 4096:
            _chrome.clear()
        _chrome[hrefs] = found
    return found


def render_html(templates: jinja2.Environment, env: Env, page: Page) -> Response:
    template = templates.get_template(page.template)
    body = template.render(
        page=page, v=page.view, u=env.links, env=env, c=chrome(templates, env.links)
    )
    return Response(body, page.status, headers=page.headers or None, media_type="text/html")


def render_json(page: Page) -> Response:
    return Response(
        page.encode() if page.encode is not None else to_json(page.data),
        page.status,
        headers=page.headers or None,
        media_type="application/json",
    )


def _cache_key(request: Request, kind: str) -> tuple[str | bytes, ...] | None:
    """The response-cache key of a page, or None when the answer must be built every time
    (a static export asks for each page once). Read from the ASGI scope as it is: a hit is a
    few dozen microseconds, and building ``request.url`` (a URL parsed back from its parts)
    would add several. Everything an answer depends on is in the key: the catalogue version,
    the day, the URL and, for the feed's pages, the feed's own version."""
    state = request.app.state.site
    if state.responses is None:
        return None
    scope = request.scope
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    catalog = state.holder.current
    query: bytes = scope.get("query_string", b"")
    feed = state.feed_version() if _reads_feed(path) else ""
    return (kind, catalog.version, feed, state.today().isoformat(), path, query)


def _reads_feed(path: str) -> bool:
    return path.startswith(("/feed", "/api/v1/feed")) and not path.startswith(
        ("/feed/catalog", "/api/v1/feed/catalog")
    )


Key = tuple[str | bytes, ...]


def _cached(request: Request, kind: str, build: Callable[[], Response]) -> Response:
    return _cached_as(request, _cache_key(request, kind), build)


def _cached_as(request: Request, key: Key | None, build: Callable[[], Response]) -> Response:
    if key is None:
        return build()
    cache = request.app.state.site.responses
    hit = cache.get(key)
    if hit is not None:
        return Response(hit[2], hit[0], media_type=hit[1])
    response = build()
    if response.status_code == 200 and not response.headers.get("location"):
        cache.put(key, (response.status_code, response.media_type, response.body))
    return response


BUDGET = 30.0
"""Seconds a page may take to build before the client is answered 503 (the inputs are bounded,
so this is a safety net: no page of the bundled catalogue takes a tenth of it)."""


async def answer(request: Request, kind: str, build: Build) -> Response:
    """The page as HTML (`kind` "html") or JSON ("json"): from the response cache when it holds
    it, else built in a worker thread, so the event loop keeps serving other requests (static
    files, cached pages) while one page is built."""
    make = {"html": _html, "json": _json, "svg": _svg}[kind]
    names = route_names(request)
    if names is not None:
        # Only the parameters the route reads reach the page and the cache key (llmref.web.query).
        request = narrow(request, names)
    if _reads_feed(site_path(request)):
        # The feed's version is read from the store: not on the event loop.
        return await _in_thread(lambda: _cached(request, kind, lambda: make(request, build)))
    key = _cache_key(request, kind)
    if key is not None:
        hit = request.app.state.site.responses.get(key)
        if hit is not None:
            return Response(hit[2], hit[0], media_type=hit[1])
    return await _in_thread(lambda: _cached_as(request, key, lambda: make(request, build)))


class TooSlow(Exception):
    """Work that ran past :data:`BUDGET` (answered 503 with ``Retry-After``)."""


BUILDERS = 2
"""Threads building pages at once, per process. Python runs one thread at a time (the GIL):
more builders would not build faster, they would only make the event loop wait longer for its
turn, and it is the event loop that answers static files and cached pages in microseconds."""
_limiter: list[anyio.CapacityLimiter] = []


async def in_thread(work: Callable[[], T]) -> T:
    """`work` run in a worker thread, abandoned (its answer dropped) after :data:`BUDGET`."""
    if not _limiter:
        _limiter.append(anyio.CapacityLimiter(BUILDERS))
    with anyio.move_on_after(BUDGET):
        return await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=_limiter[0])
    raise TooSlow(f"The answer took longer than {BUDGET:g} s; try again later.")


_in_thread = in_thread


def html_response(request: Request, build: Build) -> Response:
    return _cached(request, "html", lambda: _html(request, build))


def json_response(request: Request, build: Build) -> Response:
    return _cached(request, "json", lambda: _json(request, build))


def _html(request: Request, build: Build) -> Response:
    built = build_page(request, build)
    if isinstance(built, Response):
        return built
    state = request.app.state.site
    if state.twin_cache is not None and not request.url.query:
        state.remember_for_twin(twin_path(site_path(request)), built[1])
    return render_html(state.templates, *built)


def _svg(request: Request, build: Build) -> Response:
    """A chart: `build` gives a page whose `encode` draws the SVG (an unknown model: the 404
    page, as HTML)."""
    built = build_page(request, build)
    if isinstance(built, Response):
        return built
    env, page = built
    if page.status != 200 or page.encode is None:
        return render_html(request.app.state.site.templates, env, page)
    return Response(page.encode(), media_type="image/svg+xml")


def _json(request: Request, build: Build) -> Response:
    state = request.app.state.site
    if state.twin_cache is not None and not request.url.query:
        page = state.twin_cache.get(site_path(request))
        if page is not None:
            return render_json(page)
    built = build_page(request, build)
    return built if isinstance(built, Response) else render_json(built[1])
