"""A Claude Code log folder (tests/usage/claude_code_logs.py) priced by day and model, checked
against figures worked out by hand from the fixture catalogue's prices
(tests/fixtures/catalogs/usage)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.catalog import load_catalog_dir
from llmref.usage import Source, UsageInputError, build_report, read
from llmref.usage.schema import Problem
from tests.conftest import CATALOGS
from tests.usage.claude_code_logs import write_claude_code_dir

CATALOG = CATALOGS / "usage"

# By hand, per 1M tokens. Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write
# (5 min), $6 cache write (1 h); above 200K input tokens $6 / $22.50 / $0.60 / $7.50.
# Haiku 4.5: $1 / $5 / $0.10. Opus 4.1: $15 / $75 until 2025-11-01, $5 / $25 from then on.
MSG1 = Decimal("0.0183")  # 100×3 + 500×15 + 10,000×0.30 + 2,000×3.75 = 18,300 / 1M
MSG2 = Decimal("0.00115")  # 50×1 + 200×5 + 1,000×0.10 = 1,150 / 1M
MSG5 = Decimal("0.006")  # 1,000 × 6 (1-hour write) = 6,000 / 1M
MSG3 = Decimal("0.03")  # 1,000×5 + 1,000×25 = 30,000 / 1M (the November price)
MSG4 = Decimal("0.15231")  # 250,010 input > 200K: 10×6 + 100×22.50 + 250,000×0.60 = 152,310 / 1M
MSG6 = Decimal("0.0375")  # 2,000×15 + 100×75 = 37,500 / 1M (the October price)


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return write_claude_code_dir(tmp_path)


def _report(log_dir: Path, catalog_dir: Path = CATALOG):  # type: ignore[no-untyped-def]
    log = read([Source("claude-code", (str(log_dir),))])
    return log, build_report(load_catalog_dir(catalog_dir), log)


def test_per_day_and_per_model_totals_match_the_hand_computed_figures(log_dir: Path) -> None:
    log, report = _report(log_dir)
    assert log.table.num_rows == 6
    assert log.duplicates == 2  # msg_1 written twice in s1, msg_3 repeated in s3
    assert report.files == 4  # s1, s1's subagent, s2 and s3
    by_day = {line.key[0]: line.cost for line in report.groups["day"]}
    assert by_day == {
        "2025-10-15": MSG6,
        "2025-10-30": MSG1 + MSG2,  # 23:59:59Z is still the 30th in UTC
        "2025-10-31": MSG5,
        "2025-11-02": MSG3 + MSG4,
    }
    # Grouped by the catalogue model priced: a dated snapshot without an offering of its own
    # is priced on its family's.
    by_model = {line.key[0]: line.cost for line in report.groups["model"]}
    assert by_model == {
        "claude-sonnet-4-5": MSG1 + MSG5 + MSG4,
        "claude-haiku-4-5": MSG2,
        "claude-opus-4-1": MSG3 + MSG6,
    }
    # Weeks start on Monday: the 15th of October 2025 is a Wednesday, the 2nd of November a
    # Sunday (its week began on Monday the 27th of October).
    by_week = {line.key[0]: line.cost for line in report.groups["week"]}
    assert by_week == {"2025-10-13": MSG6, "2025-10-27": MSG1 + MSG2 + MSG5 + MSG3 + MSG4}
    by_month = {line.key[0]: line.cost for line in report.groups["month"]}
    assert by_month == {"2025-10-01": MSG6 + MSG1 + MSG2 + MSG5, "2025-11-01": MSG3 + MSG4}
    assert report.total.cost == Decimal("0.24526")  # the six figures above, summed
    assert report.total.requests == 6
    # Input counts cache reads and writes: 12,100 + 1,050 + 1,000 + 1,000 + 250,010 + 2,000.
    assert report.total.input_tokens == 267_160
    tags = {line.key[0]: line.requests for line in report.groups["tag"]}
    assert tags == {"main": 5, "subagent": 1}
    projects = {line.key[0]: line.cost for line in report.groups["project"]}
    assert projects == {"-home-dev-tools": MSG3 + MSG4 + MSG6, "-home-dev-shop": MSG1 + MSG2 + MSG5}


def test_bad_lines_are_reported_with_file_and_line(log_dir: Path) -> None:
    _, report = _report(log_dir)
    truncated = [p for p in report.problems if p.field == "json"]
    assert len(truncated) == 1
    assert truncated[0].source.endswith("s2.jsonl")
    assert truncated[0].line == 5  # two prompt/assistant pairs, then the cut line
    assert report.invalid_rows == 1
    with pytest.raises(UsageInputError, match=r"s2\.jsonl:5"):
        read([Source("claude-code", (str(log_dir),))], strict=True)


def test_a_closed_period_keeps_its_total_when_a_newer_price_arrives(
    log_dir: Path, tmp_path: Path
) -> None:
    _, before = _report(log_dir)
    newer = tmp_path / "catalog"
    shutil.copytree(CATALOG, newer)
    price_file = newer / "providers" / "anthropic" / "models" / "claude-sonnet-4-5.toml"
    text = price_file.read_text(encoding="utf-8")
    # Close the current price on 2025-12-01 and add a cheaper one from then on.
    text = text.replace(
        "effective_from = 2025-09-29", "effective_from = 2025-09-29\neffective_to = 2025-12-01", 1
    )
    text += (
        "\n[[prices]]\neffective_from = 2025-12-01\ninput = 1.00\noutput = 5.00\n"
        "cache_read = 0.10\ncache_write = 1.25\n"
    )
    price_file.write_text(text, encoding="utf-8")
    _, after = _report(log_dir, newer)
    assert [(ln.key, ln.cost) for ln in after.groups["day"]] == [
        (ln.key, ln.cost) for ln in before.groups["day"]
    ]
    assert after.total.cost == before.total.cost
    # Repriced at the new price (--at-today), the same traffic costs less: the new price is
    # really in the catalogue, and only the dated pricing ignores it.
    log = read([Source("claude-code", (str(log_dir),))])
    from datetime import date

    today = build_report(load_catalog_dir(newer), log, as_of=date(2026, 1, 1))
    assert today.total.cost < before.total.cost


def _odd_file(projects: Path) -> Path:
    """Lines a real log rarely has: counts as text, fractions, negatives, objects; usage that is
    not an object; a message that is a string; blank lines, CRLF, arrays, ids missing."""
    usage = '"usage": {"input_tokens": %s, "cache_read_input_tokens": %s, "output_tokens": %s}'
    head = '{"type": "assistant", "timestamp": "2025-10-20T10:00:00Z", "requestId": "r%d", '
    body = '"message": {"id": "m%d", "model": "claude-haiku-4-5", %s}}'
    values = [("5", "7", "9"), ('"12"', "0", "3"), ("1.5", "0", "2"), ("-4", "10", "1")]
    values += [("{}", "0", "1"), ("null", "false", '""'), ("9223372036854775807", "1", "1")]
    lines = [head % (i,) + body % (i, usage % v) for i, v in enumerate(values)]
    lines += [
        "",
        head % (50,) + '"message": {"id": "m50", "model": "claude-haiku-4-5", "usage": 7}}',
        head % (51,) + '"message": "the \\"usage\\" was fine"}',
        '[1, 2, "usage"]',
        "   ",
        '{"type": "assistant", "message": {"model": "claude-haiku-4-5", "usage": {}}}\r',
        '{"type": "user", "message": {"content": "half a line',
        head % (52,) + body % (52, usage % ("1", "2", "3")),
    ]
    path = projects / "-home-dev-odd" / "odd.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(raw: object, con: object = None) -> list[tuple[str, ...]]:
    import duckdb
    import pyarrow as pa

    if isinstance(raw, str):
        assert isinstance(con, duckdb.DuckDBPyConnection)
        raw = con.sql(raw).to_arrow_table()
    assert isinstance(raw, pa.Table)
    names = sorted(raw.column_names)
    return sorted(tuple(str(r[n]) for n in names) for r in raw.to_pylist())


def test_the_duckdb_reader_gives_the_python_readers_rows_and_problems(log_dir: Path) -> None:
    _odd_file(log_dir)
    rows, where, repeats = _both_readers(log_dir)
    assert repeats == 2
    assert len(rows) == 6 + 7 + 2  # the fixture's, the odd file's counts, the ids-less
    assert [w[1] for w in where if w[0].endswith("odd.jsonl")] == ["14"]  # the half line


def test_a_file_that_is_not_utf8_is_read_by_python_and_its_bad_line_reported(
    log_dir: Path,
) -> None:
    bad = log_dir / "-home-dev-shop" / "latin1.jsonl"
    bad.write_bytes(b'{"type": "user"}\n{"type": "assistant", "message": {"usage": "caf\xe9"}}\n')
    _, report = _report(log_dir)
    assert [(p.line, p.field) for p in report.problems if p.source == str(bad)] == [(2, "json")]
    assert report.total.requests == 6  # the rest of the folder is still read and priced


def _both_readers(log_dir: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], int]:
    """The rows, the problems' places and the repeats skipped, the same from the DuckDB and
    the Python reader (asserted)."""
    from llmref.usage.inputs.claude_code import read_claude_code
    from llmref.usage.load import connect

    con = connect()
    fast: list[Problem] = []
    query, fast_dupes = read_claude_code(log_dir, fast, con=con)
    assert isinstance(query, str)  # DuckDB read it
    slow: list[Problem] = []
    table, slow_dupes = read_claude_code(log_dir, slow)
    assert fast_dupes == slow_dupes
    assert _rows(query, con) == _rows(table)
    where = sorted((p.source, str(p.line), p.field) for p in fast)
    assert where == sorted((p.source, str(p.line), p.field) for p in slow)
    return _rows(table), where, fast_dupes


def test_a_clean_folder_is_read_in_one_typed_pass_with_the_python_readers_rows(
    log_dir: Path,
) -> None:
    import duckdb

    from llmref.usage.inputs.claude_code import _files
    from llmref.usage.inputs.claude_code_sql import _read_lines

    files = _files(log_dir)
    con = duckdb.connect()
    assert _read_lines(con, files, "t", "hash(x.filename)")  # typed counts, no second pass
    # ... and insertion order is left as it was.
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    rows, where, _ = _both_readers(log_dir)
    assert len(rows) == 6
    # The truncated line keeps its file and line number.
    assert [(Path(w[0]).name, w[1]) for w in where] == [("s2.jsonl", "5")]


def test_a_line_that_is_not_json_sends_the_folder_to_the_guarded_pass(log_dir: Path) -> None:
    import duckdb

    from llmref.usage.inputs.claude_code import _files
    from llmref.usage.inputs.claude_code_sql import _read_lines

    broken = log_dir / "-home-dev-shop" / "broken.jsonl"
    good = '{"type": "user", "message": {"content": "hi"}}'
    broken.write_text(good + "\n\n" + '{"type": "assistant", "usage": {"in\n' + good + "\n")
    assert _read_lines(duckdb.connect(), _files(log_dir), "t", "hash(x.filename)")
    rows, where, _ = _both_readers(log_dir)
    assert len(rows) == 6  # the rest of the folder is read
    assert (str(broken), "3", "json") in where
