"""The other inputs, each from a fixture written here: Codex session logs, provider exports
(OpenRouter's cost kept and compared, OpenAI's aggregated buckets), Parquet in hive folders, and
mixed JSONL schemas with --map."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from llmref.catalog import load_catalog_dir
from llmref.usage import Source, UsageInputError, build_report, read
from llmref.usage.normalize import checked_view
from tests.conftest import CATALOGS

CATALOG = load_catalog_dir(CATALOGS / "usage")


def _lines(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _token_count(ts: str, last: dict[str, int], total: dict[str, int]) -> dict[str, object]:
    return {
        "timestamp": ts,
        "type": "event_msg",
        "payload": {
            "type": "token_count",
            "info": {
                "total_token_usage": total,
                "last_token_usage": last,
                "model_context_window": 272000,
            },
            "rate_limits": {"primary": {"used_percent": 7.0}},
        },
    }


def test_codex_sessions(tmp_path: Path) -> None:
    first = {
        "input_tokens": 10_000,
        "cached_input_tokens": 4_000,
        "output_tokens": 1_000,
        "reasoning_output_tokens": 600,
        "total_tokens": 11_000,
    }
    second = {
        "input_tokens": 20_000,
        "cached_input_tokens": 16_000,
        "output_tokens": 500,
        "reasoning_output_tokens": 0,
        "total_tokens": 20_500,
    }
    running = {k: first[k] + second[k] for k in first}
    _lines(
        tmp_path / "sessions" / "2025" / "10" / "03" / "rollout-a.jsonl",
        [
            {
                "timestamp": "2025-10-03T10:00:00Z",
                "type": "session_meta",
                "payload": {"id": "sess-a", "cwd": "/home/dev/shop", "model_provider": "openai"},
            },
            {
                "timestamp": "2025-10-03T10:00:01Z",
                "type": "turn_context",
                "payload": {"model": "gpt-5", "cwd": "/home/dev/shop"},
            },
            {
                "timestamp": "2025-10-03T10:00:02Z",
                "type": "event_msg",
                "payload": {"type": "token_count", "info": None},
            },
            _token_count("2025-10-03T10:00:05Z", first, first),
            # Rate limits changed, usage did not: the same totals again, counted once.
            _token_count("2025-10-03T10:00:06Z", first, first),
            _token_count("2025-10-03T10:01:00Z", second, running),
        ],
    )
    log = read([Source("codex", (str(tmp_path / "sessions"),))])
    report = build_report(CATALOG, log)
    assert log.duplicates == 1
    assert report.files == 1
    assert report.total.requests == 2
    # gpt-5 on OpenAI: $1.25 in, $0.125 cached, $10 out (reasoning is part of output).
    # 6,000×1.25 + 4,000×0.125 + 1,000×10 = 18,000; 4,000×1.25 + 16,000×0.125 + 500×10 = 12,000
    assert report.total.cost == Decimal("0.03")
    (project,) = report.groups["project"]
    assert project.key == ("shop",)


def test_openrouter_export_keeps_the_providers_cost(tmp_path: Path) -> None:
    path = tmp_path / "openrouter.csv"
    path.write_text(
        "generation_id,created_at,model_permaslug,provider_name,tokens_prompt,"
        "tokens_completion,tokens_reasoning,tokens_cached,cost_total,app_name\n"
        "gen-1,2025-10-05 12:00:00,openai/gpt-5-mini,OpenAI,100000,10000,0,0,0.046,bot\n"
        "gen-2,2025-10-05 13:00:00,openai/gpt-5-mini,Cloudy,100000,10000,0,0,0.03,bot\n",
        encoding="utf-8",
    )
    report = build_report(CATALOG, read([Source("openrouter", (str(path),))]))
    # OpenAI: 100,000 × $0.25 + 10,000 × $2 = $0.045; Cloudy: 100,000 × $0.20 + 10,000 × $1.60
    # = $0.036.
    assert report.total.cost == Decimal("0.081")
    assert report.total.provider_cost == Decimal("0.076")
    assert report.total.llmref_cost_where_provider_cost == Decimal("0.081")
    providers = {ln.key[0]: ln.cost for ln in report.groups["provider"]}
    assert providers == {"openai": Decimal("0.045"), "cloudy": Decimal("0.036")}


def test_openai_buckets_stand_for_many_requests(tmp_path: Path) -> None:
    path = tmp_path / "openai.jsonl"
    _lines(
        path,
        [
            {
                "start_time": 1759276800,
                "model": "gpt-5",
                "input_tokens": 3_000_000,
                "input_cached_tokens": 1_000_000,
                "output_tokens": 200_000,
                "num_model_requests": 1000,
                "batch": False,
                "project_id": "proj_1",
            },
        ],
    )
    report = build_report(CATALOG, read([Source("openai", (str(path),))]))
    assert report.total.requests == 1000
    assert report.groups["day"][0].key == ("2025-10-01",)  # 1759276800 = 2025-10-01 00:00 UTC
    # 2,000,000 × 1.25 + 1,000,000 × 0.125 + 200,000 × 10 = 4,625,000 / 1M
    assert report.total.cost == Decimal("4.625")


def test_hive_partitioned_parquet_and_mixed_jsonl(tmp_path: Path) -> None:
    for day, tokens in (("2025-10-01", 1_000_000), ("2025-10-02", 2_000_000)):
        folder = tmp_path / "logs" / f"day={day}"
        folder.mkdir(parents=True)
        duckdb.sql(
            f"COPY (SELECT TIMESTAMP '{day} 08:00:00' AS ts, 'gpt-5-mini' AS model, "
            f"{tokens}::BIGINT AS prompt_tokens, 0::BIGINT AS completion_tokens, "
            f"'search' AS feature) TO '{folder / 'part-0.parquet'}' (FORMAT parquet)"
        )
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        '{"when": "2025-10-03T00:00:00Z", "m": "gpt-5-mini", "u": {"in": 1000000}}\n'
        '{"when": "2025-10-03T00:00:01Z", "m": "gpt-5-mini", "u": {"in": "lots"}}\n'
        '{"when": "2025-10-03T00:00:02Z", "m": "gpt-5-mini", "u": {"in": 1000000, '
        '"out": 1000}, "extra": [1, 2]}\n'
        '{"when": "2025-10-03T00:00:03Z", "m": "gpt-5-mini", "u": {"in": 5\n',
        encoding="utf-8",
    )
    log = read(
        [
            Source("files", (str(tmp_path / "logs"),)),
            Source(
                "files",
                (str(mixed),),
                {"ts": "when", "model": "m", "input_tokens": "u.in", "output_tokens": "u.out"},
            ),
        ]
    )
    report = build_report(CATALOG, log)
    days = {ln.key[0]: ln.cost for ln in report.groups["day"]}
    # $0.25 per 1M input, $2 per 1M output on OpenAI.
    assert days == {
        "2025-10-01": Decimal("0.25"),
        "2025-10-02": Decimal("0.5"),
        "2025-10-03": Decimal("0.502"),
    }
    assert {ln.key[0] for ln in report.groups["tag"]} == {"search", ""}
    where = {(Path(p.source).name, p.line, p.field) for p in report.problems}
    assert ("mixed.jsonl", 2, "input_tokens") in where
    assert ("mixed.jsonl", 4, "json") in where
    assert report.invalid_rows == 2


def test_parquet_bad_rows_are_counted_by_the_reports_scan(tmp_path: Path) -> None:
    path = tmp_path / "log.parquet"
    duckdb.sql(
        "COPY (SELECT TIMESTAMP '2025-10-01 08:00:00' + to_seconds(i) AS ts, 'gpt-5-mini' AS model,"
        " CASE WHEN i = 2 THEN -5 ELSE 1000000 END::BIGINT AS input_tokens"
        f" FROM range(4) t(i)) TO '{path}' (FORMAT parquet)"
    )
    clean = tmp_path / "clean.csv"
    clean.write_text("ts,model,input_tokens\n2025-10-01T09:00:00Z,gpt-5-mini,1000000\n")
    log = read([Source("files", (str(path), str(clean)))])
    # Read without a scan of the Parquet file: its rows are checked by the report's one scan.
    assert log.pending and log.pending_rows == 4 and log.invalid_rows == 0
    report = build_report(CATALOG, log)
    assert report.invalid_rows == 1
    assert [(p.line, p.field) for p in report.problems] == [(3, "input_tokens")]
    assert report.total.requests == 4  # three Parquet rows and the CSV's
    assert report.total.cost == Decimal("1")  # 4M input tokens at $0.25 per 1M
    with pytest.raises(UsageInputError, match=r"log\.parquet:3: input_tokens"):
        read([Source("files", (str(path),))], strict=True)


def test_the_views_filter_keeps_exactly_the_rows_the_checks_pass(tmp_path: Path) -> None:
    # The view's filter is written apart from the checks' messages (so that DuckDB can skip what
    # the file's statistics prove): on typed Parquet columns both must say the same.
    path = tmp_path / "typed.parquet"
    duckdb.sql(
        "COPY (SELECT * FROM (VALUES"
        " (TIMESTAMP '2025-10-01 08:00:00', 'gpt-5-mini', 100, 10, 0),"
        " (NULL, 'gpt-5-mini', 100, 10, 0),"
        " (TIMESTAMP '2025-10-01 08:00:02', ' ', 100, 10, 0),"
        " (TIMESTAMP '2025-10-01 08:00:03', 'gpt-5-mini', -1, 10, 0),"
        " (TIMESTAMP '2025-10-01 08:00:04', 'gpt-5-mini', 200000000, 10, 0),"
        " (TIMESTAMP '2025-10-01 08:00:05', 'gpt-5-mini', NULL, NULL, NULL),"
        " (TIMESTAMP '2025-10-01 08:00:06', 'gpt-5-mini', 100, 10, 500),"
        " (TIMESTAMP '2025-10-01 08:00:07', 'gpt-5-mini', 100, -3, 0)"
        ") t(ts, model, input_tokens, output_tokens, cached_input_tokens))"
        f" TO '{path}' (FORMAT parquet)"
    )
    log = read([Source("files", (str(path),))])
    (view,) = log.pending
    kept = log.con.execute(f"SELECT line FROM {view} ORDER BY line").fetchall()
    passed = log.con.execute(
        f"SELECT __line FROM {checked_view(log.con, view)} WHERE __error IS NULL ORDER BY __line"
    ).fetchall()
    assert kept == passed == [(1,), (6,)]  # absent counts are 0; every other row breaks one


def test_the_cheap_trim_trims_exactly_what_duckdbs_trim_does() -> None:
    import duckdb

    from llmref.usage.normalize import _trim

    values = ["' x '", "chr(160) || 'x'", "'x' || chr(12288)", "''", "NULL", "'  '", "'a b'"]
    values += ["chr(9) || 'x'", "'é '", "'é'", "'gpt-5'", "' ' || chr(8239)"]
    for value in values:
        for dictionary in (False, True):
            same = duckdb.sql(
                f"SELECT {_trim(value, dictionary)} IS NOT DISTINCT FROM trim({value})"
            )
            assert same.fetchall() == [(True,)], value


def test_numbers_too_large_for_a_decimal_are_reported_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        "ts,model,input_tokens,output_tokens\n"
        "2025-10-01T08:00:00Z,gpt-5-mini,1e+32,10\n"
        "2025-10-01T08:00:01Z,gpt-5-mini,-1e+32,10\n"
        "2025-10-01T08:00:02Z,gpt-5-mini,nan,10\n"
        "2025-10-01T08:00:03Z,gpt-5-mini,many,10\n"
        "2025-10-01T08:00:04Z,gpt-5-mini,1000000,10\n"
    )
    report = build_report(CATALOG, read([Source("files", (str(path),))]))
    problems = {p.line: p.message for p in report.problems}
    assert problems[2].startswith("is more than") and "1e+32" in problems[2]
    assert problems[3] == "cannot be negative (got -1e+32)"
    assert problems[4] == "is not a number: nan"
    assert problems[5] == "is not a number: many"
    assert report.invalid_rows == 4 and report.total.requests == 1


def test_no_tag_is_one_value_whether_missing_null_or_blank(tmp_path: Path) -> None:
    # A tag left empty, NULL or blank in a CSV, NULL or blank in a dictionary-encoded Parquet
    # column, and a file without the column at all: every such row is one "no tag" line.
    csv = tmp_path / "a.csv"
    csv.write_text(
        "timestamp,model,input_tokens,tag,session\n"
        "2025-10-01T08:00:00Z,gpt-5-mini,1000000,search,s1\n"
        "2025-10-01T08:00:01Z,gpt-5-mini,1000000,,\n"
        '2025-10-01T08:00:02Z,gpt-5-mini,1000000,"  ", \n',
        encoding="utf-8",
    )
    parquet = tmp_path / "b.parquet"
    duckdb.sql(
        "COPY (SELECT * FROM (VALUES"
        " (TIMESTAMP '2025-10-01 09:00:00', 'gpt-5-mini', 1000000, 'search'),"
        " (TIMESTAMP '2025-10-01 09:00:01', 'gpt-5-mini', 1000000, NULL),"
        " (TIMESTAMP '2025-10-01 09:00:02', 'gpt-5-mini', 1000000, ' ')"
        ") t(ts, model, input_tokens, tag))"
        f" TO '{parquet}' (FORMAT parquet)"
    )
    bare = tmp_path / "c.jsonl"
    _lines(bare, [{"ts": "2025-10-01T10:00:00Z", "model": "gpt-5-mini", "input_tokens": 10**6}])
    log = read([Source("files", (str(csv), str(parquet), str(bare)))])
    text = log.con.execute(
        "SELECT count(*) FILTER (provider IS NULL OR tag IS NULL OR session IS NULL"
        " OR project IS NULL), count(*) FILTER (tag = ''), count(*) FROM usage_log"
    ).fetchall()
    assert text == [(0, 5, 7)]
    report = build_report(CATALOG, log)
    # $0.25 per 1M input tokens on OpenAI: two tagged rows, five without.
    tags = {ln.key: (ln.rows, ln.cost) for ln in report.groups["tag"]}
    assert tags == {("search",): (2, Decimal("0.5")), ("",): (5, Decimal("1.25"))}
    sessions = {ln.key: ln.rows for ln in report.groups["session"]}
    assert sessions == {("", "s1"): 1, ("", ""): 6}
