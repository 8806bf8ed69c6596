"""The summary card at the top of a model page: the figures a reader scans for, each already
formatted, each from the engines (no figure is worked out here).

The cheapest route and its monthly cost are the profile's (the route policy of the page,
trusted by default, at :data:`llmref.pricing.DEFAULT_TRAFFIC`); the best benchmark standing is
the model's best position among the models with a score on one benchmark version, as the summary
engine (:mod:`llmref.summary`) ranks it for every list.
"""

from __future__ import annotations

from dataclasses import dataclass

from llmref import formatting as fmt
from llmref import pricing, profile, summary
from llmref.catalog import Model
from llmref.web.page import Env
from llmref.web.pages.listing import Link

MIN_RANKED = summary.MIN_RANKED
"""A standing is shown only among at least this many models with a score ("1st of 2" says
nothing); the summary engine's rule."""


@dataclass(frozen=True, slots=True)
class BestScore:
    """The model's best standing on a benchmark version, with the result behind it."""

    benchmark: str
    """The version's title (name and version)."""
    value: str
    rank: str
    """"3rd of 120 models with a result"."""
    measured: str
    """"measured 2026-05-01", or the review date when the source gives no date."""
    chart: str | None
    """The chart of this benchmark version with the model highlighted."""


@dataclass(frozen=True, slots=True)
class SummaryCard:
    """The model page's first block."""

    vendor: Link | None
    model_class: str
    """chat, reasoning, embedding, ... (:func:`llmref.catalog.model_class`)."""
    context: str
    policy: str
    """The route policy the cheapest route is chosen under ("trusted")."""
    cheapest: Link | None
    """The provider of the cheapest allowed route at the default traffic (None: no route)."""
    cheapest_prices: str
    """Its input and output prices per 1M tokens."""
    monthly: str
    """What the default traffic costs a month there."""
    traffic: str
    """The default traffic in words ("1M requests a month of 800 input and 250 output
    tokens")."""
    no_route: str | None
    """Why there is no cheapest route (when `cheapest` is None)."""
    best: BestScore | None
    open_weights: str
    released: str
    retires: str | None
    """The vendor's announced retirement date, if any."""
    retired: bool
    """That date is on or before the page's date."""


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _best(env: Env, model_id: str) -> BestScore | None:
    """The model's best standing as the summary engine ranks it (:func:`llmref.summary.
    best_ranks`: the same standing every list and ``llmref search`` show)."""
    rank = summary.best_ranks(env.catalog, env.as_of).get(model_id)
    if rank is None:
        return None
    measured = (
        f"measured {rank.measured.isoformat()}"
        if rank.measured
        else f"date not stated; reviewed {rank.reviewed.isoformat()}"
    )
    return BestScore(
        benchmark=rank.title,
        value=fmt.score(rank.value, rank.unit),
        rank=f"{ordinal(rank.position)} of {rank.total:,} models with a result",
        measured=measured,
        chart=env.links.chart_for(rank.benchmark, (model_id,)),
    )


def summary_card(env: Env, model: Model, p: profile.Profile) -> SummaryCard:
    side = p.side
    links = env.links
    route = side.monthly
    cheapest = None
    prices = ""
    no_route = None
    if isinstance(route, pricing.Route) and route.price is not None:
        cheapest = Link(route.provider_name, links.provider(route.provider_id))
        prices = f"{fmt.price(route.price.input)} in / {fmt.price(route.price.output)} out per 1M"
    else:
        no_route = side.monthly_reason or "no priced route"
    retires = side.deprecation_date
    return SummaryCard(
        vendor=Link(side.vendor_name or model.vendor_id, links.vendor(model.vendor_id))
        if model.vendor_id
        else None,
        model_class=side.model_class,
        context=fmt.context(side.context_window),
        policy=side.assessment.policy,
        cheapest=cheapest,
        cheapest_prices=prices,
        monthly=fmt.usd(side.monthly_cost) if side.monthly_cost is not None else fmt.MISSING,
        traffic=fmt.traffic_sentence(p.traffic),
        no_route=no_route,
        best=_best(env, side.id),
        open_weights=fmt.yes_no(side.open_weights),
        released=fmt.day(side.release_date),
        retires=fmt.day(retires) if retires else None,
        retired=retires is not None and retires <= env.as_of,
    )
