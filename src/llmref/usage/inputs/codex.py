"""Codex session logs: ``~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl``.

Each line is an envelope ``{"timestamp", "type", "payload"}``. The model comes from the latest
``turn_context`` line (``payload.model``); usage from ``event_msg`` lines whose
``payload.type`` is ``token_count``: ``payload.info.last_token_usage`` is the request's usage
(``input_tokens`` includes ``cached_input_tokens``, ``output_tokens`` includes
``reasoning_output_tokens``: OpenAI's convention, the same as llmref's). Codex repeats a
token_count event when only its rate limits change; an event whose cumulative
``total_token_usage`` equals the previous one is that repeat and is counted once. Without
``last_token_usage`` the request is the difference of two cumulative totals.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from llmref.usage.inputs import jsonl_files
from llmref.usage.inputs.files import scalar_text
from llmref.usage.schema import Problem

FIELDS = ("input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens")


def default_dir() -> Path:
    """``$CODEX_HOME/sessions`` when set, else ``~/.codex/sessions``."""
    base = os.environ.get("CODEX_HOME")
    return (Path(base) if base else Path.home() / ".codex") / "sessions"


def _usage(info: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any] | None:
    last = info.get("last_token_usage")
    if isinstance(last, dict):
        return last
    total = info.get("total_token_usage")
    if not isinstance(total, dict):
        return None
    if previous is None:
        return total
    try:
        return {k: (total.get(k) or 0) - (previous.get(k) or 0) for k in FIELDS}
    except TypeError:
        return total


def read_codex(
    root: Path, problems: list[Problem], on_file: Callable[[Path], None] | None = None
) -> tuple[pa.Table, int]:
    """Raw rows (one per token_count event) and the number of repeated events skipped."""
    root = root.expanduser()
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = jsonl_files(root)
    else:
        raise FileNotFoundError(f"{root}: no Codex session folder here")
    names = [
        "source",
        "line",
        "ts",
        "model",
        "provider",
        "input_tokens",
        "cached_input_tokens",
        "output_tokens",
        "reasoning_tokens",
        "session",
        "project",
    ]
    v: dict[str, list[Any]] = {n: [] for n in names}
    repeats = 0
    for path in files:
        source = str(path)
        model: Any = None
        provider = ""
        session, project = path.stem, ""
        previous: dict[str, Any] | None = None
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    obj = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    problems.append(Problem(source, number, "json", f"not valid JSON ({exc})"))
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("payload"), dict):
                    continue
                kind, payload = obj.get("type"), obj["payload"]
                if kind == "session_meta":
                    session = str(payload.get("id") or session)
                    project = Path(str(payload.get("cwd") or "")).name
                    # "openai" is the model's own vendor: leave the route to the vendor rule.
                    named = str(payload.get("model_provider") or "")
                    provider = "" if named == "openai" else named
                    model = payload.get("model") or model
                    continue
                if kind == "turn_context":
                    model = payload.get("model") or model
                    continue
                if kind != "event_msg" or payload.get("type") != "token_count":
                    continue
                info = payload.get("info")
                if not isinstance(info, dict):
                    continue
                total = info.get("total_token_usage")
                if previous is not None and total == previous:
                    repeats += 1
                    continue
                usage = _usage(info, previous)
                previous = total if isinstance(total, dict) else previous
                if usage is None:
                    continue
                v["source"].append(source)
                v["line"].append(number)
                v["ts"].append(scalar_text(obj.get("timestamp")))
                v["model"].append(scalar_text(model))
                v["provider"].append(provider)
                v["input_tokens"].append(scalar_text(usage.get("input_tokens")))
                v["cached_input_tokens"].append(scalar_text(usage.get("cached_input_tokens")))
                v["output_tokens"].append(scalar_text(usage.get("output_tokens")))
                v["reasoning_tokens"].append(scalar_text(usage.get("reasoning_output_tokens")))
                v["session"].append(session)
                v["project"].append(project)
        if on_file is not None:
            on_file(path)
    return pa.table(
        {n: pa.array(v[n], pa.int64() if n == "line" else pa.string()) for n in names}
    ), repeats
