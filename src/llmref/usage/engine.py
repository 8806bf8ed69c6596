"""Where the queries run. The analysis is Ibis expressions over unbound tables
(:mod:`llmref.usage.queries`); an engine registers Arrow data under a table name and runs an
expression by compiling it to its own SQL dialect. DuckDB is the default; Spark runs the same
expressions when the logs outgrow one machine.

The report asks for a query by key (:meth:`DuckDBEngine.query`): DuckDB reads its SQL from the
compiled-SQL cache (:mod:`llmref.usage.sqlcache`) and only builds and compiles the expression
(importing Ibis) when the key is new, so a command-line run does not pay for loading Ibis.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import duckdb
import pyarrow as pa

from llmref.usage import sqlcache

if TYPE_CHECKING:
    import ibis.expr.types as ir


class Engine(Protocol):
    def table(self, name: str, data: pa.Table) -> ir.Table:
        """``data`` under ``name``, as an Ibis table the queries can use."""
        ...

    def register(self, name: str, data: pa.Table) -> None:
        """``data`` under ``name`` (for a query built later over :func:`unbound` tables)."""
        ...

    def run(self, expr: ir.Expr) -> pa.Table:
        """The result of ``expr`` as Arrow."""
        ...

    def query(self, key: Hashable, build: Callable[[], ir.Expr]) -> pa.Table:
        """The result of the expression ``build()`` makes, ``key`` naming everything it depends
        on (the same key always builds the same expression)."""
        ...


def unbound(name: str, schema: pa.Schema) -> ir.Table:
    """An Ibis table named ``name`` with the columns of ``schema`` (nothing read)."""
    import ibis

    return ibis.table(ibis.Schema.from_pyarrow(schema), name=name)


def schema_key(data: pa.Table | pa.Schema) -> str:
    """A table's columns and types, as part of a query's key."""
    schema = data.schema if isinstance(data, pa.Table) else data
    return ",".join(f"{f.name}:{f.type}" for f in schema)


@dataclass(frozen=True)
class Registered:
    """A table registered on an engine: :meth:`expr` is it as an Ibis table, :attr:`key` names
    it in a query's key."""

    name: str
    schema: pa.Schema

    @classmethod
    def of(cls, engine: Engine, name: str, data: pa.Table) -> Registered:
        engine.register(name, data)
        return cls(name, data.schema)

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, schema_key(self.schema))

    def expr(self) -> ir.Table:
        return unbound(self.name, self.schema)


class DuckDBEngine:
    """In-process DuckDB: Arrow tables are scanned in place (no copy), all cores used."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.con = con if con is not None else duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET enable_progress_bar = false")

    def register(self, name: str, data: pa.Table) -> None:
        self.con.register(name, data)

    def table(self, name: str, data: pa.Table) -> ir.Table:
        self.register(name, data)
        return unbound(name, data.schema)

    def view(self, name: str, schema: pa.Schema) -> ir.Table:
        """A view or table already on this connection (read in place, never copied)."""
        return unbound(name, schema)

    def run(self, expr: ir.Expr) -> pa.Table:
        return self.con.sql(_compile(expr)).to_arrow_table()

    def query(self, key: Hashable, build: Callable[[], ir.Expr]) -> pa.Table:
        sql = sqlcache.get("duckdb", key)
        if sql is None:
            sql = _compile(build())
            sqlcache.put("duckdb", key, sql)
        return self.con.sql(sql).to_arrow_table()


def _compile(expr: ir.Expr) -> str:
    import ibis

    return str(ibis.to_sql(expr, dialect="duckdb"))


class SparkEngine:
    """A Spark session (local or a cluster): tables become temporary views."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def register(self, name: str, data: pa.Table) -> None:
        self.session.createDataFrame(data).createOrReplaceTempView(name)

    def table(self, name: str, data: pa.Table) -> ir.Table:
        self.register(name, data)
        return unbound(name, data.schema)

    def run(self, expr: ir.Expr) -> pa.Table:
        import ibis

        result: pa.Table = self.session.sql(ibis.to_sql(expr, dialect="pyspark")).toArrow()
        return result

    def query(self, key: Hashable, build: Callable[[], ir.Expr]) -> pa.Table:
        return self.run(build())
