"""Stated prices checked against the catalogue (feed-mini: GPT-4o mini is $0.15 in / $0.60 out
on the OpenAI API since 2024-07-18)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from llmref.catalog import Catalog
from llmref.feed.pricecheck import price_checks
from llmref.prose.feed import price_check_sentence

DAY = date(2026, 1, 31)


def test_a_stated_price_that_matches_says_since_when(catalog: Catalog) -> None:
    checks = price_checks(["GPT-4o mini costs $0.15 per million input tokens."], catalog, DAY)
    assert len(checks) == 1
    c = checks[0]
    assert (c.model_id, c.stated, c.matches, c.field) == ("gpt-4o-mini", D("0.15"), True, "input")
    assert price_check_sentence(c) == (
        "The post says $0.15/1M for GPT-4o mini; the catalogue has had $0.15/1M (input, "
        f"{c.provider_name}) since 2024-07-18."
    )


def test_a_stated_price_that_differs_shows_the_catalogue(catalog: Catalog) -> None:
    (c,) = price_checks(["GPT-4o mini now costs $0.10 per million tokens."], catalog, DAY)
    assert not c.matches and c.input == D("0.15") and c.output == D("0.60")
    assert "the catalogue has $0.15/1M input and $0.60/1M output" in price_check_sentence(c)


def test_two_models_in_one_sentence_are_not_guessed(catalog: Catalog) -> None:
    line = "GPT-4o mini at $0.15 beats Claude 3 Haiku at $0.25."
    assert price_checks([line], catalog, DAY) == ()
