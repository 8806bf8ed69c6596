"""Render time of the pages people scan: the model page and the lists, before and after a change.

Each page is asked for in-process (Starlette's test client, the rendered-page cache off, so every
request builds its context and renders its template) over the bundled catalogue, on a fixed
date. With ``--before REF`` the same measurement runs on the source tree of git revision REF
(extracted to a temporary folder) and on the working tree, alternately, in one run: the machine
is shared, so the two sides see the same load; the load average is printed before each side.

Figures are the median over the pages of a kind of each page's fastest of `ROUNDS` renders
(the fastest is the one least disturbed by other work on the machine).

Run: .venv/bin/python bench/bench_pages.py [--before main]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 21)
ROUNDS = 5
TOP = 20
LISTS = (
    "/models",
    "/search?q=vision",
    "/search?q=gpt-4o-mini",
    "/providers",
    "/vendors",
    "/vendors/openai",
    "/providers/openrouter",
)


def measure() -> dict[str, float]:
    """Milliseconds per page kind: the model pages of the top models, and each list."""
    from starlette.testclient import TestClient

    from llmref.catalog import load_catalog_dir
    from llmref.web.app import create_app

    catalog = load_catalog_dir(ROOT / "data")
    app = create_app(lambda: catalog, today=lambda: AS_OF, cache_bytes=0)
    state = app.state.site
    top = list(state.derived(catalog).on(AS_OF).top_models[:TOP])
    client = TestClient(app)
    kinds = {"model page (top 20)": [f"/models/{m}" for m in top]}
    kinds.update({path: [path] for path in LISTS})
    out: dict[str, float] = {}
    for kind, paths in kinds.items():
        best = []
        for path in paths:
            fastest = float("inf")
            for _ in range(ROUNDS + 1):  # the first warms the route and its templates
                start = time.perf_counter()
                response = client.get(path)
                took = time.perf_counter() - start
                assert response.status_code == 200, (path, response.status_code)
                fastest = min(fastest, took)
            best.append(fastest)
        out[kind] = statistics.median(best) * 1e3
        out[kind + " bytes"] = float(len(client.get(paths[0]).content))
    return out


def _source_of(ref: str) -> Path:
    raw = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True
    ).stdout
    where = Path(tempfile.mkdtemp(prefix="llmref-before-"))
    with tarfile.open(fileobj=BytesIO(raw)) as tar:
        tar.extractall(where, filter="data")
    return where / "src"


def _side(src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "LLMREF_CATALOG_DIR": str(ROOT / "data")}
    out = subprocess.run(
        [sys.executable, __file__, "--measure"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(f"measuring {src} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure()))
        return
    ref = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    sides = {"after": ROOT / "src"}
    if ref is not None:
        sides = {f"before ({ref})": _source_of(ref), **sides}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(2):  # alternate, so both sides see the same load
        for name, src in sides.items():
            print(f"{name}: load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
            results[name].append(_side(src))
    kinds = [k for k in results["after"][0] if not k.endswith(" bytes")]
    print(f"{'page':<28}" + "".join(f"{name:>30}" for name in sides))
    for kind in kinds:
        cells = []
        for name in sides:
            ms = min(run[kind] for run in results[name])
            size = results[name][0][kind + " bytes"] / 1024
            cells.append(f"{ms:9.2f} ms {size:8.0f} KB")
        print(f"{kind:<28}" + "".join(f"{c:>30}" for c in cells))


if __name__ == "__main__":
    main()
