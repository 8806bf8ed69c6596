"""The shared tokeniser: tokens, offsets, gaps and phrase look-ups."""

from __future__ import annotations

from llmref.feed.tokens import PhraseIndex, Tokens


def test_tokens_offsets_and_gaps() -> None:
    text = "GPT-4o mini—“costs” $0.15, v3.5!"
    tokens = Tokens(text)
    assert tokens.words == ["gpt", "4", "o", "mini", "costs", "0.15", "v", "3.5"]
    for i, word in enumerate(tokens.words):
        assert text[tokens.starts[i] : tokens.ends[i]].lower() == word
    assert tokens.gaps[1] == "-" and tokens.gaps[2] == "" and tokens.gaps[4] == "—“"
    assert tokens.glued(2) and not tokens.glued(1)
    assert tokens.gaps[-1] == "!"


def test_where_finds_every_position_in_order() -> None:
    tokens = Tokens("the model and the other model")
    assert tokens.where({"model"}) == [1, 5]
    assert tokens.where({"the": 1, "other": 2}) == [0, 3, 4]
    assert tokens.where(frozenset()) == []


def test_capitals_that_lower_case_longer_keep_offsets() -> None:
    text = "İstanbul GPT"  # "İ".lower() is two characters
    tokens = Tokens(text)
    assert tokens.words == ["i̇stanbul", "gpt"]
    assert text[tokens.starts[1] : tokens.ends[1]] == "GPT"


def test_phrases_match_longest_first_and_never_across_punctuation() -> None:
    index = PhraseIndex({"a": ("state-of-the-art", "state"), "b": ("art",)})
    tokens = Tokens("state of the art. state. Of the art")
    gaps = frozenset({" ", "-"})
    assert index.match(tokens, 0, gaps) == (4, "a")
    assert index.match(tokens, 4, gaps) == (1, "a")  # "state. Of the art" is not the phrase
    assert index.match(tokens, 3, gaps) == (1, "b")
    assert index.match(tokens, 1, gaps) is None
