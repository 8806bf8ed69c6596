"""A three-line extractive summary: the item's own sentences, never rewritten.

Each sentence of the body earns points — 2 per concrete fact, 1 per catalogue entity it
mentions, 1 for being the first sentence (news tends to put its point first), minus 2 per
hype marker; sentences under five words are skipped. The best three (earlier wins a
tie) are returned in the order the item has them, except that the summary starts with its
subject: when the first line would open with a pronoun ("It is priced at…"), the best sentence
that names a catalogue entity and does not open with one goes first. Pure: it reads offsets
that the scorer and the linker already found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from llmref.feed.link import Mention
from llmref.feed.score import Hit

__all__ = ["MAX_LINE", "sentences", "summarise"]

LINES = 3
MAX_LINE = 320
"""A sentence longer than this is cut at a word boundary and marked with an ellipsis."""
# Starts with the punctuation itself (not a look-behind) so the regex engine can skip ahead.
_BOUNDARY = re.compile(r"([.!?][\"”’)\]]?)\s+(?=[\"“‘(\[$€£]?[A-Z0-9])")


def sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, shifted by `offset`; a line break always ends
    a sentence (paragraphs, list items)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            spans.append((offset + position + start, offset + position + boundary.end(1)))
            start = boundary.end()
        if line[start:].strip():
            spans.append((offset + position + start, offset + position + len(line)))
        position += len(line) + 1
    return [(s, e) for s, e in spans if e > s]


def _scores(
    spans: Sequence[tuple[int, int]], weighted: Sequence[tuple[Sequence[int], int]]
) -> list[int]:
    """Each sentence's points: every position inside it adds its weight."""
    starts = [start for start, _ in spans]
    points = [0] * len(spans)
    for positions, weight in weighted:
        for position in positions:
            n = bisect_right(starts, position) - 1
            if n >= 0 and position < spans[n][1]:
                points[n] += weight
    return points


def summarise(
    full_text: str,
    body_offset: int,
    facts: Sequence[Hit],
    hype: Sequence[Hit],
    mentions: Sequence[Mention],
) -> tuple[str, ...]:
    """Up to three sentences of the body (``full_text[body_offset:]``)."""
    spans = [
        (s, e)
        for s, e in sentences(full_text[body_offset:], body_offset)
        if full_text.count(" ", s, e) >= 4  # five words or more (spaces are single here)
    ]
    if not spans:
        return ()
    points = _scores(
        spans,
        (
            ([h.start for h in facts], 2),
            ([m.start for m in mentions], 1),
            ([h.start for h in hype], -2),
        ),
    )
    points[0] += 1  # the first sentence
    ranked = sorted(range(len(spans)), key=lambda n: (-points[n], n))
    chosen = sorted(ranked[:LINES])
    if _opens_with_pronoun(full_text, spans[chosen[0]]):
        starts = [m.start for m in mentions]
        subject = next(
            (
                n
                for n in ranked
                if not _opens_with_pronoun(full_text, spans[n])
                and any(spans[n][0] <= p < spans[n][1] for p in starts)
            ),
            None,
        )
        if subject is not None:
            rest = [n for n in chosen if n != subject][: LINES - 1]
            chosen = [subject, *rest]
    return tuple(_line(full_text[spans[n][0] : spans[n][1]]) for n in chosen)


_PRONOUNS = frozenset(
    {"it", "its", "it's", "this", "these", "they", "their", "that", "those", "he", "she", "we"}
)


def _opens_with_pronoun(text: str, span: tuple[int, int]) -> bool:
    first = text[span[0] : span[1]].split(maxsplit=1)[:1]
    return bool(first) and first[0].strip('"“‘(').casefold() in _PRONOUNS


def _line(sentence: str) -> str:
    text = " ".join(sentence.split())
    if len(text) <= MAX_LINE:
        return text
    cut = text.rfind(" ", 0, MAX_LINE - 1)
    return text[: cut if cut > 0 else MAX_LINE - 1] + "…"
