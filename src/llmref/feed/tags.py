"""Tags: at most four per item, most telling first.

* Event kinds first (:data:`EVENT_KINDS`: Release, Price change, Deprecation, Benchmark), by
  points: what happened matters more than who it happened to.
* Then vendors, most-mentioned first: the vendor of every linked model, and every linked vendor.
* Then families: the first word of each linked model's name ("GPT-4o mini" -> "GPT").
* Then the other topics, by points.

Topic points: keywords of the topic score 2 in the title and 1 in the body, found facts of the
matching kind score 1 each (prices for Pricing, benchmark names for Benchmark); a topic with 2
points or more is a tag. A keyword right after "not", "no", "non" or "without" does not count
("not open-weight" is no evidence of open weights).
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
        "general availability", "rolling out", "rolls out", "unveil", "unveils", "unveiled",
        "debut", "debuts", "available today", "new model",
    ),
    "Price change": (
        "price cut", "price cuts", "price drop", "price reduction", "price increase",
        "cuts prices", "cut prices", "lowers prices", "lowered prices", "raises prices",
        "now costs", "cheaper", "reduced pricing", "new pricing",
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
EVENT_KINDS = ("Release", "Price change", "Deprecation", "Benchmark")
"""Topics that say what happened; they rank before every other tag."""
MAX_TAGS = 4

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


def _topics(tokens: Tokens, body_offset: int, facts: Sequence[Hit]) -> dict[str, int]:
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
    return {tag: n for tag, n in points.items() if n >= THRESHOLD}


def item_tags(
    tokens: Tokens,
    body_offset: int,
    facts: Sequence[Hit],
    links: Sequence[EntityLink],
    index: LinkIndex,
) -> tuple[str, ...]:
    """At most :data:`MAX_TAGS` tags, ranked as the module docstring says."""
    vendors: dict[str, int] = {}
    families: dict[str, int] = {}
    for link in links:  # most-mentioned first
        if link.kind == "model":
            vendor_id = index.model_vendor.get(link.id)
            if vendor_id is not None:
                name = index.vendor_names.get(vendor_id, vendor_id)
                vendors[name] = vendors.get(name, 0) + link.mentions
            family = index.model_family.get(link.id)
            if family is not None:
                families[family] = families.get(family, 0) + link.mentions
        elif link.kind == "vendor":
            vendors[link.name] = vendors.get(link.name, 0) + link.mentions
    points = _topics(tokens, body_offset, facts)
    # Ties: events in EVENT_KINDS order (a release outranks its benchmark), others in TOPICS order.
    order = [*EVENT_KINDS, *TOPICS]

    def by_points(tags: dict[str, int]) -> list[str]:
        return sorted(tags, key=lambda t: (-tags[t], order.index(t), t))

    events = {t: n for t, n in points.items() if t in EVENT_KINDS}
    others = {t: n for t, n in points.items() if t not in EVENT_KINDS}
    ranked = [
        *by_points(events),
        *sorted(vendors, key=lambda v: (-vendors[v], v)),
        *sorted(families, key=lambda f: (-families[f], f)),
        *by_points(others),
    ]
    # Unique regardless of case: "Claude" and an imported "claude" are one tag, and so are a
    # vendor and a family of the same name.
    tags: dict[str, str] = {}
    for tag in ranked:
        tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())[:MAX_TAGS]
