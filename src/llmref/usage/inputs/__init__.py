"""Readers: each turns one input format into raw rows with the canonical column names.

* :mod:`~llmref.usage.inputs.files` — generic CSV, JSONL and Parquet (files, globs, hive folders);
* :mod:`~llmref.usage.inputs.claude_code` — Claude Code session logs;
* :mod:`~llmref.usage.inputs.codex` — Codex session logs;
* :mod:`~llmref.usage.inputs.exports` — OpenAI, OpenRouter and LiteLLM exports (column presets).
"""
