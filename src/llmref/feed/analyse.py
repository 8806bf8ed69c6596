"""One item's text -> :class:`Analysis` (links, signal, hype, summary, tags). Pure.

The analysed text is the title, a line break, then the body as plain text. Scores read both;
the summary reads the body only; tags weigh a keyword in the title double.
"""

from __future__ import annotations

from llmref.feed import score, tags
from llmref.feed.link import LinkIndex, Mention, find_mentions, link_entities_from
from llmref.feed.score import Hit, count_words, find_facts, find_hype, hype_score, signal_score
from llmref.feed.summary import summarise
from llmref.feed.tags import item_tags
from llmref.feed.tokens import Tokens
from llmref.feed.types import Analysis

__all__ = ["ANALYSIS_VERSION", "analyse", "analysed_with"]

ANALYSIS_VERSION = "1"
"""Bump when scoring, linking, summary or tag rules change: stored items get re-analysed."""


def analysed_with(index: LinkIndex | str) -> str:
    """What a stored analysis depends on: these rules and the catalogue version (given as the
    index built from it, or the version string itself)."""
    version = index if isinstance(index, str) else index.version
    return f"{ANALYSIS_VERSION}:{version}"


_STATIC_TRIGGERS = score.TRIGGER_WORDS | tags.TRIGGER_WORDS
_interesting_by_version: dict[str, frozenset[str]] = {}


def _interesting(index: LinkIndex) -> frozenset[str]:
    """Every word the linker, the scorer or the tagger may look further at (per catalogue)."""
    found = _interesting_by_version.get(index.version)
    if found is None:
        found = _STATIC_TRIGGERS | frozenset(index.first)
        if len(_interesting_by_version) >= 4:
            _interesting_by_version.clear()
        _interesting_by_version[index.version] = found
    return found


def _outside(facts: list[Hit], mentions: list[Mention]) -> list[Hit]:
    """Facts that are not part of a catalogue name: the "8B" of "Llama 3 8B" or the date in
    "gpt-4o-2024-08-06" names a model, it states nothing."""
    if not mentions:
        return facts
    kept = []
    j = 0
    for fact in facts:  # both lists are in text order
        while j < len(mentions) and mentions[j].end <= fact.start:
            j += 1
        if j < len(mentions) and mentions[j].start <= fact.start and fact.end <= mentions[j].end:
            continue
        kept.append(fact)
    return kept


def analyse(title: str, body: str, index: LinkIndex) -> Analysis:
    text = f"{title}\n{body}" if body else title
    body_offset = len(title) + 1 if body else len(text)
    tokens = Tokens(text, _interesting(index))
    mentions = find_mentions(text, index, tokens)
    facts = _outside(find_facts(text, tokens), mentions)
    hype = find_hype(text, tokens)
    links = link_entities_from(mentions)
    words = count_words(text)
    return Analysis(
        signal=signal_score(facts, words),
        hype=hype_score(hype, words),
        links=links,
        summary=summarise(text, body_offset, facts, hype, mentions),
        tags=item_tags(tokens, body_offset, facts, links, index),
        words=words,
    )
