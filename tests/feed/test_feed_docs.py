"""docs/feed-scoring.md stays true: every counted word is listed, and its worked example holds."""

from __future__ import annotations

import re
from pathlib import Path

from llmref.feed.analyse import analyse
from llmref.feed.link import LinkIndex
from llmref.feed.score import _ACRONYMS, _HYPE_EMOJI, _HYPE_PHRASES
from llmref.feed.tags import TOPICS

DOC = Path(__file__).parents[2] / "docs" / "feed-scoring.md"
TEXT = DOC.read_text(encoding="utf-8")
FLAT = " ".join(TEXT.split())  # list items wrap across lines


def documented_list(label: str) -> list[str]:
    """The comma-separated words after `- **label**:` (and an optional parenthesis)."""
    start = FLAT.index(f"- **{label}**")
    text = re.split(r" - | ##", FLAT[start:], maxsplit=1)[0].split(":", 1)[1]
    text = re.sub(r"^ \([^)]*\):", "", text)
    return [word.strip() for word in text.split(",")]


def test_the_documented_hype_lists_are_the_code_lists() -> None:
    for kind, phrases in _HYPE_PHRASES.items():
        assert documented_list(kind) == list(phrases), kind
    for acronym in _ACRONYMS:
        assert acronym in FLAT, acronym
    for emoji in _HYPE_EMOJI:
        assert emoji in FLAT, emoji


def test_the_documented_topic_lists_are_the_code_lists() -> None:
    for tag, keywords in TOPICS.items():
        assert documented_list(tag) == list(keywords), tag


def test_the_worked_example_is_what_the_code_computes(index: LinkIndex) -> None:
    title = re.search(r"Title: `([^`]+)`", TEXT).group(1)  # type: ignore[union-attr]
    quoted = re.search(r"Body:\n\n((?:> .*\n)+)", TEXT).group(1)  # type: ignore[union-attr]
    body = " ".join(line.removeprefix("> ") for line in quoted.splitlines())
    analysis = analyse(title, body, index)
    assert analysis.words == 48
    assert analysis.signal.value == 85 and analysis.hype.value == 56
    flat_explanations = FLAT.replace(" Signal 85. ", " Signal 85.\n").replace(
        " Hype 56. ", " Hype 56.\n"
    )
    assert analysis.signal.explanation in flat_explanations
    assert analysis.hype.explanation in flat_explanations
