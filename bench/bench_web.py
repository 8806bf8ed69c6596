"""Web benchmarks, each figure printed next to what it is compared with.

1. In-process render of a comparison page, cold (no page or response cache: every pair is
   rendered once): context function + template, median and p99, on the reference pair and on
   the pairs among the bundled catalogue's top 50 models. The engine's share
   (compare.build_comparison alone) is shown beside it. Target: median under 2 ms.
2. HTTP throughput on one uvicorn worker over loopback, measured with wrk: the comparison route
   against a trivial route on the same server and middleware, and the same comparison served by
   a sync ``def`` route (run in the thread pool) for the async-vs-sync choice. Target: the
   comparison route at least half the trivial route's requests/s.
3. Static export of the bundled catalogue (every model, vendor and provider page, the 1,225
   pairs among the top 50, JSON twins, charts): pages per second on all cores. Target: 500/s.
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


def render_times(catalog: Catalog, pairs: list[tuple[str, str]]) -> tuple[list[float], list[float]]:
    """Seconds per page (context + template) and per engine call, each pair once."""
    from llmref import compare
    from llmref.web import decisions
    from llmref.web.app import create_app
    from llmref.web.render import render_html

    state = create_app(lambda: catalog, today=lambda: AS_OF).state.site
    a, b = pairs[0]
    warm = state.env(f"/compare/{a}-vs-{b}")  # compile the templates once, as a server does
    render_html(state.templates, warm, decisions.compare_pair(warm, f"{a}-vs-{b}"))
    pages, engine = [], []
    for a, b in pairs:
        slug = f"{a}-vs-{b}"
        start = time.perf_counter()
        env = state.env(f"/compare/{slug}")
        render_html(state.templates, env, decisions.compare_pair(env, slug))
        middle = time.perf_counter()
        compare.build_comparison(catalog, catalog.models[a], catalog.models[b], as_of=AS_OF)
        pages.append(middle - start)
        engine.append(time.perf_counter() - middle)
    return pages, engine


def bench_render(bundled: Catalog) -> None:
    from llmref.web.app import create_app
    from llmref.web.sitemap import top_pairs

    print("\n1. Comparison page, in-process render (context + template), cold, per pair")
    reference = load_catalog_dir(REFERENCE)
    pages, engine = render_times(reference, [("gpt-4o-mini", "step-3.5-flash")] * 200)
    _render_row("reference pair (x200)", pages, engine)
    env = create_app(lambda: bundled, today=lambda: AS_OF).state.site.env("/")
    pairs = top_pairs(env, 50)
    pages, engine = render_times(bundled, pairs)
    _render_row(f"bundled, top-50 pairs ({len(pairs)})", pages, engine)


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

    from llmref.web import decisions
    from llmref.web.app import create_app
    from llmref.web.render import html_response

    app = create_app()

    async def trivial(request: Request) -> Response:
        return PlainTextResponse("ok")

    def compare_sync(request: Request) -> Response:
        pair = str(request.path_params["pair"])
        return html_response(request, lambda env, r: decisions.compare_pair(env, pair))

    app.add_route("/_bench/trivial", trivial)
    app.add_route("/_bench/sync/compare/{pair}", compare_sync)
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
        ("comparison, response cache on (default)", cached, cached_sync),
        ("comparison, cache off (rendered each time)", fresh, fresh_sync),
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

    print("\n3. Static export of the bundled catalogue (top 50: 1,225 pairs)")
    with tempfile.TemporaryDirectory(prefix="llmref-export-") as tmp:
        store = Store(f"sqlite:///{tmp}/feed.db")
        report = build_site(Path(tmp) / "site", bundled, as_of=AS_OF, feed_store=lambda: store)
        store.dispose()
    cores = os.cpu_count() or 1
    row(
        f"pages/s ({report.pages:,} pages, {report.files:,} files)",
        f"{report.pages_per_second:,.0f} pages/s",
        f"target >= 500/s on {cores} cores ({report.seconds:.1f} s)",
        "ok" if report.pages_per_second >= 500 else "under target",
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
