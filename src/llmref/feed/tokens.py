"""The one tokeniser the linker, the scorer and the tagger share (each item is tokenised once).

A token is a run of letters or a run of ASCII digits with their decimals: "GPT-4o mini" -> gpt,
4, o, mini; "Claude 3.5" -> claude, 3.5; "don't" -> don, t. Tokens are lower case; their
offsets point into the original text, whose spelling callers read when case matters.

Speed matters here (the feed must analyse over a thousand 2 KB items a second), so the work is
one ``re.split`` and list slicing, all in C: no match object per token. Letters are ASCII plus
the Unicode blocks that hold letters (Latin, Greek, Cyrillic ... CJK), which keeps punctuation
such as "—", "“" and "€" out of words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from itertools import accumulate

__all__ = ["PhraseIndex", "Tokens"]

_LETTERS = (
    "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0300-\u036f\u0370-\u1fff\u2c00-\u2dff"
    "\u3040-\ud7ff\uf900-\ufdff\ufe70-\ufefe\uff21-\uff3a\uff41-\uff5a\uff66-\uffdc"
)
_SPLIT = re.compile(f"([{_LETTERS}]+|[0-9]+(?:\\.[0-9]+)*)")


class Tokens:
    """The tokens of one text. ``words[i]`` is token i (lower case), ``starts[i]``/``ends[i]``
    its offsets, ``gaps[i]`` the text before it (``gaps[i + 1]`` the text after it)."""

    __slots__ = ("_candidates", "ends", "gaps", "starts", "text", "words")

    def __init__(self, text: str, interesting: AbstractSet[str] | None = None) -> None:
        """`interesting`: every word any caller will ask :meth:`where` about. Given, the
        positions of those words are collected in one pass and each question only filters
        them (the analysis asks four questions per text)."""
        self.text = text
        lowered = text.lower()
        if len(lowered) == len(text):
            parts = _SPLIT.split(lowered)
            self.words: list[str] = parts[1::2]
        else:  # a few capitals lower-case to two characters: split the original instead
            parts = _SPLIT.split(text)
            self.words = [word.lower() for word in parts[1::2]]
        self.gaps: list[str] = parts[0::2]
        bounds = list(accumulate(map(len, parts)))
        self.starts: list[int] = bounds[0::2][: len(self.words)]
        self.ends: list[int] = bounds[1::2]
        words = self.words
        self._candidates: list[tuple[int, str]] = (
            list(enumerate(words))
            if interesting is None
            else [(i, word) for i, word in enumerate(words) if word in interesting]
        )

    def __len__(self) -> int:
        return len(self.words)

    def glued(self, i: int) -> bool:
        """Token i follows the previous token with nothing between ("4o" in "GPT-4o")."""
        return i > 0 and self.gaps[i] == ""

    def where(self, wanted: Mapping[str, object] | AbstractSet[str]) -> list[int]:
        """Indexes of the tokens in `wanted`, in order."""
        return [i for i, word in self._candidates if word in wanted]


class PhraseIndex:
    """Phrases written as they read ("state-of-the-art"), looked up by token at a position."""

    def __init__(self, phrases: dict[str, tuple[str, ...]]) -> None:
        self.labels: dict[tuple[str, ...], str] = {}
        self.longest: dict[str, int] = {}
        """For each first token: the most tokens a phrase starting with it has."""
        seconds: dict[str, set[str]] = {}
        for label, items in phrases.items():
            for phrase in items:
                key = tuple(Tokens(phrase).words)
                self.labels[key] = label
                self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
                if len(key) > 1:
                    seconds.setdefault(key[0], set()).add(key[1])
        self.seconds = {first: frozenset(words) for first, words in seconds.items()}
        """For each first token: the second tokens of its longer phrases ("next" -> "level")."""
        self.singles = {key[0]: label for key, label in self.labels.items() if len(key) == 1}
        """One-word phrases, for the callers' fast path."""

    def match(self, tokens: Tokens, i: int, gaps: frozenset[str]) -> tuple[int, str] | None:
        """The longest phrase starting at token `i` whose words are separated only by `gaps`
        (so a phrase never spans a full stop): (number of tokens, label), or None."""
        words = tokens.words
        longest = self.longest.get(words[i])
        if longest is None:
            return None
        labels = self.labels
        if i + 1 == len(words) or words[i + 1] not in self.seconds.get(words[i], ()):
            longest = 1  # the usual case: "the" not followed by "future"
        for size in range(min(longest, len(words) - i), 1, -1):
            label = labels.get(tuple(words[i : i + size]))
            if label is not None and all(tokens.gaps[j] in gaps for j in range(i + 1, i + size)):
                return size, label
        label = labels.get((words[i],))
        return None if label is None else (1, label)
