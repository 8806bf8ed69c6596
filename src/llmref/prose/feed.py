"""Sentences about feed items: a stated price checked against the catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmref.formatting import per_million

if TYPE_CHECKING:
    from llmref.feed.pricecheck import PriceCheck


def price_check_sentence(c: PriceCheck) -> str:
    """ "The post says $0.15/1M for GPT-4o mini; the catalogue has had $0.15 (input, OpenAI
    API) since 2024-07-18." or what the catalogue has instead."""
    said = f"The post says {per_million(c.stated)} for {c.model_name}"
    when = f" since {c.since.isoformat()}" if c.since else ""
    if c.matches and c.field:
        return (
            f"{said}; the catalogue has had {per_million(c.stated)} ({c.field}, "
            f"{c.provider_name}){when}."
        )
    if c.provider_name is None:
        return f"{said}; the catalogue has no pay-per-token price for it."
    return (
        f"{said}; the catalogue has {per_million(c.input)} input and {per_million(c.output)} "
        f"output on {c.provider_name}{when}."
    )
