"""Benchmark datasets and the chart: regenerating the snapshots from pinned commits (when local
clones are given), reading and resolving them, what they add to a catalogue build, and the
chart's layout + SVG render (cold, no cache), for the default version and for every version the
static export writes.

The regeneration is timed only with ``LLMREF_BENCHMARKS_GIT="name=GITDIR ..."`` (the variable
``scripts/fetch-benchmarks.sh`` takes): it reads git, so it needs the clones, not the network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, median, p99, row, timeit

from llmref.benchmarks import engine
from llmref.benchmarks.load import load_benchmark_data
from llmref.benchmarks.resolve import alias_index, resolve
from llmref.catalog import bundled_data_dir, load_catalog_dir
from llmref.web.chart import ChartLayout, ChartPoint
from llmref.web.precomputed import DatedView


def main() -> None:
    print(f"benchmark-dataset and chart benchmarks on {machine()}")
    root = bundled_data_dir()
    clones = os.environ.get("LLMREF_BENCHMARKS_GIT", "").split()
    if clones:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "data"
            shutil.copytree(root / "benchmarks", target / "benchmarks")
            args = [a for pair in clones for a in ("--git", pair)]
            command = [sys.executable, "-m", "llmref.benchmarks.generate", *args, str(target)]
            began = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            took = time.perf_counter() - began
            same = all(
                (target / "benchmarks" / p.name).read_bytes() == p.read_bytes()
                for p in (root / "benchmarks").glob("*.jsonl")
            )
        row(
            f"regenerate {len(clones)} snapshots from local clones (one run)",
            f"{took * 1000:.0f} ms",
            "byte-identical to the committed files" if same else "DIFFERS from the committed files",
        )
    else:
        print("  (regeneration not timed: set LLMREF_BENCHMARKS_GIT to local clones)")
    data = load_benchmark_data(root)
    read = timeit(lambda: load_benchmark_data(root), repeat=7)
    row(
        f"read + validate {len(data.rows)} leaderboard rows",
        f"{median(read) * 1000:.1f} ms",
        "",
    )
    catalog = load_catalog_dir()
    index = alias_index(catalog.models)
    matched, missing = resolve(data.rows, catalog.models, index, data.definitions)
    res = timeit(
        lambda: resolve(data.rows, catalog.models, alias_index(catalog.models), data.definitions)
    )
    row(
        f"resolve names ({len(matched)} matched, {len(missing)} not)",
        f"{median(res) * 1000:.1f} ms",
        "",
    )
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "data"
        shutil.copytree(root, bare, ignore=shutil.ignore_patterns("benchmarks"))
        without = timeit(lambda: load_catalog_dir(bare), repeat=3)
    full = timeit(load_catalog_dir, repeat=3)
    added = (median(full) - median(without)) * 1000
    row(
        "catalogue build with data/benchmarks",
        f"{median(full) * 1000:.0f} ms",
        f"without it {median(without) * 1000:.0f} ms ({added:+.0f} ms)",
    )

    from datetime import date

    view = DatedView(catalog, catalog.built if catalog.built > date(2026, 1, 1) else date.today())
    bench_id = view.default_benchmark or ""
    rows = view.chart_rows(bench_id)
    points = [
        ChartPoint(s.id, s.name, s.typical_request_cost or Decimal(1), r.value) for s, r in rows
    ]
    lower = catalog.benchmark(bench_id).direction == "lower"
    real = timeit(lambda: ChartLayout(points, lower_is_better=lower).svg(title="t"), repeat=20)
    row(
        f"chart layout + SVG, {len(points)} real points",
        f"{median(real) * 1000:.2f} ms",
        f"p99 {p99(real) * 1000:.2f} ms",
    )
    synthetic = [
        ChartPoint(
            f"m{i}",
            f"model-{i}-preview",
            (Decimal(10) ** Decimal(-4 + (i * 37 % 100) / 33)).quantize(Decimal("0.000001")),
            Decimal(20 + i * 53 % 61),
        )
        for i in range(500)
    ]
    big = timeit(lambda: ChartLayout(synthetic).svg(title="t"), repeat=7)
    row("chart layout + SVG, 500 synthetic points", f"{median(big) * 1000:.2f} ms", "")
    from llmref.web.chart_page import EXPORT_MIN_POINTS

    exported = [b for b, n in view.chart_benchmarks if n >= EXPORT_MIN_POINTS]

    def every_chart() -> None:
        for bench in exported:
            pts = [
                ChartPoint(s.id, s.name, s.typical_request_cost or Decimal(1), r.value)
                for s, r in view.chart_rows(bench)
            ]
            low = catalog.benchmark(bench).direction == "lower"
            ChartLayout(pts, lower_is_better=low).svg(title="t")

    each = timeit(every_chart, repeat=3)
    row(
        f"all {len(exported)} exported charts (>= {EXPORT_MIN_POINTS} points), rows + layout + SVG",
        f"{median(each) * 1000:.0f} ms",
        "",
    )
    cover = timeit(lambda: engine.coverage(catalog), repeat=7)
    row("coverage of every benchmark version", f"{median(cover) * 1000:.2f} ms", "")


if __name__ == "__main__":
    main()
