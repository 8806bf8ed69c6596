"""The compiled-SQL cache (a second run reads the SQL, never compiling, and gets the same
report) and the catalogue's tier thresholds read without decoding every price."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from llmref.catalog import load_catalog_dir
from llmref.store import open_catalog
from llmref.usage import Source, UsageReport, build_report, engine, read, report, sqlcache
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
    assert len(stored) >= 12  # cells, priced cells, ten summaries, band sums...
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
