"""Generic usage files: CSV, JSONL and Parquet, one row per request.

Columns are found by name (the first of each field's usual names that a file has, see
:data:`DEFAULT_COLUMNS`), or set with ``--map column=field``. JSON lines may nest: a mapped or
usual name can be a dotted path (``usage.input_tokens``). Paths can be files, globs or folders
(a folder is read recursively, so hive-partitioned folders such as ``day=2025-01-01/`` work and
their partition values become columns).
"""

from __future__ import annotations

import csv
import glob
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv

from llmref.usage.schema import Problem

DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "ts": ("timestamp", "ts", "time", "created_at", "datetime", "date", "start_time"),
    "model": ("model", "model_id", "model_name"),
    "provider": ("provider", "provider_id", "provider_name"),
    "input_tokens": ("input_tokens", "prompt_tokens", "input", "tokens_in"),
    "output_tokens": ("output_tokens", "completion_tokens", "output", "tokens_out"),
    "cached_input_tokens": (
        "cached_input_tokens",
        "cached_tokens",
        "cache_read_tokens",
        "input_cached_tokens",
    ),
    "cache_write_tokens": ("cache_write_tokens", "cache_creation_tokens"),
    "cache_write_1h_tokens": ("cache_write_1h_tokens",),
    "reasoning_tokens": ("reasoning_tokens", "reasoning_output_tokens"),
    "requests": ("requests", "num_requests", "num_model_requests"),
    "batch": ("batch",),
    "tag": ("tag", "endpoint", "task", "feature"),
    "session": ("session", "session_id"),
    "project": ("project", "project_id"),
    "provider_cost": ("provider_cost", "cost", "cost_usd"),
}
"""Canonical field -> the column names it is read from, first match wins (case-insensitive)."""

FIELD_NAMES = {"timestamp": "ts", **{name: name for name in DEFAULT_COLUMNS}}
"""Names a user may write on the right of ``--map column=field`` ("timestamp" means ``ts``)."""

SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
SUFFIXES[".parquet"] = "parquet"
SUFFIXES[".pq"] = "parquet"


def parse_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["cost_in=input_tokens", ...]`` -> {canonical field: column}; ValueError names the bad
    pair."""
    found: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise ValueError(f"--map {pair!r}: expected column=field")
        name = FIELD_NAMES.get(target.strip())
        if name is None:
            raise ValueError(
                f"--map {pair!r}: unknown field {target.strip()!r} "
                f"(fields: {', '.join(sorted(FIELD_NAMES))})"
            )
        found[name] = column.strip()
    return found


@dataclass(frozen=True)
class Columns:
    """Which source column feeds each canonical field."""

    overrides: Mapping[str, str] = field(default_factory=dict)
    defaults: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_COLUMNS)

    def candidates(self, name: str) -> tuple[str, ...]:
        if name in self.overrides:
            return (self.overrides[name],)
        return self.defaults.get(name, ())

    def resolve(self, available: Iterable[str]) -> dict[str, str]:
        """{canonical field: source column} for the columns a file has."""
        by_lower = {c.lower(): c for c in available}
        chosen: dict[str, str] = {}
        for name in DEFAULT_COLUMNS:
            for candidate in self.candidates(name):
                if candidate.lower() in by_lower:
                    chosen[name] = by_lower[candidate.lower()]
                    break
        return chosen


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by ``paths`` (files, globs, folders read recursively), sorted, de-duplicated;
    FileNotFoundError names a path that matches nothing."""
    found: dict[str, Path] = {}
    for raw in paths:
        text = str(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            matches = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
        elif path.is_file():
            matches = [path]
        else:
            matches = [Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file()]
        if not matches:
            raise FileNotFoundError(f"{text}: no usage file found")
        for match in matches:
            found.setdefault(str(match), match)
    return [found[k] for k in sorted(found)]


def scalar_text(value: Any) -> str | None:
    """A JSON value as the text the validator parses (objects and lists stay JSON, so they fail
    as "not a number" with their content shown)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    return orjson.dumps(value).decode()


def lookup(obj: Mapping[str, Any], path: str) -> Any:
    """``obj["a"]["b"]`` for ``"a.b"`` (None when a step is missing); a key with a dot in its
    name wins over the path."""
    if path in obj:
        return obj[path]
    value: Any = obj
    for step in path.split("."):
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


def _jsonl_table(path: Path, columns: Columns, problems: list[Problem]) -> pa.Table:
    source = str(path)
    out: dict[str, list[Any]] = {name: [] for name in DEFAULT_COLUMNS}
    lines: list[int] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                problems.append(Problem(source, number, "json", f"not valid JSON ({exc})"))
                continue
            if not isinstance(obj, dict):
                problems.append(Problem(source, number, "json", "not a JSON object"))
                continue
            lines.append(number)
            for name, values in out.items():
                value = None
                for candidate in columns.candidates(name):
                    value = lookup(obj, candidate)
                    if value is not None:
                        break
                values.append(scalar_text(value))
    arrays = {"source": pa.array([source] * len(lines), pa.string()), "line": pa.array(lines)}
    for name, values in out.items():
        if any(v is not None for v in values):
            arrays[name] = pa.array(values, pa.string())
    return pa.table(arrays)


def _csv_table(path: Path, columns: Columns) -> pa.Table:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    chosen = columns.resolve(header)
    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            include_columns=list(chosen.values()),
            strings_can_be_null=True,
            # Only an empty cell is missing: pyarrow's default list of null markers ("nan",
            # "NA", "null", …) would read a token count of "nan" as an absent (zero) count
            # instead of reporting it.
            null_values=[""],
        ),
    )
    # Rows come back in file order; the header is line 1 (values with line breaks inside
    # quotes would shift the numbers, which pyarrow's default parsing does not accept anyway).
    arrays = {
        "source": pa.array([str(path)] * table.num_rows, pa.string()),
        "line": pa.array(range(2, table.num_rows + 2), pa.int64()),
    }
    for name, column in chosen.items():
        arrays[name] = table.column(column)
    return pa.table(arrays)


def read_text_files(
    files: list[Path],
    columns: Columns,
    problems: list[Problem],
    on_file: Callable[[Path], None] | None = None,
) -> Iterator[pa.Table]:
    """Raw tables (canonical names, string values) of the CSV and JSONL files in ``files``."""
    for path in files:
        kind = SUFFIXES.get(path.suffix.lower())
        if kind == "jsonl":
            yield _jsonl_table(path, columns, problems)
        elif kind == "csv":
            try:
                yield _csv_table(path, columns)
            except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                problems.append(Problem(str(path), None, "file", f"cannot be read as CSV: {exc}"))
        if on_file is not None:
            on_file(path)


def parquet_select(files: list[Path], columns: Columns, available: Iterable[str]) -> str:
    """A DuckDB SELECT of the Parquet ``files`` with canonical column names (``source`` and a
    1-based ``line``: the row's number in its file)."""
    chosen = columns.resolve(available)
    listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
    cols = ", ".join(f'"{column}" AS "{name}"' for name, column in chosen.items())
    return (
        f"SELECT filename AS source, file_row_number + 1 AS line{', ' if cols else ''}{cols} "
        f"FROM read_parquet([{listed}], filename = true, file_row_number = true, "
        "hive_partitioning = true, union_by_name = true)"
    )


def parquet_columns(con: Any, files: list[Path]) -> list[str]:
    listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
    rows = con.execute(
        f"DESCRIBE SELECT * FROM read_parquet([{listed}], hive_partitioning = true, "
        "union_by_name = true)"
    ).fetchall()
    return [str(r[0]) for r in rows]
