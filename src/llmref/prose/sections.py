"""Comparison sections shared by several parts of a page: context, blended price, benchmarks,
speed, deep dive, FAQ, where to run a model."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from llmref.compare.verdict import MATERIAL, differs
from llmref.formatting import (
    big_count,
    cents_about,
    context,
    join_and,
    pct,
    plural,
    price,
    score,
    short_list,
    split_label,
    traffic_sentence,
)
from llmref.labels import capability_phrase
from llmref.prose.costs import same_route_sentence

if TYPE_CHECKING:
    from llmref.compare import Comparison, Side


@dataclass(frozen=True, slots=True)
class FaqItem:
    """One question and its generated answer."""

    question: str
    answer: str


def context_sentence(a: Side, b: Side) -> str | None:
    """How much context each model reads; a side without a tracked window is named as such."""
    if a.context_window and b.context_window:
        if a.context_window == b.context_window:
            return f"Both read up to {context(a.context_window)} tokens of context."
        return (
            f"{a.name} reads up to {context(a.context_window)} tokens of context, "
            f"{b.name} up to {context(b.context_window)}."
        )
    known = a if a.context_window else b if b.context_window else None
    if known is None or known.context_window is None:
        return "Neither context window is tracked."
    other = b if known is a else a
    return (
        f"{known.name} reads up to {context(known.context_window)} tokens of context; no "
        f"context window is tracked for {other.name}."
    )


def blended_sentence(c: Comparison) -> str:
    """The blended-price difference at the comparison's input/output split."""
    split = split_label(c.input_share)
    a, b = c.a.blended, c.b.blended
    if a is None or b is None:
        missing = [s.name for s, q in ((c.a, a), (c.b, b)) if q is None]
        return (
            f"No {split} blended comparison is possible without input and output prices "
            f"for {join_and(missing)}."
        )
    if a.price == b.price:
        return f"At a {split} input/output split both cost {price(a.price)} per 1M tokens."
    if not differs(a.price, b.price):
        # Within the verdict's threshold the two are even: no "cheaper" for a 2% gap.
        return (
            f"At a {split} input/output split both cost about the same per 1M tokens "
            f"({price(a.price)} for {c.a.name} and {price(b.price)} for {c.b.name}, within "
            f"{pct(MATERIAL)})."
        )
    low, high = (c.a, c.b) if a.price < b.price else (c.b, c.a)
    lq, hq = (a, b) if a.price < b.price else (b, a)
    return (
        f"At a {split} input/output split, {low.name} is {cents_about(hq.price - lq.price)} per 1M "
        f"tokens cheaper ({price(lq.price)} against {price(hq.price)} for {high.name})."
    )


def benchmarks_text(c: Comparison) -> tuple[str, tuple[str, ...]]:
    """A summary sentence and one line per shared benchmark."""
    pairs = c.benchmarks
    if not pairs:
        return (
            f"{c.a.name} and {c.b.name} share no benchmark version, so no scores are compared "
            "here (scores are compared only within one version).",
            (),
        )
    # Leads count only when they reach the verdict's threshold (5%); closer scores are level.
    lead_a = len(c.verdict.leads_of(0))
    lead_b = len(c.verdict.leads_of(1))
    ties = len(pairs) - lead_a - lead_b
    parts = []
    if lead_a:
        parts.append(f"{c.a.name} leads on {lead_a}")
    if lead_b:
        parts.append(f"{c.b.name} leads on {lead_b}")
    if ties:
        parts.append(
            f"{plural(ties, 'score')} {'is' if ties == 1 else 'are'} level (within "
            f"{pct(c.verdict.threshold)})"
        )
    summary = (
        f"{plural(len(pairs), 'benchmark')} {'is' if len(pairs) == 1 else 'are'} tracked "
        f"for both: {join_and(parts)}."
    )
    lines = []
    for p in pairs:
        va, vb = p.values[0], p.values[1]
        line = f"{p.name}: {score(va, p.unit)} for {c.a.name}, {score(vb, p.unit)} for {c.b.name}"
        dates = [r.measured or r.reviewed for r in p.results[:2]]
        when = (
            dates[0].isoformat()
            if dates[0] == dates[1]
            else " and ".join(d.isoformat() for d in dates)
        )
        lines.append(f"{line}; measured {when}.")
    return summary, tuple(lines)


def _measured_pair(
    values: tuple[Decimal | None, Decimal | None],
    leader: int | None,
    names: tuple[str, str],
    unit: str,
    lead_text: str,
    same_text: str,
    one_text: str,
) -> str | None:
    first, second = values
    if leader is not None and first is not None and second is not None:
        win, lose = (first, second) if leader == 0 else (second, first)
        return lead_text.format(
            name=names[leader],
            other=names[1 - leader],
            win=score(win, unit),
            lose=score(lose, unit),
        )
    if first is not None and second is not None:
        return same_text.format(value=score(first, unit))
    for i, value in enumerate(values):
        if value is not None:
            return one_text.format(name=names[i], value=score(value, unit))
    return None


def speed_text(c: Comparison) -> tuple[str, ...]:
    """Output speed and time to first token, where measured."""
    s = c.speed
    if s is None:
        return ()
    names = (c.a.name, c.b.name)
    faster = "{name} is %s faster at generating: {win} against {lose} for {other}." % (
        pct(s.faster_share) if s.faster_share is not None else "measurably"
    )
    lines = (
        _measured_pair(
            s.output_speed,
            s.faster,
            names,
            "tokens/s",
            faster,
            "Both generate {value} in the tracked measurements.",
            "Output speed is measured for {name} only ({value}).",
        ),
        _measured_pair(
            s.ttft,
            s.quicker_start,
            names,
            "s",
            "{name} starts answering sooner: {win} to the first token against {lose}.",
            "Both take {value} to the first token.",
            "Time to first token is measured for {name} only ({value}).",
        ),
    )
    return tuple(line for line in lines if line is not None)


def _only_true(me: Side, other: Side) -> list[str]:
    theirs = {c.id: c.value for c in other.capabilities}
    return [
        capability_phrase(c.id)
        for c in me.capabilities
        if c.value is True and theirs[c.id] is not True
    ]


def _capability_paragraph(c: Comparison) -> str:
    only_a, only_b = _only_true(c.a, c.b), _only_true(c.b, c.a)
    both = [
        capability_phrase(x.id)
        for x, y in zip(c.a.capabilities, c.b.capabilities, strict=True)
        if x.value is True and y.value is True
    ]
    if not only_a and not only_b:
        text = "The tracked capability flags give neither model an edge"
        return text + (f": both list {short_list(both)}." if both else ".")
    parts = []
    for me, other, only in ((c.a, c.b, only_a), (c.b, c.a, only_b)):
        if only:
            parts.append(f"{me.name} lists {short_list(only)}, which {other.name} does not")
    text = "Capabilities: " + "; ".join(parts) + "."
    if both:
        text += f" Both list {short_list(both)}."
    return text


def _build_sentence(s: Side) -> str:
    arch = {"moe": "a mixture-of-experts model", "dense": "a dense model"}.get(s.architecture or "")
    params = None
    if s.parameters_total and s.parameters_active:
        params = (
            f"{big_count(s.parameters_total)} parameters, {big_count(s.parameters_active)} "
            "active per token"
        )
    elif s.parameters_total:
        params = f"{big_count(s.parameters_total)} parameters"
    if arch and params:
        text = f"{s.name} is {arch} with {params}."
    elif arch:
        text = f"{s.name} is {arch}; its parameter count is not tracked."
    elif params:
        text = f"{s.name} has {params}; its architecture is not tracked."
    else:
        text = f"Neither the architecture nor the size of {s.name} is tracked."
    weights = None if s.open_weights is None else ("open" if s.open_weights else "closed")
    if s.license and weights:
        text += f" It is licensed as {s.license}, with {weights} weights."
    elif s.license:
        text += f" It is licensed as {s.license}."
    elif weights:
        text += f" Its weights are {weights}; no license is tracked."
    return text


def _cost_paragraph(c: Comparison) -> str:
    parts = []
    for s in (c.a, c.b):
        if s.cheapest_input and s.cheapest_output:
            parts.append(
                f"{s.name} starts at {price(s.cheapest_input.price)} per 1M input and "
                f"{price(s.cheapest_output.price)} per 1M output tokens"
            )
        else:
            parts.append(f"{s.name} has no complete pay-per-token price")
    text = f"{parts[0]}, while {parts[1]}. {blended_sentence(c)}"
    na, nb = len(c.a.priced_providers), len(c.b.priced_providers)
    if na == nb:
        text += f" {_sold('Each', na)}."
    else:
        text += (
            f" {_sold(c.a.name, na)} and {_sold(c.b.name, nb)}; fewer routes mean fewer "
            "fallbacks when one has an outage."
        )
    return text


def _sold(who: str, n: int) -> str:
    if n == 0:
        return f"{who} has no tracked pay-per-token provider"
    return f"{who} is sold pay-per-token by {plural(n, 'tracked provider')}"


def deep_dive(c: Comparison) -> tuple[str, ...]:
    """Four paragraphs: capabilities, build and licence, cost, and a closing note."""
    closing = ""
    shared = c.switch_a_to_b.shared_providers
    if c.same_vendor and c.a.vendor_name:
        closing = f"Both models come from {c.a.vendor_name}"
        closing += (
            f" and share {short_list(shared)}, so a switch between them can keep the SDK and "
            "billing account. "
            if shared
            else ", but no tracked API serves both. "
        )
    closing += (
        "Every figure here comes from the sources listed with this page; before committing, run "
        "your own prompts on the exact provider and region you plan to use."
    )
    return (
        _capability_paragraph(c),
        f"{_build_sentence(c.a)} {_build_sentence(c.b)}",
        _cost_paragraph(c),
        closing,
    )


def where_sentence(s: Side, start: bool = False) -> str:
    """Where a model runs ("X is available on …"), subscription products marked."""
    if not s.routes:
        return f"{'No' if start else 'no'} provider is tracked for {s.name}"
    names = [
        r.provider_name
        + (
            ""
            if r.pay_per_token or "subscription" in r.provider_name.lower()
            else " (subscription)"
        )
        for r in s.routes
    ]
    return f"{s.name} is available on {short_list(names)}"


def faq(c: Comparison) -> tuple[FaqItem, ...]:
    """Larger context, cheaper, open weights, one question per differing capability, where
    to run each."""
    a, b = c.a, c.b
    pair = f"{a.name} or {b.name}"
    items = []
    ctx = context_sentence(a, b) or ""
    if a.context_window and b.context_window and a.context_window != b.context_window:
        big = a if a.context_window > b.context_window else b
        ctx = (
            f"{big.name} does. {ctx} The larger window matters for long documents, "
            "big codebases and long conversations."
        )
    items.append(FaqItem(f"Which has the larger context window, {pair}?", ctx))
    items.append(FaqItem(f"Which is cheaper, {pair}?", _cheaper_answer(c)))
    items.append(
        FaqItem(f"Does {pair} have open weights?", f"{license_sentence(a)} {license_sentence(b)}")
    )
    for cap in c.differing_capabilities:
        other = next(x.value for x in b.capabilities if x.id == cap.id)
        items.append(
            FaqItem(
                f"Which supports {capability_phrase(cap.id)}, {pair}?",
                _capability_answer(capability_phrase(cap.id), (a.name, cap.value), (b.name, other)),
            )
        )
    items.append(
        FaqItem(
            f"Where can I run {a.name} and {b.name}?",
            f"{where_sentence(a, start=True)}; {where_sentence(b)}.",
        )
    )
    return tuple(items)


def _cheaper_answer(c: Comparison) -> str:
    a, b = c.a, c.b
    if not (a.cheapest_input and a.cheapest_output and b.cheapest_input and b.cheapest_output):
        missing = [s.name for s in (a, b) if not (s.cheapest_input and s.cheapest_output)]
        return (
            "It cannot be said from tracked prices: no complete pay-per-token "
            "price is tracked for "
            f"{join_and(missing)}."
        )
    ai, ao, bi, bo = (
        a.cheapest_input.price,
        a.cheapest_output.price,
        b.cheapest_input.price,
        b.cheapest_output.price,
    )
    prices = (
        f"{a.name} starts at {price(ai)} input and {price(ao)} output per 1M tokens; "
        f"{b.name} at {price(bi)} and {price(bo)}."
    )
    if ai == bi and ao == bo:
        return f"Neither: they cost the same per token. {prices}"
    if (ai <= bi and ao <= bo) or (bi <= ai and bo <= ao):
        low = a if ai <= bi and ao <= bo else b
        # Ratios only on one route that serves both: a ratio of two different routes' prices
        # mixes the models' price gap with the routes' (17.9x where the same route says 16.7x).
        same = same_route_sentence(c, with_prices=False)
        return f"{low.name} is cheaper on tracked token prices. {prices}" + (
            f" {same}" if same else ""
        )
    low_in = a if ai < bi else b
    low_out = b if low_in is a else a
    text = (
        f"{low_in.name} has the lower input price and {low_out.name} the lower output "
        f"price. {prices}"
    )
    m = c.monthly
    if m.lower is not None:
        winner = a if m.lower == 0 else b
        text += f" At {traffic_sentence(c.traffic)}, {winner.name} costs less."
    return text


def license_sentence(s: Side) -> str:
    """The licence and weights of a model, or what is not tracked."""
    weights = None
    if s.open_weights is not None:
        weights = "its weights are open" if s.open_weights else "its weights are closed"
    if s.license and weights:
        return f"{s.name} is listed under {s.license} and {weights}."
    if s.license:
        return f"{s.name} is listed under {s.license}; whether its weights are open is not tracked."
    if weights:
        return f"No license is tracked for {s.name}, but {weights}."
    return f"Neither the license nor the weights of {s.name} are tracked."


def _capability_answer(cap: str, a: tuple[str, bool | None], b: tuple[str, bool | None]) -> str:
    yes = a if a[1] is True else b if b[1] is True else None
    if yes is None:
        no = [n for n, v in (a, b) if v is False]
        unknown = [n for n, v in (a, b) if v is None]
        text = f"Neither is confirmed to support {cap}."
        if no:
            text += f" Sources say {short_list(no)} {'does' if len(no) == 1 else 'do'} not."
        if unknown:
            text += f" No source says either way for {short_list(unknown)}."
        return text
    other = b if yes is a else a
    tail = (
        f"{other[0]} does not." if other[1] is False else f"no source confirms it for {other[0]}."
    )
    return (
        f"{yes[0]} does, according to its sources; {tail} Check the provider endpoint too: "
        "a model-level feature is not always exposed by every API."
    )
