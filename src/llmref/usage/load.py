"""Read usage inputs into one canonical log (an Arrow table) and the problems found on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from llmref.usage.inputs import jsonl_files
from llmref.usage.inputs.claude_code import read_claude_code
from llmref.usage.inputs.codex import read_codex
from llmref.usage.inputs.exports import PRESETS
from llmref.usage.inputs.files import (
    Columns,
    expand,
    parquet_columns,
    parquet_select,
    read_text_files,
)
from llmref.usage.normalize import absent_columns, column_types, normalize
from llmref.usage.schema import LOG_SCHEMA, Problem, UsageInputError

InputKind = Literal["files", "claude-code", "codex", "openai", "openrouter", "litellm"]
INPUT_KINDS: tuple[str, ...] = ("files", "claude-code", "codex", "openai", "openrouter", "litellm")


@dataclass(frozen=True)
class Source:
    """One input: a kind, its paths, and column overrides (``--map``) for file-based kinds."""

    kind: InputKind
    paths: tuple[str, ...]
    overrides: Mapping[str, str] = field(default_factory=dict)


LOG_VIEW = "usage_log"


@dataclass(frozen=True)
class Log:
    """The canonical rows that passed validation — a DuckDB view (:data:`LOG_VIEW`) on ``con``,
    read lazily, so a Parquet log larger than memory is streamed — and what was left out."""

    con: duckdb.DuckDBPyConnection
    invalid_rows: int
    """Rows (or JSON lines) left out for bad input; the first ones are in ``problems``."""
    problems: tuple[Problem, ...]
    duplicates: int
    """Repeated coding-agent messages counted once."""
    files: int
    pending: tuple[str, ...] = ()
    """Validated views whose invalid rows are not counted in ``invalid_rows`` yet: a large
    input's rows are checked in the same scan that sums them, and
    :func:`llmref.usage.build_report` counts (and lists) the invalid ones only when the sums
    show there are some (:meth:`pending_invalid`)."""
    pending_rows: int = 0
    """Rows (valid or not) behind the ``pending`` views."""
    other_rows: int = 0
    """Valid rows behind the other views."""
    constants: tuple[tuple[str, object], ...] = ()
    """Columns no input has, with the one value every row then holds (``tag`` None, ``requests``
    1…): the report neither groups by nor sums them."""

    def pending_invalid(self, valid_rows: int) -> int:
        """Invalid rows of the ``pending`` views, given the log's number of valid rows."""
        return self.pending_rows - (valid_rows - self.other_rows)

    @classmethod
    def of_table(cls, table: pa.Table, files: int = 1) -> Log:
        """A log of already canonical rows (tests, other tools)."""
        con = connect()
        con.register("__arrow_log", table.cast(LOG_SCHEMA))
        con.execute(f"CREATE TEMP VIEW {LOG_VIEW} AS SELECT * FROM __arrow_log")
        return cls(con, 0, (), 0, files)

    @property
    def table(self) -> pa.Table:
        """The rows as one Arrow table (materialised: for engines other than DuckDB)."""
        return self.con.sql(f"SELECT * FROM {LOG_VIEW}").to_arrow_table().cast(LOG_SCHEMA)


_DATABASE: list[duckdb.DuckDBPyConnection] = []


def connect() -> duckdb.DuckDBPyConnection:
    """A connection of its own (its temporary views and tables are private to it, and go with
    it) to one in-memory database per process: a new database costs 15-20 ms, a connection to
    an open one next to nothing."""
    if not _DATABASE:
        _DATABASE.append(duckdb.connect())
    con = _DATABASE[0].cursor()
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB draws a progress bar on stdout for long queries: it would corrupt --json output.
    con.execute("SET enable_progress_bar = false")
    return con


def _normalized(
    con: duckdb.DuckDBPyConnection,
    raw: pa.Table | str,
    index: int,
    defer: bool,
    dictionary: bool = False,
) -> tuple[str, int, list[Problem], int | None, dict[str, object]]:
    """The validated view of ``raw``, its invalid rows and problems, and — when ``defer`` and
    ``raw`` is a query (Parquet, a coding-agent folder) — its row count instead: the invalid
    rows are then counted by the report's scan (:attr:`Log.pending`)."""
    raw_name, view = f"__raw_{index}", f"__log_{index}"
    if isinstance(raw, pa.Table):
        con.register(raw_name, raw)
        defer = False
    else:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {raw_name} AS {raw}")
    types = column_types(con, raw_name)
    count, problems = normalize(
        con, raw_name, view, count_now=not defer, dictionary=dictionary, types=types
    )
    absent = absent_columns(types)
    if not defer:
        return view, count, problems, None, absent
    # (A Parquet file's row count is in its footer: no scan.)
    rows = con.execute(f"SELECT count(*) FROM {raw_name}").fetchall()
    return view, 0, [], int(rows[0][0]), absent


def read(
    sources: Sequence[Source],
    *,
    on_file: Callable[[Path], None] | None = None,
    strict: bool = False,
) -> Log:
    """Every source read, validated and concatenated. With ``strict`` the first bad row raises
    :class:`UsageInputError` (nothing is priced)."""
    con = connect()
    views: list[str] = []
    problems: list[Problem] = []
    invalid = duplicates = files = pending_rows = other_rows = 0
    pending: list[str] = []
    constants: dict[str, object] | None = None  # (absent from every input so far)
    session_files = 0  # (files of the log folders: their readers report each one read)

    def seen(path: Path) -> None:
        nonlocal session_files
        session_files += 1
        if on_file is not None:
            on_file(path)

    for source in sources:
        raws: list[pa.Table | str] = []
        parquet_raw: str | None = None
        if source.kind == "claude-code":
            for text in source.paths:
                raw, dupes = read_claude_code(
                    Path(text), problems, seen, con, f"__claude_code_{len(views) + len(raws)}"
                )
                raws.append(raw)
                duplicates += dupes
        elif source.kind == "codex":
            for text in source.paths:
                table, dupes = read_codex(Path(text), problems, seen)
                raws.append(table)
                duplicates += dupes
        else:
            preset = PRESETS.get(source.kind)
            columns = Columns(
                overrides=dict(source.overrides),
                **({"defaults": preset} if preset is not None else {}),
            )
            found = expand(source.paths)
            files += len(found)
            parquet = [p for p in found if p.suffix.lower() in (".parquet", ".pq")]
            text_files = [p for p in found if p not in parquet]
            raws.extend(read_text_files(text_files, columns, problems, on_file))
            if parquet:
                parquet_raw = parquet_select(parquet, columns, parquet_columns(con, parquet))
                raws.append(parquet_raw)
                if on_file is not None:
                    for done in parquet:
                        on_file(done)
        for raw in raws:
            view, bad, found_problems, rows, absent = _normalized(
                con, raw, len(views), not strict, dictionary=raw is parquet_raw
            )
            constants = (
                absent if constants is None else {k: v for k, v in constants.items() if k in absent}
            )
            views.append(view)
            invalid += bad
            problems.extend(found_problems)
            if rows is None:
                # (A query is deferred unless strict, and then no view is pending.)
                other_rows += raw.num_rows - bad if isinstance(raw, pa.Table) else 0
            else:
                pending.append(view)
                pending_rows += rows
    # Lines that were not JSON never reached the validator: count them too.
    invalid += sum(1 for p in problems if p.field in ("json", "file"))
    if strict and (invalid or problems):
        raise UsageInputError(problems or [Problem("input", None, "rows", f"{invalid} bad rows")])
    if views:
        union = " UNION ALL ".join(f"SELECT * FROM {v}" for v in views)
    else:
        con.register("__empty_log", LOG_SCHEMA.empty_table())
        union = "SELECT * FROM __empty_log"
    con.execute(f"CREATE OR REPLACE TEMP VIEW {LOG_VIEW} AS {union}")
    return Log(
        con,
        invalid,
        tuple(problems),
        duplicates,
        files + session_files,
        tuple(pending),
        pending_rows,
        other_rows,
        tuple(sorted((constants or {}).items(), key=lambda item: item[0])),
    )


def count_files(sources: Iterable[Source]) -> int:
    """How many files the sources name (for a progress bar's total)."""
    total = 0
    for source in sources:
        for path in source.paths:
            p = Path(path).expanduser()
            if source.kind in ("claude-code", "codex"):
                total += len(jsonl_files(p)) if p.is_dir() else 1
            else:
                try:
                    total += len(expand([path]))
                except FileNotFoundError:
                    continue
    return total
