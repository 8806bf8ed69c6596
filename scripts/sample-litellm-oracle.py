#!/usr/bin/env python3
"""Write tests/fixtures/oracles/litellm-sample.json: a seeded random sample of LiteLLM's own
price map (the JSON inside the pinned litellm wheel, fetched by scripts/fetch-datasets.sh), for
the oracle test, which must run without network. Entries are copied verbatim.

Usage: python scripts/sample-litellm-oracle.py [DATASETS_DIR]   (default .cache/datasets)
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261127
SIZE = 400
MODES = {"chat", "completion", "responses"}


def main() -> None:
    raw = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".cache" / "datasets"
    source = raw / "litellm" / "model_prices_and_context_window_backup.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    declared = tomllib.loads((ROOT / "data" / "datasets.toml").read_text(encoding="utf-8"))
    priced = sorted(
        key
        for key, entry in data.items()
        if isinstance(entry, dict)
        and entry.get("mode") in MODES
        and isinstance(entry.get("input_cost_per_token"), int | float)
        and isinstance(entry.get("output_cost_per_token"), int | float)
        and entry.get("litellm_provider")
    )
    keys = sorted(random.Random(SEED).sample(priced, SIZE))
    out = ROOT / "tests" / "fixtures" / "oracles"
    out.mkdir(parents=True, exist_ok=True)
    body = {
        "source": f"litellm {declared['litellm']['version']} "
        "litellm/model_prices_and_context_window_backup.json (MIT, see LICENSE-litellm.txt)",
        "snapshot_date": str(declared["litellm"]["snapshot_date"]),
        "seed": SEED,
        "sampled_from": len(priced),
        "entries": {key: data[key] for key in keys},
    }
    (out / "litellm-sample.json").write_text(
        json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    shutil.copyfile(raw / "litellm" / "LICENSE", out / "LICENSE-litellm.txt")
    print(f"wrote {len(keys)} of {len(priced)} per-token entries to {out}")


if __name__ == "__main__":
    main()
