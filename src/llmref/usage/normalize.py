"""Validate raw rows into the canonical log (:data:`~llmref.usage.schema.LOG_SCHEMA`), in DuckDB.

Readers hand over a relation whose columns carry the canonical names (any type: strings from a
CSV, integers from Parquet, whatever a JSON line held) plus ``source`` and ``line``. One SQL pass
parses and checks every value; a row with a bad value is not priced but becomes a
:class:`~llmref.usage.schema.Problem` naming its file, line and field — nothing is dropped
silently.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from llmref.pricing import MAX_MONTHLY_REQUESTS, MAX_REQUEST_TOKENS
from llmref.usage.schema import TOKEN_FIELDS, Problem

MAX_LISTED_PROBLEMS = 10_000
"""Problems listed one by one; beyond this the report gives the count (every row is counted)."""

_REQUESTS = "__requests"
MAX_ROW_TOKENS = 10**12
"""Tokens of one kind in one row (an aggregated row included): the exact money types hold
13 digits of tokens."""
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"}


ABSENT_VALUES: dict[str, object] = {
    "provider": "",
    **dict.fromkeys(TOKEN_FIELDS, 0),
    "requests": 1,
    "batch": False,
    "tag": "",
    "session": "",
    "project": "",
    "provider_cost": None,
}
"""The value :func:`normalize` gives every row for a column its input does not have."""


def column_types(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    """``relation``'s columns and their SQL types."""
    return {str(r[0]): str(r[1]) for r in con.execute(f"DESCRIBE {relation}").fetchall()}


def absent_columns(types: Mapping[str, str]) -> dict[str, object]:
    """The columns of :data:`ABSENT_VALUES` that a relation with ``types`` lacks, with their
    value."""
    return {name: value for name, value in ABSENT_VALUES.items() if name not in types}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _trim(value: str, dictionary: bool = False) -> str:
    """``trim(value)``, copying only the strings that need it: a trim of every value costs more
    than all the row's other checks, and most values have nothing to trim. (DuckDB trims the
    space and, beyond ASCII, Unicode's spaces: an ASCII value without a space at either end is
    left as it is.) With ``dictionary`` (Parquet's dictionary-encoded strings) the plain trim:
    DuckDB trims each distinct value once, which the check would prevent."""
    if dictionary:
        return f"trim({value})"
    return (
        f"(CASE WHEN NOT prefix({value}, ' ') AND NOT suffix({value}, ' ') "
        f"AND strlen({value}) = length({value}) THEN {value} ELSE trim({value}) END)"
    )


def _text(col: str, dictionary: bool) -> str:
    """A text column trimmed, "" when NULL or blank. (concat() reads a NULL as "": DuckDB
    computes it once per distinct value of a dictionary-encoded column, where nullif() or
    coalesce() would compute it per row and make the scan's group-by hash every row's text.)"""
    return f"concat({_trim(col + '::VARCHAR', dictionary)})"


def _token_checks(
    name: str, sql_type: str | None, limit: str, limit_text: str
) -> tuple[str, list[tuple[str, str]], str | None]:
    """The BIGINT expression of a count column, its (condition, message) checks and, when it
    can be said more simply than "no condition holds", the condition that every check passes."""
    col = _q(name)
    if sql_type is None:
        return "0::BIGINT", [], None
    if sql_type in _INTEGER_TYPES:
        value = f"coalesce({col}::BIGINT, 0)"
        # (The second check's condition also says when both pass, on the column itself: a
        # Parquet file's statistics then prove every row passes, and no row is checked.)
        return (
            value,
            [
                (f"{value} < 0", f"'cannot be negative (got ' || {col}::VARCHAR || ')'"),
                (
                    f"{value} > {limit}",
                    f"'is more than {limit_text} (got ' || {col}::VARCHAR || ')'",
                ),
            ],
            f"({col} IS NULL OR ({col} >= 0 AND {col} <= {limit}))",
        )
    text = f"nullif(trim({col}::VARCHAR), '')"
    number = f"try_cast({text} AS DECIMAL(38, 6))"
    # A number too large for the decimal (1e+32) is a number all the same: it is reported as
    # too large (or negative), not as "not a number"; NaN and infinities are not numbers.
    double = f"try_cast({text} AS DOUBLE)"
    huge = f"{number} IS NULL AND isfinite({double})"
    return (
        f"coalesce(try_cast({number} AS BIGINT), 0)",
        [
            (f"{huge} AND {double} < 0", f"'cannot be negative (got ' || {text} || ')'"),
            (f"{huge}", f"'is more than {limit_text} (got ' || {text} || ')'"),
            (f"{text} IS NOT NULL AND {number} IS NULL", f"'is not a number: ' || {text}"),
            (f"{number} < 0", f"'cannot be negative (got ' || {text} || ')'"),
            (f"{number} <> trunc({number})", f"'must be a whole number (got ' || {text} || ')'"),
            (f"{number} > {limit}", f"'is more than {limit_text} (got ' || {text} || ')'"),
        ],
        None,
    )


def _timestamp(sql_type: str | None, dictionary: bool) -> str:
    if sql_type is None:
        return "NULL::TIMESTAMPTZ"
    col = _q("ts")
    if sql_type.startswith("TIMESTAMP"):
        return f"{col}::TIMESTAMPTZ"
    if sql_type in _INTEGER_TYPES or sql_type in {"DOUBLE", "FLOAT"} or sql_type.startswith("DEC"):
        return f"try(to_timestamp({col}::DOUBLE))"
    text = _trim(f"{col}::VARCHAR", dictionary)
    # Unix seconds as text (9-10 digits) are read as such, anything else as a timestamp. Text
    # with a '-' or ':' (every ISO 8601 timestamp) cannot be Unix seconds: it skips the regular
    # expression, which would cost more than the rest of the row's checks.
    return (
        f"CASE WHEN contains({text}, '-') OR contains({text}, ':') "
        f"THEN try_cast({text} AS TIMESTAMPTZ) "
        f"WHEN regexp_full_match({text}, '[0-9]{{9,10}}(\\.[0-9]+)?') "
        f"THEN try(to_timestamp({text}::DOUBLE)) ELSE try_cast({text} AS TIMESTAMPTZ) END"
    )


def normalize(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    view: str,
    *,
    count_now: bool = True,
    dictionary: bool = False,
    types: Mapping[str, str] | None = None,
) -> tuple[int, list[Problem]]:
    """Create ``view``: the valid rows of ``relation`` with the LOG_SCHEMA columns; return the
    number of invalid rows and the first :data:`MAX_LISTED_PROBLEMS` of them as problems.
    ``count_now`` False skips that scan (0, []): the caller counts later (:func:`invalid_rows`).
    ``dictionary``: the text columns are mostly dictionary-encoded (Parquet), see :func:`_trim`.
    ``types``: ``relation``'s :func:`column_types`, when the caller has them."""
    if types is None:
        types = column_types(con, relation)
    checks: list[tuple[str, str, str]] = []  # (field, condition, message)
    ts = _timestamp(types.get("ts"), dictionary)
    if "ts" not in types:
        checks.append(("timestamp", "true", "'no timestamp column'"))
    else:
        checks.append(("timestamp", f"{_q('ts')} IS NULL", "'is missing'"))
        checks.append(("timestamp", "__ts IS NULL", f"'cannot be parsed: ' || {_q('ts')}::VARCHAR"))
    model = _text(_q("model"), dictionary) if "model" in types else "''"
    checks.append(("model", "__model = ''", "'is missing'"))
    # Checks whose conditions are covered by one predicate saying that all of them pass (the
    # model is never NULL: see _text).
    covered: dict[str, str] = {"__model = ''": "__model <> ''"}
    requests_value, request_checks, requests_passes = _token_checks(
        "requests", types.get("requests"), str(MAX_MONTHLY_REQUESTS), "the limit"
    )
    requests = f"CASE WHEN {requests_value} < 1 THEN 1 ELSE {requests_value} END"
    checks.extend(("requests", cond, message) for cond, message in request_checks)
    if requests_passes is not None:
        covered.update(dict.fromkeys((cond for cond, _ in request_checks), requests_passes))
    tokens = {}
    for name in TOKEN_FIELDS:
        value, token_checks, token_passes = _token_checks(
            name,
            types.get(name),
            f"least({MAX_REQUEST_TOKENS} * ({requests}), {MAX_ROW_TOKENS})",
            f"the limit of {MAX_REQUEST_TOKENS:,} per request ({MAX_ROW_TOKENS:,} per row)",
        )
        tokens[name] = value
        checks.extend((name, cond, message) for cond, message in token_checks)
        if token_passes is not None:
            covered.update(dict.fromkeys((cond for cond, _ in token_checks), token_passes))
    parts = " + ".join(
        f"__{n}" for n in ("cached_input_tokens", "cache_write_tokens", "cache_write_1h_tokens")
    )
    checks.append(
        (
            "cached_input_tokens",
            f"{parts} > __input_tokens",
            f"'cached and cache-write tokens are part of input_tokens and cannot exceed it ('"
            f" || ({parts})::VARCHAR || ' > ' || __input_tokens::VARCHAR || ')'",
        )
    )
    batch = "false"
    if "batch" in types:
        text = f"lower(trim({_q('batch')}::VARCHAR))"
        batch = f"coalesce({text} IN ('true', '1', 'yes', 't', 'batch'), false)"
    cost = "NULL::DECIMAL(38, 12)"
    if "provider_cost" in types:
        cost = f"try_cast(trim({_q('provider_cost')}::VARCHAR) AS DECIMAL(38, 12))"

    def text_col(name: str) -> str:
        return _text(_q(name), dictionary) if name in types else "''"

    provider = text_col("provider")
    error = "CASE " + " ".join(
        f"WHEN {cond} THEN '{field}' || chr(31) || {message}" for field, cond, message in checks
    )
    error += " END"
    # The view keeps the rows where no check's condition holds, said as simply as each allows
    # (DuckDB then skips what a Parquet file's statistics prove; through the message's CASE it
    # would check every row).
    passes: list[str] = []
    for _, cond, _ in checks:
        if cond in covered:
            if covered[cond] not in passes:
                passes.append(covered[cond])
        elif cond.endswith(" IS NULL") and " " not in cond.removesuffix(" IS NULL"):
            passes.append(cond.removesuffix(" IS NULL") + " IS NOT NULL")
        else:
            passes.append(f"NOT coalesce({cond}, false)")
    valid = " AND ".join(passes)
    token_cols = ", ".join(f"{tokens[n]} AS __{n}" for n in TOKEN_FIELDS)
    typed, checked = f"{view}__typed", f"{view}__checked"
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW {typed} AS
        SELECT source::VARCHAR AS __source, line::BIGINT AS __line, {ts} AS __ts,
               {model} AS __model, {provider} AS __provider, {token_cols},
               {requests} AS {_REQUESTS}, {batch} AS __batch, {text_col("tag")} AS __tag,
               {text_col("session")} AS __session, {text_col("project")} AS __project,
               {cost} AS __provider_cost, *
        FROM {relation}"""
    )
    # The rows with their messages: a view made only when a message is asked for (most logs
    # never need one, and parsing the messages costs more than the other views together). Its
    # SQL waits in a variable of the connection (a parameter: nothing parsed now).
    con.execute(f"SET VARIABLE {checked} = ?", [f"SELECT *, {error} AS __error FROM {typed}"])
    token_out = ", ".join(f"__{n} AS {n}" for n in TOKEN_FIELDS)
    # A view, not a copy: a Parquet log larger than memory is streamed by each query. (The UTC
    # day from the epoch: a time-zone conversion per row would cost more than the rest.)
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW {view} AS
        SELECT __source AS source, __line AS line, __ts AS ts,
               make_date(CAST(epoch_us(__ts) // 86400000000 AS INTEGER)) AS day,
               __model AS model,
               __provider AS provider, {token_out}, {_REQUESTS} AS requests,
               __batch AS batch, __tag AS tag, __session AS session, __project AS project,
               __provider_cost AS provider_cost
        FROM {typed} WHERE {valid}"""
    )
    if not count_now:
        return 0, []
    return invalid_rows(con, view)


def checked_view(con: duckdb.DuckDBPyConnection, view: str) -> str:
    """The view of every row behind ``view`` (made by :func:`normalize`) with ``__error``, its
    first failed check ("field" chr(31) "message"; NULL when valid)."""
    checked = f"{view}__checked"
    (sql,) = con.execute(f"SELECT getvariable('{checked}')").fetchall()[0]
    con.execute(f"CREATE OR REPLACE TEMP VIEW {checked} AS {sql}")
    return checked


def invalid_rows(
    con: duckdb.DuckDBPyConnection, view: str, count: int | None = None
) -> tuple[int, list[Problem]]:
    """The number of invalid rows behind ``view`` (made by :func:`normalize`; ``count`` when
    already known) and the first :data:`MAX_LISTED_PROBLEMS` of them as problems."""
    checked = checked_view(con, view)
    if count is None:
        # (fetchall: DuckDB 2 keeps a half-read result open and refuses the next statement.)
        found = con.execute(f"SELECT count(*) FROM {checked} WHERE __error IS NOT NULL").fetchall()
        count = int(found[0][0]) if found else 0
    problems = []
    if count:
        rows = con.execute(
            f"""SELECT __source, __line, __error FROM {checked} WHERE __error IS NOT NULL
            ORDER BY __source, __line LIMIT {MAX_LISTED_PROBLEMS}"""
        ).fetchall()
        for source, line, error in rows:
            field, _, message = str(error).partition(chr(31))
            problems.append(Problem(source, line, field, message))
    return count, problems
