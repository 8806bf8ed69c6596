"""Pay the first-use costs of a catalogue once, in the background, not in a visitor's request.

Measured on the bundled catalogue (bench/RESULTS.md, load section): the first request of a
kind paid for work every later one reuses — compiling its Jinja templates (~30 ms each), the
per-catalogue price ladder and model classes behind a model page's alternatives (~300 ms),
importing the fuzzy matcher behind "closest ids" (~190 ms) — and Python's full garbage
collection walked every object of the catalogue (~200 ms with the GIL held, so every other
request, static files included, waited). Under load those pauses are the tail (p99).

:func:`start` runs :func:`warm_up` in a daemon thread when the server starts (so start-up is
not slower) and again for each new catalogue version: it builds one page of each costly kind,
compiles every template, then moves everything alive into the garbage collector's permanent
generation (``gc.freeze``), so later full collections skip the catalogue. Nothing it computes
is served as such: it only fills the caches the pages read anyway.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from datetime import date

    import jinja2
    from starlette.types import ASGIApp

    from llmref.catalog import Catalog
    from llmref.web.page import Env


class Site(Protocol):
    """What the warm-up uses of the app's state (llmref.web.app.SiteState)."""

    templates: jinja2.Environment

    def env(self, path: str, as_of: date | None = None) -> Env: ...


log = logging.getLogger("llmref.web")
_lock = threading.Lock()


def match_routes(app: ASGIApp) -> None:
    """Match an API path against every route once: FastAPI prepares its routes (their
    parameter and response models) on the first request that reaches them, ~200 ms on the
    event loop; done here, in a thread (FastAPI guards that preparation with a lock)."""
    router = getattr(app, "router", None)
    for path in ("/api/v1/catalog", "/api/v1/export/models.csv"):
        scope: dict[str, Any] = {
            "type": "http",
            "method": "GET",
            "path": path,
            "root_path": "",
            "headers": [],
        }
        for route in getattr(router, "routes", ()):
            route.matches(scope)


def warm_up(
    state: Site, catalog: Catalog, app: ASGIApp | None = None, *, freeze: bool = True
) -> float:
    """Build what the first pages of `catalog` would build, then (`freeze`) move what is alive
    out of the collector's way; the seconds it took."""
    from llmref.web import contexts, model_page
    from llmref.web.pages.calculator import build_calculator
    from llmref.web.pages.compare import build_compare
    from llmref.web.pages.home import build_home
    from llmref.web.render import render_html, render_json

    start = time.perf_counter()
    with _lock:  # one warm-up at a time (a reload during the start-up one waits)
        if app is not None:
            match_routes(app)
        templates = state.templates
        for name in templates.list_templates(filter_func=lambda n: n.endswith(".html")):
            templates.get_template(name)
        catalog.closest_model_ids("warm-up")  # imports the matcher, builds its key list
        home_env = state.env("/")
        render_html(templates, home_env, build_home(home_env))
        listed = contexts.models_index(state.env("/models")).data.models
        ids = [m.id for m in listed if m.cheapest_input is not None][:2]
        if len(ids) == 2:
            a, b = ids
            env = state.env(f"/models/{a}")
            page = model_page.model_page(env, a)  # the price ladder, model classes
            render_html(templates, env, page)
            render_json(page)
            slug = f"{a}-vs-{b}"
            env = state.env(f"/compare/{slug}")
            page = build_compare(env, slug)
            render_html(templates, env, page)
            render_json(page)
        env = state.env("/calculator")
        render_html(templates, env, build_calculator(env, {}))
        env = state.env("/search")
        render_html(templates, env, contexts.search(env, "warm up"))  # the search index
        # Everything alive now lives as long as this catalogue: out of the collector's way.
        if freeze:
            gc.collect()
            gc.freeze()
            # Fewer, not longer, collections from here on: a page allocates thousands of short-
            # lived objects, and at the default 700 allocations per young collection a full
            # collection (tens of ms once the memos of a busy day are alive, with the GIL held)
            # came every few hundred pages and set the cold-page p99 (bench/RESULTS.md, load).
            threshold = gc.get_threshold()
            gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    return time.perf_counter() - start


YOUNG_THRESHOLD = 2_000
"""Allocations between young-generation collections once a catalogue is warm (Python's default
is 700): measured on cold comparison pages after mixed traffic, full collections came 4x less
often and the 99.9th percentile of a page's build time fell from 21 ms to 5 ms."""


def start(state: Site, catalog: Catalog, app: ASGIApp | None = None) -> threading.Thread:
    """Run :func:`warm_up` in a daemon thread; a failure is logged, never raised (the pages
    then pay their first-use costs themselves, as without it)."""

    def run() -> None:
        try:
            took = warm_up(state, catalog, app)
        except Exception:  # a warm-up failure must not take the server down
            log.exception("warm-up of catalogue %s failed", catalog.version)
            return
        log.info("warm-up of catalogue %s done in %.2f s", catalog.version, took)

    thread = threading.Thread(target=run, name="llmref-warm-up", daemon=True)
    thread.start()
    return thread


def forget_old() -> None:
    """A new catalogue replaced the old one: let the collector free the old (frozen) one."""
    gc.unfreeze()
