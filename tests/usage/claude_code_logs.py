"""A Claude Code log folder written for the tests, shaped like the real thing: projects,
sessions, a subagent transcript under its session's folder, a message written twice (and once
more in a resumed session's file), prompts between the assistant lines, cache reads and
5-minute and 1-hour cache writes, a long-context request, a synthetic message, a truncated line,
and several models over two months.

:data:`MESSAGES` is what the folder holds; the tests work their expected figures out by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Message:
    project: str
    file: str
    """Path under the project folder."""
    ts: str
    model: str
    msg_id: str
    request_id: str
    input: int
    output: int
    cache_read: int = 0
    cache_write_5m: int = 0
    cache_write_1h: int = 0


SHOP, TOOLS = "-home-dev-shop", "-home-dev-tools"
SONNET, HAIKU, OPUS = (
    "claude-sonnet-4-5-20250929",
    "claude-haiku-4-5-20251001",
    "claude-opus-4-1-20250805",
)
MESSAGES = (
    Message(
        SHOP,
        "s1.jsonl",
        "2025-10-30T09:00:00.000Z",
        SONNET,
        "msg_1",
        "req_1",
        100,
        500,
        cache_read=10_000,
        cache_write_5m=2_000,
    ),
    # The same response written again (Claude Code splits a response over lines): once.
    Message(
        SHOP,
        "s1.jsonl",
        "2025-10-30T09:00:00.500Z",
        SONNET,
        "msg_1",
        "req_1",
        100,
        500,
        cache_read=10_000,
        cache_write_5m=2_000,
    ),
    Message(
        SHOP,
        "s1/subagents/agent-a1.jsonl",
        "2025-10-30T23:59:59.000Z",
        HAIKU,
        "msg_2",
        "req_2",
        50,
        200,
        cache_read=1_000,
    ),
    Message(
        SHOP,
        "s1.jsonl",
        "2025-10-31T10:00:00.000Z",
        SONNET,
        "msg_5",
        "req_5",
        0,
        0,
        cache_write_1h=1_000,
    ),
    Message(TOOLS, "s2.jsonl", "2025-11-02T08:00:00.000Z", OPUS, "msg_3", "req_3", 1_000, 1_000),
    Message(
        TOOLS,
        "s2.jsonl",
        "2025-11-02T08:05:00.000Z",
        SONNET,
        "msg_4",
        "req_4",
        10,
        100,
        cache_read=250_000,
    ),
    # A resumed session's file repeats msg_3: counted once.
    Message(TOOLS, "s3.jsonl", "2025-11-02T08:00:00.000Z", OPUS, "msg_3", "req_3", 1_000, 1_000),
    Message(TOOLS, "s3.jsonl", "2025-10-15T12:00:00.000Z", OPUS, "msg_6", "req_6", 2_000, 100),
)


def assistant_line(m: Message, session: str) -> dict[str, Any]:
    usage: dict[str, Any] = {
        "input_tokens": m.input,
        "cache_creation_input_tokens": m.cache_write_5m + m.cache_write_1h,
        "cache_read_input_tokens": m.cache_read,
        "output_tokens": m.output,
        "service_tier": "standard",
    }
    if m.cache_write_5m or m.cache_write_1h:
        usage["cache_creation"] = {
            "ephemeral_5m_input_tokens": m.cache_write_5m,
            "ephemeral_1h_input_tokens": m.cache_write_1h,
        }
    return {
        "parentUuid": None,
        "isSidechain": "subagents" in m.file,
        "userType": "external",
        "cwd": "/home/dev/" + m.project.rsplit("-", 1)[-1],
        "sessionId": session,
        "version": "2.0.14",
        "gitBranch": "main",
        "type": "assistant",
        "message": {
            "id": m.msg_id,
            "type": "message",
            "role": "assistant",
            "model": m.model,
            "content": [{"type": "text", "text": 'Done: the "usage" numbers look right.'}],
            "stop_reason": "end_turn",
            "usage": usage,
        },
        "requestId": m.request_id,
        "uuid": f"uuid-{m.msg_id}-{m.ts}",
        "timestamp": m.ts,
    }


def write_claude_code_dir(root: Path) -> Path:
    """Write the folder under ``root`` and return its ``projects`` folder."""
    projects = root / "projects"
    files: dict[Path, list[str]] = {}
    for m in MESSAGES:
        path = projects / m.project / m.file
        session = m.file.split("/")[0].removesuffix(".jsonl")
        lines = files.setdefault(path, [])
        prompt = {
            "type": "user",
            "sessionId": session,
            "timestamp": m.ts,
            "message": {"role": "user", "content": "show the usage table"},
        }
        lines.append(json.dumps(prompt))
        lines.append(json.dumps(assistant_line(m, session)))
    synthetic = assistant_line(MESSAGES[0], "s1")
    synthetic["message"] = {**synthetic["message"], "model": "<synthetic>", "id": "msg_syn"}
    files[projects / SHOP / "s1.jsonl"].append(json.dumps(synthetic))
    files[projects / TOOLS / "s2.jsonl"].append('{"type": "assistant", "message": {"id": "m')
    for path, lines in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return projects
