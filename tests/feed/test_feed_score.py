"""Signal and hype: what counts, the arithmetic (checked by hand), and the scoring pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmref.feed.analyse import analyse
from llmref.feed.link import LinkIndex
from llmref.feed.score import count_words, find_facts, find_hype, hype_score, signal_score
from tests.feed.conftest import FEEDS

PAIRS = FEEDS / "scoring"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in find_facts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("costs $0.15 per 1M", [("price", "$0.15")]),
        ("priced at 3 USD", [("price", "3 USD")]),
        ("£ 2.5 million", [("price", "£ 2.5 million")]),
        ("a 128K context window", [("tokens", "128K context")]),
        ("up to 128,000 tokens", [("tokens", "128,000 tokens")]),
        ("16,384 output tokens", [("tokens", "16,384 output tokens")]),
        ("has 70B parameters", [("parameters", "70B parameters")]),
        ("streams 50 tokens/s", [("speed", "50 tokens/s")]),  # a speed, not a token count
        ("answers in 420 ms", [("speed", "420 ms")]),
        ("scores 82.0% on", [("percentage", "82.0%")]),
        ("released 2024-07-18", [("date", "2024-07-18")]),
        ("on July 18, 2024 and", [("date", "July 18, 2024")]),
        ("on 18 July 2024", [("date", "18 July 2024")]),
        ("since March 2024", [("date", "March 2024")]),
        ("you may 2024 not", []),  # "may" is only a month with a capital
        ("on MMLU and GPQA", [("benchmark", "MMLU"), ("benchmark", "GPQA")]),
        ("SWE-bench Verified", [("benchmark", "SWE-bench Verified")]),
        ("the MATH set", [("benchmark", "MATH")]),
        ("do the math", []),  # capitals only for common words
        ("according to the model card", [("source", "according to"), ("source", "model card")]),
        ("the model is fine", []),  # "model" starts a source only before "card"
        ("see https://example.com/a/2024-07-18.", [("source", "https://example.com/a/2024-07-18")]),
        ("GPT-4o and 4o", []),  # digits inside names are not figures
        ("the year 2024", []),  # a bare number states no unit
    ],
)
def test_what_counts_as_a_fact(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A revolutionary model", [("marketing", "revolutionary")]),
        ("best-in-class results", [("superlative", "best-in-class")]),
        ("state-of-the-art", [("superlative", "state-of-the-art")]),
        ("it is the best", [("superlative", "best")]),
        ("SOTA on GPQA", [("superlative", "SOTA")]),
        ("a bestseller", []),  # inside another word
        ("the state. Of the art", []),  # a phrase never spans a full stop
        ("Don't miss it", [("marketing", "Don't miss")]),
        ("Wow!", [("marketing", "Wow"), ("exclamation", "!")]),
        ("HUGE news on MMLU and NVIDIA GPUS", [("vague", "HUGE")]),  # shouting is a hype word
        ("BIG NEWS today", [("shouting", "NEWS")]),
        ("ships now 🚀", [("emoji", "🚀")]),
        ("significantly faster", [("vague", "significantly")]),
    ],
)
def test_what_counts_as_hype(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(hit.kind, hit.text) for hit in find_hype(text)] == expected


def test_signal_arithmetic_checked_by_hand() -> None:
    # 24 words; 4 distinct facts ($0.15 twice counts once): D = 4 × 100 / 60 (the floor) = 6.67;
    # signal = 100 × 6.67 / 8.67 = 76.932... -> 76.93 -> 77.
    text = (
        "GPT-4o mini costs $0.15 per million input tokens. Yes, $0.15. It scores 82% on MMLU, "
        "according to the launch post, which we checked twice."
    )
    assert count_words(text) == 24
    score = signal_score(find_facts(text), count_words(text))
    assert score.value == 77
    assert [(e.kind, e.text, e.count) for e in score.reasons] == [
        ("price", "$0.15", 2),
        ("percentage", "82%", 1),
        ("benchmark", "MMLU", 1),
        ("source", "according to", 1),
    ]
    assert score.explanation == (
        "4 distinct facts in 24 words (counted as 60) = 6.67 per 100 words; "
        "100 × 6.67 / (6.67 + 2) = 76.93. Signal 77."
    )


def test_hype_arithmetic_checked_by_hand() -> None:
    # 8 words (floor 60); markers: revolutionary, !, the best, blazing, 🚀 = 5 ->
    # H = 8.33; hype = 100 × 8.33 / 12.33 = 67.558... -> 67.56 -> 68.
    text = "Revolutionary! The best model ever, blazing fast 🚀"
    score = hype_score(find_hype(text), count_words(text))
    assert count_words(text) == 8
    assert score.value == 68
    assert sum(e.count for e in score.reasons) == 5
    assert score.explanation == (
        "5 hype markers in 8 words (counted as 60) = 8.33 per 100 words; "
        "100 × 8.33 / (8.33 + 4) = 67.56. Hype 68."
    )


def test_long_text_is_scored_per_word() -> None:
    facts = "It costs $0.15 per 1M input tokens. "
    filler = "This sentence carries no figure at all and only adds length. " * 30
    short = signal_score(find_facts(facts * 3), count_words(facts * 3))
    diluted = signal_score(find_facts(facts + filler), count_words(facts + filler))
    assert short.value > diluted.value > 0


def test_no_evidence_scores_zero() -> None:
    assert signal_score([], 0).value == 0
    assert hype_score([], 500).value == 0


def _item(path: Path) -> tuple[str, str]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def _pairs() -> list[str]:
    return sorted(p.name.removesuffix("-analysis.txt") for p in PAIRS.glob("*-analysis.txt"))


def test_there_are_enough_pairs() -> None:
    assert len(_pairs()) >= 6
    for name in _pairs():
        assert (PAIRS / f"{name}-marketing.txt").is_file()


@pytest.mark.parametrize("pair", _pairs())
def test_fact_dense_analysis_beats_marketing_about_the_same_model(
    pair: str, index: LinkIndex
) -> None:
    analysis = analyse(*_item(PAIRS / f"{pair}-analysis.txt"), index)
    marketing = analyse(*_item(PAIRS / f"{pair}-marketing.txt"), index)
    assert analysis.signal.value > marketing.signal.value
    assert analysis.hype.value < marketing.hype.value
    # Both are about the same model: the analysis links what the marketing copy links.
    assert set(marketing.model_ids) <= set(analysis.model_ids)
    assert marketing.model_ids


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_scores_stay_within_0_and_100(text: str) -> None:
    for score in (
        signal_score(find_facts(text), count_words(text)),
        hype_score(find_hype(text), count_words(text)),
    ):
        assert 0 <= score.value <= 100


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=5000))
def test_integer_arithmetic_matches_the_documented_decimal_formula(count: int, words: int) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    from llmref.feed.score import Hit

    def half_up(value: Decimal, places: str) -> Decimal:
        return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)

    counted = max(words, 60)
    facts = [Hit(0, 1, "percentage", f"{n}%") for n in range(count)]  # all distinct
    markers = [Hit(0, 1, "exclamation", "!") for _ in range(count)]  # every one counts
    for score, half in ((signal_score(facts, words), 2), (hype_score(markers, words), 4)):
        density = half_up(Decimal(count * 100) / counted, "0.01")
        exact = half_up(100 * density / (density + half), "0.01")
        assert score.value == int(half_up(exact, "1"))
        assert f"= {density} per 100 words" in score.explanation
        assert f"= {exact}." in score.explanation
