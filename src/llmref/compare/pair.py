"""Pairwise comparison: two sides and the decision material between them, as data (the
sentences are written by :mod:`llmref.prose`, which the views call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.alternatives import related_alternatives
from llmref.catalog import BenchmarkResult, Catalog, Model, model_class
from llmref.compare.costs import CostPicture, cost_picture
from llmref.compare.rows import (
    BenchmarkPair,
    CellValue,
    Row,
    best_index,
    capability_rows,
    pricing_rows,
    scorecard_rows,
    shared_benchmarks,
    spec_rows,
)
from llmref.compare.side import Capability, Side, build_side
from llmref.compare.verdict import Verdict, build_verdict, differs
from llmref.facts import CAPABILITIES
from llmref.labels import CAPABILITY_LABELS
from llmref.pricing import (
    DEFAULT_INPUT_SHARE,
    DEFAULT_POLICY,
    DEFAULT_TRAFFIC,
    Multiple,
    Quote,
    Route,
    RoutePolicy,
    Traffic,
    check_share,
    price_multiple,
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One structured reason to pick a model; :mod:`llmref.prose` writes the sentence."""

    kind: str
    """wider-coverage | larger-context | longer-output | lower-monthly | cheaper-input |
    cheaper-output | capability | open-weights | faster | benchmark"""
    value: CellValue = None
    """This model's figure."""
    other: CellValue = None
    """The other model's figure."""
    name: str | None = None
    """Capability, benchmark or route name the reason is about."""
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class MonthlyGap:
    """Both monthly costs at the traffic, and the gap between them."""

    traffic: Traffic
    a: Decimal | None
    b: Decimal | None
    lower: int | None
    """Index of the cheaper model (None when equal or not both priced)."""
    gap: Decimal | None
    gap_share: Decimal | None
    """gap / the higher cost."""


@dataclass(frozen=True, slots=True)
class Switch:
    """What moving production traffic from one model to the other involves."""

    from_id: str
    to_id: str
    from_name: str
    to_name: str
    shared_providers: tuple[str, ...]
    """APIs serving both (A/B test there without new SDKs or billing): not consumer apps or
    subscription products."""
    input_delta: Decimal | None
    """Cheapest input price of the target minus that of the source (negative = cheaper)."""
    output_delta: Decimal | None
    monthly_delta: Decimal | None
    lost: tuple[str, ...]
    """Capabilities the source has and the target is known to lack."""
    unconfirmed: tuple[str, ...]
    """Capabilities the source has and no source confirms for the target."""
    gained: tuple[str, ...]
    context_delta: int | None


@dataclass(frozen=True, slots=True)
class Speed:
    output_speed: tuple[Decimal | None, Decimal | None]
    """Output tokens per second, when measured."""
    faster: int | None
    faster_share: Decimal | None
    """How much faster the faster one is (0.25 = 25% more tokens per second)."""
    ttft: tuple[Decimal | None, Decimal | None]
    """Seconds to first token, when measured."""
    quicker_start: int | None
    results: tuple[BenchmarkResult, ...]


@dataclass(frozen=True, slots=True)
class RelatedPair:
    """Another comparison worth reading, with its stable slug."""

    a_id: str
    a_name: str
    b_id: str
    b_name: str
    slug: str
    reason: str = ""
    """Why it is related: the rule that picked the second model as an alternative to the first
    (:mod:`llmref.alternatives`), e.g. "next tier up"."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two models compared at a traffic level and date."""

    slug: str
    as_of: date | None
    traffic: Traffic
    input_share: Decimal
    a: Side
    b: Side
    same_vendor: bool
    scorecard: tuple[Row, ...]
    choose_a: tuple[Reason, ...]
    choose_b: tuple[Reason, ...]
    monthly: MonthlyGap
    blended_gap: Decimal | None
    """Difference of the cheapest blended prices (a minus b), per 1M tokens."""
    input_multiple: Multiple | None
    """Model A's cheapest input price against model B's ("1.5x pricier")."""
    output_multiple: Multiple | None
    switch_a_to_b: Switch
    switch_b_to_a: Switch
    specs: tuple[Row, ...]
    pricing: tuple[Row, ...]
    capabilities: tuple[Row, ...]
    differing_capabilities: tuple[Capability, ...]
    """Capabilities whose values differ; ``value`` is model A's."""
    benchmarks: tuple[BenchmarkPair, ...]
    speed: Speed | None
    related: tuple[RelatedPair, ...]
    last_reviewed: date
    sources: tuple[str, ...]
    verdict: Verdict
    costs: CostPicture
    """Presets, cache and batch prices and savings, same-route ratios, tiers, caveats."""
    """The three-way bottom line (cheaper, stronger, better value) and routing suggestion."""


def pair_slug(a_id: str, b_id: str) -> str:
    """The stable comparison key: ``gpt-4o-mini-vs-step-3.5-flash``."""
    return f"{a_id}-vs-{b_id}"


def _speed(a: Side, b: Side) -> Speed | None:
    speeds = (
        a.output_speed.value if a.output_speed else None,
        b.output_speed.value if b.output_speed else None,
    )
    ttfts = (a.ttft.value if a.ttft else None, b.ttft.value if b.ttft else None)
    if all(v is None for v in (*speeds, *ttfts)):
        return None
    faster = best_index(list(speeds))
    share = None
    if faster is not None:
        fast, slow = speeds[faster], speeds[1 - faster]
        share = fast / slow - 1 if fast is not None and slow else None
    results = tuple(r for r in (a.output_speed, b.output_speed, a.ttft, b.ttft) if r is not None)
    return Speed(
        speeds, faster, share, ttfts, best_index(list(ttfts), lower_is_better=True), results
    )


def _monthly(a: Side, b: Side, traffic: Traffic) -> MonthlyGap:
    ma, mb = a.monthly_cost, b.monthly_cost
    if ma is None or mb is None:
        return MonthlyGap(traffic, ma, mb, None, None, None)
    gap = abs(ma - mb)
    high = max(ma, mb)
    lower = None if ma == mb else (0 if ma < mb else 1)
    return MonthlyGap(traffic, ma, mb, lower, gap, gap / high if high else None)


def _multiple(mine: Quote | None, theirs: Quote | None) -> Multiple | None:
    return None if mine is None or theirs is None else price_multiple(mine.price, theirs.price)


def _caps_true(side: Side) -> dict[str, bool | None]:
    return {c.id: c.value for c in side.capabilities}


def _api(route: Route) -> bool:
    return route.pay_per_token and route.route_class != "consumer"


def _switch(src: Side, dst: Side) -> Switch:
    s_caps, d_caps = _caps_true(src), _caps_true(dst)
    # Places to A/B test the switch: APIs serving both models (a consumer chat app or a
    # subscription product is no place to test production traffic).
    src_providers = {r.provider_id for r in src.routes if _api(r)}
    shared = tuple(
        r.provider_name for r in dst.routes if _api(r) and r.provider_id in src_providers
    )

    def delta(x: Quote | None, y: Quote | None) -> Decimal | None:
        return None if x is None or y is None else y.price - x.price

    return Switch(
        from_id=src.id,
        to_id=dst.id,
        from_name=src.name,
        to_name=dst.name,
        shared_providers=shared,
        input_delta=delta(src.cheapest_input, dst.cheapest_input),
        output_delta=delta(src.cheapest_output, dst.cheapest_output),
        monthly_delta=None
        if src.monthly_cost is None or dst.monthly_cost is None
        else dst.monthly_cost - src.monthly_cost,
        lost=tuple(
            CAPABILITY_LABELS[c] for c in CAPABILITIES if s_caps[c] is True and d_caps[c] is False
        ),
        unconfirmed=tuple(
            CAPABILITY_LABELS[c] for c in CAPABILITIES if s_caps[c] is True and d_caps[c] is None
        ),
        gained=tuple(
            CAPABILITY_LABELS[c]
            for c in CAPABILITIES
            if d_caps[c] is True and s_caps[c] is not True
        ),
        context_delta=None
        if src.context_window is None or dst.context_window is None
        else dst.context_window - src.context_window,
    )


def _reasons(
    me: Side,
    other: Side,
    index: int,
    monthly: MonthlyGap,
    benchmarks: tuple[BenchmarkPair, ...],
    speed: Speed | None,
) -> tuple[Reason, ...]:
    out: list[Reason] = []
    # A figure is a reason only when it beats the other by the verdict's threshold (5%): two
    # models within 5% on a figure are even on it, and equal figures are never reasons.
    mine, theirs = len(me.priced_providers), len(other.priced_providers)
    if mine > theirs and mine >= 2 and differs(mine, theirs):
        out.append(Reason("wider-coverage", mine, theirs))
    if (
        me.context_window
        and other.context_window
        and me.context_window > other.context_window
        and differs(me.context_window, other.context_window)
    ):
        out.append(Reason("larger-context", me.context_window, other.context_window))
    if (
        me.max_output_tokens
        and other.max_output_tokens
        and me.max_output_tokens > other.max_output_tokens
        and differs(me.max_output_tokens, other.max_output_tokens)
    ):
        out.append(Reason("longer-output", me.max_output_tokens, other.max_output_tokens))
    if monthly.lower == index and differs(monthly.a, monthly.b):
        out.append(Reason("lower-monthly", me.monthly_cost, other.monthly_cost))
    for kind, mq, oq in (
        ("cheaper-output", me.cheapest_output, other.cheapest_output),
        ("cheaper-input", me.cheapest_input, other.cheapest_input),
    ):
        # The monthly figure already covers both prices; a per-token edge is only worth a bullet
        # when it points the other way or no monthly figure exists.
        if (
            monthly.lower != index
            and mq
            and oq
            and mq.price < oq.price
            and differs(mq.price, oq.price)
        ):
            out.append(Reason(kind, mq.price, oq.price, name=mq.provider_name))
    theirs_caps = _caps_true(other)
    for cap in me.capabilities:
        if cap.value is True and theirs_caps[cap.id] is not True:
            out.append(Reason("capability", True, theirs_caps[cap.id], name=cap.label))
    if me.open_weights is True and other.open_weights is not True:
        out.append(Reason("open-weights", True, other.open_weights))
    if (
        speed is not None
        and speed.faster == index
        and differs(speed.output_speed[0], speed.output_speed[1])
    ):
        out.append(
            Reason(
                "faster", speed.output_speed[index], speed.output_speed[1 - index], unit="tokens/s"
            )
        )
    for pair in benchmarks:
        if pair.leader == index and differs(pair.values[0], pair.values[1]):
            out.append(
                Reason(
                    "benchmark",
                    pair.values[index],
                    pair.values[1 - index],
                    name=pair.name,
                    unit=pair.unit,
                )
            )
    # Tags are not reasons: they restate the figures above by written rules.
    return tuple(out)


INPUT_ONLY_TRAFFIC = Traffic.per_request(1_000_000, 800, 0)
"""The default traffic when both models are embedding or rerank models: 800 input tokens a
request, no output."""


def _input_only(model: Model) -> bool:
    return model_class(model) in ("embedding", "rerank")


def _related(
    catalog: Catalog,
    a: Model,
    b: Model,
    limit: int = 6,
    as_of: date | None = None,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[RelatedPair, ...]:
    """Each model against its own alternatives (same class, current, priced under the route
    policy; :func:`llmref.alternatives.related_alternatives`), with the rule that picked it."""
    pairs = []
    for rel in related_alternatives(catalog, a, b, as_of, limit, policy=policy):
        first = catalog.models[rel.model_id]
        second = catalog.models[rel.alternative.id]
        pairs.append(
            RelatedPair(
                first.id,
                first.name,
                second.id,
                second.name,
                pair_slug(first.id, second.id),
                rel.alternative.rule,
            )
        )
    return tuple(pairs)


def build_comparison(
    catalog: Catalog,
    a: Model,
    b: Model,
    traffic: Traffic = DEFAULT_TRAFFIC,
    as_of: date | None = None,
    input_share: Decimal = DEFAULT_INPUT_SHARE,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> Comparison:
    """Compare two models at ``traffic`` (default 1M requests of 800 in / 250 out a month) with the
    prices in force on ``as_of`` (None = newest), blending prices at ``input_share`` input."""
    if a.id == b.id:
        raise ValueError(f"compare needs two different models (got {a.id} twice)")
    if traffic == DEFAULT_TRAFFIC and _input_only(a) and _input_only(b):
        # Two embedding (or rerank) models write no answers: the default traffic and blend are
        # input only, like their profiles' presets (pricing.workload.EMBEDDING_PRESETS).
        traffic = INPUT_ONLY_TRAFFIC
        if input_share == DEFAULT_INPUT_SHARE:
            input_share = Decimal(1)
    share = check_share("input_share", input_share)
    sa = build_side(catalog, a, traffic, share, as_of, policy=policy)
    sb = build_side(catalog, b, traffic, share, as_of, policy=policy)
    sides = (sa, sb)
    benches = shared_benchmarks(sides)
    speed = _speed(sa, sb)
    monthly = _monthly(sa, sb, traffic)
    caps_b = _caps_true(sb)
    return Comparison(
        slug=pair_slug(a.id, b.id),
        as_of=as_of,
        traffic=traffic,
        input_share=share,
        a=sa,
        b=sb,
        same_vendor=a.vendor_id is not None and a.vendor_id == b.vendor_id,
        scorecard=scorecard_rows(sides),
        choose_a=_reasons(sa, sb, 0, monthly, benches, speed),
        choose_b=_reasons(sb, sa, 1, monthly, benches, speed),
        monthly=monthly,
        blended_gap=None
        if sa.blended is None or sb.blended is None
        else sa.blended.price - sb.blended.price,
        input_multiple=_multiple(sa.cheapest_input, sb.cheapest_input),
        output_multiple=_multiple(sa.cheapest_output, sb.cheapest_output),
        switch_a_to_b=_switch(sa, sb),
        switch_b_to_a=_switch(sb, sa),
        specs=spec_rows(sides),
        pricing=pricing_rows(sides, traffic, share),
        capabilities=capability_rows(sides),
        differing_capabilities=tuple(c for c in sa.capabilities if c.value != caps_b[c.id]),
        benchmarks=benches,
        speed=speed,
        related=_related(catalog, a, b, as_of=as_of, policy=policy),
        last_reviewed=max(sa.last_reviewed, sb.last_reviewed),
        sources=tuple(sorted(set(sa.sources) | set(sb.sources))),
        verdict=build_verdict(sa, sb, benches, traffic, as_of or catalog.built),
        costs=cost_picture(catalog, (a, b), sides, traffic, as_of),
    )
