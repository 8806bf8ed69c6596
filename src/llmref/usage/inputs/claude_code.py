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
line seen wins (files are read in sorted path order, so the result does not depend on the disk).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from llmref.usage.inputs.files import scalar_text
from llmref.usage.schema import Problem

SYNTHETIC_MODEL = "<synthetic>"
"""Claude Code's placeholder for messages it wrote itself (errors, interruptions): no request."""


def default_dir() -> Path:
    """``$CLAUDE_CONFIG_DIR/projects`` when set, else ``~/.claude/projects``."""
    base = os.environ.get("CLAUDE_CONFIG_DIR")
    return (Path(base) if base else Path.home() / ".claude") / "projects"


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no Claude Code log folder here")
    return sorted(root.rglob("*.jsonl"))


def _int(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else scalar_text(value)


class _Columns:
    def __init__(self) -> None:
        self.names = [
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
        ]
        self.values: dict[str, list[Any]] = {n: [] for n in self.names}

    def table(self) -> pa.Table:
        arrays = {}
        for name, values in self.values.items():
            try:
                arrays[name] = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                # Mixed types (a string where a number belongs): keep the text, the validator
                # reports it with its line.
                arrays[name] = pa.array([scalar_text(v) for v in values], pa.string())
        return pa.table(arrays)


def read_claude_code(
    root: Path, problems: list[Problem], on_file: Callable[[Path], None] | None = None
) -> tuple[pa.Table, int]:
    """Raw rows (one per distinct assistant message) and the number of duplicates skipped."""
    root = root.expanduser()
    out = _Columns()
    v = out.values
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    for path in _files(root):
        rel = path.relative_to(root).parts if path != root else (path.name,)
        project = rel[0] if len(rel) > 1 else path.parent.name
        subagent = len(rel) > 2
        session_default = rel[1] if subagent else path.stem
        source = str(path)
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                # Most lines are prompts and tool results: skip them without parsing, but a
                # line cut short (a crash mid-write) is reported, not passed over.
                stripped = raw.rstrip()
                if not stripped:
                    continue
                if not stripped.endswith(b"}"):
                    problems.append(Problem(source, number, "json", "truncated JSON line"))
                    continue
                if b'"usage"' not in raw:
                    continue
                try:
                    obj = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    problems.append(Problem(source, number, "json", f"not valid JSON ({exc})"))
                    continue
                if not isinstance(obj, dict) or obj.get("type") != "assistant":
                    continue
                message = obj.get("message")
                if not isinstance(message, dict) or not isinstance(message.get("usage"), dict):
                    continue
                model = message.get("model")
                if model == SYNTHETIC_MODEL:
                    continue
                msg_id, req_id = message.get("id"), obj.get("requestId")
                if isinstance(msg_id, str) and isinstance(req_id, str):
                    key = (msg_id, req_id)
                    if key in seen:
                        duplicates += 1
                        continue
                    seen.add(key)
                usage = message["usage"]
                base = usage.get("input_tokens") or 0
                read = usage.get("cache_read_input_tokens") or 0
                created = usage.get("cache_creation_input_tokens") or 0
                one_hour: Any = 0
                split = usage.get("cache_creation")
                if isinstance(split, dict) and split.get("ephemeral_1h_input_tokens"):
                    one_hour = split["ephemeral_1h_input_tokens"]
                try:
                    total_input = base + read + created
                    five_min = created - one_hour
                except TypeError:
                    total_input, five_min = scalar_text(base), scalar_text(created)
                v["source"].append(source)
                v["line"].append(number)
                v["ts"].append(scalar_text(obj.get("timestamp")))
                v["model"].append(scalar_text(model))
                v["input_tokens"].append(_int(total_input))
                v["output_tokens"].append(_int(usage.get("output_tokens") or 0))
                v["cached_input_tokens"].append(_int(read))
                v["cache_write_tokens"].append(_int(five_min))
                v["cache_write_1h_tokens"].append(_int(one_hour))
                v["tag"].append("subagent" if subagent or obj.get("isSidechain") else "main")
                v["session"].append(scalar_text(obj.get("sessionId")) or session_default)
                v["project"].append(project)
        if on_file is not None:
            on_file(path)
    return out.table(), duplicates
