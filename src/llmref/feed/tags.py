"""Tags: the vendors and model families an item mentions, and its topics.

* Vendor: the vendor of every linked model, and every linked vendor (display name).
* Family: the first word of each linked model's name ("GPT-4o mini" -> "GPT").
* Topic: keywords of the topic score 2 in the title and 1 in the body, found facts of the
  matching kind score 1 each (prices for Pricing, benchmark names for Benchmark); a topic with
  2 points or more is a tag. A keyword right after "not", "no", "non" or "without" does not
  count ("not open-weight" is no evidence of open weights).
"""

from __future__ import annotations

from collections.abc import Sequence

from llmref.feed.link import LinkIndex
from llmref.feed.score import Hit
from llmref.feed.tokens import PhraseIndex, Tokens
from llmref.feed.types import EntityLink

__all__ = ["TOPICS", "item_tags"]

TOPICS: dict[str, tuple[str, ...]] = {
    "Pricing": (
        "price", "prices", "priced", "pricing", "cost", "costs", "cheaper", "discount",
        "discounts", "discounted", "per million tokens", "free tier",
    ),
    "Benchmark": (
        "benchmark", "benchmarks", "leaderboard", "leaderboards", "eval", "evals", "evaluation",
        "evaluations",
    ),
    "Release": (
        "release", "released", "releases", "releasing", "launch", "launches", "launched",
        "launching", "introduce", "introduces", "introduced", "introducing", "announce",
        "announces", "announced", "announcing", "now available", "generally available",
        "general availability", "rolling out", "rolls out",
    ),
    "Open weights": (
        "open weights", "open-weight", "open source", "open-sourced", "apache 2.0", "mit license",
        "mit licence", "hugging face", "huggingface", "weights are available",
        "downloadable weights",
    ),
    "Code generation": (
        "code generation", "coding", "programming", "code completion", "humaneval", "swe-bench",
        "livecodebench", "mbpp", "codeforces", "aider",
    ),
    "Multimodal": (
        "multimodal", "multi-modal", "vision", "image", "images", "audio", "video", "speech",
    ),
    "Context window": (
        "context window", "context windows", "context length", "long context", "long-context",
    ),
    "Reasoning": ("reasoning", "chain-of-thought", "thinking mode", "test-time compute"),
    "Fine-tuning": (
        "fine-tune", "fine-tunes", "fine-tuned", "fine-tuning", "finetune", "finetuned",
        "finetuning",
    ),
    "Deprecation": (
        "deprecate", "deprecates", "deprecated", "deprecating", "deprecation", "retire",
        "retires", "retired", "retiring", "retirement", "sunset", "sunsets", "sunsetting",
        "end-of-life",
    ),
    "Safety": ("safety", "jailbreak", "jailbreaks", "red team", "red-teaming", "alignment"),
}  # fmt: skip
"""Topic tags and the words that count for them (matched as whole words, any case; a space
and a hyphen are the same)."""
FACT_TOPICS = {"price": "Pricing", "benchmark": "Benchmark"}
THRESHOLD = 2

_INDEX = PhraseIndex(TOPICS)
TRIGGER_WORDS = frozenset(_INDEX.longest)
"""The first words of the topic keywords."""
_GAPS = frozenset({" ", "-", "\u2010", "\u2011", "\n"})
_NEGATIONS = frozenset({"not", "no", "non", "without", "never"})


def _negated(tokens: Tokens, i: int) -> bool:
    if i == 0:
        return False
    previous = tokens.words[i - 1]
    if previous in _NEGATIONS:
        return True
    return previous == "t" and tokens.gaps[i - 1] in ("'", "’")  # isn't, doesn't


def _topics(tokens: Tokens, body_offset: int, facts: Sequence[Hit]) -> list[str]:
    points = dict.fromkeys(TOPICS, 0)
    after = 0
    words, singles, seconds = tokens.words, _INDEX.singles, _INDEX.seconds
    for i in tokens.where(_INDEX.longest):
        if i < after:
            continue
        word = words[i]
        if word not in seconds or i + 1 == len(words) or words[i + 1] not in seconds[word]:
            single = singles.get(word)  # the usual case, without a call
            if single is None:
                continue
            size, tag = 1, single
        else:
            found = _INDEX.match(tokens, i, _GAPS)
            if found is None:
                continue
            size, tag = found
        if not _negated(tokens, i):
            points[tag] += 2 if tokens.starts[i] < body_offset else 1
        after = i + size
    for hit in facts:
        fact_topic = FACT_TOPICS.get(hit.kind)
        if fact_topic is not None:
            points[fact_topic] += 1
    return [tag for tag in TOPICS if points[tag] >= THRESHOLD]


def item_tags(
    tokens: Tokens,
    body_offset: int,
    facts: Sequence[Hit],
    links: Sequence[EntityLink],
    index: LinkIndex,
) -> tuple[str, ...]:
    """Vendors (sorted), then families (sorted), then topics (in :data:`TOPICS` order)."""
    vendors: set[str] = set()
    families: set[str] = set()
    for link in links:
        if link.kind == "model":
            vendor_id = index.model_vendor.get(link.id)
            if vendor_id is not None:
                vendors.add(index.vendor_names.get(vendor_id, vendor_id))
            family = index.model_family.get(link.id)
            if family is not None:
                families.add(family)
        elif link.kind == "vendor":
            vendors.add(link.name)
    # Unique regardless of case: "Claude" and an imported "claude" are one tag, and so are a
    # vendor and a family of the same name; sorted() puts capitals first, so they are kept.
    tags: dict[str, str] = {}
    for tag in [*sorted(vendors), *sorted(families), *_topics(tokens, body_offset, facts)]:
        tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())
