"""Web benchmarks, each figure printed next to what it is compared with.

1. In-process render of a comparison page, cold (no rendered-page or response cache: every
   pair is rendered once): context function + template, median and p99, on the reference pair
   and on the pairs among the bundled catalogue's top 50 models. Pieces shared between pages
   (a model's table of providers, made once per catalogue snapshot: web/fragments.py) are kept
   between pages as a server keeps them; a second row rebuilds them for every page. The
   engine's share (compare.build_comparison alone) is shown beside it. Target: median < 2 ms.
2. HTTP throughput on one uvicorn worker over loopback, measured with wrk: the comparison route
   against a trivial route on the same server and middleware, with the rendered-page cache on
   (the default) and off (every request renders the page), and the same comparison served by a
   sync ``def`` route (run in the thread pool) for the async-vs-sync choice. Target: the
   comparison route at least half the trivial route's requests/s.
3. Static export of the bundled catalogue (every model, vendor and provider page, the 1,225
   pairs among the top 50, JSON twins, charts): pages per second on all cores (target 500/s,
   the best of two runs to disk), the CPU time it took, and the CPU time per kind of page,
   split into rendering and writing; a third run writes to memory (/dev/shm) to show what the
   disk costs. The machine is shared: the load average before each run says how busy it was.
   The share of the engine's competitor choice (profile.choose_competitors) is shown beside it.

Run: .venv/bin/python bench/bench_web.py   (or `make bench`); needs `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, p99, row

from llmref.catalog import Catalog, load_catalog_dir

AS_OF = date(2026, 11, 21)
REFERENCE = ROOT / "tests" / "fixtures" / "catalogs" / "reference-pair"
WRK_SECONDS = 8


# ---- 1. in-process render --------------------------------------------------------------------


def render_times(
    catalog: Catalog, pairs: list[tuple[str, str]], keep_fragments: bool = True, rounds: int = 3
) -> tuple[list[float], list[float]]:
    """Seconds per page (context + template) and per engine call, for each pair the fastest of
    `rounds` cold renders (the machine is shared: the fastest is the one least disturbed). A
    round renders each pair once, starting with no shared pieces; with `keep_fragments` off the
    pieces pages share are rebuilt for every page."""
    from llmref import compare, prose
    from llmref.web.app import create_app
    from llmref.web.pages.compare import build_compare
    from llmref.web.render import render_html

    state = create_app(lambda: catalog, today=lambda: AS_OF).state.site
    a, b = pairs[0]
    warm = state.env(f"/compare/{a}-vs-{b}")  # compile the templates once, as a server does
    render_html(state.templates, warm, build_compare(warm, f"{a}-vs-{b}"))
    fragments = state.derived(catalog).fragments
    pages = [float("inf")] * len(pairs)
    engine = [float("inf")] * len(pairs)
    for _ in range(rounds):
        fragments.clear()
        for i, (a, b) in enumerate(pairs):
            slug = f"{a}-vs-{b}"
            if not keep_fragments:
                fragments.clear()
            start = time.perf_counter()
            env = state.env(f"/compare/{slug}")
            render_html(state.templates, env, build_compare(env, slug))
            middle = time.perf_counter()
            # The engine's share: the comparison and its prose (the engine no longer writes text).
            prose.comparison_text(
                compare.build_comparison(catalog, catalog.models[a], catalog.models[b], as_of=AS_OF)
            )
            pages[i] = min(pages[i], middle - start)
            engine[i] = min(engine[i], time.perf_counter() - middle)
    return pages, engine


def bench_render(bundled: Catalog) -> None:
    from llmref.web.app import create_app
    from llmref.web.sitemap import top_pairs

    print("\n1. Comparison page, in-process render (context + template), cold, per pair")
    print("   (each page's fastest of 3 cold renders)")
    reference = load_catalog_dir(REFERENCE)
    pages, engine = render_times(reference, [("gpt-4o-mini", "step-3.5-flash")] * 200)
    _render_row("reference pair (x200)", pages, engine)
    env = create_app(lambda: bundled, today=lambda: AS_OF).state.site.env("/")
    pairs = top_pairs(env, 50)
    pages, engine = render_times(bundled, pairs)
    _render_row(f"bundled, top-50 pairs ({len(pairs)})", pages, engine)
    pages, engine = render_times(bundled, pairs, keep_fragments=False)
    _render_row("  same, shared pieces rebuilt each page", pages, engine)


def _render_row(label: str, pages: list[float], engine: list[float]) -> None:
    med, tail = statistics.median(pages) * 1e3, p99(pages) * 1e3
    eng = statistics.median(engine) * 1e3
    verdict = "ok" if med < 2 else "over target"
    row(
        label,
        f"{med:.2f} ms (p99 {tail:.2f})",
        f"target median < 2 ms; engine alone {eng:.2f} ms",
        verdict,
    )


# ---- 2. HTTP throughput ----------------------------------------------------------------------


def bench_app() -> object:
    """The site plus two routes for this benchmark only: a trivial one and a sync twin of the
    comparison page (same context, same template, run in Starlette's thread pool)."""
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from llmref.web.app import create_app
    from llmref.web.pages.compare import build_compare
    from llmref.web.render import html_response

    app = create_app()

    async def trivial(request: Request) -> Response:
        return PlainTextResponse("ok")

    def compare_sync(request: Request) -> Response:
        pair = str(request.path_params["pair"])
        return html_response(request, lambda env, r: build_compare(env, pair))

    # Routes are tried in order: the trivial route goes first (matching costs it nothing) and
    # the sync twin right after the async comparison route (both cost the same to reach).
    routes = app.router.routes
    after = next(i for i, r in enumerate(routes) if getattr(r, "path", "") == "/compare/{pair}")
    routes.insert(after + 1, Route("/_bench/sync/compare/{pair}", compare_sync))
    routes.insert(0, Route("/_bench/trivial", trivial))
    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t1", "-c16", f"-d{WRK_SECONDS}s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=WRK_SECONDS + 30,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if match is None:
        raise RuntimeError(f"wrk printed no rate:\n{out}")
    return float(match.group(1))


def _serve_and_measure(paths: list[str], cache_mb: str) -> list[float]:
    """Start one uvicorn worker over the bundled catalogue, warm each path, wrk each in turn."""
    port = _free_port()
    home = tempfile.mkdtemp(prefix="llmref-bench-")
    env = {
        **os.environ,
        "LLMREF_HOME": home,
        "LLMREF_CATALOG_DIR": str(ROOT / "data"),
        "LLMREF_WEB_CACHE_MB": cache_mb,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(ROOT / "bench"),
            "--factory",
            "bench_web:bench_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base + "/_bench/trivial")
        for path in paths:
            subprocess.run(["curl", "-sf", "-o", "/dev/null", base + path], check=True)
        return [_wrk(base + path) for path in paths]
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


def bench_http(pair: str) -> None:
    print(f"\n2. HTTP throughput, one uvicorn worker, wrk -t1 -c16 -d{WRK_SECONDS}s on 127.0.0.1")
    print(f"   (comparison: /compare/{pair}, the first pair among the bundled top 50)")
    if shutil.which("wrk") is None:
        print("  wrk is not installed (apt-get install wrk): skipped")
        return
    paths = ["/_bench/trivial", f"/compare/{pair}", f"/_bench/sync/compare/{pair}"]
    trivial, cached, cached_sync = _serve_and_measure(paths, "64")
    _, fresh, fresh_sync = _serve_and_measure(paths, "0")
    row("trivial route (async)", f"{trivial:,.0f} req/s", "the reference")
    for label, rate, sync in (
        ("comparison, rendered-page cache on (default)", cached, cached_sync),
        ("comparison, cache off: rendered per request", fresh, fresh_sync),
    ):
        share = rate / trivial
        row(
            label,
            f"{rate:,.0f} req/s",
            f"{share:.0%} of trivial (target >= 50%)",
            "ok" if share >= 0.5 else "under target",
        )
        row(
            "  same page from a sync def route",
            f"{sync:,.0f} req/s",
            f"async {rate / sync:.2f}x sync",
        )


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 120  # the server loads the bundled catalogue first
    while time.monotonic() < deadline:
        if subprocess.run(["curl", "-sf", "-o", "/dev/null", url]).returncode == 0:
            return
        time.sleep(0.25)
    raise RuntimeError(f"server did not answer {url}")


# ---- 3. static export ------------------------------------------------------------------------


def bench_export(bundled: Catalog) -> None:
    import random

    from llmref import profile
    from llmref.export import build_site
    from llmref.store import Store

    print("\n3. Static export of the bundled catalogue (top 50: 1,225 pairs), twice to disk")
    cores = os.cpu_count() or 1
    reports = []
    memory = Path("/dev/shm")
    places = [("disk run 1", None), ("disk run 2", None)]
    if memory.is_dir():
        places.append(("to memory (/dev/shm), no disk", str(memory)))
    for label, where in places:
        # Write out what earlier work left in the page cache (the previous run's 0.5 GB), so a
        # run does not pay for another's disk writes.
        os.sync()
        load = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix="llmref-export-", dir=where) as tmp:
            store = Store(f"sqlite:///{tmp}/feed.db")
            report = build_site(
                Path(tmp) / "site", bundled, as_of=AS_OF, feed_store=lambda s=store: s
            )
            store.dispose()
        if where is None:
            reports.append(report)
        row(
            f"{label}: {report.processes} processes, load {load:.1f}",
            f"{report.pages_per_second:,.0f} pages/s",
            f"{report.seconds:.1f} s; CPU {report.cpu_seconds:.1f} s "
            f"({report.pages / report.cpu_seconds:,.0f} pages per CPU-second)",
        )
    report = max(reports, key=lambda r: r.pages_per_second)
    row(
        f"pages/s ({report.pages:,} pages, {report.files:,} files), best disk run",
        f"{report.pages_per_second:,.0f} pages/s",
        f"target >= 500/s on {cores} cores ({report.seconds:.1f} s)",
        "ok" if report.pages_per_second >= 500 else "under target",
    )
    row("  before: app, feed, list of files", f"{report.prepare_seconds:.2f} s", "not counted")
    for kind, phase in report.phases.items():  # the best disk run's
        spent = phase.render_seconds + phase.write_seconds
        row(
            f"  {kind}: {phase.files:,} files (page, twin, chart)",
            f"{phase.files / spent:,.0f} files/CPU-s",
            f"render {phase.render_seconds:.2f} s + write {phase.write_seconds:.2f} s CPU",
        )
    ids = sorted(m for m in bundled.models if not bundled.models[m].is_snapshot)
    sample = random.Random(1).sample(ids, min(40, len(ids)))
    whole = choose = 0.0
    for model_id in sample:
        model = bundled.models[model_id]
        start = time.perf_counter()
        profile.build_profile(bundled, model, as_of=AS_OF)
        middle = time.perf_counter()
        profile.choose_competitors(bundled, model, AS_OF)
        whole += middle - start
        choose += time.perf_counter() - middle
    row(
        "model profile build (engine), per model",
        f"{whole / len(sample) * 1e3:.2f} ms",
        f"of which competitor choice {choose / whole:.0%}",
    )


if __name__ == "__main__":
    print(f"Machine: {machine()}")
    catalog = load_catalog_dir(None)
    print(
        f"Bundled catalogue: {len(catalog.models):,} models, {len(catalog.offerings):,} offerings"
    )
    bench_render(catalog)
    from llmref.web.app import create_app
    from llmref.web.sitemap import top_pairs

    first = top_pairs(create_app(lambda: catalog, today=lambda: AS_OF).state.site.env("/"), 50)[0]
    bench_http(f"{first[0]}-vs-{first[1]}")
    bench_export(catalog)
