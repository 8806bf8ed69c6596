"""Sentences of a comparison's cost picture: same-route ratios, caching, batch, and the caveats
that change a bill (a long-context tier the traffic crosses, reasoning tokens)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from llmref.formatting import context, is_about_one, pct, per_million, price, times, usd
from llmref.pricing import Savings

if TYPE_CHECKING:
    from llmref.compare import Comparison
    from llmref.compare.costs import SameRoute, SideCosts


def _ratio_phrase(r: Decimal | None, kind: str, names: tuple[str, str]) -> str | None:
    """ "GPT-4o costs 16.7x as much per input token" (the pricier model first), or "both cost
    the same per input token" when the ratio rounds to 1.0x."""
    if r is None or r == 0:
        return None
    if is_about_one(r):
        return f"both cost the same per {kind} token"
    pricier, factor = (names[0], r) if r > 1 else (names[1], 1 / r)
    return f"{pricier} costs {times(factor)} as much per {kind} token"


def same_route_sentence(c: Comparison, with_prices: bool = True) -> str | None:
    """Price ratios on one route that serves both (never two different routes); without
    `with_prices`, the ratios alone."""
    s: SameRoute | None = c.costs.same_route
    if s is None:
        return None
    names = (c.a.name, c.b.name)
    parts = [
        p
        for p in (
            _ratio_phrase(s.input_ratio, "input", names),
            _ratio_phrase(s.output_ratio, "output", names),
        )
        if p
    ]
    if len(parts) == 2 and parts[0].replace("input", "output") == parts[1]:
        parts = [parts[0].replace("input token", "input and output token")]
    elif len(parts) == 2 and parts[1].startswith(parts[0].split(" costs ")[0] + " costs "):
        # The same model is pricier on both: name it once.
        parts = [parts[0], parts[1].split(" costs ", 1)[1]]
    if not with_prices:
        return f"On {s.provider_name}, which serves both, {' and '.join(parts)}." if parts else None
    return (
        f"On one route that serves both ({s.provider_name}), per 1M tokens: {c.a.name} "
        f"{price(s.input[0])} input and {price(s.output[0])} output, {c.b.name} "
        f"{price(s.input[1])} and {price(s.output[1])}"
        + (f"; {' and '.join(parts)}." if parts else ".")
    )


def _saving(name: str, costs: SideCosts, kind: str) -> str | None:
    saving = costs.cache if kind == "cache" else costs.batch
    if not isinstance(saving, Savings):
        return None
    if kind == "cache":
        unit = f" (cache hits at {per_million(costs.cache_read)})" if costs.cache_read else ""
    else:
        unit = (
            f" (batch prices {price(costs.batch_input)} in, {price(costs.batch_output)} out)"
            if costs.batch_input is not None and costs.batch_output is not None
            else ""
        )
    if saving.saved <= 0:
        # A cache hit billed at the input price saves nothing: say so, not "$0 (0%) less".
        return f"{name}: {usd(saving.cost)} a month, no saving{unit}"
    return (
        f"{name}: {usd(saving.cost)} a month, {usd(saving.saved)} ({pct(saving.saved_share)}) "
        f"less{unit}"
    )


def cost_lines(c: Comparison) -> tuple[str, ...]:
    """The cost picture beyond the monthly figure, one sentence each."""
    out: list[str] = []
    same = same_route_sentence(c)
    if same:
        out.append(same)
    sides = ((c.a.name, c.costs.a), (c.b.name, c.costs.b))
    share = pct(c.costs.cache_hit_share)
    cached = [x for x in (_saving(n, s, "cache") for n, s in sides) if x]
    if cached:
        out.append(f"With {share} of input read from the prompt cache: {'; '.join(cached)}.")
    batch = [x for x in (_saving(n, s, "batch") for n, s in sides) if x]
    if batch:
        out.append(f"Through the batch API (answers within a day): {'; '.join(batch)}.")
    for name, s in sides:
        tier = s.long_context
        if tier is not None:
            billed = f" input is billed at {per_million(tier.input)}" if tier.input else ""
            out.append(
                f"{name}: requests of {context(int(tier.request_input_tokens))} input tokens "
                f"cross the long-context tier above {context(tier.above_input_tokens)} on "
                f"{s.provider_name}{':' + billed if billed else ''}."
            )
    reasoning = [name for name, s in sides if s.reasoning]
    if reasoning:
        who = (
            f"{reasoning[0]} is a reasoning model: it"
            if len(reasoning) == 1
            else "Both are reasoning models: each"
        )
        out.append(
            f"{who} also bills the reasoning tokens it writes before answering, which the "
            "output figures here leave out, so the real output cost can be several times higher."
        )
    return tuple(out)
