"""The store on both backends: round trip, atomic replacement, migrations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from llmref.catalog import CatalogDataError, load_catalog_dir
from llmref.store import CatalogHolder, Store, open_catalog
from llmref.store.migrations import MIGRATIONS
from tests.conftest import CATALOGS

MINI = CATALOGS / "mini"


def test_round_trip_is_exact(store: Store) -> None:
    catalog = load_catalog_dir(MINI)
    store.save_catalog(catalog)
    loaded = store.load_catalog()
    assert loaded is not None
    assert loaded.version == catalog.version
    assert loaded.models == catalog.models
    assert loaded.offerings == catalog.offerings
    assert loaded.benchmarks == catalog.benchmarks
    assert loaded.conflicts == catalog.conflicts
    assert loaded.conflict_count == catalog.conflict_count == len(catalog.conflicts) > 0
    assert loaded.sources == catalog.sources
    assert loaded.providers == catalog.providers
    assert loaded.model("acme/rocket").id == "rocket"


def test_a_bad_directory_leaves_the_store_unchanged(store: Store, tmp_path: Path) -> None:
    good = load_catalog_dir(MINI)
    store.save_catalog(good)
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    (broken / "providers/acme/models/rocket.toml").write_text(
        'source = "https://a.example"\nreviewed = 2026-01-01\n[[prices]]\ninput = -3\n'
    )
    with pytest.raises(CatalogDataError, match=r"prices\.0\.input"):
        store.import_directory(broken)
    after = store.load_catalog()
    assert after is not None and after.version == good.version
    assert after.offerings == good.offerings


def test_a_failure_while_writing_rolls_back(store: Store) -> None:
    good = load_catalog_dir(MINI)
    store.save_catalog(good)

    def explode(_conn: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.save_catalog(good, before_commit=explode)
    after = store.load_catalog()
    assert after is not None and len(after.models) == len(good.models)


def test_migrations_are_recorded_and_run_once(store: Store) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert store.applied_migrations() == sorted(names)
    assert store.migrate() == []


def test_empty_store_has_no_catalogue(store: Store) -> None:
    assert store.load_catalog() is None


def test_open_catalog_builds_the_bundled_data_on_first_use(isolated_home: Path) -> None:
    catalog = open_catalog()
    assert (isolated_home / "llmref.db").exists()
    assert catalog.version == load_catalog_dir().version
    assert open_catalog().version == catalog.version


def test_the_first_build_reports_each_step_and_a_current_store_none(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'progress.db'}"
    heard: list[tuple[str, int, int]] = []
    built = open_catalog(url, MINI, progress=lambda *step: heard.append(step))
    assert heard == [
        ("reading the data files", 0, 3),
        ("reconciling the sources", 1, 3),
        ("writing the store", 2, 3),
        ("done", 3, 3),
    ]
    heard.clear()
    assert open_catalog(url, MINI, progress=lambda *step: heard.append(step)).version == (
        built.version
    )
    assert heard == []


def test_holder_swaps_snapshots_atomically() -> None:
    first = load_catalog_dir(MINI)
    calls = []

    def loader() -> object:
        calls.append(1)
        return first

    holder = CatalogHolder(loader)  # type: ignore[arg-type]
    assert holder.current is first
    assert holder.current is first
    assert len(calls) == 1
    other = load_catalog_dir()
    holder.swap(other)
    assert holder.current is other
