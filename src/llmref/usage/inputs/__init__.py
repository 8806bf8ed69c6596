"""Readers: each turns one input format into raw rows with the canonical column names.

* :mod:`~llmref.usage.inputs.files` — generic CSV, JSONL and Parquet (files, globs, hive folders);
* :mod:`~llmref.usage.inputs.claude_code` — Claude Code session logs;
* :mod:`~llmref.usage.inputs.codex` — Codex session logs;
* :mod:`~llmref.usage.inputs.exports` — OpenAI, OpenRouter and LiteLLM exports (column presets).
"""

from __future__ import annotations

import os
from pathlib import Path


def jsonl_files(root: Path) -> list[Path]:
    """The ``*.jsonl`` files anywhere under the folder ``root``, in sorted path order: what
    ``sorted(root.rglob("*.jsonl"))`` gives, in one ``os.walk`` (a fifth faster on a folder of
    thousands of sessions). Symbolic links to folders are not followed."""
    found: list[Path] = []
    for folder, _dirs, names in os.walk(root):
        found.extend(Path(folder, name) for name in names if name.endswith(".jsonl"))
    return sorted(found)
