"""Claude Code session logs read by DuckDB: the fast path of
:mod:`llmref.usage.inputs.claude_code` (same rows, same problems, same duplicates).

DuckDB reads each file whole (``read_text``), splits it into lines in C with their numbers
(``string_split`` + ``generate_subscripts``: blank lines counted, so every problem names its
true line), keeps the lines that mention ``"usage"`` (prompts and tool results, most of a log,
are never parsed), and pulls the dozen fields a request needs from each with one JSON parse.
Nothing is held as Python objects, two threads share the work, and the rows are deduplicated
in SQL. A folder DuckDB cannot read as text (a file that is not UTF-8) goes to the Python reader,
which reports such lines one by one.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from llmref.usage.schema import Problem

SYNTHETIC_MODEL = "<synthetic>"
"""Claude Code's placeholder for messages it wrote itself (errors, interruptions): no request."""

_FIELDS = (
    ("type", "$.type"),
    ("ts", "$.timestamp"),
    ("request_id", "$.requestId"),
    ("session_id", "$.sessionId"),
    ("sidechain", "$.isSidechain"),
    ("message_id", "$.message.id"),
    ("model", "$.message.model"),
    ("usage", "$.message.usage"),
    ("base", "$.message.usage.input_tokens"),
    ("created", "$.message.usage.cache_creation_input_tokens"),
    ("read", "$.message.usage.cache_read_input_tokens"),
    ("output", "$.message.usage.output_tokens"),
    ("one_hour", "$.message.usage.cache_creation.ephemeral_1h_input_tokens"),
)
_AT = {name: index for index, (name, _) in enumerate(_FIELDS, start=1)}
_WS = "' ' || chr(9) || chr(13)"


def _v(name: str) -> str:
    return f"x.v[{_AT[name]}]"


def _count(name: str) -> str:
    """A usage count as its JSON text; absent, null, false, "", {} or [] count 0 (as the Python
    reader's ``value or 0``)."""
    falsy = "('', 'false', '0', '{}', '[]')"
    return f"(CASE WHEN coalesce({_v(name)}, '') IN {falsy} THEN '0' ELSE {_v(name)} END)"


def _is_int(text: str) -> str:
    return f"regexp_full_match({text}, '-?[0-9]+')"


def _files_table(files: list[Path], base: Path) -> pa.Table:
    """Per file: its order, project, default session and whether it is a subagent's."""
    names, projects, sessions, subagents = [], [], [], []
    for path in files:
        rel = path.relative_to(base).parts if path != base else (path.name,)
        names.append(str(path))
        projects.append(rel[0] if len(rel) > 1 else path.parent.name)
        subagents.append(len(rel) > 2)
        sessions.append(rel[1] if len(rel) > 2 else path.stem)
    return pa.table(
        {
            "filename": names,
            "file_index": pa.array(range(len(files)), pa.int64()),
            "project": projects,
            "session_default": sessions,
            "subagent": subagents,
        }
    )


def read_sql(
    con: duckdb.DuckDBPyConnection,
    files: list[Path],
    base: Path,
    problems: list[Problem],
    name: str,
) -> tuple[str, int]:
    """Read ``files`` into the temporary table ``name`` (one row per distinct assistant message,
    the raw columns the validator expects) and return a query over it and the number of repeats
    skipped. Raises :class:`duckdb.Error` when DuckDB cannot read a file as text."""
    con.register(f"{name}_arrow_files", _files_table(files, base))
    # Each line is stored with its file's 64-bit hash, not its path (a path per row would be a
    # third of the table); two paths with one hash (never seen) fall back to the paths.
    key = "hash(x.filename)"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {name}_files AS
        SELECT *, hash(filename) AS file_key FROM {name}_arrow_files"""
    )
    distinct = con.execute(f"SELECT count(DISTINCT file_key) FROM {name}_files").fetchall()
    if distinct[0][0] != len(files):
        key = "x.filename"
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {name}_files AS
            SELECT *, filename AS file_key FROM {name}_arrow_files"""
        )
    typed = _read_lines(con, files, name, key)
    bad = con.execute(
        f"""SELECT f.filename, a.line, a.has_usage FROM {name}_all a JOIN {name}_files f
        USING (file_key) WHERE a.bad ORDER BY f.file_index, a.line"""
    ).fetchall()
    problems.extend(
        Problem(
            str(source), int(line), "json", "not valid JSON" if parsed else "truncated JSON line"
        )
        for source, line, parsed in bad
    )
    if typed:
        columns = ", ".join(f"a.{c}" for c in _COUNTS)
    else:
        counts = [f"a.{c}::BIGINT AS {c}" for c in _COUNTS]
        clean = " AND ".join(f"regexp_full_match({c}, '-?[0-9]{{1,18}}')" for c in _COUNTS)
        texts = con.execute(
            f"SELECT count(*) FROM {name}_all WHERE request AND NOT ({clean})"
        ).fetchall()
        # Counts that are all whole numbers are handed over typed, so the validator's checks
        # stay cheap; otherwise as text, which it checks value by value.
        columns = ", ".join(counts if not texts[0][0] else [f"a.{c}" for c in _COUNTS])
    # The first sighting of each (message id, request id) wins (files in sorted path order,
    # lines in file order); rows without both ids all count. Only repeated ids are kept aside.
    position = f"f.file_index * {_LINES} + a.line"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {name}_first AS
        SELECT a.message_id, a.request_id, min({position}) AS position
        FROM {name}_all a JOIN {name}_files f USING (file_key)
        WHERE a.request AND a.message_id IS NOT NULL AND a.request_id IS NOT NULL
        GROUP BY ALL HAVING count(*) > 1"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {name} AS
        SELECT f.file_index, a.line, a.ts, a.model, {columns},
               f.subagent OR coalesce(a.sidechain, false) AS subagent, a.session_id
        FROM {name}_all a JOIN {name}_files f USING (file_key)
          LEFT JOIN {name}_first d
          ON a.message_id = d.message_id AND a.request_id = d.request_id
        WHERE a.request AND (d.position IS NULL OR d.position = {position})"""
    )
    con.execute(f"DROP TABLE {name}_first")
    counts_rows = con.execute(
        f"SELECT (SELECT count(*) FROM {name}_all WHERE request), count(*) FROM {name}"
    ).fetchall()
    con.execute(f"DROP TABLE {name}_all")
    total_rows, kept = counts_rows[0]
    # The file's name, project and default session are joined back when the rows are read.
    query = f"""SELECT f.filename AS source, r.line, r.ts, r.model, {", ".join(_COUNTS)},
        CASE WHEN r.subagent THEN 'subagent' ELSE 'main' END AS tag,
        coalesce(r.session_id, f.session_default) AS session, f.project
        FROM {name} r JOIN {name}_files f USING (file_index)"""
    return query, int(total_rows) - int(kept)


def _texts(parts: int) -> str:
    """The files' contents, ``read_text`` over each of the ``$files0`` … lists: DuckDB reads
    one ``read_text`` on one thread, and runs the branches of a ``UNION ALL`` side by side."""
    return " UNION ALL ".join(
        f"SELECT filename, content FROM read_text($files{i})" for i in range(parts)
    )


def _lines(paths: str, guarded: bool, parts: int = 1) -> str:
    """Every line that mentions usage, parsed once (``v``: the values of :data:`_FIELDS`; NULL
    when the line is not JSON), and every other non-blank line that is cut short (a crash
    mid-write), with its file and 1-based line number (blank lines counted)."""
    extract = f"json_extract_string(l, {paths})"
    parse = f"try({extract})" if guarded else extract
    # (No WHERE on the parsed values: DuckDB would push it below the parse and parse twice.)
    return f"""
        SELECT filename, line, has_usage, CASE WHEN has_usage THEN {parse} END AS v
        FROM (
          SELECT filename, line, l, contains(l, '"usage"') AS has_usage
          FROM (
            SELECT filename, unnest(ls) AS l, generate_subscripts(ls, 1) AS line
            FROM (SELECT filename, string_split(content, chr(10)) AS ls FROM ({_texts(parts)}))
          )
        )
        WHERE has_usage OR (trim(l, {_WS}) <> '' AND NOT suffix(rtrim(l, {_WS}), '}}'))"""


def _request(v: str = "x.v") -> str:
    return (
        f"{v} IS NOT NULL AND {_v('type')} = 'assistant' AND {_v('usage')} LIKE '{{%'"
        f" AND coalesce({_v('model')}, '') <> '{SYNTHETIC_MODEL}'"
    )


def _fast_select(key: str, lines: str) -> str:
    """The request columns with the counts as BIGINT, and ``clean``: every count is absent or
    the plain text of an integer of at most 15 digits (what a real log holds), so the typed
    values are exactly what :func:`_exact_select` would make of the text."""

    def count(name: str) -> str:
        # (A longer text is not clean: 0 keeps the sums below from overflowing meanwhile.)
        v = _v(name)
        return f"CASE WHEN length({v}) <= 15 THEN coalesce(try_cast({v} AS BIGINT), 0) ELSE 0 END"

    def clean(name: str) -> str:
        # (try_cast alone is lenient: '1.5' -> 2, '0x10' -> 16; the round trip is not.)
        v = _v(name)
        return (
            f"({v} IS NULL OR coalesce(length({v}) <= 15 "
            f"AND try_cast({v} AS BIGINT)::VARCHAR = {v}, false))"
        )

    base, read, created = count("base"), count("read"), count("created")
    one_hour = count("one_hour")
    return f"""
        SELECT {key} AS file_key, x.line, x.v IS NULL AS bad, x.has_usage,
               {_request()} AS request, {_v("ts")} AS ts, {_v("model")} AS model,
               CASE WHEN least({base}, {read}, {created}) < 0 THEN least({base}, {read}, {created})
                    ELSE {base} + {read} + {created} END AS input_tokens,
               {count("output")} AS output_tokens, {read} AS cached_input_tokens,
               {created} - {one_hour} AS cache_write_tokens, {one_hour} AS cache_write_1h_tokens,
               {" AND ".join(clean(n) for n in ("base", "read", "created", "one_hour", "output"))}
                 AS clean,
               {_v("sidechain")} = 'true' AS sidechain,
               nullif({_v("session_id")}, '') AS session_id,
               {_v("message_id")} AS message_id, {_v("request_id")} AS request_id
        FROM ({lines}) x"""


def _exact_select(key: str, lines: str) -> str:
    """The request columns with the counts as the text the validator checks (a fraction, a
    negative or a word stays visible, with its line)."""
    base_, read, created = _count("base"), _count("read"), _count("created")
    one_hour, output = _count("one_hour"), _count("output")
    ints = " AND ".join(_is_int(t) for t in (base_, read, created))
    low = f"least({base_}::HUGEINT, {read}::HUGEINT, {created}::HUGEINT)"
    total = f"{base_}::HUGEINT + {read}::HUGEINT + {created}::HUGEINT"
    first_text = (
        f"CASE WHEN NOT {_is_int(base_)} THEN {base_} WHEN NOT {_is_int(read)} THEN {read} "
        f"ELSE {created} END"
    )
    five_min = (
        f"CASE WHEN {_is_int(created)} AND {_is_int(one_hour)} "
        f"THEN ({created}::HUGEINT - {one_hour}::HUGEINT)::VARCHAR "
        f"WHEN NOT {_is_int(created)} THEN {created} ELSE {one_hour} END"
    )
    return f"""
        SELECT {key} AS file_key, x.line, x.v IS NULL AS bad, x.has_usage,
               {_request()} AS request, {_v("ts")} AS ts, {_v("model")} AS model,
               CASE WHEN {ints} THEN (CASE WHEN {low} < 0 THEN {low} ELSE {total} END)::VARCHAR
                    ELSE {first_text} END AS input_tokens,
               {output} AS output_tokens, {read} AS cached_input_tokens,
               {five_min} AS cache_write_tokens, {one_hour} AS cache_write_1h_tokens,
               {_v("sidechain")} = 'true' AS sidechain,
               nullif({_v("session_id")}, '') AS session_id,
               {_v("message_id")} AS message_id, {_v("request_id")} AS request_id
        FROM ({lines}) x"""


def _read_lines(con: duckdb.DuckDBPyConnection, files: list[Path], name: str, key: str) -> bool:
    """Create ``{name}_all`` (one row per parsed or bad line); True when its counts are typed.

    The common case is one pass: every line is valid JSON (parsed without the per-line error
    guard) and every count a plain integer (typed in the same pass). A log with a line that is
    not JSON is parsed again with the guard, and one with an odd count (a fraction, a string,
    a huge number) again as text, so that each problem is reported exactly as the Python
    reader reports it."""
    paths = "[" + ", ".join(f"'{p}'" for _, p in _FIELDS) + "]"
    # Two lists per thread (dealt in turn, so each holds big and small files alike).
    threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    parts = max(1, min(len(files), 2 * threads))
    params = {f"files{i}": [str(p) for p in files[i::parts]] for i in range(parts)}
    # Rows are located by (file, line), never by their order: let DuckDB's threads write them
    # as they come (keeping the order costs a third of the pass).
    order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = false")
    try:
        for guarded in (False, True):
            try:
                con.execute(
                    f"CREATE OR REPLACE TEMP TABLE {name}_all AS "
                    + _fast_select(key, _lines(paths, guarded, parts)),
                    params,
                )
                break
            except duckdb.InvalidInputException:
                if guarded:
                    raise
        odd = con.execute(
            f"SELECT count(*) FROM {name}_all WHERE request AND NOT clean"
        ).fetchall()[0][0]
        if not odd:
            return True
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name}_all AS "
            + _exact_select(key, _lines(paths, True, parts)),
            params,
        )
        return False
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")


_COUNTS = (
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
)
_LINES = 2**32
"""Positions are file index × this + line (a file of more lines than this is not a log)."""
