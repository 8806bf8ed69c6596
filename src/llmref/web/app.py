"""The web application: pages, their ``.json`` twins and the JSON API over one catalogue.

``create_app()`` serves the bundled catalogue through the store (built on first use). Settings
(documented in docs/web.md):

* ``LLMREF_CATALOG_DIR`` — serve this data directory instead (read directly, no store);
* ``LLMREF_DATABASE_URL`` / ``LLMREF_HOME`` — where the store lives (see the store module).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Hashable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response

from llmref import __version__
from llmref.catalog import Catalog
from llmref.store import CatalogHolder, Store, open_store
from llmref.web import contexts, warm
from llmref.web.assets import Assets
from llmref.web.cache import ResponseCache
from llmref.web.guard import FrontMiddleware, is_api
from llmref.web.http import ConditionalMiddleware
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page
from llmref.web.precomputed import Derived
from llmref.web.render import TooSlow, make_templates, render_html, render_json, site_path
from llmref.web.sitemap import DEFAULT_TOP
from llmref.web.urls import API, Links

STATIC = Path(__file__).parent / "static"
CODE_VERSION = __version__
"""Part of every ETag: a new llmref may render the same data differently."""
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""The public address when none is configured (``LLMREF_BASE_URL``): the default of serve."""
RETRY_AFTER = "30"
SWITCH_INTERVAL = 0.001
log = logging.getLogger("llmref.web")


_preloaded: list[Catalog] = []
"""The catalogue `llmref serve` already opened in this process (it builds the store with
progress shown), handed to the app once instead of being read again."""


def preload(catalog: Catalog) -> None:
    _preloaded[:] = [catalog]


def default_loader() -> Catalog:
    """The catalogue the server shows: ``LLMREF_CATALOG_DIR`` if set, else the store's."""
    if _preloaded:
        return _preloaded.pop()
    directory = os.environ.get("LLMREF_CATALOG_DIR")
    if directory:
        from llmref.catalog import load_catalog_dir

        return load_catalog_dir(Path(directory))
    from llmref.store import open_catalog

    return open_catalog()


def cors_origins_from_env() -> list[str]:
    """``LLMREF_CORS_ORIGINS``: comma-separated origins allowed to read the site from a browser
    on another site; default ``*`` (anyone: the data is public and the API read-only)."""
    raw = os.environ.get("LLMREF_CORS_ORIGINS", "*")
    return [origin.strip() for origin in raw.split(",") if origin.strip()]


def utc_today() -> date:
    return datetime.now(UTC).date()


class SiteState:
    """The app's shared state: the current catalogue, what is derived from it, templates."""

    def __init__(
        self,
        loader: Callable[[], Catalog],
        today: Callable[[], date],
        exported: Callable[[str], bool] | None,
        base_url: str | None = None,
        top: int = DEFAULT_TOP,
        feed_store: Callable[[], Store] | None = None,
        cache_bytes: int = 64 * 1024 * 1024,
        warm: bool = False,
    ) -> None:
        self.holder = CatalogHolder(loader)
        self.warm = warm
        """Warm each catalogue up in the background (llmref.web.warm): `llmref serve` only."""
        self._feed_store = feed_store
        self.responses = ResponseCache(cache_bytes) if exported is None and cache_bytes else None
        """Rendered answers of the live server (None: off, as in a static export)."""
        self.twin_cache: dict[str, Page] | None = {} if exported is not None else None
        """Static export only: the last pages built, by the path of their JSON twin, which the
        export asks for right after the page (the twin then skips rebuilding the context)."""
        self.feed_items: tuple[int, ...] = ()
        """Feed items the static export writes (listed in its sitemap)."""
        self._refreshed: str | None = None
        self._feed_version: tuple[float, str] | None = None
        self._memo: dict[Hashable, bytes] = {}
        self.base_url = base_url.rstrip("/") if base_url else None
        self.top = top
        self.today = today
        self.exported = exported
        self.templates = make_templates()
        self._derived: Derived | None = None
        self._lock = threading.Lock()
        self._link_targets: dict[str, str | None] = {}
        """Static export only: the file each exported path's links name (shared by pages)."""

    def derived(self, catalog: Catalog) -> Derived:
        derived = self._derived
        if derived is None or derived.catalog is not catalog:
            with self._lock:
                derived = self._derived
                if derived is None or derived.catalog is not catalog:
                    if derived is not None and self.warm:
                        warm.forget_old()
                        warm.start(self, catalog)
                    derived = Derived(catalog)
                    self._derived = derived
        return derived

    def env(self, path: str, as_of: date | None = None) -> Env:
        catalog = self.holder.current
        today = self.today()
        return Env(
            catalog,
            self.derived(catalog),
            Links(path, self.exported, self._link_targets),
            as_of or today,
            today,
            site_url=self.base_url if self.exported is not None else self.public_url(),
        )

    def remember_for_twin(self, twin: str, page: Page) -> None:
        cache = self.twin_cache
        if cache is not None:
            if len(cache) >= 8:
                cache.pop(next(iter(cache)))
            cache[twin] = page

    def feed_store(self, catalog: Catalog) -> Store:
        """The store holding the feed, with item analyses brought up to this catalogue (links
        and tags depend on it) once per catalogue version."""
        from llmref.feed import refresh_analyses

        store = self._feed_store() if self._feed_store is not None else open_store()
        if self._refreshed != catalog.version:
            with self._lock:
                if self._refreshed != catalog.version:
                    refresh_analyses(store, catalog)
                    self._refreshed = catalog.version
        return store

    def feed_version(self) -> str:
        """A token that changes whenever the stored feed does (items added or edited, a source
        read again): part of the cache key of every answer that shows the feed. Read from the
        store at most once a second (an update shows within that second)."""
        now = time.monotonic()
        known = self._feed_version
        if known is not None and now - known[0] < 1.0:
            return known[1]
        from sqlalchemy import func, select

        from llmref.feed.db_tables import feed_items, feed_sources

        store = self._feed_store() if self._feed_store is not None else open_store()
        query = select(
            select(func.count()).select_from(feed_items).scalar_subquery(),
            select(func.max(feed_items.c.id)).scalar_subquery(),
            select(func.max(feed_sources.c.last_checked)).scalar_subquery(),
        )
        with store.engine.connect() as conn:
            row = conn.execute(query).one()
        version = "-".join(str(v) for v in row)
        self._feed_version = (now, version)
        return version

    def memo(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """Bytes kept across requests whatever their query string (the response cache is keyed
        by the whole URL); the last 32 made."""
        hit = self._memo.get(key)
        if hit is None:
            hit = make()
            with self._lock:
                self._memo[key] = hit
                while len(self._memo) > 32:
                    self._memo.pop(next(iter(self._memo)))
        return hit

    def public_url(self) -> str:
        """The site's public address for absolute links (sitemap, Atom): the configured base
        URL, never the request's Host header (which any client can set)."""
        return self.base_url or DEFAULT_BASE_URL

    def validators(self, _path: str) -> tuple[str, date]:
        catalog = self.holder.current
        today = self.today()
        modified = max(catalog.built, self.derived(catalog).last_price_change(today))
        return f'W/"{catalog.version}-{today.isoformat()}-{CODE_VERSION}"', modified


def create_app(
    catalog_loader: Callable[[], Catalog] | None = None,
    *,
    today: Callable[[], date] | None = None,
    exported: Callable[[str], bool] | None = None,
    base_url: str | None = None,
    top: int = DEFAULT_TOP,
    feed_store: Callable[[], Store] | None = None,
    cache_bytes: int | None = None,
    cors_origins: Sequence[str] | None = None,
    warm_up: bool | None = None,
) -> FastAPI:
    """The site over the catalogue `catalog_loader` returns (the store's by default).

    `today` fixes the date prices are read on when a URL gives no ``as_of`` (tests, exports);
    `exported` is set by the static export: the site paths it writes (links to others are
    left out). `base_url` and `top` shape sitemap.xml: the site's public address (default: the
    request's) and how many top models have their pairwise comparisons listed. `feed_store`
    gives the store the feed pages read (the default store otherwise). `cache_bytes` bounds
    the cache of rendered pages (``LLMREF_WEB_CACHE_MB``, default 64 MB; 0 turns it off).
    `warm_up` pays each catalogue's first-use costs in a background thread at start
    (llmref.web.warm; default ``LLMREF_WARM_UP=1``, which `llmref serve` sets)."""
    if cache_bytes is None:
        cache_bytes = int(float(os.environ.get("LLMREF_WEB_CACHE_MB", "64")) * 1024 * 1024)
    if base_url is None and exported is None:
        base_url = os.environ.get("LLMREF_BASE_URL") or None
    if warm_up is None:
        warm_up = exported is None and os.environ.get("LLMREF_WARM_UP") == "1"
    state = SiteState(
        catalog_loader or default_loader,
        today or utc_today,
        exported,
        base_url,
        top,
        feed_store,
        cache_bytes,
        warm_up,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Load the catalogue (building the store on first use) and what the pages derive from
        # it before the first request, so a bad data directory fails at start, not on a visit.
        catalog = state.holder.current
        state.derived(catalog).on(state.today())
        if state.warm:
            warm.start(state, catalog, _app)
        # Pages are built in worker threads while the event loop answers static files and
        # cached pages; Python hands the GIL over every `switchinterval`. At 1 ms instead of
        # 5 the loop waits less behind a thread building a slow page (each answer needs the
        # GIL several times), at a cost of a few per cent of that thread's speed.
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="llmref API",
        version="1",
        description="Models, providers, prices, comparisons and costs, every fact sourced. "
        "Money is a decimal string in US dollars (prices per 1M tokens).",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.site = state

    from llmref.web.routes import api, export, pages

    # Pages first: a request is matched against the routes in order, and pages are most of the
    # traffic (no page path starts with /api/v1, so the order changes no answer).
    pages.register(app)
    app.include_router(api.router)
    app.include_router(export.router)
    from llmref.web.openapi_docs import annotate

    annotate(app)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        path = site_path(request)
        env = state.env(path)
        if status != 404:
            body = {"error": str(getattr(exc, "detail", "error"))}
            headers = getattr(exc, "headers", None)  # e.g. Allow on a 405
            return Response(to_json(body), status, headers, media_type="application/json")
        page = contexts.missing_page(env, path)
        if is_api(path):
            return render_json(page)
        return render_html(state.templates, env, page)

    async def unavailable(request: Request, exc: Exception) -> Response:
        # A fault of the store we can name (PostgreSQL down, the SQLite file missing, locked
        # or corrupt): 503 and when to retry, one line in the log, no SQL to the client.
        reason = type(getattr(exc, "orig", None) or exc).__name__
        log.warning("store unavailable for %s: %s", site_path(request), reason)
        return _unavailable(request, "The database is unavailable right now; try again later.")

    async def too_slow(request: Request, exc: Exception) -> Response:
        return _unavailable(request, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        errors: list[dict[str, Any]] = getattr(exc, "errors", list)()
        body = {"errors": {".".join(str(p) for p in e["loc"][1:]): _message(e) for e in errors}}
        return Response(to_json(body), 422, media_type="application/json")

    app.add_exception_handler(StarletteHTTPException, not_found)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(DBAPIError, unavailable)
    app.add_exception_handler(TooSlow, too_slow)
    app.add_middleware(ConditionalMiddleware, validators=state.validators)
    app.add_middleware(GZipMiddleware, minimum_size=500)
    # Read-only CORS: browsers on other sites may GET the pages and the API (no credentials,
    # no other methods). `cors_origins` / LLMREF_CORS_ORIGINS (comma-separated, "*" = any; empty
    # turns CORS off) choose who; the validators are exposed so clients can revalidate.
    origins = cors_origins if cors_origins is not None else cors_origins_from_env()
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(origins),
            allow_methods=["GET", "HEAD"],
            allow_credentials=False,
            expose_headers=["ETag", "Last-Modified"],
            max_age=86400,
        )
    # Outermost: methods, limits, static files and security headers before anything else
    # (a CORS preflight passes through to the CORS middleware inside).
    app.add_middleware(FrontMiddleware, assets=Assets(STATIC))
    return app


def _message(error: dict[str, Any]) -> str:
    """Pydantic's message for one field, with what the client sent (shortened)."""
    message = str(error["msg"]).removeprefix("Value error, ")
    given = error.get("input")
    if isinstance(given, str):
        shown = given if len(given) <= 40 else given[:40] + "…"
        message = f"{message.rstrip('.')} (got {shown!r})."
    return message


def _unavailable(request: Request, message: str) -> Response:
    headers = {"Retry-After": RETRY_AFTER, "Cache-Control": "no-store"}
    if is_api(site_path(request)):
        return Response(to_json({"error": message}), 503, headers, "application/json")
    body = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Unavailable</title></head><body><h1>Temporarily unavailable</h1>"
        f"<p>{escape(message)}</p></body></html>\n"
    )
    return Response(body, 503, headers, "text/html")
