"""Sentences of a pairwise comparison and of an N-way table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from llmref.compare.verdict import differs
from llmref.formatting import (
    as_decimal,
    as_int,
    context,
    join_and,
    join_or,
    pct,
    plural,
    price,
    score,
    short_list,
    traffic_sentence,
    usd,
)
from llmref.labels import capability_phrase
from llmref.prose.costs import cost_lines
from llmref.prose.routes import route_policy_sentence
from llmref.prose.sections import (
    FaqItem,
    benchmarks_text,
    blended_sentence,
    context_sentence,
    deep_dive,
    faq,
    speed_text,
)

if TYPE_CHECKING:
    from llmref.compare import ChooseWhen, Comparison, ComparisonTable, Reason, Side, Switch
    from llmref.pricing import RoutingPlan, Traffic


@dataclass(frozen=True, slots=True)
class ComparisonText:
    """Every sentence of a comparison page, generated from its data."""

    title: str
    intro: str
    verdict: str
    """The bottom line in one paragraph (also the page's description)."""
    bottom_line: tuple[str, ...]
    """Cheaper at this traffic / higher on shared benchmarks / better value per point."""
    routing: str | None
    """The routing suggestion, when one model is cheaper and the other stronger."""
    risks: tuple[str, ...]
    costs: tuple[str, ...]
    """Same-route ratios, caching, batch, long-context tiers, reasoning tokens."""
    choose_a_heading: str
    choose_a: tuple[str, ...]
    choose_b_heading: str
    choose_b: tuple[str, ...]
    monthly_intro: str
    monthly_a: str
    monthly_b: str
    monthly_gap: str
    monthly_note: str
    blended: str
    switch_a_to_b_heading: str
    switch_a_to_b: tuple[str, ...]
    switch_b_to_a_heading: str
    switch_b_to_a: tuple[str, ...]
    benchmarks: str
    benchmark_lines: tuple[str, ...]
    speed: tuple[str, ...]
    deep_dive: tuple[str, ...]
    faq: tuple[FaqItem, ...]
    reviewed: str


_CLASS_NOUNS = {
    "chat": "a chat model",
    "reasoning": "a reasoning model",
    "embedding": "an embedding model",
    "rerank": "a reranking model",
    "image": "an image-generation model",
    "video": "a video-generation model",
    "speech": "a speech model",
    "moderation": "a moderation model",
}
_TEXT = frozenset({"chat", "reasoning"})


def _class_sentence(a: Side, b: Side) -> str | None:
    """Said first when the two models do different jobs (chat against reasoning is one job)."""
    if a.model_class == b.model_class or {a.model_class, b.model_class} <= _TEXT:
        return None
    noun_a = _CLASS_NOUNS.get(a.model_class, f"a {a.model_class} model")
    noun_b = _CLASS_NOUNS.get(b.model_class, f"a {b.model_class} model")
    return (
        f"{a.name} is {noun_a} and {b.name} {noun_b}: they do different jobs, so this "
        "compares their prices and specifications, not which one answers better."
    )


def _vendor_sentence(a: Side, b: Side, same: bool) -> str:
    if same and a.vendor_name:
        return f"Both {a.name} and {b.name} come from {a.vendor_name}."
    if a.vendor_name and b.vendor_name:
        return f"{a.name} comes from {a.vendor_name} and {b.name} from {b.vendor_name}."
    known = a if a.vendor_name else b if b.vendor_name else None
    if known is None:
        return f"The makers of {a.name} and {b.name} are not tracked."
    unknown = b if known is a else a
    return (
        f"{known.name} comes from {known.vendor_name}; the maker of {unknown.name} is not tracked."
    )


def _release_sentence(a: Side, b: Side) -> str | None:
    if a.release_date and b.release_date:
        if a.release_date == b.release_date:
            return f"Both were released on {a.release_date.isoformat()}."
        return (
            f"{a.name} was released on {a.release_date.isoformat()} and {b.name} on "
            f"{b.release_date.isoformat()}."
        )
    dated = a if a.release_date else b if b.release_date else None
    if dated is None or dated.release_date is None:
        return None
    other = b if dated is a else a
    return (
        f"{dated.name} was released on {dated.release_date.isoformat()}; no release "
        f"date is tracked for {other.name}."
    )


def readable(reason: str | None, *sides: Side) -> str:
    """A reason from the pricing engine with the internal ids in it (model and provider ids)
    replaced by the names people read: "no price is tracked for deepseek-r1-zero on openrouter"
    becomes "... for DeepSeek R1 Zero on OpenRouter"."""
    if not reason:
        return ""
    names: dict[str, str] = {}
    for s in sides:
        names[s.id] = s.name
        for r in s.routes:
            names.setdefault(r.provider_id, r.provider_name)
    # Only the ids the reason contains go into the pattern: it stays small, and the same few
    # patterns recur across pages, so `re`'s own cache compiles each once.
    names = {k: v for k, v in names.items() if k in reason}
    if not names:
        return reason
    pattern = re.compile(
        r"(?<![\w.-])("
        + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        + r")(?![\w-]|\.\w)"
    )
    return pattern.sub(lambda m: names[m.group(1)], reason)


def _bottom_line(c: Comparison) -> tuple[str, ...]:
    """Three lines: cheaper at this traffic, higher on shared benchmarks, better value."""
    v, a, b = c.verdict, c.a, c.b
    names = (a.name, b.name)
    threshold = pct(v.threshold)
    lines = []
    ma, mb = v.monthly
    if ma is None or mb is None:
        lines.append("Cheaper at this traffic: unknown, not both models have a tracked price.")
    elif v.cheaper is None:
        lines.append(
            f"Cheaper at this traffic: neither; {usd(ma)} against {usd(mb)} a month is within "
            f"{threshold}."
        )
    else:
        low, high = v.cheaper, 1 - v.cheaper
        lines.append(
            f"Cheaper at this traffic: {names[low]}, {usd(v.monthly[low])} a month against "
            f"{usd(v.monthly[high])} ({pct(v.cost_gap_share)} less)."
        )
    if not v.shared:
        lines.append("Higher on shared benchmarks: unknown, no benchmark is tracked for both.")
    elif v.stronger is None and not v.leads:
        lines.append(
            f"Higher on shared benchmarks: neither; the two are within {threshold} on "
            + (
                "their one shared benchmark."
                if v.shared == 1
                else f"all {v.shared} shared benchmarks."
            )
        )
    elif v.stronger is None:
        each = len(v.leads_of(0))
        lines.append(
            f"Higher on shared benchmarks: neither; of {plural(v.shared, 'shared benchmark')}, "
            f"each leads on {each} by {threshold} or more."
        )
    else:
        mine = v.leads_of(v.stronger)
        lines.append(
            f"Higher on shared benchmarks: {names[v.stronger]}, ahead by {threshold} or more on "
            f"{len(mine)} of {v.shared} ({short_list([lead.name for lead in mine])})."
        )
    pa, pb = v.cost_per_point
    if v.value_benchmark is None or pa is None or pb is None:
        lines.append("Better value per point: unknown, no shared benchmark and price for both.")
    elif v.better_value is None:
        lines.append(
            f"Better value per point: neither; {usd(pa)} against {usd(pb)} a month per "
            f"{v.value_benchmark} point is within {threshold}."
        )
    else:
        good = v.better_value
        lines.append(
            f"Better value per point: {names[good]}, {usd(v.cost_per_point[good])} a month per "
            f"{v.value_benchmark} point against {usd(v.cost_per_point[1 - good])}."
        )
    return tuple(lines)


def _routing_suggestion(c: Comparison) -> str | None:
    v = c.verdict
    plan, cheap = v.routing, v.routing_cheap
    if plan is None or cheap is None:
        return None
    sides = (c.a, c.b)
    return (
        f"Route by difficulty: send {pct(plan.share)} of requests to {sides[cheap].name} and the "
        f"harder {pct(1 - plan.share)} to {sides[1 - cheap].name}. At this traffic that costs "
        f"{usd(plan.total)} a month, {usd(plan.saved)} ({pct(plan.saved_share)}) less than "
        f"{sides[1 - cheap].name} alone (`llmref route` tries other shares)."
    )


def _risks(c: Comparison) -> tuple[str, ...]:
    sides = (c.a, c.b)
    out = []
    for r in c.verdict.risks:
        name = sides[r.side].name
        if r.kind == "retired" and r.day:
            out.append(f"{name} was retired on {r.day.isoformat()}: plan a replacement.")
        elif r.kind == "retiring" and r.day:
            out.append(f"{name} is scheduled for retirement on {r.day.isoformat()}.")
        elif r.kind == "single-provider" and r.provider:
            out.append(f"{name} has one pay-per-token provider ({r.provider}): no fallback.")
    return tuple(out)


def _verdict(c: Comparison) -> str:
    v, sides = c.verdict, (c.a, c.b)
    if v.cheaper is not None and v.stronger is not None:
        if v.cheaper == v.stronger:
            return (
                f"{sides[v.cheaper].name} is both cheaper at this traffic and higher on the "
                "shared benchmarks."
            )
        return (
            f"{sides[v.cheaper].name} is cheaper at this traffic "
            f"({pct(v.cost_gap_share)} less); {sides[v.stronger].name} scores higher on the "
            "shared benchmarks"
            + (
                f"; {sides[v.better_value].name} gives more per dollar."
                if v.better_value is not None
                else "."
            )
        )
    return _cost_verdict(c)


def _cost_verdict(c: Comparison) -> str:
    a, b, m = c.a, c.b, c.monthly
    if m.a is not None and m.b is not None:
        if m.lower is None:
            return (
                f"Both cost {usd(m.a)} a month at this traffic, so the choice comes down to "
                "capabilities and provider coverage."
            )
        if c.verdict.cheaper is None:
            return (
                f"Both cost about the same at this traffic ({usd(m.a)} against {usd(m.b)} a "
                f"month, within {pct(c.verdict.threshold)}), so the choice comes down to "
                "capabilities and provider coverage."
            )
        low, high = (a, b) if m.lower == 0 else (b, a)
        low_cost, high_cost = (m.a, m.b) if m.lower == 0 else (m.b, m.a)
        text = (
            f"{low.name} is the cheaper pick at this traffic: {usd(low_cost)} a month against "
            f"{usd(high_cost)} for {high.name}, {pct(m.gap_share or Decimal(0))} less."
        )
        n_high, n_low = len(high.priced_providers), len(low.priced_providers)
        if n_high > n_low and differs(n_high, n_low):
            text += (
                f" {high.name} earns its premium only where its wider provider coverage "
                f"({n_high} routes against {n_low}) or its own capabilities matter."
            )
        return text
    if m.a is None and m.b is None:
        return (
            "Neither model has a tracked pay-per-token price, so there is no cost verdict; the "
            "monthly cost section gives the reason for each."
        )
    priced, unpriced = (a, b) if m.a is not None else (b, a)
    return (
        f"Only {priced.name} has a tracked pay-per-token price "
        f"({usd(priced.monthly_cost or Decimal(0))} a month at this traffic); the cost of "
        f"{unpriced.name} is unavailable because {readable(unpriced.monthly_reason, a, b)}."
    )


def _reason(r: Reason, me: Side, other: Side) -> str:
    k = r.kind
    if k == "wider-coverage":
        theirs = "none" if r.other == 0 else str(as_int(r.other))
        return (
            f"{me.name} is sold pay-per-token by {plural(as_int(r.value), 'tracked provider')} "
            f"against {theirs} for {other.name}, leaving more room for fallback and procurement."
        )
    if k == "larger-context":
        return (
            f"{me.name} has the larger context window ({context(as_int(r.value))} against "
            f"{context(as_int(r.other))} tokens) for long prompts, retrieval packs and "
            "transcripts."
        )
    if k == "longer-output":
        return (
            f"{me.name} can write longer answers: up to {context(as_int(r.value))} output "
            f"tokens against {context(as_int(r.other))}."
        )
    if k == "lower-monthly":
        return (
            f"{me.name} costs less at this traffic: {usd(as_decimal(r.value))} a month against "
            f"{usd(as_decimal(r.other))}, each on its cheapest tracked route."
        )
    if k in ("cheaper-output", "cheaper-input"):
        side = "output" if k == "cheaper-output" else "input"
        return (
            f"{me.name} has the lower {side} price: {price(as_decimal(r.value))} per 1M {side} "
            f"tokens on {r.name} against {price(as_decimal(r.other))}."
        )
    if k == "capability":
        cap = capability_phrase(r.name or "")
        if r.other is False:
            return f"{me.name} supports {cap}, which {other.name} lacks."
        return f"{me.name} supports {cap}; no source confirms it for {other.name}."
    if k == "open-weights":
        if r.other is False:
            return (
                f"{me.name} has open weights and can be self-hosted; {other.name} does "
                "not publish its weights."
            )
        return (
            f"{me.name} has open weights and can be self-hosted; no source says whether "
            f"the weights of {other.name} are open."
        )
    if k in ("faster", "benchmark"):
        unit = r.unit or ""
        mine, theirs_score = score(as_decimal(r.value), unit), score(as_decimal(r.other), unit)
        if k == "faster":
            return (
                f"{me.name} generates {mine} against {theirs_score} for {other.name} in the "
                "tracked measurements."
            )
        return f"{me.name} scores {mine} on {r.name} against {theirs_score} for {other.name}."
    raise ValueError(f"no sentence for reason kind {k!r}")


def _choose(reasons: tuple[Reason, ...], me: Side, other: Side) -> tuple[str, ...]:
    if not reasons:
        return (f"No tracked fact favours {me.name} over {other.name} by 5% or more.",)
    out = [_reason(r, me, other) for r in reasons if r.kind != "benchmark"]
    benches = [r for r in reasons if r.kind == "benchmark"]
    if len(benches) == 1:
        out.append(_reason(benches[0], me, other))
    elif benches:
        # One bullet for all benchmark leads (largest gap first), not one bullet each.
        def gap(r: Reason) -> Decimal:
            mine, theirs = as_decimal(r.value), as_decimal(r.other)
            return (mine - theirs) / mine if mine else Decimal(0)

        ranked = sorted(benches, key=lambda r: (-gap(r), r.name or ""))
        shown = [
            f"{r.name} ({score(as_decimal(r.value), r.unit or '')} against "
            f"{score(as_decimal(r.other), r.unit or '')})"
            for r in ranked
        ]
        out.append(
            f"{me.name} scores higher than {other.name} on {len(benches)} shared benchmarks: "
            f"{short_list(shown)}."
        )
    return tuple(out)


def _monthly_line(side: Side) -> str:
    policy = route_policy_sentence(side.assessment)
    if side.monthly_cost is not None:
        return (
            f"{side.name}: {usd(side.monthly_cost)} a month on {side.monthly_route_name}. {policy}"
        )
    return f"{side.name}: unavailable, because {readable(side.monthly_reason, side)}."


def _monthly_gap(c: Comparison) -> str:
    m = c.monthly
    if m.gap is None:
        missing = [s.name for s, v in ((c.a, m.a), (c.b, m.b)) if v is None]
        return f"No gap can be computed without a price for {join_and(missing)}."
    if m.lower is None:
        return "There is no gap: both cost the same."
    low = c.a if m.lower == 0 else c.b
    return (
        f"Estimated monthly gap: {usd(m.gap)}, {pct(m.gap_share or Decimal(0))} less "
        f"with {low.name}."
    )


def _monthly_note(traffic: Traffic) -> str:
    left_out = []
    if not traffic.cached_share:
        left_out.append("prompt caching")
    if not traffic.batch:
        left_out.append("batch discounts")
    left_out.append("negotiated prices")
    return f"List prices only: {join_and(left_out)} are not included."


def _even_output(src: Side, dst: Side) -> bool:
    """Both cheapest output prices known and within the verdict's threshold of each other."""
    a, b = src.cheapest_output, dst.cheapest_output
    return a is not None and b is not None and a.price != b.price and not differs(a.price, b.price)


def _switch(s: Switch, src: Side, dst: Side) -> tuple[str, ...]:
    out = []
    if s.shared_providers:
        out.append(
            f"Both run on {short_list(s.shared_providers)}: A/B test the switch there without a "
            "new SDK or billing account."
        )
    else:
        out.append(
            "No tracked API serves both: plan for a new SDK integration and "
            f"billing account for {s.to_name}."
        )
    if s.output_delta is None:
        missing = [x.name for x in (src, dst) if x.cheapest_output is None]
        out.append(
            "The output price change is unknown: no output price is tracked for "
            f"{join_and(missing)}."
        )
    elif _even_output(src, dst):
        # Within the verdict's threshold (5%) the price does not change in any way that matters.
        out.append("The cheapest output price stays about the same (within 5%).")
    elif s.output_delta < 0:
        out.append(
            f"{s.to_name} is {price(-s.output_delta)} per 1M output tokens cheaper "
            "on its cheapest route."
        )
    elif s.output_delta > 0:
        out.append(
            f"{s.to_name} costs {price(s.output_delta)} more per 1M output tokens, "
            "so its gains have to pay for the difference."
        )
    else:
        out.append("The cheapest output price stays the same.")
    if s.monthly_delta is not None and s.monthly_delta != 0:
        way = "falls" if s.monthly_delta < 0 else "rises"
        out.append(f"At this traffic the monthly bill {way} by {usd(abs(s.monthly_delta))}.")
    if s.lost:
        out.append(
            f"{s.to_name} lacks {short_list([capability_phrase(x) for x in s.lost])}: plan a "
            "replacement before moving production traffic."
        )
    if s.unconfirmed:
        out.append(
            f"No source confirms {short_list([capability_phrase(x) for x in s.unconfirmed])} "
            f"for {s.to_name}: "
            f"verify {'it' if len(s.unconfirmed) == 1 else 'them'} on the provider endpoint first."
        )
    if s.gained:
        out.append(f"{s.to_name} adds {short_list([capability_phrase(x) for x in s.gained])}.")
    if s.context_delta and differs(src.context_window, dst.context_window):
        way = "shrinks" if s.context_delta < 0 else "grows"
        out.append(f"The context window {way} by {context(abs(s.context_delta))} tokens.")
    return tuple(out)


def comparison_text(c: Comparison) -> ComparisonText:
    """All the sentences of a pairwise comparison."""
    a, b = c.a, c.b
    intro = " ".join(
        x
        for x in (
            _class_sentence(a, b),
            _vendor_sentence(a, b, c.same_vendor),
            _release_sentence(a, b),
            context_sentence(a, b),
        )
        if x
    )
    bench_summary, bench_lines = benchmarks_text(c)
    return ComparisonText(
        title=f"{a.name} vs {b.name}",
        intro=intro,
        verdict=_verdict(c),
        bottom_line=_bottom_line(c),
        routing=_routing_suggestion(c),
        risks=_risks(c),
        costs=cost_lines(c),
        choose_a_heading=f"Choose {a.name} when…",
        choose_a=_choose(c.choose_a, a, b),
        choose_b_heading=f"Choose {b.name} when…",
        choose_b=_choose(c.choose_b, b, a),
        monthly_intro=f"At {traffic_sentence(c.traffic)}, on each model's cheapest route under "
        f"the {a.assessment.policy} route policy:",
        monthly_a=_monthly_line(a),
        monthly_b=_monthly_line(b),
        monthly_gap=_monthly_gap(c),
        monthly_note=_monthly_note(c.traffic),
        blended=blended_sentence(c),
        switch_a_to_b_heading=f"{a.name} → {b.name}",
        switch_a_to_b=_switch(c.switch_a_to_b, a, b),
        switch_b_to_a_heading=f"{b.name} → {a.name}",
        switch_b_to_a=_switch(c.switch_b_to_a, b, a),
        benchmarks=bench_summary,
        benchmark_lines=bench_lines,
        speed=speed_text(c),
        deep_dive=deep_dive(c),
        faq=faq(c),
        reviewed=f"Last reviewed {c.last_reviewed.isoformat()}.",
    )


# ---- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableText:
    """The sentences of an N-way comparison table."""

    title: str
    summary: str
    unavailable: tuple[str, ...]
    ranking: tuple[str, ...]
    """One line per model in rank order (first is first): when to choose it, and its risks."""
    reviewed: str


def table_text(t: ComparisonTable) -> TableText:
    """Title and summary of an N-way comparison table."""
    names = [s.name for s in t.sides]
    priced = [s for s in t.sides if s.monthly_cost is not None]
    if t.cheapest is not None:
        best = t.sides[t.cheapest]
        summary = (
            f"At {traffic_sentence(t.traffic)}, {best.name} has the lowest monthly cost: "
            f"{usd(best.monthly_cost or Decimal(0))} on {best.monthly_route_name}."
        )
    elif len(priced) > 1:
        low = min(s.monthly_cost or Decimal(0) for s in priced)
        tied = [s.name for s in priced if s.monthly_cost == low]
        summary = (
            f"At {traffic_sentence(t.traffic)}, {short_list(tied)} share the lowest monthly "
            f"cost: {usd(low)}."
        )
    elif priced:
        summary = f"At {traffic_sentence(t.traffic)}, only {priced[0].name} has a tracked price."
    else:
        summary = "None of these models has a tracked pay-per-token price."
    return TableText(
        title=" vs ".join(names),
        summary=summary,
        unavailable=tuple(
            f"{s.name}: cost unavailable, because {readable(s.monthly_reason, s)}."
            for s in t.sides
            if s.monthly_reason
        ),
        ranking=_ranking(t),
        reviewed=f"Last reviewed {t.last_reviewed.isoformat()}.",
    )


def _choose_when(w: ChooseWhen) -> str:
    if w.kind == "cheapest" and isinstance(w.value, Decimal):
        return f"cost matters most (lowest monthly cost, {usd(w.value)})"
    if w.kind == "best-value" and isinstance(w.value, Decimal):
        return f"you want the most per dollar ({usd(w.value)} a month per {w.name} point)"
    if w.kind == "most-benchmarks":
        return f"quality matters most (ahead by 5% or more in {w.count} of {w.of} head-to-heads)"
    if w.kind == "largest-context" and isinstance(w.value, int):
        return f"prompts are long (largest context window, {context(w.value)} tokens)"
    if w.kind == "capability":
        return f"you need {capability_phrase(w.name or '')} (only one here with it)"
    if w.kind == "open-weights":
        return "you need to self-host (the only one with open weights)"
    raise ValueError(f"no wording for choose-when kind {w.kind!r}")


def _ranking(t: ComparisonTable) -> tuple[str, ...]:
    lines = []
    for r in t.ranking:
        side = t.sides[r.index]
        if r.choose_when:
            when = [_choose_when(w) for w in r.choose_when]
            text = f"{side.name}: choose it when {join_or(when[:5])}."
        else:
            text = f"{side.name}: no figure puts it ahead of the others by 5% or more."
        for risk in r.risks:
            if risk.kind == "retired" and risk.day:
                text += f" Retired on {risk.day.isoformat()}."
            elif risk.kind == "retiring" and risk.day:
                text += f" Scheduled for retirement on {risk.day.isoformat()}."
            elif risk.kind == "single-provider" and risk.provider:
                text += f" One pay-per-token provider only ({risk.provider})."
        lines.append(text)
    return tuple(lines)


def routing_text(plan: RoutingPlan, cheap_name: str, strong_name: str) -> tuple[str, ...]:
    """Lines describing a routing plan: each share, the routed total, the all-strong total and
    the saving (or the extra cost)."""
    lines = [
        f"At {traffic_sentence(plan.traffic)}:",
        f"  {pct(plan.share)} to {cheap_name} on {plan.cheap_route.provider_name}: "
        f"{usd(plan.cheap_cost)} a month",
        f"  {pct(1 - plan.share)} to {strong_name} on {plan.strong_route.provider_name}: "
        f"{usd(plan.strong_cost)} a month",
        f"Routed total: {usd(plan.total)} a month.",
        f"All to {strong_name}: {usd(plan.all_strong)} a month.",
    ]
    if plan.saved >= 0:
        lines.append(f"Saving: {usd(plan.saved)} a month ({pct(plan.saved_share)}).")
    else:
        lines.append(
            f"Routing costs {usd(-plan.saved)} a month more than sending everything to "
            f"{strong_name}."
        )
    return tuple(lines)
