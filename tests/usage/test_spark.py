"""The same analysis on Spark: PySpark in local mode, started here, runs the very Ibis
expressions DuckDB runs, and gives identical per-row costs and totals."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from llmref.usage import priced_rows, queries
from llmref.usage.engine import DuckDBEngine, SparkEngine
from llmref.usage.normalize import ABSENT_VALUES
from llmref.usage.prices import price_table
from llmref.usage.report import catalogue_thresholds
from tests.genai_records import build_records
from tests.usage.test_row_costs import _row, genai_catalog, log_table


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("llmref-usage-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        # Exact decimals or an error, never a silently rounded figure.
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        .config("spark.sql.ansi.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


# py4j leaves its gateway sockets to the garbage collector.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_duckdb_and_spark_give_identical_results(spark: Any) -> None:
    catalog, records = genai_catalog(build_records())
    table = log_table([_row(r) for r in records[:1500]])
    models = table.column("model").to_pylist()
    prices, _, _ = price_table(
        catalog, zip(models, table.column("provider").to_pylist(), strict=True)
    )

    thresholds = catalogue_thresholds(catalog)
    assert len(thresholds) >= 2  # the records' tiers: more than one long-context threshold

    # Columns that hold the value an input without them would give on every row.
    constants = {
        name: value
        for name, value in ABSENT_VALUES.items()
        if set(table.column(name).to_pylist()) == {value}
    }
    assert {"session", "project", "requests"} <= set(constants)

    def results(engine: Any) -> tuple[Any, ...]:
        rows = priced_rows(engine, table, prices)
        per_row = engine.run(rows.select("line", "cost").order_by("line")).to_pylist()
        # The report's route: the log summed into cells, the cells priced.
        log = engine.table("usage_log", table)
        cells = engine.table("cells", engine.run(queries.cells(log, thresholds)))
        priced = queries.priced_cells(cells, engine.table("prices", prices), thresholds)
        cubed = engine.table("cube", engine.run(priced))
        grouped = engine.run(queries.summary(cubed, ("month", "model_id"))).to_pylist()
        grouped.sort(key=lambda r: (str(r["month"])[:10], r["model_id"] or ""))
        total = engine.run(queries.summary(cubed, ())).to_pylist()
        # The cells without the kind flags (the report's first try), priced the same way.
        unflagged_table = engine.run(queries.cells(log, thresholds, False))
        unflagged_rows = unflagged_table.to_pylist()
        unflagged = engine.table("cells2", unflagged_table)
        cube2 = engine.run(
            queries.priced_cells(unflagged, engine.table("prices", prices), thresholds)
        )
        first_try = sorted(
            (str(r["day"]), r["model"], r["provider"], r["band"], r["cost"], r["mixed"])
            for r in cube2.to_pylist()
        )
        # The report's one query for its tables (keys as text), and the cells of a log whose
        # constant columns are neither grouped by nor summed.
        groupings = (("day",), ("month",), ("model_id",), ("project", "session"), ())
        tables = sorted(
            (r["grouping"], r["key0"], r["key1"], r["key2"], r["rows"], r["cost"])
            for r in engine.run(queries.summaries(cubed, groupings, bands=True)).to_pylist()
        )
        slim = engine.run(queries.cells(log, thresholds, False, constants))

        def cell(r: dict[str, Any]) -> tuple[str, ...]:
            return tuple(str(r[k]) for k in ("day", "model", "provider", "tag", "band"))

        # (== compares a Decimal sum with an integer one: engines type a constant's sum apart.)
        same = sorted(slim.to_pylist(), key=cell) == sorted(unflagged_rows, key=cell)
        return per_row, grouped, total, first_try, tables, same

    duck, spark_results = results(DuckDBEngine()), results(SparkEngine(spark))
    assert spark_results[0] == duck[0]  # every row's cost, digit for digit
    assert sum(1 for r in duck[0] if r["cost"] is not None) >= 1450
    # date_trunc gives a midnight timestamp on one engine, a date on the other.
    for row in (*spark_results[1], *duck[1]):
        row["month"] = getattr(row["month"], "date", lambda m=row["month"]: m)()
    assert spark_results[1] == duck[1]
    assert spark_results[2] == duck[2]
    assert spark_results[3] == duck[3]
    assert spark_results[4] == duck[4]
    assert duck[5] and spark_results[5]
    # The one-query tables agree with the grouped summary: the months' costs, and the total.
    months = [r for r in duck[4] if r[0] == 1]
    assert sum(r[5] for r in months) == duck[2][0]["cost"]
    assert [r[5] for r in duck[4] if r[0] == 4] == [duck[2][0]["cost"]]
    # The traffic by band and batch (the alternatives' input): the priced cost, flags as text.
    band_rows = [r for r in duck[4] if r[0] == 5]  # (after the five groupings)
    assert {r[2] for r in band_rows} == {"true", "false"}
    assert len({r[1] for r in band_rows}) >= 2
    assert sum(r[5] for r in band_rows) == duck[2][0]["cost"]
    assert len(duck[3]) >= 100
    assert duck[2][0]["cost"] > Decimal(0)
    # ... and the cells' total is the sum of the per-row costs, digit for digit.
    assert duck[2][0]["cost"] == sum(r["cost"] for r in duck[0] if r["cost"] is not None)
