"""Benchmark versions and the new result fields survive the store on both backends, and an
older store gains them through migration m003 without losing its rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, insert, inspect

from llmref.catalog import load_catalog_dir
from llmref.store import Store, tables
from llmref.store.migrations import MIGRATIONS
from tests.conftest import CATALOGS

BENCH = CATALOGS / "bench"


def test_benchmark_versions_and_result_fields_round_trip(store: Store) -> None:
    catalog = load_catalog_dir(BENCH)
    store.save_catalog(catalog)
    loaded = store.load_catalog()
    assert loaded is not None
    assert loaded.benchmarks == catalog.benchmarks
    assert loaded.benchmark_defs == catalog.benchmark_defs
    (board,) = loaded.results_on("toy-board")
    assert (board.measured_by, board.settings, board.self_reported, board.model_name) == (
        "Toy Labs",
        "reasoning effort high",
        False,
        "Rocket (high)",
    )
    assert loaded.benchmark("toy-errors").direction == "lower"


def test_m003_adds_the_columns_to_a_store_made_before_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        # the store as m001/m002 left it: benchmarks without the four new columns
        conn.exec_driver_sql(
            "CREATE TABLE benchmarks (id INTEGER PRIMARY KEY, model VARCHAR(200) NOT NULL, "
            "benchmark VARCHAR(200) NOT NULL, value VARCHAR(60) NOT NULL, unit VARCHAR(20) "
            "NOT NULL, measured DATE, provider VARCHAR(200), note TEXT, record TEXT, "
            "source VARCHAR(2000) NOT NULL, reviewed DATE NOT NULL)"
        )
        conn.exec_driver_sql(
            "INSERT INTO benchmarks (model, benchmark, value, unit, source, reviewed) "
            "VALUES ('rocket', 'mmlu', '70', '%', 'https://x.example', '2026-01-01')"
        )
        tables.migrations.create(conn)
        for name, _ in MIGRATIONS[:2]:
            conn.execute(insert(tables.migrations).values(name=name, applied="2026-01-01"))
    engine.dispose()
    store = Store(url)
    assert "m003_benchmark_versions" in store.applied_migrations()
    columns = {c["name"] for c in inspect(store.engine).get_columns("benchmarks")}
    assert {"measured_by", "settings", "self_reported", "model_name"} <= columns
    assert inspect(store.engine).has_table("benchmark_defs")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM benchmarks").scalar() == 1
    store.dispose()
