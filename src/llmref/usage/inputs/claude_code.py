"""Claude Code session logs, as they sit on a developer's disk.

Layout: ``~/.claude/projects/<project>/<session>.jsonl``, and subagent transcripts under the
session's folder (``<project>/<session>/subagents/agent-*.jsonl``); every ``*.jsonl`` below the
root is read. Each assistant line carries ``message.model``, ``message.usage`` and
``timestamp``. Anthropic's ``usage.input_tokens`` excludes cache reads and writes; llmref's
input counts them, so a request's input is ``input_tokens + cache_creation_input_tokens +
cache_read_input_tokens``. Cache writes are split into the 5-minute and 1-hour caches when
``usage.cache_creation`` says so.

The same message is written more than once (a response split over several lines, a session
resumed into a new file): it is counted once, keyed by message id and request id, the first
line seen wins (files in sorted path order, lines in file order).

Two readers give the same rows, problems and duplicates (a test checks it): DuckDB's
(:mod:`llmref.usage.inputs.claude_code_sql`, used by :func:`llmref.usage.read`: no message held
as a Python object) and this module's Python one, for a folder DuckDB cannot read as text (a file
that is not UTF-8). Python: a file is read whole and split into lines in C; a line without
``"usage"`` is skipped unparsed (prompts and tool results, most of a log); the others are parsed
with orjson. Large folders are split between worker processes, one per core.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from llmref.usage.inputs import jsonl_files
from llmref.usage.inputs.claude_code_sql import SYNTHETIC_MODEL, read_sql
from llmref.usage.schema import Problem

PARALLEL_BYTES = 32 * 1024 * 1024
"""Below this much log, one process is faster than starting workers."""

COLUMNS = (
    "source",
    "line",
    "ts",
    "model",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "tag",
    "session",
    "project",
)


def default_dir() -> Path:
    """``$CLAUDE_CONFIG_DIR/projects`` when set, else ``~/.claude/projects``."""
    base = os.environ.get("CLAUDE_CONFIG_DIR")
    return (Path(base) if base else Path.home() / ".claude") / "projects"


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no Claude Code log folder here")
    return jsonl_files(root)


def _text(value: Any) -> Any:
    """A usage count that is not an int, as the text the validator reports."""
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _read_files(paths: list[Path], root: Path) -> tuple[pa.Table, list[Problem]]:
    """The assistant messages of ``paths`` (in order) with a dedup ``key`` column, and the
    unreadable lines. Runs in a worker process for large folders."""
    cols: dict[str, list[Any]] = {name: [] for name in (*COLUMNS, "key")}
    (
        source_c,
        line_c,
        ts_c,
        model_c,
        input_c,
        output_c,
        read_c,
        write_c,
        hour_c,
        tag_c,
        session_c,
        project_c,
        key_c,
    ) = cols.values()
    problems: list[Problem] = []
    loads = orjson.loads
    sources: list[str] = []
    for path in paths:
        rel = path.relative_to(root).parts if path != root else (path.name,)
        project = rel[0] if len(rel) > 1 else path.parent.name
        subagent = len(rel) > 2
        session_default = rel[1] if subagent else path.stem
        source = str(path)
        file_index = len(sources)
        sources.append(source)
        for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
            if b'"usage"' not in raw:
                # Prompts and tool results carry no usage: skipped unparsed; a line cut short
                # (a crash mid-write) is still reported.
                if raw.strip() and not raw.rstrip().endswith(b"}"):
                    problems.append(Problem(source, number, "json", "truncated JSON line"))
                continue
            try:
                obj = loads(raw)
            except orjson.JSONDecodeError as exc:
                problems.append(Problem(source, number, "json", f"not valid JSON ({exc})"))
                continue
            if type(obj) is not dict or obj.get("type") != "assistant":
                continue
            message = obj.get("message")
            if type(message) is not dict:
                continue
            usage = message.get("usage")
            if type(usage) is not dict:
                continue
            model = message.get("model")
            if model == SYNTHETIC_MODEL:
                continue
            base = usage.get("input_tokens") or 0
            read = usage.get("cache_read_input_tokens") or 0
            created = usage.get("cache_creation_input_tokens") or 0
            output = usage.get("output_tokens") or 0
            split = usage.get("cache_creation")
            one_hour = (split.get("ephemeral_1h_input_tokens") or 0) if type(split) is dict else 0
            if type(base) is int and type(read) is int and type(created) is int:
                # A negative part stays visible to the validator instead of hiding in a sum.
                low = min(base, read, created)
                total: Any = base + read + created if low >= 0 else low
            else:
                total = _text(next(v for v in (base, read, created) if type(v) is not int))
            if type(created) is int and type(one_hour) is int:
                five_min: Any = created - one_hour
            else:
                five_min = _text(created if type(created) is not int else one_hour)
            msg_id, req_id = message.get("id"), obj.get("requestId")
            source_c.append(file_index)
            line_c.append(number)
            ts_c.append(obj.get("timestamp"))
            model_c.append(model)
            input_c.append(total)
            output_c.append(output if type(output) is int else _text(output))
            read_c.append(read if type(read) is int else _text(read))
            write_c.append(five_min)
            hour_c.append(one_hour if type(one_hour) is int else _text(one_hour))
            tag_c.append("subagent" if subagent or obj.get("isSidechain") is True else "main")
            session_c.append(obj.get("sessionId") or session_default)
            project_c.append(project)
            key_c.append(
                f"{msg_id}\x1f{req_id}" if type(msg_id) is str and type(req_id) is str else None
            )
    arrays = {name: _column(values) for name, values in cols.items() if name != "source"}
    # One string per file, not per row: the source column is dictionary-encoded.
    arrays["source"] = pa.DictionaryArray.from_arrays(
        pa.array(source_c, pa.int32()), pa.array(sources, pa.string())
    )
    return pa.table({name: arrays[name] for name in cols}), problems


def _column(values: list[Any]) -> pa.Array:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # Mixed types (a string where a number belongs): keep the text, the validator reports
        # it with its line.
        return pa.array([None if v is None else str(v) for v in values], pa.string())


def _context() -> BaseContext:
    """Fork where there is one: the workers start in milliseconds with the modules already
    loaded (they only parse JSON and build Arrow arrays, no locks of the parent's threads)."""
    methods = get_all_start_methods()
    return get_context("fork" if "fork" in methods else "spawn")


def _ranges(files: list[Path], parts: int) -> list[list[Path]]:
    """Consecutive runs of ``files`` of about equal size (concatenated, they keep file order)."""
    sizes = [p.stat().st_size for p in files]
    share = sum(sizes) / parts
    ranges: list[list[Path]] = [[]]
    done = 0
    for path, size in zip(files, sizes, strict=True):
        if ranges[-1] and done >= share * len(ranges) and len(ranges) < parts:
            ranges.append([])
        ranges[-1].append(path)
        done += size
    return ranges


def read_claude_code(
    root: Path,
    problems: list[Problem],
    on_file: Callable[[Path], None] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    name: str = "__claude_code",
) -> tuple[pa.Table | str, int]:
    """Raw rows (one per distinct assistant message) and the number of duplicates skipped.

    With ``con`` DuckDB reads the folder (:mod:`llmref.usage.inputs.claude_code_sql`) into the
    temporary table ``name`` and a query over it is returned; without one, or when DuckDB cannot
    read a file as text, the Python reader returns an Arrow table."""
    root = root.expanduser()
    files = _files(root)
    base = root if root.is_dir() else root.parent
    if con is not None and files:
        found: list[Problem] = []
        try:
            query, duplicates = read_sql(con, files, base, found, name)
        except duckdb.Error:
            pass  # (not UTF-8 text, most likely: the Python reader reports it line by line)
        else:
            problems.extend(found)
            if on_file is not None:
                for path in files:
                    on_file(path)
            return query, duplicates
    return _read_python(files, base, problems, on_file)


def _read_python(
    files: list[Path],
    base: Path,
    problems: list[Problem],
    on_file: Callable[[Path], None] | None,
) -> tuple[pa.Table, int]:
    size = sum(p.stat().st_size for p in files)
    workers = min(os.cpu_count() or 1, 8)
    if size < PARALLEL_BYTES or workers < 2:
        results = [_read_files(files, base)]
    else:
        chunks = _ranges(files, workers)
        with ProcessPoolExecutor(len(chunks), mp_context=_context()) as pool:
            results = list(pool.map(_read_files, chunks, [base] * len(chunks)))
    if on_file is not None:
        for path in files:
            on_file(path)
    for _, bad in results:
        problems.extend(bad)
    tables = [t for t, _ in results if t.num_rows]
    if not tables:
        return pa.table({c: pa.array([], pa.string()) for c in COLUMNS}), 0
    table = pa.concat_tables(tables, promote_options="permissive")
    # First sighting of each (message id, request id) wins; rows without both ids all count.
    keys = table.column("key").to_pylist()
    seen: set[str] = set()
    keep = []
    for key in keys:
        if key is None:
            keep.append(True)
        elif key in seen:
            keep.append(False)
        else:
            seen.add(key)
            keep.append(True)
    kept = table.filter(pa.array(keep)).drop_columns(["key"])
    return kept, table.num_rows - kept.num_rows
