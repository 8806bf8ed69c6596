"""Alternatives that make sense: models a reader of one model's profile could switch to, each
picked by a written rule and carrying the reason (pure; prices from the blended-price ladder
under the route policy, "trusted" by default: a reseller's discount or a unit error is never
the price an alternative is picked by).

Every alternative is priced, canonical (not a dated snapshot), of the same class
(:func:`llmref.catalog.model_class`; chat and reasoning models count as one) and current:
not past its deprecation date on the day the prices are read (``as_of``, else the
catalogue's build date). The rules, in order, each adding
at most one model:

1. **next tier up** — the same vendor's model with the closest blended price above;
2. **next tier down** — the same vendor's model with the closest blended price below;
3. **better score** — another vendor's model with a better score on a benchmark version this
   model has (the one most models share), at the closest price;
4. **open weights** — the open-weights model nearest in score on that benchmark version;
5. then the closest prices in the class, other vendors first, until the list is full ("same
   class" when the model itself has no price to be close to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.benchmarks import engine as bench_engine
from llmref.catalog import Catalog, Model, model_class
from llmref.catalog.model_class import TEXT_CLASSES
from llmref.catalog.types import Benchmark, BenchmarkResult
from llmref.pricing.ladder import BlendedLadder, blended_ladder, closest, price_distance
from llmref.pricing.memo import per_snapshot
from llmref.pricing.policy import DEFAULT_POLICY, RoutePolicy


@dataclass(frozen=True, slots=True)
class Alternative:
    id: str
    rule: str
    """"next tier up", "next tier down", "better score", "open weights", "closest price", or
    "same class" (the model itself has no price to be close to)."""
    blended: Decimal | None
    benchmark: Benchmark | None = None
    """The benchmark version the rule compared on (rules 3 and 4)."""
    score: BenchmarkResult | None = None
    """The alternative's score on it."""
    mine: BenchmarkResult | None = None
    """This model's score on it."""


RULE_PHRASES = {
    "next tier up": "the same vendor's next tier up",
    "next tier down": "the same vendor's next tier down",
    "better score": "a better score at the closest price",
    "open weights": "the open-weights model nearest in score",
    "closest price": "the closest price in the same class",
    "same class": "a priced model of the same class",
}
"""Each rule as a reader is told it, after the pair it picked ("A vs B (…)")."""


def _variant(model_id: str, other_id: str) -> bool:
    """A variant of the same model (`gpt-4o-mini-audio-preview` of `gpt-4o-mini`), not a tier."""
    return other_id.startswith(model_id + "-") or model_id.startswith(other_id + "-")


def is_current(model: Model, day: date) -> bool:
    retired = model.value("deprecation_date")
    return not (isinstance(retired, date) and retired <= day)


def _anchor(
    catalog: Catalog, model: Model, as_of: date | None
) -> tuple[Benchmark, BenchmarkResult] | None:
    """The model's benchmark version with the most models (speed excluded; ties: id)."""
    best: tuple[tuple[int, str], Benchmark, BenchmarkResult] | None = None
    for bench, result in bench_engine.model_scores(catalog, model.id, as_of):
        key = (-len({r.model_id for r in catalog.results_on(bench.id)}), bench.id)
        if best is None or key < best[0]:
            best = (key, bench, result)
    return None if best is None else (best[1], best[2])


def _group(kind: str) -> str:
    """Chat and reasoning models do one job (they write answers); other classes stand alone."""
    return "text" if kind in TEXT_CLASSES else kind


def _classes(catalog: Catalog) -> dict[str, str]:
    """Every model's class, computed once per catalogue snapshot."""
    found: dict[str, str] = per_snapshot(
        catalog,
        "model-classes",
        None,
        lambda: {m.id: model_class(m) for m in catalog.models.values()},
    )
    return found


def choose_alternatives(
    catalog: Catalog,
    model: Model,
    as_of: date | None = None,
    limit: int = 4,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[Alternative, ...]:
    """Up to ``limit`` alternatives, priced by the lowest blended price over the routes
    ``policy`` includes (the model's own price too).

    The choice reads the whole catalogue's price ladder, and a model's alternatives are asked
    by its profile and by each of its comparisons' related links: chosen once per snapshot,
    date, limit and policy (:func:`per_snapshot`)."""
    memo: dict[str, tuple[Alternative, ...]] = per_snapshot(
        catalog, "alternatives", (as_of, limit, policy), dict
    )
    found = memo.get(model.id)
    if found is None:
        found = memo[model.id] = _choose(catalog, model, as_of, limit, policy)
    return found


def _choose(
    catalog: Catalog, model: Model, as_of: date | None, limit: int, policy: RoutePolicy
) -> tuple[Alternative, ...]:
    ladder: BlendedLadder = blended_ladder(catalog, as_of, policy)
    day = as_of or catalog.built
    mine = ladder.blended.get(model.id)
    kind = _group(model_class(model))
    classes = _classes(catalog)
    excluded = {model.id, model.family_id}

    def eligible(model_id: str) -> bool:
        other = catalog.models.get(model_id)
        return (
            other is not None
            and model_id not in excluded
            and not other.is_snapshot
            and _group(classes.get(model_id, "")) == kind
            and is_current(other, day)
        )

    picked: list[Alternative] = []

    def take(alt: Alternative | None) -> None:
        if alt is not None and len(picked) < limit and all(a.id != alt.id for a in picked):
            picked.append(alt)
            excluded.add(alt.id)

    own = ladder.by_vendor.get(model.vendor_id or "") if model.vendor_id else None
    if own is not None and mine is not None:
        tiers = [
            (p, i)
            for p, i in zip(own.prices, own.ids, strict=True)
            if eligible(i) and not _variant(model.id, i)
        ]
        # A tier is a model with quality data to compare: prefer those sharing a benchmark
        # version with this one, else any priced model of the vendor.
        mine_benches = {r.benchmark for r in catalog.benchmarks_of(model.id)}
        scored = [
            (p, i)
            for p, i in tiers
            if mine_benches & {r.benchmark for r in catalog.benchmarks_of(i)}
        ]
        pool = scored or tiers
        above = [(p, i) for p, i in pool if p > mine]
        below = [(p, i) for p, i in pool if p < mine]
        if above:
            p, i = min(above)
            take(Alternative(i, "next tier up", p))
        if below:
            p, i = max(below)
            take(Alternative(i, "next tier down", p))

    anchor = _anchor(catalog, model, as_of)
    if anchor is not None:
        bench, my_score = anchor
        scores = bench_engine.scores_on(catalog, bench.id, as_of)
        priced = {i: p for i, p in ladder.blended.items() if i in scores and eligible(i)}
        better = [
            (price_distance(mine, p), i, p)
            for i, p in priced.items()
            if bench.better(scores[i].value, my_score.value)
            and catalog.models[i].vendor_id != model.vendor_id
        ]
        if better:
            _, i, p = min(better)
            take(Alternative(i, "better score", p, bench, scores[i], my_score))
        open_ones = [
            (abs(scores[i].value - my_score.value), i, p)
            for i, p in priced.items()
            if catalog.models[i].value("open_weights") is True and i not in excluded
        ]
        if open_ones and model.value("open_weights") is not True:
            _, i, p = min(open_ones)
            take(Alternative(i, "open weights", p, bench, scores[i], my_score))

    _fill(ladder, mine, eligible, model.vendor_id, take, limit - len(picked))
    return tuple(picked)


def _fill(
    ladder: BlendedLadder,
    mine: Decimal | None,
    eligible: Callable[[str], bool],
    vendor_id: str | None,
    take: Callable[[Alternative | None], None],
    room: int,
) -> None:
    """The closest prices in the class: other vendors first, then the model's own vendor."""
    if room <= 0:
        return
    others = closest(ladder.canonical, mine, room, lambda i, v: v == vendor_id or not eligible(i))
    rule = "closest price" if mine is not None else "same class"
    for _, i, p in others:
        take(Alternative(i, rule, p))
    own = closest(ladder.canonical, mine, room, lambda i, v: v != vendor_id or not eligible(i))
    for _, i, p in own:
        take(Alternative(i, rule, p))


@dataclass(frozen=True, slots=True)
class RelatedAlternative:
    """ "`model` against `alternative`": a comparison worth reading next, with its rule."""

    model_id: str
    alternative: Alternative


def related_alternatives(
    catalog: Catalog,
    a: Model,
    b: Model,
    as_of: date | None = None,
    limit: int = 6,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[RelatedAlternative, ...]:
    """For a comparison of `a` and `b`: each model against its own alternatives (the same
    rules as a profile's, so of its class, current and priced under ``policy``), alternating
    between the two, never the pair itself."""
    per_side = [
        [
            RelatedAlternative(m.id, alt)
            for alt in choose_alternatives(catalog, m, as_of, limit, policy=policy)
            if alt.id not in (a.id, b.id)
        ]
        for m in (a, b)
    ]
    out: list[RelatedAlternative] = []
    for pair in zip(*per_side, strict=False):
        out.extend(pair)
    longer = max(per_side, key=len)
    out.extend(longer[len(min(per_side, key=len)) :])
    return tuple(out[:limit])
