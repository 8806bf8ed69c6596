"""Foundation benchmarks: catalogue build, snapshot load, CLI start-up, cheapest-offering query."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import command_seconds, machine, median, row, timeit

from llmref.catalog import load_catalog_dir
from llmref.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    print(f"catalogue benchmarks on {machine()}")
    build = timeit(load_catalog_dir, repeat=5)
    catalog = load_catalog_dir()
    print(
        f"  catalogue: {len(catalog.models)} models, {len(catalog.offerings)} offerings, "
        f"{len(catalog.providers)} providers, {len(catalog.conflicts)} conflicts"
    )
    row(
        "build (read + validate + reconcile)",
        f"{median(build) * 1000:.0f} ms",
        "target 10 s (full import)",
    )

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        store.save_catalog(catalog)
        save = time.perf_counter() - t0
        load = timeit(store.load_catalog, repeat=5)
        row("store write (one transaction, SQLite)", f"{save * 1000:.0f} ms", "")
        row("snapshot load from SQLite", f"{median(load) * 1000:.0f} ms", "target 500 ms")
        store.dispose()

        env = {**os.environ, "LLMREF_HOME": tmp}
        cmd = [str(ROOT / ".venv/bin/llmref"), "show", "gpt-4o-mini"]
        samples = command_seconds(cmd, env)
        bare = []
        for _ in range(7):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
            bare.append(time.perf_counter() - t0)
        row(
            "`llmref show gpt-4o-mini` end to end",
            f"{median(samples) * 1000:.0f} ms",
            f"bare python {median(bare) * 1000:.0f} ms; target 500 ms",
        )

    def wants(offering, model) -> bool:  # type: ignore[no-untyped-def]
        return (
            model.capability("vision") is True and (model.value("context_window") or 0) >= 100_000
        )

    offerings = catalog.offerings

    def plain_min() -> object:
        best = None
        best_price = None
        for o in offerings:
            point = o.price_on(None)
            if not o.pay_per_token or point is None or point.input is None:
                continue
            if point.input == 0 and not point.output:  # a free tier is not a price
                continue
            if not wants(o, catalog.models[o.model_id]):
                continue
            if best_price is None or point.input < best_price:
                best, best_price = o, point.input
        return best

    assert plain_min() is catalog.cheapest_offering(wants) or (
        plain_min().price_on(None).input == catalog.cheapest_offering(wants).price_on(None).input  # type: ignore[union-attr]
    )
    ours = timeit(lambda: catalog.cheapest_offering(wants), repeat=7, number=2000)
    theirs = timeit(plain_min, repeat=7, number=50)
    row(
        f"cheapest vision offering, {len(offerings)} offerings",
        f"{median(ours) * 1e6:.1f} µs",
        f"plain min() scan {median(theirs) * 1e6:.0f} µs; target 100 µs",
    )


if __name__ == "__main__":
    main()
