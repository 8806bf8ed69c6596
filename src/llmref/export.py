"""Static export: the whole site as files, rendered through the same routes, in-process.

``build_site`` lists every file the site has for a catalogue (each model, vendor and provider
page, the comparison of every pair among the top N models, the chart, the calculator with its
default inputs, ``sitemap.xml`` and the ``.json`` twin of every page), asks the web app for each
one over ASGI (no network, no server) and writes the answers under ``out_dir``.

The app is told which paths exist in the export, so its links point at the written files
(``../models/x/index.html``, relative: the site works from any static host or folder) and links
to pages the export does not have (query-string URLs such as an N-way comparison) become plain
text.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from llmref.catalog import Catalog
from llmref.store import Store

Progress = Callable[[int, int], None]
"""Called as (files done, files in total)."""


class ExportError(RuntimeError):
    """A page could not be rendered (a bug: every listed page must render)."""


@dataclass(frozen=True, slots=True)
class ExportReport:
    out_dir: Path
    pages: int
    """HTML pages written."""
    files: int
    """Every file written (pages, JSON twins, SVG charts, sitemap, static assets)."""
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


async def asgi_get(app: Any, path: str) -> tuple[int, bytes]:
    """GET `path` from an ASGI app in-process: the request goes through every middleware and
    route exactly as a served one does, without a socket or an HTTP client in between."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"export.invalid")],
        "client": ("127.0.0.1", 0),
        "server": ("export.invalid", 80),
    }
    status = 0
    body: list[bytes] = []
    requested = False
    done = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the client "disconnects" once the whole answer is in
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    await app(scope, receive, send)
    return status, b"".join(body)


async def _fetch_all(
    app: object, paths: list[str], out_dir: Path, progress: Callable[[int], None] | None
) -> None:
    """Ask the app for each path (in-process, over ASGI) and write the answers."""
    from llmref.web.urls import file_for

    made: set[Path] = set()
    for done, path in enumerate(paths, start=1):
        status, content = await asgi_get(app, path)
        if status != 200:
            raise ExportError(f"{path}: HTTP {status} while exporting")
        target = out_dir / file_for(path)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
        if progress is not None:
            progress(done)


def _groups(paths: list[str]) -> list[list[str]]:
    """Paths in the units a worker takes: a page with its JSON twin (the twin reuses the
    page's context), anything else alone."""
    from llmref.web.urls import twin_path

    out: list[list[str]] = []
    for path in paths:
        if out and len(out[-1]) == 1 and twin_path(out[-1][0]) == path:
            out[-1].append(path)
        else:
            out.append([path])
    return out


def _run_parts(
    app: object, parts: list[list[str]], out_dir: Path, progress: Progress | None, total: int
) -> None:
    """Export `parts[0]` here and every other part in a forked worker process (the catalogue
    and the app are already in memory, so a worker starts in milliseconds)."""
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("q", 0)
    errors = ctx.SimpleQueue()

    def child(part: list[str]) -> None:
        code = 0
        try:
            asyncio.run(_fetch_all(app, part, out_dir, lambda n: _bump(counter)))
        except BaseException as exc:  # reported to the parent, which raises ExportError
            errors.put(f"{type(exc).__name__}: {exc}")
            code = 1
        # Skip the parent's finalisers (open database handles): this process only wrote files.
        os._exit(code)

    workers = [ctx.Process(target=child, args=(part,)) for part in parts[1:] if part]
    for worker in workers:
        worker.start()
    mine = 0

    def local(n: int) -> None:
        nonlocal mine
        mine = n
        if progress is not None:
            progress(mine + counter.value, total)

    try:
        asyncio.run(_fetch_all(app, parts[0], out_dir, local))
        while any(w.is_alive() for w in workers):
            if progress is not None:
                progress(mine + counter.value, total)
            time.sleep(0.05)
    finally:
        for worker in workers:
            worker.join()
    failed = [] if errors.empty() else [errors.get()]
    if failed or any(w.exitcode != 0 for w in workers):
        raise ExportError("a worker failed: " + (failed[0] if failed else "no message"))
    if progress is not None:
        progress(total, total)


def _bump(counter: Any) -> None:
    with counter.get_lock():
        counter.value += 1


def _feed_item_ids(state: Any, catalog: Catalog) -> tuple[int, ...]:
    """The newest feed items (up to the feed's page limit), whose pages the export includes."""
    from llmref.feed import list_items
    from llmref.feed.api import MAX_LIMIT

    page = list_items(state.feed_store(catalog), limit=MAX_LIMIT)
    return tuple(item.id for item in page.items)


def build_site(
    out_dir: Path,
    catalog: Catalog,
    *,
    top: int | None = None,
    as_of: date | None = None,
    base_url: str | None = None,
    progress: Progress | None = None,
    feed_store: Callable[[], Store] | None = None,
    workers: int | None = None,
) -> ExportReport:
    """Write the site for `catalog` under `out_dir` with prices as of `as_of` (default today),
    comparisons among the `top` models (default 50), sitemap locations under `base_url`, and the
    feed's newest items from `feed_store` (the default store otherwise), using `workers`
    processes (default: one per core, at most 4)."""
    from llmref.web.app import STATIC, create_app, utc_today
    from llmref.web.sitemap import DEFAULT_TOP, file_paths

    top = DEFAULT_TOP if top is None else top
    if top < 0:
        raise ValueError(f"--top must be 0 or more, got {top}")
    day = as_of or utc_today()
    exported: set[str] = set()
    app = create_app(
        lambda: catalog,
        today=lambda: day,
        exported=exported.__contains__,
        base_url=(base_url or "").rstrip("/"),
        top=top,
        feed_store=feed_store,
    )
    state = app.state.site
    env = state.env("/")
    feed_ids = _feed_item_ids(state, catalog)
    state.feed_items = feed_ids
    paths = file_paths(env, top, feed_ids)
    exported.update(paths)
    exported.update(f"/static/{p.name}" for p in STATIC.iterdir() if p.is_file())

    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if count > 1 and "fork" in multiprocessing.get_all_start_methods():
        # The feed's pages read the store: they stay in this process (no handle crosses a fork).
        feed = [p for p in paths if p.startswith("/feed")]
        groups = _groups([p for p in paths if not p.startswith("/feed")])
        parts: list[list[str]] = [list(feed)] + [[] for _ in range(count - 1)]
        for n, group in enumerate(groups):
            parts[n % count].extend(group)
        _run_parts(app, parts, out_dir, progress, len(paths))
    else:
        total = len(paths)
        report = None if progress is None else (lambda n: progress(n, total))
        asyncio.run(_fetch_all(app, paths, out_dir, report))
    shutil.copytree(STATIC, out_dir / "static", dirs_exist_ok=True)
    seconds = time.perf_counter() - started
    pages = sum(1 for p in paths if not p.endswith((".json", ".svg", ".xml", ".atom")))
    files = len(paths) + sum(1 for p in STATIC.iterdir() if p.is_file())
    return ExportReport(out_dir, pages, files, seconds)
