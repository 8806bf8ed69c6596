"""The committed leaderboard snapshots: checksums, licences, pins, and what they add to the real
catalogue. Runs in CI: a hand edit of a generated file fails here."""

from __future__ import annotations

import hashlib
import json
import tomllib

from llmref.benchmarks.load import load_benchmark_data
from llmref.catalog import bundled_data_dir, load_catalog_dir

BENCH_DIR = bundled_data_dir() / "benchmarks"


def test_manifest_checksums_match_the_committed_snapshots() -> None:
    lines = (BENCH_DIR / "MANIFEST.sha256").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == {p.name for p in BENCH_DIR.glob("*.jsonl")}
    for name, digest in listed.items():
        assert hashlib.sha256((BENCH_DIR / name).read_bytes()).hexdigest() == digest, name


def test_every_snapshot_is_generated_pinned_and_licensed() -> None:
    specs = tomllib.loads((BENCH_DIR / "datasets.toml").read_text())
    for path in BENCH_DIR.glob("*.jsonl"):
        header = json.loads(path.read_text().split("\n", 1)[0])
        spec = specs[path.stem]
        assert header["generated"].startswith("DO NOT EDIT"), path
        assert header["commit"] == spec["commit"], path
        assert header["license"] == spec["license"], path
        licence = bundled_data_dir() / spec["license_file"]
        assert licence.read_text().strip(), licence


def test_the_real_catalogue_has_dated_sourced_results_for_hundreds_of_models() -> None:
    catalog = load_catalog_dir()
    dated = {
        r.model_id
        for r in catalog.benchmarks
        if (r.measured or r.reviewed) and r.source in catalog.sources
    }
    assert len(dated) >= 250
    used = {r.benchmark for r in catalog.benchmarks}
    assert used <= set(catalog.benchmark_defs), used - set(catalog.benchmark_defs)


def test_the_two_index_figures_are_distinct_versions() -> None:
    catalog = load_catalog_dir()
    mini = {r.benchmark for r in catalog.benchmarks_of("gpt-4o-mini")}
    step = {r.benchmark for r in catalog.benchmarks_of("step-3.5-flash")}
    assert "aa-intelligence-index-2026-03" in mini
    assert "aa-intelligence-index-quoted" in step
    assert not {b for b in mini & step if catalog.benchmark(b).family == "intelligence-index"}
    assert catalog.benchmark("aa-intelligence-index-quoted").version == "unknown"


def test_skipped_rows_say_why() -> None:
    data = load_benchmark_data(bundled_data_dir())
    assert data.skipped
    assert all(s.reason for s in data.skipped)
