"""Display formatting for the web views. Values are formatted once, in the context functions;
templates only print strings."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from llmref import prose

DASH = "—"

CAPABILITY_LABELS = {
    "vision": "Vision",
    "multimodal": "Multimodal",
    "reasoning": "Reasoning",
    "function_calling": "Function calling",
    "tool_use": "Tool use",
    "structured_outputs": "Structured outputs",
    "code_execution": "Code execution",
    "ide_integration": "IDE integration",
    "computer_use": "Computer use",
    "parallel_agents": "Parallel agents",
}

FIELD_LABELS = {
    "name": "Name",
    "release_date": "Released",
    "last_updated": "Last updated",
    "deprecation_date": "Deprecation date",
    "knowledge_cutoff": "Knowledge cutoff",
    "context_window": "Context window",
    "max_input_tokens": "Max input tokens",
    "max_output_tokens": "Max output tokens",
    "parameters_total": "Parameters",
    "parameters_active": "Active parameters",
    "architecture": "Architecture",
    "license": "License",
    "open_weights": "Open weights",
    "input_modalities": "Input modalities",
    "output_modalities": "Output modalities",
    "requests_per_minute": "Requests per minute",
    "tokens_per_minute": "Tokens per minute",
    "input": "Input price",
    "output": "Output price",
    "cache_read": "Cached input price",
    "cache_write": "Cache write price",
    **CAPABILITY_LABELS,
}

_CENT = Decimal("0.01")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def price(value: Decimal | None) -> str:
    """A price per 1M tokens (``$0.15``, ``$0.075``), as the CLI and the prose print it."""
    return DASH if value is None else _price(value)


@lru_cache(maxsize=16384)
def _price(value: Decimal) -> str:
    # Cached: a catalogue has a few hundred distinct prices, printed thousands of times.
    return prose.price(value)


def price_per_m(value: Decimal | None) -> str:
    return DASH if value is None else prose.per_million(value)


def usd(value: Decimal | None) -> str:
    """An amount of money (``$270``, ``$155.50``, ``$0.0014``), as the prose prints it."""
    return DASH if value is None else prose.usd(value)


def tokens(value: int | None) -> str:
    """``128K``, ``1M``, ``16,384``: exact, as the prose prints token counts."""
    return DASH if value is None else prose.tokens_short(int(value))


def count(value: int | None) -> str:
    """Parameter counts: ``196B``, ``11B``, ``8.5B``, ``350M``."""
    if value is None:
        return DASH
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M")):
        if value >= size:
            scaled = (Decimal(value) / size).quantize(Decimal("0.1")).normalize()
            return f"{scaled:f}{suffix}"
    return f"{value:,}"


def day(value: date | None) -> str:
    return DASH if value is None else value.isoformat()


def yes_no(value: bool | None) -> str:
    if value is None:
        return "Unknown"
    return "Yes" if value else "No"


def number(value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return f"{value:,}"


def percent(value: Decimal | None, places: int = 0) -> str:
    """A share (0.6) as a percentage (``60%``)."""
    if value is None:
        return DASH
    scaled = (value * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{scaled.normalize():f}%"


def fact_value(name: str, value: Any) -> str:
    """One catalogue fact as a person reads it."""
    if value is None:
        return DASH
    if name in ("context_window", "max_input_tokens", "max_output_tokens", "tokens_per_minute"):
        return tokens(int(value))
    if name in ("parameters_total", "parameters_active"):
        return count(int(value))
    if name == "architecture":
        return {"moe": "mixture of experts", "dense": "dense"}.get(str(value), str(value))
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or DASH
    if isinstance(value, Decimal | int):
        return number(value)
    return str(value)


def source_host(source: str) -> str:
    """A short name for a source reference: the host of a URL, or the dataset's name@version."""
    if source.startswith("dataset:"):
        return source.removeprefix("dataset:")
    host = source.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")
