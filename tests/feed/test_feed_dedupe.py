"""The keys that make two items one story."""

from __future__ import annotations

import pytest

from llmref.feed.dedupe import link_key, title_key


@pytest.mark.parametrize(
    "link",
    [
        "https://notes.example/posts/a",
        "http://notes.example/posts/a/",
        "https://www.notes.example/posts/a?utm_source=rss&utm_medium=feed",
        "https://NOTES.example/posts/a#comments",
        "https://notes.example/posts/a?fbclid=xyz",
    ],
)
def test_links_that_differ_only_in_noise_share_a_key(link: str) -> None:
    assert link_key(link) == "notes.example/posts/a"


def test_links_that_differ_in_substance_do_not() -> None:
    assert link_key("https://notes.example/posts/a?id=1") != link_key(
        "https://notes.example/posts/a?id=2"
    )
    assert link_key("https://notes.example/posts/A") != link_key("https://notes.example/posts/a")
    assert link_key(None) is None and link_key("not a url") is None


def test_titles_fold_case_spacing_and_punctuation() -> None:
    assert title_key("  Weekly   DIGEST! ") == title_key("weekly digest") == "weekly digest"
    assert title_key("GPT-4o mini — released") == "gpt 4o mini released"
    assert title_key("Café") == title_key("Cafe\u0301")  # composed and decomposed accents
