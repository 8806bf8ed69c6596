"""Oracle agreement through the whole import path (tests/oracles.py): prints, per oracle, how
many sampled records agree exactly with it, how many differ by a conflict the catalogue lists,
and the mismatches by cause. The figures go in bench/RESULTS.md.

Run: .venv/bin/python bench/bench_oracles.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.oracles, the harness the oracle tests use

from tests.oracles import ORACLES


def main() -> None:
    for title, oracle in ORACLES.items():
        print(oracle().report(title))


if __name__ == "__main__":
    main()
