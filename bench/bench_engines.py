"""Engine benchmarks, each figure printed next to what it is compared with.

1. Single-request cost: llmref.pricing.request_cost against genai_prices.calc_price on the same
   (model, provider, usage, date) records, built from genai-prices' own bundled data
   (tests/genai_records.py). Target: at least 10x as many calls per second.
2. Comparison build + prose per pair (build_comparison attaches the generated text): median
   time per pair on the test catalogues, the bundled catalogue, and a synthetic catalogue of
   2,000 models. Target: under 1 ms median. Profile build time is shown alongside.

Run: .venv/bin/python bench/bench_engines.py   (or `make bench`)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import combinations, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.genai_records, the records the agreement test uses

from genai_prices import calc_price

from llmref.catalog import (
    Catalog,
    Fact,
    Model,
    Offering,
    PricePoint,
    Provider,
    Vendor,
    load_catalog_dir,
)
from llmref.compare import build_comparison
from llmref.pricing import request_cost
from llmref.profile import build_profile
from tests.genai_records import build_records

CATALOGS = ROOT / "tests" / "fixtures" / "catalogs"
REPEATS = 5


def _best_rate(func: Callable[[], int]) -> float:
    """Calls per second: the best of REPEATS runs (least disturbed by other processes)."""
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        calls = func()
        rates.append(calls / (time.perf_counter() - start))
    return max(rates)


def bench_request_cost() -> None:
    records = build_records()
    agreed = []
    for r in records:
        try:
            calc = calc_price(
                r.genai_usage,
                r.model_ref,
                provider_id=r.provider_id,
                genai_request_timestamp=r.timestamp,
                price_context=r.price_context,
            )
        except LookupError:
            continue
        if calc.model is r.model:
            agreed.append(r)

    def genai() -> int:
        for r in agreed:
            calc_price(
                r.genai_usage,
                r.model_ref,
                provider_id=r.provider_id,
                genai_request_timestamp=r.timestamp,
                price_context=r.price_context,
            )
        return len(agreed)

    def ours() -> int:
        for r in agreed:
            request_cost(r.offering, r.usage, r.day)
        return len(agreed)

    theirs_rate, our_rate = _best_rate(genai), _best_rate(ours)
    print(f"Single-request cost on {len(agreed):,} genai-prices records (best of {REPEATS} runs)")
    for name, rate in (
        ("genai_prices.calc_price", theirs_rate),
        ("llmref.pricing.request_cost", our_rate),
    ):
        print(f"  {name:<28}{rate:>12,.0f} calls/s  {1e6 / rate:7.2f} µs/call")
    print(f"  speed-up                    {our_rate / theirs_rate:>12.1f}x  (target ≥ 10x)")


def _synthetic(n_models: int) -> Catalog:
    """A catalogue of ``n_models`` models from 40 vendors on 12 providers, 3 offerings each."""
    day = date(2026, 1, 1)
    src = "https://bench.example/"
    vendors = [Vendor(f"v{i}", f"Vendor {i}", None, src, day) for i in range(40)]
    providers = [
        Provider(
            f"p{i}", f"Provider {i}", None, "inference", src, day, "https://p.example/v1", "openai"
        )
        for i in range(12)
    ]
    models, offerings = [], []
    for i in range(n_models):
        facts = {
            "context_window": Fact(32_000 * (1 + i % 8), src, day),
            "release_date": Fact(date(2024, 1 + i % 12, 1), src, day),
            "vision": Fact(i % 2 == 0, src, day),
            "reasoning": Fact(i % 3 == 0, src, day),
        }
        models.append(Model(f"m{i}", f"Model {i}", f"v{i % 40}", None, (), facts))
        for j in range(3):
            price = PricePoint(
                None,
                None,
                Decimal(i % 50 + 1) / 10,
                Decimal(i % 50 + 1) / 2 + j,
                None,
                None,
                None,
                None,
                None,
                (),
                src,
                day,
            )
            offerings.append(
                Offering(f"m{i}", f"p{(i + j) % 12}", None, True, (price,), {}, src, day)
            )
    return Catalog.create(
        version="bench",
        built=day,
        vendors=vendors,
        providers=providers,
        models=models,
        offerings=offerings,
        benchmarks=(),
        conflicts=(),
        sources=(),
    )


def _median_us(func: Callable[[], object], rounds: int = 3) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def bench_comparisons() -> None:
    catalogs: list[tuple[str, Catalog]] = [
        (name, load_catalog_dir(CATALOGS / name))
        for name in ("reference-pair", "missing-price", "variety")
    ]
    bundled = load_catalog_dir(None)
    if len(bundled.models) >= 2:
        catalogs.append(("bundled data/", bundled))
    catalogs.append(("synthetic, 2,000 models", _synthetic(2000)))
    print("\nComparison build + prose, per pair (median of pairs, each the median of 3 runs)")
    print(f"  {'catalogue':<26}{'pairs':>7}{'compare':>12}{'profile':>12}   target")
    for name, catalog in catalogs:
        ids = [m.id for m in catalog.models.values() if not m.is_snapshot]
        pairs = list(islice(combinations(ids, 2), 200))
        per_pair = [
            _median_us(lambda c=catalog, a=a, b=b: build_comparison(c, c.models[a], c.models[b]))
            for a, b in pairs
        ]
        per_model = [
            _median_us(lambda c=catalog, m=m: build_profile(c, c.models[m])) for m in ids[:50]
        ]
        print(
            f"  {name:<26}{len(pairs):>7}{statistics.median(per_pair) / 1000:>10.3f}ms"
            f"{statistics.median(per_model) / 1000:>10.3f}ms   compare < 1 ms"
        )


if __name__ == "__main__":
    bench_request_cost()
    bench_comparisons()
