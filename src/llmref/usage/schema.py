"""The canonical usage log: one row per request, whatever the input format.

Every reader (generic files, coding-agent logs, provider exports) produces this Arrow schema;
the queries (:mod:`llmref.usage.queries`) read nothing else, so a new format is one reader.

Token accounting follows llmref's pricing engine (and OpenAI's usage reports):
``input_tokens`` counts every input token of the request, *including* those read from the
prompt cache (``cached_input_tokens``) and those written to it (``cache_write_tokens`` for the
5-minute cache, ``cache_write_1h_tokens`` for the 1-hour cache). ``reasoning_tokens`` are part of
``output_tokens`` and shown for information only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

TOKEN_FIELDS = (
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "reasoning_tokens",
)

LOG_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("line", pa.int64()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("day", pa.date32()),
        ("model", pa.string()),
        ("provider", pa.string()),
        *[(name, pa.int64()) for name in TOKEN_FIELDS],
        ("requests", pa.int64()),
        ("batch", pa.bool_()),
        ("tag", pa.string()),
        ("session", pa.string()),
        ("project", pa.string()),
        ("provider_cost", pa.decimal128(38, 12)),
    ]
)
"""``provider``, ``tag``, ``session`` and ``project`` are "" when the row has none (never NULL:
one value for "none", whatever the input said; no provider means the model's vendor route);
``day`` is the UTC date of ``ts`` (prices change by date); ``requests`` is how many requests
the row stands for (1 for a request log; an aggregated export row stands for several, and its
average request size decides long-context tiers, as in :class:`llmref.pricing.Traffic`);
``provider_cost`` is the cost the provider itself reported, when the input carries one."""

FIELDS = tuple(LOG_SCHEMA.names)


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that was left out of the totals (or a whole file that could not be read)."""

    source: str
    line: int | None
    """1-based line (or row) number in ``source``; None for a problem with the whole file."""
    field: str
    message: str
    kind: str = "invalid"
    """"invalid" (bad input), "unpriced" (valid but no price), "skipped" (not a request)."""

    def where(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"


class UsageInputError(ValueError):
    """Bad input under ``--strict``, or an input that cannot be read at all."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem], message: str = "") -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        text = message or (
            f"{first.where()}: {first.field}: {first.message}" if first else "bad usage input"
        )
        if len(self.problems) > 1:
            text += f" (and {len(self.problems) - 1:,} more problem(s))"
        super().__init__(text)
