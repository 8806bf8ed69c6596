"""Where the queries run. The analysis is Ibis expressions over unbound tables
(:mod:`llmref.usage.queries`); an engine registers Arrow data under a table name and runs an
expression by compiling it to its own SQL dialect. DuckDB is the default; Spark runs the same
expressions when the logs outgrow one machine.
"""

from __future__ import annotations

from typing import Any, Protocol

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa


class Engine(Protocol):
    def table(self, name: str, data: pa.Table) -> ir.Table:
        """``data`` under ``name``, as an Ibis table the queries can use."""
        ...

    def run(self, expr: ir.Expr) -> pa.Table:
        """The result of ``expr`` as Arrow."""
        ...


def _unbound(name: str, data: pa.Table) -> ir.Table:
    return ibis.table(ibis.Schema.from_pyarrow(data.schema), name=name)


class DuckDBEngine:
    """In-process DuckDB: Arrow tables are scanned in place (no copy), all cores used."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.con = con if con is not None else duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")

    def table(self, name: str, data: pa.Table) -> ir.Table:
        self.con.register(name, data)
        return _unbound(name, data)

    def view(self, name: str, schema: pa.Schema) -> ir.Table:
        """A view or table already on this connection (read in place, never copied)."""
        return ibis.table(ibis.Schema.from_pyarrow(schema), name=name)

    def run(self, expr: ir.Expr) -> pa.Table:
        return self.con.sql(ibis.to_sql(expr, dialect="duckdb")).to_arrow_table()


class SparkEngine:
    """A Spark session (local or a cluster): tables become temporary views."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def table(self, name: str, data: pa.Table) -> ir.Table:
        self.session.createDataFrame(data).createOrReplaceTempView(name)
        return _unbound(name, data)

    def run(self, expr: ir.Expr) -> pa.Table:
        result: pa.Table = self.session.sql(ibis.to_sql(expr, dialect="pyspark")).toArrow()
        return result
