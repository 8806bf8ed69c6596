"""The three-line extractive summary."""

from __future__ import annotations

from llmref.feed.analyse import analyse
from llmref.feed.link import LinkIndex
from llmref.feed.summary import MAX_LINE, sentences


def test_sentences_split_on_full_stops_and_line_breaks() -> None:
    text = "First one here. Second, with $0.15 in it! Third?\nA new paragraph line"
    found = [text[s:e] for s, e in sentences(text)]
    assert found == [
        "First one here.",
        "Second, with $0.15 in it!",
        "Third?",
        "A new paragraph line",
    ]


def test_decimals_and_abbreviations_do_not_split() -> None:
    text = "It costs $0.15 per token and v2.1 ships today. Next sentence here."
    assert [text[s:e] for s, e in sentences(text)] == [
        "It costs $0.15 per token and v2.1 ships today.",
        "Next sentence here.",
    ]


def test_the_fact_dense_sentences_are_chosen_and_kept_in_order(index: LinkIndex) -> None:
    body = (
        "We have been thinking about models a great deal this season. "
        "GPT-4o mini costs $0.15 per million input tokens and $0.60 per million output tokens. "
        "The weather was pleasant and the office was quiet all week. "
        "It scores 82% on MMLU, according to the launch post. "
        "Our team enjoyed a lovely lunch together on Friday afternoon. "
        "Its context window is 128,000 tokens. "
        "Nothing else happened that anybody would remember."
    )
    summary = analyse("Notes", body, index).summary
    assert summary == (
        "GPT-4o mini costs $0.15 per million input tokens and $0.60 per million output tokens.",
        "It scores 82% on MMLU, according to the launch post.",
        "Its context window is 128,000 tokens.",
    )


def test_the_lead_sentence_wins_a_tie(index: LinkIndex) -> None:
    body = (
        "One plain opening sentence here. Another plain sentence follows it. "
        "A third plain one ends."
    )
    assert analyse("t", body, index).summary == (
        "One plain opening sentence here.",
        "Another plain sentence follows it.",
        "A third plain one ends.",
    )


def test_hype_sentences_lose(index: LinkIndex) -> None:
    body = (
        "This revolutionary, incredible, game-changing launch is amazing! "
        "The model has a plain description in this sentence. "
        "A second plain sentence is here too. "
        "A third plain sentence ends it."
    )
    summary = analyse("t", body, index).summary
    assert all("revolutionary" not in line for line in summary)
    assert len(summary) == 3


def test_short_fragments_are_skipped_and_long_lines_cut(index: LinkIndex) -> None:
    long_sentence = "word " * 100 + "end."
    summary = analyse("t", "Too short. " + long_sentence, index).summary
    assert len(summary) == 1
    assert summary[0].endswith("…")
    assert len(summary[0]) <= MAX_LINE


def test_no_body_no_summary(index: LinkIndex) -> None:
    assert analyse("Only a title with GPT-4o mini", "", index).summary == ()


def test_the_summary_starts_with_its_subject(index: LinkIndex) -> None:
    body = (
        "It is priced at $0.15 per million input tokens and $0.60 per million output tokens. "
        "GPT-4o mini is the new small model from OpenAI for most everyday tasks. "
        "It scores 82% on MMLU, ahead of similar small models."
    )
    lines = analyse("A new small model", body, index).summary
    assert lines[0].startswith("GPT-4o mini is the new small model")
    assert len(lines) == 3
