"""The verdict of a comparison, as data: which model is cheaper at the traffic, which scores
higher on the benchmarks both have (same benchmark version), which gives more per dollar, what
routing between them would cost, and the risks of each (retirement, one provider only).

The rule that keeps judgement honest: a difference smaller than :data:`MATERIAL` (5% of the
larger figure) is never a reason, a lead or a verdict — two models within 5% on a figure are
even on it. Pure: the sides carry every figure; nothing here reads a file, the clock or the
network, and nothing here writes a sentence (:mod:`llmref.prose` does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.compare.rows import BenchmarkPair
from llmref.compare.side import Side
from llmref.pricing import Cost, Route, RoutingPlan, Traffic
from llmref.pricing.workload import plan_routing

MATERIAL = Decimal("0.05")
"""The smallest relative difference (of the larger figure) that counts as a difference."""

DEFAULT_ROUTING_SHARE = Decimal("0.7")
"""Share of requests a routing suggestion sends to the cheaper model: the easy majority of
traffic, with the hard rest kept on the stronger one."""

VALUE_BENCHMARKS = ("intelligence-index", "mmlu-pro", "gpqa", "swe-bench-verified", "mmlu")
"""Benchmarks preferred for "value per point", in order (an id matches when it contains one:
versioned ids such as ``aa-intelligence-index-2026-03`` included); otherwise the first shared
one in id order."""


def differs(x: Decimal | int | None, y: Decimal | int | None) -> bool:
    """True when both figures are known and differ by at least :data:`MATERIAL` of the larger
    one (by absolute value). Equal figures and near-equal ones do not differ."""
    if x is None or y is None:
        return False
    big = max(abs(Decimal(x)), abs(Decimal(y)))
    return big > 0 and abs(Decimal(x) - Decimal(y)) >= MATERIAL * big


def gap_share(x: Decimal, y: Decimal) -> Decimal:
    """|x - y| / the larger of the two (0 when both are 0)."""
    big = max(abs(x), abs(y))
    return abs(x - y) / big if big else Decimal(0)


@dataclass(frozen=True, slots=True)
class BenchmarkLead:
    """A shared benchmark on which one model scores materially higher."""

    benchmark: str
    name: str
    unit: str
    values: tuple[Decimal, ...]
    leader: int
    gap_share: Decimal
    """(higher - lower) / higher."""


@dataclass(frozen=True, slots=True)
class Risk:
    """Something that makes a model a riskier pick."""

    side: int
    kind: str
    """retired | retiring | single-provider"""
    day: date | None = None
    """The retirement date (retired / retiring)."""
    provider: str | None = None
    """The only provider (single-provider)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The three-way bottom line of a pairwise comparison, and a routing suggestion."""

    threshold: Decimal
    cheaper: int | None
    """Index of the model cheaper at the traffic, by at least the threshold (None: even, or
    not both priced)."""
    monthly: tuple[Decimal | None, Decimal | None]
    cost_gap_share: Decimal | None
    stronger: int | None
    """Index of the model ahead on more shared benchmarks (material leads only)."""
    shared: int
    """Benchmarks (same version) both models have a result for."""
    leads: tuple[BenchmarkLead, ...]
    """Material leads, largest gap first."""
    even: int
    """Shared benchmarks on which the two are within the threshold."""
    value_benchmark: str | None
    """Name of the benchmark "value per point" divides by."""
    cost_per_point: tuple[Decimal | None, Decimal | None]
    """Monthly cost at the traffic per point of ``value_benchmark``."""
    better_value: int | None
    routing: RoutingPlan | None
    """When one model is cheaper and the other stronger: the cheaper takes
    :data:`DEFAULT_ROUTING_SHARE` of requests, the stronger the rest."""
    routing_cheap: int | None
    risks: tuple[Risk, ...]

    def leads_of(self, index: int) -> tuple[BenchmarkLead, ...]:
        return tuple(lead for lead in self.leads if lead.leader == index)


def quality_leads(benchmarks: Sequence[BenchmarkPair]) -> tuple[tuple[BenchmarkLead, ...], int]:
    """The material leads among the shared benchmarks (largest gap first) and how many shared
    benchmarks are even (within the threshold)."""
    leads = []
    even = 0
    for pair in benchmarks:
        values = pair.values
        hi = max(range(len(values)), key=lambda i: values[i])
        lo = min(range(len(values)), key=lambda i: values[i])
        if not differs(values[hi], values[lo]):
            even += 1
            continue
        leads.append(
            BenchmarkLead(
                pair.benchmark,
                pair.name,
                pair.unit,
                values,
                hi,
                gap_share(values[hi], values[lo]),
            )
        )
    leads.sort(key=lambda lead: (-lead.gap_share, lead.name))
    return tuple(leads), even


def value_pair(benchmarks: Sequence[BenchmarkPair]) -> BenchmarkPair | None:
    """The shared benchmark that "value per point" divides by (see :data:`VALUE_BENCHMARKS`)."""
    usable = [p for p in benchmarks if all(v > 0 for v in p.values)]
    for prefix in VALUE_BENCHMARKS:
        for pair in usable:
            if prefix in pair.benchmark:
                return pair
    return usable[0] if usable else None


def risks(sides: Sequence[Side], today: date) -> tuple[Risk, ...]:
    """Retirement (on or before `today`: retired; later: retiring) and single-provider risk."""
    out = []
    for i, side in enumerate(sides):
        if side.deprecation_date is not None:
            kind = "retired" if side.deprecation_date <= today else "retiring"
            out.append(Risk(i, kind, day=side.deprecation_date))
        if len(side.priced_providers) == 1:
            out.append(Risk(i, "single-provider", provider=side.priced_providers[0]))
    return tuple(out)


def _routing(cheap: Side, strong: Side, traffic: Traffic) -> RoutingPlan | None:
    c, s = cheap.monthly, strong.monthly
    if not (isinstance(c, Route) and isinstance(s, Route)):
        return None
    if not (isinstance(c.cost, Cost) and isinstance(s.cost, Cost)):
        return None
    return plan_routing(c, s, DEFAULT_ROUTING_SHARE, traffic)


def build_verdict(
    a: Side, b: Side, benchmarks: Sequence[BenchmarkPair], traffic: Traffic, today: date
) -> Verdict:
    """The verdict of `a` against `b` at `traffic`; `today` is the comparison's date (the
    ``as_of`` asked for, else the catalogue's build date) for retirement."""
    ma, mb = a.monthly_cost, b.monthly_cost
    cheaper = None
    share = None
    if ma is not None and mb is not None:
        share = gap_share(ma, mb)
        if differs(ma, mb):
            cheaper = 0 if ma < mb else 1
    leads, even = quality_leads(benchmarks)
    counts = [sum(1 for lead in leads if lead.leader == i) for i in (0, 1)]
    stronger = None if counts[0] == counts[1] else (0 if counts[0] > counts[1] else 1)
    vp = value_pair(benchmarks)
    per_point: tuple[Decimal | None, Decimal | None] = (None, None)
    better = None
    if vp is not None:
        per_point = (
            ma / vp.values[0] if ma is not None else None,
            mb / vp.values[1] if mb is not None else None,
        )
        pa, pb = per_point
        if pa is not None and pb is not None and differs(pa, pb):
            better = 0 if pa < pb else 1
    plan = None
    routing_cheap = None
    if cheaper is not None and stronger is not None and cheaper != stronger:
        sides = (a, b)
        plan = _routing(sides[cheaper], sides[stronger], traffic)
        routing_cheap = cheaper if plan is not None else None
    return Verdict(
        threshold=MATERIAL,
        cheaper=cheaper,
        monthly=(ma, mb),
        cost_gap_share=share,
        stronger=stronger,
        shared=len(benchmarks),
        leads=leads,
        even=even,
        value_benchmark=vp.name if vp else None,
        cost_per_point=per_point,
        better_value=better,
        routing=plan,
        routing_cheap=routing_cheap,
        risks=risks((a, b), today),
    )


# ---- N-way -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChooseWhen:
    """One reason to pick a model in an N-way table."""

    kind: str
    """cheapest | best-value | most-benchmarks | largest-context | capability | open-weights"""
    value: Decimal | int | None = None
    name: str | None = None
    """The capability or benchmark the reason is about."""
    count: int | None = None
    """For most-benchmarks: how many shared benchmarks it leads, out of ``of``."""
    of: int | None = None


@dataclass(frozen=True, slots=True)
class Ranked:
    """A model's place in an N-way table."""

    index: int
    """Index into the table's sides."""
    rank: int
    """1 = first; by benchmark leads, then value per point, then monthly cost."""
    wins: int
    """Shared benchmarks (each against every other model that has it) it leads by 5% or more."""
    cost_per_point: Decimal | None
    choose_when: tuple[ChooseWhen, ...]
    risks: tuple[Risk, ...]


def _pairwise_wins(sides: Sequence[Side]) -> tuple[list[int], list[int]]:
    """For each side, material benchmark wins over the others (same benchmark id), and the
    number of head-to-head contests it took part in."""
    wins = [0] * len(sides)
    contests = [0] * len(sides)
    by_side = [{r.benchmark: r for r in s.benchmarks} for s in sides]
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            for bench in sorted(set(by_side[i]) & set(by_side[j])):
                x, y = by_side[i][bench], by_side[j][bench]
                if x.unit != y.unit:
                    continue
                contests[i] += 1
                contests[j] += 1
                if differs(x.value, y.value):
                    wins[i if x.value > y.value else j] += 1
    return wins, contests


def _unique_best(values: Sequence[Decimal | int | None], lower: bool) -> int | None:
    """The index of the best value when it beats every other known value by the threshold."""
    known = [(v, i) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return None
    best_v, best_i = (min if lower else max)(known)
    others = [v for v, i in known if i != best_i]
    return best_i if all(differs(best_v, v) for v in others) else None


def rank_table(
    sides: Sequence[Side], benchmarks: Sequence[BenchmarkPair], today: date
) -> tuple[Ranked, ...]:
    """Rank three to five models and say when to choose each: the cheapest, the best value per
    point on a benchmark they all have, the one ahead on most shared benchmarks, the largest
    context, capabilities only one has, open weights only one has."""
    wins, contests = _pairwise_wins(sides)
    vp = value_pair(benchmarks)
    per_point: list[Decimal | None] = []
    for i, s in enumerate(sides):
        if vp is None or s.monthly_cost is None:
            per_point.append(None)
        else:
            per_point.append(s.monthly_cost / vp.values[i])
    monthly = [s.monthly_cost for s in sides]
    reasons: list[list[ChooseWhen]] = [[] for _ in sides]
    cheapest = _unique_best(monthly, lower=True)
    if cheapest is not None:
        reasons[cheapest].append(ChooseWhen("cheapest", monthly[cheapest]))
    best_value = _unique_best(per_point, lower=True)
    if best_value is not None and vp is not None:
        reasons[best_value].append(ChooseWhen("best-value", per_point[best_value], vp.name))
    if any(wins):
        top = max(wins)
        leaders = [i for i, w in enumerate(wins) if w == top]
        if len(leaders) == 1:
            i = leaders[0]
            reasons[i].append(ChooseWhen("most-benchmarks", count=wins[i], of=contests[i]))
    context = _unique_best([s.context_window for s in sides], lower=False)
    if context is not None:
        reasons[context].append(ChooseWhen("largest-context", sides[context].context_window))
    for c, cap in enumerate(sides[0].capabilities):
        having = [i for i, s in enumerate(sides) if s.capabilities[c].value is True]
        if len(having) == 1:
            reasons[having[0]].append(ChooseWhen("capability", name=cap.label))
    open_ = [i for i, s in enumerate(sides) if s.open_weights is True]
    if len(open_) == 1:
        reasons[open_[0]].append(ChooseWhen("open-weights"))
    all_risks = risks(sides, today)
    big = Decimal(10) ** 30

    def order(i: int) -> tuple[int, Decimal, Decimal, str]:
        return (-wins[i], per_point[i] or big, monthly[i] or big, sides[i].id)

    ranked = sorted(range(len(sides)), key=order)
    return tuple(
        Ranked(
            index=i,
            rank=place + 1,
            wins=wins[i],
            cost_per_point=per_point[i],
            choose_when=tuple(reasons[i]),
            risks=tuple(r for r in all_risks if r.side == i),
        )
        for place, i in enumerate(ranked)
    )
