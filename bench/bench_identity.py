"""Identity figures of a catalogue: models, the share without a vendor, and the duplicate
detector's candidate pairs left to rule on (`llmref duplicates`). The figures go in
bench/RESULTS.md.

Run: .venv/bin/python bench/bench_identity.py [DATA_DIR]   (default: the bundled data)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from llmref.catalog import bundled_data_dir, load_catalog_dir
from llmref.importers.duplicates import find_candidates
from llmref.importers.rulings import load_rulings


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_data_dir()
    catalog = load_catalog_dir(root)
    models = catalog.models.values()
    without = sum(1 for m in models if not m.vendor_id)
    rulings = load_rulings(root)
    started = time.perf_counter()
    candidates = find_candidates(catalog, rulings)
    took = time.perf_counter() - started
    print(
        f"{len(catalog.models):,} models; {without:,} without a vendor "
        f"({without / len(catalog.models):.1%}; target < 3%)"
    )
    print(
        f"duplicate candidates: {len(candidates):,} pairs left to rule on "
        f"({len(rulings.items)} rulings applied; detector ran in {took * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
