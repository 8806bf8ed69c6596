"""The duplicate detector: pairs of catalogue models that may be one model, for a person to rule
on (`llmref duplicates`; rulings go in ``data/identity-rulings.toml``).

Identity resolution joins spellings it can prove are one name (:mod:`llmref.importers.spelling`).
What it cannot prove is listed here. A pair is a candidate when

* the vendors agree (or one is unknown),
* the ids carry the same version and size numbers (`3.3`, `70b`: never Llama 3.1 against 3.3, or
  8B against 70B) and one has at most two words the other lacks (`instruct`, `turbo`, `fast`,
  a lab's name), and
* the facts agree: the same context window, or the same price on a provider both are sold by,
  or the same cheapest price.

Pairs a person has ruled on, and a snapshot against its own family, are never listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from llmref.catalog import Catalog, Model
from llmref.importers.rulings import Rulings
from llmref.importers.spelling import SERVING_WORDS, tokens

MAX_WORDS_APART = 2
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Candidate:
    first: str
    second: str
    vendor: str | None
    words_apart: tuple[str, ...]
    """The words one id has and the other lacks."""
    evidence: tuple[str, ...]
    """Which facts agree, in words (`same context window (131,072)`)."""

    @property
    def score(self) -> int:
        """More agreeing facts and fewer differing words rank first."""
        return 10 * len(self.evidence) - len(self.words_apart)


@dataclass(frozen=True)
class _Shape:
    numbers: tuple[str, ...]
    words: frozenset[str]


def _shape(model_id: str) -> _Shape:
    parts = [t for t in tokens(model_id) if t not in SERVING_WORDS]
    return _Shape(
        tuple(sorted(t for t in parts if _NUMBER.search(t))),
        frozenset(t for t in parts if not _NUMBER.search(t)),
    )


def _prices(catalog: Catalog, model: Model) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    out = {}
    for offering in catalog.offerings_of(model.id):
        point = offering.price_on(None)
        if point is not None and (point.input or point.output):
            out[offering.provider_id] = (point.input, point.output)
    return out


def _evidence(catalog: Catalog, a: Model, b: Model) -> tuple[str, ...]:
    found: list[str] = []
    context_a, context_b = a.value("context_window"), b.value("context_window")
    if context_a and context_a == context_b:
        found.append(f"same context window ({context_a:,})")
    prices_a, prices_b = _prices(catalog, a), _prices(catalog, b)
    shared = sorted(p for p in set(prices_a) & set(prices_b) if prices_a[p] == prices_b[p])
    if shared:
        found.append(f"same price on {', '.join(shared[:3])}")
    elif prices_a and prices_b:
        cheapest_a = min(prices_a.values(), key=lambda v: (v[0] or 0, v[1] or 0))
        cheapest_b = min(prices_b.values(), key=lambda v: (v[0] or 0, v[1] or 0))
        if cheapest_a == cheapest_b:
            found.append("same cheapest price")
    return tuple(found)


def _related(a: Model, b: Model) -> bool:
    """A snapshot and its family are already one family, on purpose."""
    return a.family_id == b.id or b.family_id == a.id


def find_candidates(catalog: Catalog, rulings: Rulings | None = None) -> list[Candidate]:
    """Every candidate pair, best evidence first (see the module docstring for the rules)."""
    ruled = rulings.ruled if rulings is not None else frozenset()
    blocks: dict[tuple[str, ...], list[tuple[Model, _Shape]]] = defaultdict(list)
    for model in catalog.models.values():
        shape = _shape(model.id)
        if shape.words:
            blocks[shape.numbers].append((model, shape))
    out: list[Candidate] = []
    for members in blocks.values():
        members.sort(key=lambda pair: pair[0].id)
        for (a, shape_a), (b, shape_b) in combinations(members, 2):
            apart = shape_a.words ^ shape_b.words
            if (
                not apart
                or len(apart) > MAX_WORDS_APART
                or not (shape_a.words <= shape_b.words or shape_b.words <= shape_a.words)
                or not shape_a.words & shape_b.words
                or (a.vendor_id and b.vendor_id and a.vendor_id != b.vendor_id)
                or _related(a, b)
                or frozenset((a.id, b.id)) in ruled
            ):
                continue
            evidence = _evidence(catalog, a, b)
            if evidence:
                vendor = a.vendor_id or b.vendor_id
                out.append(Candidate(a.id, b.id, vendor, tuple(sorted(apart)), evidence))
    out.sort(key=lambda c: (-c.score, c.first, c.second))
    return out
