"""Tags: vendors and families of linked models, and topics by documented keyword rules."""

from __future__ import annotations

from llmref.feed.analyse import analyse
from llmref.feed.link import LinkIndex


def test_vendor_family_and_topics(index: LinkIndex) -> None:
    analysis = analyse(
        "GPT-4o mini price cut",
        "GPT-4o mini now costs $0.15 per million input tokens. The pricing page lists it.",
        index,
    )
    # The event ("price cut") first, then the vendor, the family, the other topic.
    assert analysis.tags == ("Price change", "OpenAI", "GPT", "Pricing")


def test_a_family_named_like_its_vendor_is_listed_once(index: LinkIndex) -> None:
    tags = analyse("Codestral notes", "Codestral has a new home.", index).tags
    assert tags == ("Mistral AI", "Codestral")


def test_one_body_mention_is_not_a_topic_but_a_title_mention_is(index: LinkIndex) -> None:
    assert "Code generation" not in analyse("Notes", "It does some coding.", index).tags
    assert "Code generation" in analyse("Coding notes", "Nothing more here.", index).tags
    assert "Code generation" in analyse("Notes", "Coding, and more coding.", index).tags


def test_negated_keywords_do_not_count(index: LinkIndex) -> None:
    body = "GPT-4o is not open-weight and is not open source. It isn't open weights either."
    assert "Open weights" not in analyse("GPT-4o licence", body, index).tags
    body = "Llama 3 8B has open weights. The open-weight release is on Hugging Face."
    assert "Open weights" in analyse("Llama 3 8B", body, index).tags


def test_facts_feed_their_topics(index: LinkIndex) -> None:
    # Two benchmark names are two points: enough for the Benchmark topic without the word.
    assert "Benchmark" in analyse("Scores", "It does well on MMLU and on GPQA.", index).tags
    assert "Benchmark" not in analyse("Scores", "It does well on MMLU.", index).tags


def test_at_most_four_tags_with_the_event_first(index: LinkIndex) -> None:
    title = "OpenAI launches GPT-4o mini"
    body = (
        "GPT-4o mini is released today with vision, coding, reasoning and a long context "
        "window. It costs $0.15 per million tokens, tops the leaderboard on MMLU and GPQA, "
        "and the open-weight Llama 3 8B from Meta is compared. The pricing is cheaper."
    )
    tags = analyse(title, body, index).tags
    assert len(tags) == 4
    assert tags[0] == "Release"
