"""The compiled-SQL cache (a second run reads the SQL, never compiling, and gets the same
report) and the catalogue's tier thresholds read without decoding every price."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from llmref.catalog import load_catalog_dir
from llmref.store import open_catalog
from llmref.usage import Source, UsageReport, build_report, engine, read, report, sqlcache
from llmref.usage.normalize import ABSENT_VALUES
from llmref.usage.report import catalogue_thresholds
from tests.conftest import CATALOGS
from tests.usage.claude_code_logs import write_claude_code_dir

CATALOG = CATALOGS / "usage"


def _report(log_dir: Path, **options: object) -> UsageReport:
    log = read([Source("claude-code", (str(log_dir),))])
    return build_report(load_catalog_dir(CATALOG), log, **options)  # type: ignore[arg-type]


def _compile_refused(expr: object) -> str:
    raise AssertionError("compiled although the SQL is cached")


def test_a_second_run_reads_the_cached_sql_and_gives_the_same_report(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_dir = write_claude_code_dir(tmp_path)
    options = {
        "alternatives": ["claude-haiku-4-5"],
        "routing": ("claude-haiku-4-5", "main", Decimal(1)),
    }
    first = _report(log_dir, **options)
    stored = sorted((isolated_home / "cache" / "usage-sql").glob("*.sql"))
    assert len(stored) >= 4  # cells, the tables, the priced cells and the routed traffic
    monkeypatch.setattr(engine, "_compile", _compile_refused)
    assert _report(log_dir, **options) == first
    # Another routing tag is another query: compiled, not read from the first one's SQL.
    with pytest.raises(AssertionError, match="compiled although"):
        _report(log_dir, routing=("claude-haiku-4-5", "subagent", Decimal(1)))


def test_a_stamp_or_key_change_misses_and_an_unwritable_cache_only_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlcache.put("duckdb", ("k", 1), "SELECT 1")
    assert sqlcache.get("duckdb", ("k", 1)) == "SELECT 1"
    assert sqlcache.get("duckdb", ("k", 2)) is None
    assert sqlcache.get("spark", ("k", 1)) is None
    sqlcache.stamp.cache_clear()
    monkeypatch.setattr(sqlcache, "_MODULES", (*sqlcache._MODULES, "load.py"))
    try:
        assert sqlcache.get("duckdb", ("k", 1)) is None  # other code: other SQL
    finally:
        sqlcache.stamp.cache_clear()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setattr(sqlcache, "cache_dir", lambda: blocked / "usage-sql")
    sqlcache.put("duckdb", ("k", 1), "SELECT 1")  # no error
    assert sqlcache.get("duckdb", ("k", 1)) is None
    found = _report(write_claude_code_dir(tmp_path))
    assert found.total.requests == 6


def test_the_bundled_catalogues_thresholds_without_decoding_every_price() -> None:
    catalog = open_catalog()
    fast = catalogue_thresholds(catalog)
    decoded = sorted(
        {t.above_input_tokens for o in catalog.offerings for p in o.prices for t in p.tiers}
    )
    assert fast == decoded
    assert 200_000 in fast  # Anthropic's and Google's long-context tier
    # Once decoded, the same answer from the decoded prices.
    report._LAST_THRESHOLDS.clear()
    assert catalogue_thresholds(catalog) == decoded


def test_the_cells_model_and_provider_pairs() -> None:
    import pyarrow as pa

    from llmref.usage.report import _pairs_of

    models = ["gpt-5", "claude-haiku-4-5", "gpt-5", None, "gpt-5", "claude-haiku-4-5"]
    providers = ["openai", "", "azure", "openai", "openai", ""]
    cells = pa.table({"model": pa.chunked_array([models[:2], models[2:]]), "provider": providers})
    assert _pairs_of(cells) == set(zip(models, providers, strict=True))
    assert len(_pairs_of(cells)) == 4


def test_a_cell_whose_rows_need_the_kind_split_is_summed_again_with_it() -> None:
    from llmref.usage import LOG_SCHEMA, Log, queries
    from llmref.usage.engine import DuckDBEngine
    from llmref.usage.prices import price_table
    from tests.genai_records import build_records
    from tests.usage.test_row_costs import _row, genai_catalog, log_table, row_costs

    # An offering without an output price: a request with no output tokens is priced, one
    # with output tokens is not; without the kind flags both are one cell, half priced.
    record = next(r for r in build_records() if not r.usage.batch)
    points = tuple(dataclasses.replace(p, output=None) for p in record.offering.prices)
    offering = dataclasses.replace(record.offering, prices=points)
    catalog, _ = genai_catalog([dataclasses.replace(record, offering=offering)])
    plain = _row(record) | {"output_tokens": 0}
    table = log_table([plain, plain | {"output_tokens": 5}])
    costs = row_costs(catalog, table)
    assert costs[0] is not None and costs[1] is None

    engine = DuckDBEngine()
    log = engine.table("usage_log", table.cast(LOG_SCHEMA))
    prices, _, _ = price_table(catalog, [(plain["model"], plain["provider"])])
    price_rows = engine.table("prices", prices)
    thresholds = catalogue_thresholds(catalog)
    unflagged = engine.table("c", engine.run(queries.cells(log, thresholds, flags=False)))
    cube = engine.run(queries.priced_cells(unflagged, price_rows, thresholds)).to_pylist()
    assert [c["mixed"] for c in cube] == [True]  # one cell, which needs the split

    found = build_report(catalog, Log.of_table(table))
    assert found.total.cost == costs[0]
    assert found.unpriced_rows == 1
    assert [(p.line, p.kind) for p in found.problems] == [(2, "unpriced")]


def test_columns_no_input_has_are_not_grouped_by_and_the_cells_are_the_same(
    tmp_path: Path,
) -> None:
    from llmref.usage import queries
    from llmref.usage.engine import DuckDBEngine, unbound
    from llmref.usage.load import LOG_VIEW
    from llmref.usage.schema import LOG_SCHEMA

    path = tmp_path / "log.csv"
    path.write_text(
        "timestamp,model,input_tokens,output_tokens\n"
        "2025-10-01T00:00:00Z,gpt-5,100,10\n"
        "2025-10-01T01:00:00Z,gpt-5,2000,20\n"
        "2025-10-01T02:00:00Z,gpt-5,300,30\n"
        "2025-10-02T00:00:00Z,gpt-5-mini,300,30\n",
        encoding="utf-8",
    )
    log = read([Source("files", (str(path),))])
    constants = dict(log.constants)
    # Every column the CSV lacks, with the value it reads as ("" for text, 0 for counts).
    absent = {k: v for k, v in ABSENT_VALUES.items() if k not in ("input_tokens", "output_tokens")}
    assert constants == absent
    assert (constants["tag"], constants["cached_input_tokens"]) == ("", 0)
    duck = DuckDBEngine(log.con)
    table = unbound(LOG_VIEW, LOG_SCHEMA)
    for flags in (False, True):
        plain = duck.run(queries.cells(table, [1000], flags))
        slim_expr = queries.cells(table, [1000], flags, constants)
        slim = duck.run(slim_expr)
        assert slim.schema == plain.schema
        assert sorted(map(str, slim.to_pylist())) == sorted(map(str, plain.to_pylist()))
        # Three cells: gpt-5 on the 1st below 1,000 input tokens (two rows) and above (one),
        # gpt-5-mini on the 2nd.
        assert sorted(slim.column("rows").to_pylist()) == [1, 1, 2]
        grouped = engine._compile(slim_expr).rsplit("GROUP BY", 1)[1]
        # Day, model and band, plus (with flags) has_input and has_output.
        assert grouped.count(",") + 1 == (5 if flags else 3)


def test_lines_summed_in_python_equal_the_querys(
    tmp_path: Path,
) -> None:
    from llmref.usage import queries
    from llmref.usage.engine import DuckDBEngine, unbound

    log = read([Source("claude-code", (str(write_claude_code_dir(tmp_path)),))])
    catalog = load_catalog_dir(CATALOG)
    got = build_report(catalog, log, top=1000)
    duck = DuckDBEngine(log.con)
    cube = _cube_on_its_own(duck, catalog)
    for name in ("model", "provider", "week", "month", "project", "session"):
        key = report.GROUPINGS[name]
        rows = duck.run(queries.summary(unbound("usage_cube", cube.schema), key)).to_pylist()
        expected = sorted((report._line(r, key) for r in rows), key=lambda ln: (-ln.cost, ln.key))
        lines = list(got.groups[name])
        if name in ("project", "session"):
            assert lines == expected
        else:
            assert lines == sorted(expected, key=lambda ln: ln.key)
    (total,) = duck.run(queries.summary(unbound("usage_cube", cube.schema), ())).to_pylist()
    assert got.total == report._line(total, ())


def _cube_on_its_own(duck: Any, catalog: Any) -> Any:
    """The cells and prices the last report priced (inside its tables' query), priced on their
    own and registered as ``usage_cube``."""
    from llmref.usage import queries
    from llmref.usage.engine import unbound

    cells, prices = (
        duck.con.sql(f"SELECT * FROM {n}").to_arrow_table() for n in ("usage_cells", "prices")
    )
    cube = duck.run(
        queries.priced_cells(
            unbound("usage_cells", cells.schema),
            unbound("prices", prices.schema),
            report.catalogue_thresholds(catalog),
        )
    )
    duck.register("usage_cube", cube)
    return cube


def test_the_alternatives_priced_from_the_tables_query_equal_the_cubes_band_sums(
    tmp_path: Path,
) -> None:
    # The report sums the alternatives' traffic in its tables' query; the what-ifs sum it from
    # the priced cells (queries.band_sums). Both give the same traffic and the same costs.
    from llmref.usage import whatif
    from llmref.usage.engine import DuckDBEngine, Registered

    log = read([Source("claude-code", (str(write_claude_code_dir(tmp_path)),))])
    catalog = load_catalog_dir(CATALOG)
    names = ["claude-haiku-4-5", "gpt-5-mini", "claude-sonnet-4-5"]
    got = build_report(catalog, log, alternatives=names)
    duck = DuckDBEngine(log.con)
    cube = _cube_on_its_own(duck, catalog)
    load = whatif.traffic(
        duck, Registered("usage_cube", cube.schema), catalogue_thresholds(catalog)
    )
    assert sum(b["requests"] for b in load.bands) == got.total.requests - sum(
        1 for p in got.problems if p.kind == "unpriced"
    )
    expected = whatif.alternatives_of(catalog, load, names, None, got.total.cost)
    assert len(got.alternatives) == 3
    assert got.alternatives == expected
