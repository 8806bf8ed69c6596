"""data/benchmarks: definitions, declared leaderboards, snapshots, and their resolution."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.benchmarks.load import load_benchmark_data
from llmref.benchmarks.resolve import alias_index, resolve
from llmref.catalog import CatalogDataError, load_catalog_dir
from tests.conftest import CATALOGS

BENCH = CATALOGS / "bench"


def test_definitions_datasets_and_rows_are_read() -> None:
    data = load_benchmark_data(BENCH)
    assert sorted(data.definitions) == ["mmlu", "toy-board", "toy-errors"]
    assert data.definitions["toy-errors"].direction == "lower"
    assert [r.line.model_name for r in data.rows] == [
        "Rocket (high)",
        "Mystery-9000",
        "ROCKET_LATEST",
    ]
    assert [(s.record, s.reason) for s in data.skipped] == [
        ("board.yml#4", "two models in one run (architect)")
    ]
    (source,) = data.sources.values()
    assert source.id == "dataset:toyset@0123456789ab"
    assert source.license == "MIT"
    assert source.version == "0123456789ab (2026-02-01)"


def test_names_resolve_through_the_alias_index_and_unmatched_are_reported() -> None:
    catalog = load_catalog_dir(BENCH)
    data = load_benchmark_data(BENCH)
    results, unmatched = resolve(
        data.rows, catalog.models, alias_index(catalog.models), data.definitions
    )
    # the dated snapshot's result is filed under its family, with the leaderboard's own name kept
    assert [(r.model_id, r.benchmark, r.value) for r in results] == [
        ("rocket", "toy-board", Decimal("71.5")),
        ("rocket", "toy-errors", Decimal("4.2")),  # "ROCKET_LATEST" -> alias rocket-latest
    ]
    assert results[0].model_name == "Rocket (high)"
    assert results[0].settings == "reasoning effort high"
    assert results[0].self_reported is False
    assert results[0].source == "dataset:toyset@0123456789ab"
    assert [(u.model_name, u.record) for u in unmatched] == [("Mystery-9000", "board.yml#2")]


def test_the_catalogue_holds_versions_and_leaderboard_results() -> None:
    catalog = load_catalog_dir(BENCH)
    assert catalog.benchmark("toy-board").title == "Toy board (v2)"
    assert {r.benchmark for r in catalog.benchmarks_of("rocket")} >= {"toy-board", "toy-errors"}
    assert [r.model_id for r in catalog.results_on("toy-board")] == ["rocket"]
    assert "dataset:toyset@0123456789ab" in catalog.sources
    # an id nobody defined gets a stand-in named by the id, claiming no version
    assert catalog.benchmark("nowhere").title == "nowhere"


def test_an_undefined_benchmark_in_a_snapshot_names_the_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BENCH, data)
    path = data / "benchmarks" / "toyset.jsonl"
    path.write_text(path.read_text().replace('"toy-errors"', '"toy-typo"'))
    with pytest.raises(CatalogDataError, match=r"board\.yml#3: field 'benchmark': 'toy-typo'"):
        load_catalog_dir(data)


def test_a_snapshot_of_another_commit_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BENCH, data)
    path = data / "datasets.toml"
    spec = data / "benchmarks" / "datasets.toml"
    spec.write_text(spec.read_text().replace("0123456789abcdef0123", "fedcba9876543210fedc"))
    assert not path.exists()
    with pytest.raises(CatalogDataError, match="is not the pinned"):
        load_catalog_dir(data)


def test_a_bad_definition_names_the_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BENCH, data)
    defs = data / "benchmarks" / "benchmarks.toml"
    defs.write_text(defs.read_text().replace('direction = "lower"', 'direction = "sideways"'))
    with pytest.raises(CatalogDataError, match=r"benchmark toy-errors\): field 'direction'"):
        load_catalog_dir(data)
