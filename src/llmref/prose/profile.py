"""Sentences of a model profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from llmref.compare.verdict import differs
from llmref.formatting import (
    as_decimal,
    as_int,
    context,
    count,
    pct,
    plural,
    price,
    score,
    short_list,
    times,
    traffic_sentence,
    usd,
)
from llmref.labels import capability_phrase
from llmref.pricing import Unavailable
from llmref.prose.sections import FaqItem, license_sentence, where_sentence

if TYPE_CHECKING:
    from llmref.pricing import PresetCost, RatioPrice
    from llmref.profile import Point, PriceComparison, Profile


@dataclass(frozen=True, slots=True)
class ProfileText:
    """Every sentence of a model profile, generated from its data."""

    title: str
    overview: str
    benchmarks: str
    price_lines: tuple[str, ...]
    presets: tuple[str, ...]
    ratio_prices: tuple[str, ...]
    """Blended price per 1M tokens at each workload ratio (chat 2:1, code review 3:1, …)."""
    access: str
    strengths: tuple[str, ...]
    limitations: tuple[str, ...]
    value: str
    faq: tuple[FaqItem, ...]
    reviewed: str


def _overview(p: Profile) -> str:
    s = p.side
    parts = [
        f"{s.name} comes from {s.vendor_name}."
        if s.vendor_name
        else f"The maker of {s.name} is not tracked."
    ]
    if s.release_date:
        parts.append(f"It was released on {s.release_date.isoformat()}.")
    if s.context_window:
        ctx = f"It reads up to {context(s.context_window)} tokens of context"
        if s.max_output_tokens:
            ctx += f" and writes up to {context(s.max_output_tokens)} tokens per answer"
        parts.append(ctx + ".")
    if s.input_modalities:
        outs = (
            f" and answers in {short_list(list(s.output_modalities))}"
            if s.output_modalities
            else ""
        )
        parts.append(f"It takes {short_list(list(s.input_modalities))} as input{outs}.")
    if s.cheapest_input and s.cheapest_output:
        parts.append(
            f"Pay-per-token prices start at {price(s.cheapest_input.price)} per 1M input and "
            f"{price(s.cheapest_output.price)} per 1M output tokens."
        )
    else:
        parts.append("No complete pay-per-token price is tracked.")
    n = len(s.priced_providers)
    if n:
        parts.append(f"It is sold pay-per-token by {plural(n, 'tracked provider')}.")
    if s.fit_tags:
        parts.append(f"By the written rules it fits {short_list([t.text for t in s.fit_tags])}.")
    return " ".join(parts)


def _profile_benchmarks(p: Profile) -> str:
    s = p.side
    if not p.benchmarks:
        return f"No benchmark results are tracked for {s.name}."
    rivals = [c.name for c in p.competitors]
    lines = []
    for row in p.benchmarks:
        line = f"{row.name} {score(row.value, row.unit)}"
        known = [c for c in row.competitors if c.value is not None]
        if known:
            line += (
                " ("
                + ", ".join(
                    f"{c.name} {score(c.value, row.unit)}" for c in known if c.value is not None
                )
                + ")"
            )
        lines.append(line)
    text = f"{s.name} scores {'; '.join(lines)}."
    if rivals and not any(c.value is not None for row in p.benchmarks for c in row.competitors):
        text += (
            f" None of the compared models ({short_list(rivals)}) has a result on the "
            "same benchmarks."
        )
    return text


def _price_line(pc: PriceComparison, name: str) -> str:
    m = pc.multiple
    when = pc.prices_as_of.isoformat()
    pair = f"{price(pc.mine)} against {price(pc.theirs)} per 1M {pc.kind} tokens"
    if m.relation == "same":
        return (
            f"{name} costs the same as {pc.other_name} on {pc.kind} ({price(pc.mine)} "
            f"per 1M tokens), as of {when}."
        )
    if not differs(pc.mine, pc.theirs):
        return (
            f"{name} costs about the same as {pc.other_name} on {pc.kind} ({pair}), as of {when}."
        )
    if pc.mine < pc.theirs:
        return (
            f"{name} is {pct((pc.theirs - pc.mine) / pc.theirs)} cheaper than {pc.other_name} on "
            f"{pc.kind} ({pair}), as of {when}."
        )
    if pc.theirs == 0:
        return f"{name} costs more than {pc.other_name} on {pc.kind} ({pair}), as of {when}."
    return (
        f"{name} costs {times(pc.mine / pc.theirs)} as much as {pc.other_name} on {pc.kind} "
        f"({pair}), as of {when}."
    )


def _preset_line(pc: PresetCost) -> str:
    pre = pc.preset
    size = f"{count(pre.input_tokens)} in / {count(pre.output_tokens)} out"
    head = f"{pre.name} request ({size})"
    if pc.cost is None:
        return f"{head}: unavailable, because {pc.reason}."
    return f"{head}: {usd(pc.cost)} on {pc.provider_name}."


def _ratio_line(rp: RatioPrice) -> str:
    r = rp.ratio
    mix = (
        "input only" if r.output_parts == 0 else f"{r.input_parts}:{r.output_parts} input to output"
    )
    head = f"{r.name} ({mix})"
    if rp.quote is None:
        return f"{head}: no blended price, as no route lists the prices it needs."
    return f"{head}: {price(rp.quote.price)} per 1M tokens on {rp.quote.provider_name}."


def _point(pt: Point) -> str:
    k, names = pt.kind, pt.names
    if k in ("largest-context", "smallest-context"):
        which, bound = (
            ("largest", "at most") if k == "largest-context" else ("smallest", "at least")
        )
        return (
            f"The {which} context window of the compared models: "
            f"{context(as_int(pt.value))} tokens against {bound} "
            f"{context(as_int(pt.other))}."
        )
    if k == "long-context":
        return f"A long context window of {context(as_int(pt.value))} tokens."
    if k in ("cheapest", "priciest"):
        which, bound = ("lowest", "at least") if k == "cheapest" else ("highest", "at most")
        return (
            f"The {which} 70/30 blended price of the compared models: "
            f"{price(as_decimal(pt.value))} per 1M tokens against {bound} "
            f"{price(as_decimal(pt.other))}."
        )
    if k in ("benchmark-lead", "benchmark-trail"):
        verb, bound = ("Leads", "at most") if k == "benchmark-lead" else ("Trails", "at least")
        unit = pt.unit or ""
        return (
            f"{verb} the compared models on {names[0]}: {score(as_decimal(pt.value), unit)} "
            f"against {bound} {score(as_decimal(pt.other), unit)}."
        )
    phrases = [capability_phrase(n) for n in names]
    if k == "capabilities":
        return f"Supports {short_list(phrases)}."
    if k == "missing-capabilities":
        return f"Sources say it lacks {short_list(phrases)}."
    if k == "unknown-capabilities":
        return f"No source says whether it supports {short_list(phrases)}."
    if k == "open-weights":
        licence = f" under {pt.value}" if pt.value else ""
        return f"Open weights{licence}: it can be self-hosted."
    if k == "coverage":
        return f"Sold pay-per-token by {pt.value} tracked providers, so there is room for fallback."
    if k == "unpriced":
        return f"No pay-per-token cost can be given: {pt.value}."
    if k == "single-provider":
        return (
            f"Only one tracked provider ({pt.value}) sells it pay-per-token, so there is no "
            "fallback route."
        )
    if k == "untracked":
        return f"Not tracked: {short_list(list(names))}."
    raise ValueError(f"no sentence for point kind {k!r}")


def _value(p: Profile) -> str:
    v = p.value
    if isinstance(v, Unavailable):
        return f"Value per intelligence point is unavailable, because {v.reason}."
    return (
        f"A typical request (5K in / 1K out) costs {usd(v.request_cost)} on "
        f"{v.route.provider_name}; at {score(v.index, 'index')} on the {v.benchmark_title} that is "
        f"{usd(v.cost_per_point)} per point."
    )


def _profile_faq(p: Profile) -> tuple[FaqItem, ...]:
    s = p.side
    items = []
    if s.context_window:
        items.append(
            FaqItem(
                f"How large is the context window of {s.name}?",
                f"{context(s.context_window)} tokens"
                + (
                    f", with up to {context(s.max_output_tokens)} output tokens per answer."
                    if s.max_output_tokens
                    else "."
                ),
            )
        )
    else:
        items.append(
            FaqItem(
                f"How large is the context window of {s.name}?",
                f"No context window is tracked for {s.name}.",
            )
        )
    if s.cheapest_input and s.cheapest_output:
        cost = (
            f"From {price(s.cheapest_input.price)} per 1M input tokens and "
            f"{price(s.cheapest_output.price)} per 1M output tokens on the cheapest tracked routes."
        )
        if s.monthly_cost is not None:
            cost += (
                f" At {traffic_sentence(p.traffic)} that is {usd(s.monthly_cost)} a "
                f"month on {s.monthly_route_name}."
            )
    else:
        why = f": {s.monthly_reason}" if s.monthly_reason else ""
        cost = f"No complete pay-per-token price is tracked{why}."
    items.append(FaqItem(f"How much does {s.name} cost?", cost))
    items.append(FaqItem(f"Where can I run {s.name}?", where_sentence(s, start=True) + "."))
    items.append(FaqItem(f"Does {s.name} have open weights?", license_sentence(s)))
    for cap in s.capabilities:
        if cap.id in ("vision", "reasoning", "function_calling", "structured_outputs"):
            answer = {
                True: "Yes, according to its sources.",
                False: "No, according to its sources.",
                None: "No source says either way.",
            }[cap.value]
            items.append(FaqItem(f"Does {s.name} support {capability_phrase(cap.id)}?", answer))
    return tuple(items)


def profile_text(p: Profile) -> ProfileText:
    """All the sentences of a model profile."""
    s = p.side
    access = f"{where_sentence(s, start=True)}."
    return ProfileText(
        title=s.name,
        overview=_overview(p),
        benchmarks=_profile_benchmarks(p),
        price_lines=tuple(_price_line(pc, s.name) for pc in p.price_comparisons),
        presets=tuple(_preset_line(pc) for pc in p.presets),
        ratio_prices=tuple(_ratio_line(rp) for rp in p.ratio_prices),
        access=access,
        strengths=tuple(_point(x) for x in p.strengths),
        limitations=tuple(_point(x) for x in p.limitations),
        value=_value(p),
        faq=_profile_faq(p),
        reviewed=f"Last reviewed {p.last_reviewed.isoformat()}.",
    )
