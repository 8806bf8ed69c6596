"""Static export: the whole site as files, rendered through the same routes, in-process.

``build_site`` lists every file the site has for a catalogue (each model, vendor and provider
page, the comparison of every pair among the top N models, the chart, the calculator with its
default inputs, ``sitemap.xml`` and the ``.json`` twin of every page), asks the web app's router
for each one over ASGI (no network, no server) and writes the answers under ``out_dir``.

The app is told which paths exist in the export, so its links point at the written files
(``../models/x/index.html``, relative: the site works from any static host or folder) and links
to pages the export does not have (query-string URLs such as an N-way comparison) become plain
text.

Speed (bench/bench_web.py, target 500 pages/s on 2 cores) comes from doing each piece of work
once: the catalogue, the app and everything derived from them are built and warmed in this
process before it forks one worker per core, so the workers share them copy-on-write and start
at once; workers take small chunks of pages from a shared counter, so a core slowed by other
work never leaves the rest waiting at the end.
"""

from __future__ import annotations

import asyncio
import gc
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from llmref.catalog import Catalog
from llmref.store import Store

Progress = Callable[[int, int], None]
"""Called as (files done, files in total)."""

CHUNK = 24
"""Pages (each with its JSON twin) a worker takes at a time: small enough to balance the cores
at the end, large enough that taking one costs nothing next to rendering it."""

KINDS = ("compare", "model", "provider", "vendor", "feed", "other")
"""How the report groups page timings (by the first segment of the page's path)."""


class ExportError(RuntimeError):
    """A page could not be rendered (a bug: every listed page must render)."""


@dataclass(frozen=True, slots=True)
class PhaseTime:
    """Work of one kind summed over every process: files, and CPU seconds spent rendering them
    (route, context, template, JSON) and writing them. CPU time, not wall time: it does not
    count the time a process waited for a core other programs were using."""

    files: int
    render_seconds: float
    write_seconds: float


@dataclass(frozen=True, slots=True)
class ExportReport:
    out_dir: Path
    pages: int
    """HTML pages written."""
    files: int
    """Every file written (pages, JSON twins, SVG charts, sitemap, static assets)."""
    seconds: float
    """Wall time from the list of files made to the last file written (it includes rendering,
    before forking, one page of each kind, to build what the workers share, and the sample of
    model twins and the list of every model the twins point into)."""
    prepare_seconds: float = 0.0
    """Wall time before that: the app made, the feed read, the list of files made."""
    processes: int = 1
    cpu_seconds: float = 0.0
    """CPU time every process spent during `seconds` (user and system)."""
    phases: dict[str, PhaseTime] = field(default_factory=dict)
    """Per kind of page (``compare``, ``model``...; a page and its twin and chart count under
    the page's kind): files and seconds, summed over the processes."""
    sitemap: bool = True
    """Whether sitemap.xml was written (it needs the site's public address, `base_url`)."""
    shared_files: int = 0
    """Files of data the JSON twins share (a model's summary each; see export_twins), besides
    `files` and the one file of the site's definitions, ``shared.json``."""
    bytes_written: int = 0
    """Size of every file in the export folder once written."""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def _scope(app: Any, target: str) -> dict[str, Any]:
    path, _, query = target.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", b"export.invalid")],
        "client": ("127.0.0.1", 0),
        "server": ("export.invalid", 80),
        "app": app,
    }


async def asgi_get(app: Any, path: str, *, router_only: bool = False) -> tuple[int, bytes]:
    """GET `path` from an ASGI app in-process, without a socket or an HTTP client in between.

    By default the request goes through every middleware and route exactly as a served one does.
    With `router_only` it goes straight to the app's router (the same routes and handlers): the
    export does this, as the middleware only adds what a file cannot carry (ETag and
    Last-Modified headers, gzip for clients that ask, error pages, which the export refuses
    anyway)."""
    scope = _scope(app, path)
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

    await (app.router if router_only else app)(scope, receive, send)
    return status, b"".join(body)


def _is_page(path: str) -> bool:
    """An HTML page, not a twin, chart, feed or sitemap (``/conflicts.json?page=2`` a twin)."""
    return not path.partition("?")[0].endswith((".json", ".svg", ".xml", ".atom"))


def _kind(path: str) -> str:
    """The kind a path counts under; a page's twin and a pair's chart count with the page."""
    first = path.split("/", 2)[1]
    kind = {"compare": "compare", "models": "model", "providers": "provider"}.get(first)
    kind = kind or {"vendors": "vendor", "feed": "feed", "feed.atom": "feed"}.get(first)
    if kind is None or (kind != "feed" and "/" not in path[1:]):
        return "other"  # /models (the list), /vendors, ...: site-wide pages
    return kind


class _Writer:
    """Writes answers under the export folder, making each folder once; JSON twins go through
    a :class:`~llmref.export_twins.TwinSharer`, which writes the data they share once."""

    def __init__(self, out_dir: Path, site: dict[str, Any] | None = None) -> None:
        """`site`: the site's definitions the twins point into (written now)."""
        from llmref.export_twins import TwinSharer
        from llmref.web.urls import file_for

        self.root = str(out_dir)
        self.file_for = file_for
        self.made: set[str] = set()
        self.sharer = TwinSharer(self.write_shared, site)

    def write(self, path: str, content: bytes, *, atomic: bool = False) -> None:
        target = os.path.join(self.root, self.file_for(path))
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        # A shared file may be written by two workers at once: each writes its own temporary
        # file and renames it over the name (same bytes either way; never half a file).
        name = f"{target}.{os.getpid()}.tmp" if atomic else target
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        if atomic:
            os.replace(name, target)

    def write_shared(self, path: str, content: bytes) -> None:
        self.write(path, content, atomic=True)


class _Timings:
    """Render and write seconds per kind of page, in one process."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[float]] = {k: [0, 0.0, 0.0] for k in KINDS}

    def add(self, kind: str, render: float, write: float) -> None:
        slot = self.by_kind[kind]
        slot[0] += 1
        slot[1] += render
        slot[2] += write

    def merge(self, other: dict[str, list[float]]) -> None:
        for kind, (files, render, write) in other.items():
            slot = self.by_kind[kind]
            slot[0] += files
            slot[1] += render
            slot[2] += write

    def report(self) -> dict[str, PhaseTime]:
        return {k: PhaseTime(int(n), r, w) for k, (n, r, w) in self.by_kind.items() if n}


async def _get(app: object, path: str) -> bytes:
    """The file at `path`, from the app's router; ExportError naming the path if it fails."""
    try:
        status, content = await asgi_get(app, path, router_only=True)
    except Exception as exc:
        raise ExportError(f"{path}: {type(exc).__name__}: {exc}") from exc
    if status != 200:
        raise ExportError(f"{path}: HTTP {status} while exporting")
    return content


async def _fetch_all(
    app: object,
    paths: Sequence[str],
    writer: _Writer,
    timings: _Timings,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Ask the app's router for each path (in-process, over ASGI) and write the answers."""
    clock = time.thread_time  # this thread's CPU: not the progress bar's, not other programs'
    for path in paths:
        start = clock()
        content = await _get(app, path)
        if path.partition("?")[0].endswith(".json"):
            content = writer.sharer.rewrite(path, content)
        rendered = clock()
        writer.write(path, content)
        timings.add(_kind(path), rendered - start, clock() - rendered)
    if progress is not None:
        progress(len(paths))


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


def _chunks(groups: list[list[str]], size: int = CHUNK) -> list[list[str]]:
    return [[p for g in groups[i : i + size] for p in g] for i in range(0, len(groups), size)]


def _run_parallel(
    app: object,
    local: list[str],
    chunks: list[list[str]],
    writer: _Writer,
    workers: int,
    progress: Progress | None,
    total: int,
) -> _Timings:
    """Export `local` here, then every chunk, taken one at a time from a shared counter by this
    process and `workers` - 1 forked ones (the catalogue and the app are already in memory, so a
    worker starts in milliseconds)."""
    ctx = multiprocessing.get_context("fork")
    next_chunk = ctx.Value("q", 0)
    done = ctx.Value("q", 0)
    results = ctx.SimpleQueue()

    def take() -> int:
        with next_chunk.get_lock():
            index = int(next_chunk.value)
            next_chunk.value += 1
        return index

    def count(n: int) -> None:
        with done.get_lock():
            done.value += n

    async def loop(timings: _Timings, report: Callable[[int], None]) -> None:
        while (index := take()) < len(chunks):
            await _fetch_all(app, chunks[index], writer, timings, report)

    def child() -> None:
        code = 0
        timings = _Timings()
        try:
            asyncio.run(loop(timings, count))
            results.put(("ok", timings.by_kind))
        except BaseException as exc:  # reported to the parent, which raises ExportError
            results.put(("error", f"{type(exc).__name__}: {exc}"))
            code = 1
        # Skip the parent's finalisers (open database handles): this process only wrote files.
        os._exit(code)

    procs = [ctx.Process(target=child) for _ in range(workers - 1)]
    for proc in procs:
        proc.start()
    timings = _Timings()

    def mine(n: int) -> None:
        count(n)
        if progress is not None:
            progress(int(done.value), total)

    async def main() -> None:
        # The feed's pages read the store: they stay in this process (no handle crosses a fork).
        await _fetch_all(app, local, writer, timings, mine)
        await loop(timings, mine)

    try:
        asyncio.run(main())
        while any(p.is_alive() for p in procs):
            if progress is not None:
                progress(int(done.value), total)
            time.sleep(0.02)
    except BaseException:
        with next_chunk.get_lock():
            next_chunk.value = len(chunks)  # the workers stop after their current chunk
        raise
    finally:
        for proc in procs:
            proc.join()
    failed = []
    while not results.empty():
        status, payload = results.get()
        if status == "ok":
            timings.merge(payload)
        else:
            failed.append(payload)
    if failed or any(p.exitcode != 0 for p in procs):
        raise ExportError("a worker failed: " + (failed[0] if failed else "no message"))
    return timings


def _run_here(
    app: object,
    local: list[str],
    chunks: list[list[str]],
    writer: _Writer,
    progress: Progress | None,
    total: int,
) -> _Timings:
    """Export everything in this process (one worker, or no ``fork`` on this system)."""
    timings = _Timings()
    done = 0

    def report(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    async def main() -> None:
        for part in [local, *chunks]:
            await _fetch_all(app, part, writer, timings, report)

    asyncio.run(main())
    return timings


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Leave what is built so far (the catalogue, the app, derived data: long-lived, acyclic)
    out of the garbage collector's scans for the export, and scan less often: a page makes
    thousands of short-lived objects, and every full scan of a large catalogue cost ~0.2 s.
    Frozen before forking, the objects also stay shared between the workers (a scan writes to
    every object it visits, which copies the memory page)."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(max(thresholds[0], 20_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _feed_item_ids(state: Any, catalog: Catalog) -> tuple[int, ...]:
    """The newest feed items (up to the feed's page limit), whose pages the export includes."""
    from llmref.feed import list_items
    from llmref.feed.api import MAX_LIMIT

    page = list_items(state.feed_store(catalog), limit=MAX_LIMIT)
    return tuple(item.id for item in page.items)


def _warm(app: object, paths: list[str]) -> None:
    """Render the first page of each kind and its JSON twin once (not written), so the indexes
    the engines and the site derive from the catalogue, and the serialisers of each kind of
    page, are built here, once, rather than in every worker."""
    from llmref.web.urls import twin_path

    firsts: dict[str, str] = {}
    for path in paths:
        if _is_page(path):
            firsts.setdefault(_kind(path), path)
    firsts.pop("feed", None)

    async def run() -> None:
        for path in firsts.values():
            for each in (path, twin_path(path)):
                await asgi_get(app, each, router_only=True)

    asyncio.run(run())


SAMPLE = 200
"""Model twins rendered before the workers start, to find the values many of them repeat."""


def _site_definitions(app: object, paths: list[str]) -> dict[str, Any]:
    """The site's definitions (export_twins.site_definitions), with the values found in several
    of an evenly spread sample of the model twins (the same sample for the same site)."""
    from llmref.export_twins import PROSE, common_values, site_definitions

    twins = [p for p in paths if p.startswith("/models/") and p.endswith(".json")]
    step = max(1, len(twins) // SAMPLE)

    async def sample() -> list[Any]:
        out = []
        for path in twins[::step]:
            data = json.loads(await _get(app, path))
            data.pop(PROSE, None)  # as exported
            out.append(data)
        return out

    return site_definitions(common_values(asyncio.run(sample())))


SHARED_LISTS = {"/models.json": "models"}
"""Twins whose rows other twins point at instead of repeating them (every model's row, which a
vendor's twin and the home page's repeat), and the key of their list."""


def _share_lists(app: object, paths: list[str], writer: _Writer) -> None:
    """Render the shared lists before the workers start, so every worker knows their rows."""
    for path, key in SHARED_LISTS.items():
        if path in paths:
            writer.sharer.share_rows(path, json.loads(asyncio.run(_get(app, path))), key)


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
    comparisons among the `top` models (default 50), sitemap.xml under `base_url` (left out
    without one: a sitemap needs absolute URLs), and the
    feed's newest items from `feed_store` (the default store otherwise), using `workers`
    processes (default: one per core, at most 4)."""
    from llmref.web.app import STATIC, create_app, utc_today
    from llmref.web.sitemap import DEFAULT_TOP, file_paths

    top = DEFAULT_TOP if top is None else top
    if top < 0:
        raise ValueError(f"--top must be 0 or more, got {top}")
    began = time.perf_counter()
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
    if not base_url:
        # A sitemap lists absolute URLs; without the site's address there is none to write.
        paths = [p for p in paths if p != "/sitemap.xml"]
    exported.update(paths)
    exported.update(f"/static/{p.name}" for p in STATIC.iterdir() if p.is_file())
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    cpu_before = _cpu()
    writer = _Writer(out_dir, _site_definitions(app, paths))
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    parallel = count > 1 and "fork" in multiprocessing.get_all_start_methods()
    _share_lists(app, paths, writer)
    if parallel:
        _warm(app, paths)
    with _quiet_gc():
        feed = [p for p in paths if p.startswith("/feed")]
        chunks = _chunks(_groups([p for p in paths if not p.startswith("/feed")]))
        if parallel:
            timings = _run_parallel(app, feed, chunks, writer, count, progress, len(paths))
        else:
            count = 1
            timings = _run_here(app, feed, chunks, writer, progress, len(paths))
        shutil.copytree(STATIC, out_dir / "static", dirs_exist_ok=True)
        seconds = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    if progress is not None:
        progress(len(paths), len(paths))
    pages = sum(1 for p in paths if _is_page(p))
    files = len(paths) + sum(1 for p in STATIC.iterdir() if p.is_file())
    written = list(_walk(out_dir))
    shared = sum(1 for e in written if e.name.startswith("side-") and e.name.endswith(".json"))
    return ExportReport(
        out_dir,
        pages,
        files,
        seconds,
        started - began,
        count,
        cpu,
        timings.report(),
        sitemap=bool(base_url),
        shared_files=shared,
        bytes_written=sum(e.stat().st_size for e in written),
    )


def _walk(folder: Path) -> Iterator[os.DirEntry[str]]:
    """Every file under `folder` (a few thousand: a scandir walk takes milliseconds)."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=False):
            yield entry


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
