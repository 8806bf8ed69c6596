"""Signal and hype, 0–100, each with the evidence it counted. Pure functions of the text.

The method (docs/feed-scoring.md explains it with a worked example):

* **Signal** counts concrete, checkable facts — prices, percentages, benchmark names, dates,
  token counts, parameter counts, speeds and named sources — each distinct fact once, and
  divides by length: ``D`` = distinct facts per 100 words (an item shorter than 60 words counts
  as 60, so one number in a headline is not a dense article).
  ``signal = 100 × D / (D + 2)``: 0 with no facts, 50 at two facts per 100 words.
* **Hype** counts superlatives, marketing words, vague claims, exclamation marks, hype emoji
  and shouted words — every occurrence, since repetition is itself hype — per 100 words
  (same 60-word floor): ``hype = 100 × H / (H + 4)``, 50 at four markers per 100 words.

D and H are rounded to two decimals, the formula's result to two decimals, then to a whole
number, each half-up. Every figure in the explanation is computed here, so it is true for the
text it describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from llmref.feed.tokens import PhraseIndex, Tokens
from llmref.feed.types import Evidence, Score

__all__ = [
    "FACT_KINDS",
    "HYPE_KINDS",
    "MIN_WORDS",
    "Hit",
    "count_words",
    "find_facts",
    "find_hype",
    "hype_score",
    "signal_score",
]

MIN_WORDS = 60
FACT_KINDS = (
    "price", "percentage", "benchmark", "date", "tokens", "parameters", "speed", "source",
)  # fmt: skip
HYPE_KINDS = ("superlative", "marketing", "vague", "exclamation", "emoji", "shouting")


class Hit(NamedTuple):
    """One fact or hype marker found: offsets into the text, its kind and the text itself."""

    start: int
    end: int
    kind: str
    text: str


# ---- facts ---------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Facts that start with a number or a currency sign, found by one scan. The pattern opens with
# a character class so the regex engine jumps from digit to digit in C; the look-behind after
# it rejects a digit glued to a word or a number (the "4" of "GPT-4o", the "15" of "0.15").
# The number is read once; the unit after it decides the kind, tried in this order ("50
# tokens/s" is a speed, not a token count).
_REST_OF_NUMBER = r"(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
_NUMERIC = re.compile(
    r"[$€£0-9](?:"
    rf"(?<=[$€£])(?P<price_sign> ?{_NUM}(?:\s?(?:k|m|bn|b|million|billion)\b)?)"
    r"|(?<![\w.,][0-9])(?:"
    r"(?P<date>(?-i:\d{3}-[01]\d-[0-3]\d\b|\d?(?:st|nd|rd|th)? " + _MONTH + r"\.?,? \d{4}\b))"
    rf"|{_REST_OF_NUMBER}(?:"
    r"\s?(?P<speed>tokens?/s(?:ec)?|tok/s|t/s|tokens per second|ms|milliseconds)\b"
    r"|\s?(?P<price>USD|EUR|dollars|cents)\b"
    r"|(?P<tokens>\s?(?:k|m|million|thousand)?[\s-]?(?:input |output )?(?:tokens?|tok)\b"
    r"|\s?[km]\b[\s-]?(?:context|window))"
    r"|(?P<parameters>[bt]\b(?:\s?(?:parameters|params))?"
    r"|\s?(?:billion|trillion)[\s-](?:parameters?|params))"
    r"|\s?(?P<percentage>%|percent\b|per cent\b|percentage points\b|pp\b))))",
    re.IGNORECASE,
)

# Benchmarks a reader can look up. Names that are also common words (MATH, ARC, DROP) only
# count in capitals.
_BENCHMARKS_ANY_CASE = (
    r"MMLU(?:[- ]Pro)?|GPQA(?:[- ]Diamond)?|HumanEval\+?|MBPP|SWE[- ]bench(?: Verified)?"
    r"|AIME(?: ?\d{2,4})?|GSM8K|HellaSwag|ARC[- ]AGI(?:[- ]?\d)?|BIG[- ]Bench(?:[- ]Hard)?"
    r"|MMMU|MathVista|LiveCodeBench|LiveBench|Chatbot Arena|LMArena|Arena[- ]Hard|Elo"
    r"|TruthfulQA|WinoGrande|Terminal[- ]Bench|[τt]au[- ]?bench|SimpleQA|Humanity's Last Exam"
    r"|BFCL|IFEval|MGSM|Codeforces|Aider(?: Polyglot)?|MT[- ]Bench|AlpacaEval|DocVQA|ChartQA"
)
_BENCHMARKS_CAPS = r"MATH(?:-500)?|ARC|DROP|BBH|HLE"
# Facts that start with a word; tried only where a token of _WORDY_FIRST starts.
_WORDY_PATTERNS = [
    (
        "date",
        r"(?-i:" + _MONTH + r"\.? [0-3]?\d(?:st|nd|rd|th)?,? \d{4}\b|" + _MONTH + r"\.? \d{4}\b"
        r"|Q[1-4] \d{4}\b)",
    ),
    ("benchmark", rf"(?:{_BENCHMARKS_ANY_CASE}|(?-i:{_BENCHMARKS_CAPS}))(?![\w+-])"),
    (
        "source",
        r"https?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]"
        r"|(?:according to|model card|system card|technical report|tech report|arxiv"
        r"|pricing page|release notes|changelog|documentation|leaderboard|research paper)\b",
    ),
]
_WORDY = re.compile(
    "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _WORDY_PATTERNS), re.IGNORECASE
)
_MONTH_TOKENS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december q"
)
_BENCHMARK_TOKENS = (
    "mmlu gpqa humaneval mbpp swe aime gsm hellaswag arc big mmmu mathvista livecodebench "
    "livebench chatbot lmarena arena elo truthfulqa winogrande terminal tau τ simpleqa humanity "
    "bfcl ifeval mgsm codeforces aider mt alpacaeval docvqa chartqa math drop bbh hle"
)
_SOURCE_TOKENS = "http https arxiv changelog documentation leaderboard"
_WORDY_FIRST: dict[str, str | None] = dict.fromkeys(
    f"{_MONTH_TOKENS} {_BENCHMARK_TOKENS} {_SOURCE_TOKENS}".split()
)
# Common words that start a source phrase only when the right word follows.
_WORDY_FIRST.update(
    {
        "according": "to", "model": "card", "system": "card", "technical": "report",
        "tech": "report", "pricing": "page", "release": "notes", "research": "paper",
    }
)  # fmt: skip


def find_facts(text: str, tokens: Tokens | None = None) -> list[Hit]:
    """Every concrete fact in `text`, in order, non-overlapping (the earlier one wins)."""
    found: list[Hit] = []
    tokens = tokens if tokens is not None else Tokens(text)
    words, starts = tokens.words, tokens.starts
    # Numbers: one scan of the text.
    for match in _NUMERIC.finditer(text):
        kind = match.lastgroup or ""
        found.append(
            Hit(
                match.start(), match.end(), "price" if kind == "price_sign" else kind, match.group()
            )
        )
    # Words: a regex tried only at tokens that can start a benchmark, a date or a source.
    end = 0
    for i in tokens.where(_WORDY_FIRST):
        start = starts[i]
        if start < end or tokens.glued(i) or tokens.gaps[i][-1:] in ("-", "_"):
            continue
        wanted_next = _WORDY_FIRST[words[i]]
        if wanted_next is not None and (i + 1 == len(words) or words[i + 1] != wanted_next):
            continue
        worded = _WORDY.match(text, start)
        if worded is not None:
            found.append(Hit(start, worded.end(), worded.lastgroup or "", worded.group()))
            end = worded.end()
    found.sort()  # by start; a number and a word never start at the same place
    hits: list[Hit] = []
    end = 0
    for hit in found:  # a date inside a URL is part of the source, not a second fact
        if hit.start >= end:
            hits.append(hit)
            end = hit.end
    return hits


# ---- hype ----------------------------------------------------------------------------------

_HYPE_PHRASES: dict[str, tuple[str, ...]] = {
    "superlative": (
        "best", "greatest", "fastest", "smartest", "strongest", "ultimate", "unmatched",
        "unrivaled", "unrivalled", "unparalleled", "unprecedented", "unbeatable", "finest",
        "world-class", "best-in-class", "state-of-the-art", "industry-leading", "market-leading",
        "most powerful", "most advanced", "most capable", "most intelligent", "world's first",
        "number one", "second to none", "sota",
    ),
    "marketing": (
        "revolutionary", "revolutionize", "revolutionizes", "revolutionise", "revolutionises",
        "game-changing", "game changer", "groundbreaking", "ground-breaking", "breakthrough",
        "cutting-edge", "next-generation", "next-gen", "disruptive", "transformative",
        "supercharge", "supercharged", "supercharges", "unleash", "unleashes", "unleashed",
        "unlock", "unlocks", "empower", "empowers", "seamless", "seamlessly", "effortless",
        "effortlessly", "incredible", "incredibly", "amazing", "stunning", "mind-blowing",
        "jaw-dropping", "magical", "magic", "insane", "insanely", "unbelievable", "blazing",
        "lightning-fast", "stellar", "epic", "phenomenal", "spectacular", "astonishing",
        "awesome", "like never before", "future of", "changes everything", "paradigm shift",
        "redefine", "redefines", "redefining", "reimagine", "reimagines", "reimagined",
        "must-have", "don't miss", "won't believe", "next level", "level up", "wow",
    ),
    "vague": (
        "significantly", "dramatically", "vastly", "massively", "substantially", "remarkable",
        "remarkably", "impressive", "impressively", "exceptional", "exceptionally",
        "extraordinary", "powerful", "superior", "far better", "much better", "way better",
        "better than ever", "faster than ever", "smarter than ever", "more than ever",
        "blows away", "crushes", "dominates", "outclasses", "countless", "limitless", "endless",
        "top-tier", "massive", "huge", "wide range of",
    ),
}  # fmt: skip
_HYPE_INDEX = PhraseIndex(_HYPE_PHRASES)
_PHRASE_GAPS = frozenset({" ", "-", "\u2010", "\u2011", "\n", "'", "’"})
_EXCLAMATION = re.compile(r"!")
_CAPITALS = re.compile(r"[A-Z][A-Z]{3,}")  # opens with a class: the engine skips ahead in C
_HYPE_EMOJI = (
    "\U0001f680\U0001f525\U0001f92f\U0001f4a5\u2728\u26a1\U0001f389\U0001f440\U0001f4af"
    "\U0001f64c\U0001f929\U0001f631\U0001f3af\U0001f4c8\U0001f947\U0001f451"
)
_EMOJI = re.compile(f"[{_HYPE_EMOJI}]")
# Capitalised acronyms are names, not shouting.
_ACRONYMS = frozenset(
    [
        "AIME",
        "ARCH",
        "BERT",
        "BFCL",
        "CUDA",
        "GGUF",
        "GPQA",
        "GPUS",
        "HTML",
        "HTTP",
        "HTTPS",
        "JSON",
        "LLMS",
        "LORA",
        "MATH",
        "MBPP",
        "MMLU",
        "MMMU",
        "MTEB",
        "NVIDIA",
        "ONNX",
        "QLORA",
        "REST",
        "RLHF",
        "SOTA",
        "TPUS",
        "YAML",
        "APIS",
        "CPUS",
        "GDPR",
        "HIPAA",
        "RISC",
        "NOTE",
        "DROP",
        "MGSM",
        "IFEVAL",
        "GSM",
        "DPO",
        "SWE",
    ]
)


TRIGGER_WORDS = frozenset(_WORDY_FIRST) | frozenset(_HYPE_INDEX.longest)
"""Every word at which :func:`find_facts` or :func:`find_hype` looks further."""


def find_hype(text: str, tokens: Tokens | None = None) -> list[Hit]:
    """Every hype marker in `text`, in order."""
    hits: list[Hit] = []
    tokens = tokens if tokens is not None else Tokens(text)
    starts, ends = tokens.starts, tokens.ends
    in_phrases: set[int] = set()
    after = 0
    words = tokens.words
    singles, seconds = _HYPE_INDEX.singles, _HYPE_INDEX.seconds
    for i in tokens.where(_HYPE_INDEX.longest):
        if i < after:
            continue
        word = words[i]
        if word not in seconds or i + 1 == len(words) or words[i + 1] not in seconds[word]:
            # The usual case, without a call: a one-word marker, or a common word ("most",
            # "like") that does not start a phrase here.
            kind = singles.get(word)
            if kind is not None:
                hits.append(Hit(starts[i], ends[i], kind, text[starts[i] : ends[i]]))
                in_phrases.add(starts[i])
            continue
        found = _HYPE_INDEX.match(tokens, i, _PHRASE_GAPS)
        if found is not None:
            size, kind = found
            start, end = starts[i], ends[i + size - 1]
            hits.append(Hit(start, end, kind, text[start:end]))
            in_phrases.update(starts[i : i + size])
            after = i + size
    for match in _CAPITALS.finditer(text):
        start, end = match.span()
        word = match.group()
        if (
            start in in_phrases
            or word in _ACRONYMS
            or (start and text[start - 1].isalnum())
            or text[end : end + 1].isalnum()
        ):
            continue
        hits.append(Hit(start, end, "shouting", word))
    hits.extend(Hit(m.start(), m.end(), "exclamation", "!") for m in _EXCLAMATION.finditer(text))
    # Sixteen substring checks are far cheaper than a regex scan for characters this rare.
    if not text.isascii() and any(emoji in text for emoji in _HYPE_EMOJI):
        hits.extend(Hit(m.start(), m.end(), "emoji", m.group()) for m in _EMOJI.finditer(text))
    hits.sort(key=lambda h: h.start)
    return hits


# ---- scores --------------------------------------------------------------------------------


def count_words(text: str) -> int:
    return len(text.split())


def _divide_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up, for non-negative integers (exact: no floats)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _hundredths(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def _evidence(hits: Iterable[Hit], kinds: tuple[str, ...]) -> list[Evidence]:
    """Hits grouped by kind (in `kinds` order) and spelling (case-folded; the first spelling
    seen is shown), each group in order of first appearance."""
    counts: dict[tuple[str, str], int] = {}
    shown: dict[tuple[str, str], str] = {}
    for hit in hits:
        text = hit.text
        if "\n" in text or "  " in text:
            text = " ".join(text.split())
        key = (hit.kind, text.casefold())
        if key not in counts:
            counts[key] = 0
            shown[key] = text
        counts[key] += 1
    order = {kind: n for n, kind in enumerate(kinds)}
    keys = sorted(counts, key=lambda key: order[key[0]])
    return [Evidence(key[0], shown[key], counts[key]) for key in keys]


def _length(words: int) -> tuple[int, str]:
    counted = max(words, MIN_WORDS)
    note = f"{words} words" if words >= MIN_WORDS else f"{words} words (counted as {MIN_WORDS})"
    return counted, note


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


SIGNAL_HALF = 2
"""Facts per 100 words at which signal is 50."""
HYPE_HALF = 4
"""Hype markers per 100 words at which hype is 50."""


def _saturating(count: int, words: int, half: int) -> tuple[str, str, int]:
    """(D, 100 × D / (D + half), whole score) with D = count per 100 `words`. Computed in
    hundredths with integers: D and the result are rounded half-up to two decimals, then the
    result to a whole number, exactly as the explanation shows them."""
    density = _divide_half_up(count * 100 * 100, words)  # D in hundredths
    exact = _divide_half_up(100 * 100 * density, density + 100 * half)  # result in hundredths
    return _hundredths(density), _hundredths(exact), _divide_half_up(exact, 100)


def signal_score(hits: Iterable[Hit], words: int) -> Score:
    evidence = _evidence(hits, FACT_KINDS)
    facts = len(evidence)
    counted, length = _length(words)
    density, exact, value = _saturating(facts, counted, SIGNAL_HALF)
    explanation = (
        f"{_plural(facts, 'distinct fact')} in {length} = {density} per 100 words; "
        f"100 × {density} / ({density} + {SIGNAL_HALF}) = {exact}. Signal {value}."
    )
    return Score(value=value, reasons=tuple(evidence), explanation=explanation)


def hype_score(hits: Iterable[Hit], words: int) -> Score:
    evidence = _evidence(hits, HYPE_KINDS)
    markers = sum(e.count for e in evidence)
    counted, length = _length(words)
    density, exact, value = _saturating(markers, counted, HYPE_HALF)
    explanation = (
        f"{_plural(markers, 'hype marker')} in {length} = {density} per 100 words; "
        f"100 × {density} / ({density} + {HYPE_HALF}) = {exact}. Hype {value}."
    )
    return Score(value=value, reasons=tuple(evidence), explanation=explanation)
