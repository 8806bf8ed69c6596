"""Routes: where a model runs, what a workload costs on each provider, and the cheapest one.

Ties between equally cheap routes go to the model's own vendor's first-party API (OpenAI API for
an OpenAI model), then to the provider id. Subscription products (``pay_per_token = false``, or a
provider of kind ``subscription``) are listed as places to run a model but never priced as a
route: their $0 list price is not a free API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from llmref.catalog import Catalog, Model, Offering, PricePoint, Provider
from llmref.pricing.cost import (
    DEFAULT_INPUT_SHARE,
    ZERO,
    Billing,
    Cost,
    Unavailable,
    Workload,
    check_share,
    no_price,
)

# ---- routes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Route:
    """A model on one provider, with what the workload costs there."""

    model_id: str
    provider_id: str
    provider_name: str
    provider_kind: str
    provider_model_id: str | None
    api_style: str | None
    first_party: bool
    """The provider is run by the model's own vendor (OpenAI API for an OpenAI model)."""
    pay_per_token: bool
    """False for subscription products: listed as places to run, never as a cheapest route."""
    price: PricePoint | None
    """The price in force on the date asked, if any."""
    cost: Cost | Unavailable
    route_class: str = "unclassified"
    """How the provider sells models (see :data:`llmref.catalog.ROUTE_CLASSES`)."""


def is_pay_per_token(offering: Offering, provider: Provider | None) -> bool:
    """A subscription product's list price (often $0) is not a pay-per-token route."""
    return offering.pay_per_token and (provider is None or provider.kind != "subscription")


def is_free_tier(point: PricePoint | None) -> bool:
    """A $0 input and output list price is a free tier with usage limits (GitHub Models, for
    one), not a route that serves production traffic for nothing: it is listed as a place to
    run the model and kept out of cheapest-route and monthly-cost figures."""
    return point is not None and point.input == 0 and not point.output


# Like Cost (see pricing.cost), a Route is built by setting its slots through their descriptors:
# the frozen __init__ goes through object.__setattr__ per field, twice as slow, and a top model
# has some forty routes per workload. A test checks the result equals Route(...).
(
    _set_model,
    _set_provider,
    _set_provider_name,
    _set_kind,
    _set_provider_model,
    _set_style,
    _set_first_party,
    _set_paid,
    _set_price,
    _set_cost,
    _set_class,
) = (Route.__dict__[name].__set__ for name in Route.__dataclass_fields__)


def _new_route(
    model_id: str,
    offering: Offering,
    provider: Provider | None,
    first_party: bool,
    paid: bool,
    point: PricePoint | None,
    cost: Cost | Unavailable,
) -> Route:
    route = object.__new__(Route)
    _set_model(route, model_id)
    _set_provider(route, offering.provider_id)
    _set_provider_name(route, provider.name if provider else offering.provider_id)
    _set_kind(route, provider.kind if provider else "inference")
    _set_provider_model(route, offering.provider_model_id)
    _set_style(route, provider.api_style if provider else None)
    _set_first_party(route, first_party)
    _set_paid(route, paid)
    _set_price(route, point)
    _set_cost(route, cost)
    _set_class(
        route,
        provider.route_class_of(offering.provider_model_id) if provider else "unclassified",
    )
    return route


def routes(
    catalog: Catalog, model: Model, workload: Workload, as_of: date | None = None
) -> tuple[Route, ...]:
    """Every provider of ``model`` with the workload's cost there: priced pay-per-token routes
    cheapest first (first-party first on a tie, then by provider id), then unpriced ones, then
    subscription products."""
    found = []
    providers = catalog.providers
    billing = Billing.of(workload)
    for offering in catalog.offerings_of(model.id):
        provider = providers.get(offering.provider_id)
        paid = is_pay_per_token(offering, provider)
        first_party = (
            provider is not None
            and provider.vendor is not None
            and (provider.vendor == model.vendor_id)
        )
        point = offering.price_on(as_of)
        free = paid and is_free_tier(point)
        if free:
            paid = False
            cost: Cost | Unavailable = Unavailable(
                f"{offering.provider_id} lists {model.id} at $0, a free tier with usage limits, "
                "not a pay-per-token route",
                model.id,
                offering.provider_id,
            )
        elif not paid:
            cost = Unavailable(
                f"{offering.provider_id} is a subscription product, not a pay-per-token route",
                model.id,
                offering.provider_id,
            )
        elif point is None:
            cost = no_price(offering, as_of)
        else:
            cost = billing.cost(offering, point)
        found.append(_new_route(model.id, offering, provider, first_party, paid, point, cost))
    found.sort(key=_route_order)
    return tuple(found)


def _route_order(route: Route) -> tuple[int, Decimal, bool, str]:
    cost = route.cost
    group = 0 if isinstance(cost, Cost) else (1 if route.pay_per_token else 2)
    total = cost.total if isinstance(cost, Cost) else ZERO
    return (group, total, not route.first_party, route.provider_id)


def cheapest_of(model_id: str, found: Iterable[Route]) -> Route | Unavailable:
    """The first priced pay-per-token route of an already ordered :func:`routes` result, or why
    there is none."""
    listed = tuple(found)
    for route in listed:
        if route.pay_per_token and isinstance(route.cost, Cost):
            return route
    if not listed:
        return Unavailable(f"no provider is tracked for {model_id}", model_id)
    paid = [r for r in listed if r.pay_per_token]
    if not paid:
        names = ", ".join(r.provider_name for r in listed)
        return Unavailable(
            f"{model_id} is only tracked on subscription products or free tiers ({names}), "
            "which have no pay-per-token price",
            model_id,
        )
    reasons = sorted({r.cost.reason for r in paid if isinstance(r.cost, Unavailable)})
    return Unavailable("; ".join(reasons), model_id)


# ---- prices ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quote:
    """A price per 1M tokens and the route that offers it."""

    price: Decimal
    provider_id: str
    provider_name: str
    first_party: bool
    source: str | None = None
    """Where the price was read (the route's price record): every figure shown carries it."""
    reviewed: date | None = None
    """When that price was last checked."""


def blended_price(point: PricePoint, input_share: Decimal = DEFAULT_INPUT_SHARE) -> Decimal | None:
    """Price per 1M tokens when ``input_share`` of them are input and the rest output (base rates,
    no tiers). None when a needed price is missing."""
    return _blend(point, check_share("input_share", input_share))


def _blend(point: PricePoint, share: Decimal) -> Decimal | None:
    # ``share`` has been checked (0 ≤ share ≤ 1).
    value = ZERO
    if share > 0:
        if point.input is None:
            return None
        value += point.input * share
    if share < 1:
        if point.output is None:
            return None
        value += point.output * (1 - share)
    return value


def cheapest_quote(
    found: Iterable[Route], kind: str, input_share: Decimal = DEFAULT_INPUT_SHARE
) -> Quote | None:
    """Lowest ``kind`` price ("input", "output", "cache_read" or "blended") over the priced
    pay-per-token routes, ties to the first-party route then provider id; None if no route
    lists it."""
    return cheapest_quotes(found, (kind,), input_share)[0]


def cheapest_quotes(
    found: Iterable[Route], kinds: tuple[str, ...], input_share: Decimal = DEFAULT_INPUT_SHARE
) -> tuple[Quote | None, ...]:
    """:func:`cheapest_quote` of each of ``kinds``, in one pass over the routes."""
    best: list[tuple[Decimal, bool, str] | None] = [None] * len(kinds)
    best_route: list[Route | None] = [None] * len(kinds)
    share: Decimal | None = None
    for route in found:
        point = route.price
        if not route.pay_per_token or point is None:
            continue
        for i, kind in enumerate(kinds):
            if kind == "blended":
                if share is None:
                    share = check_share("input_share", input_share)
                value = _blend(point, share)
            else:
                value = getattr(point, kind)
            if value is None:
                continue
            key = (value, not route.first_party, route.provider_id)
            current = best[i]
            if current is None or key < current:
                best[i], best_route[i] = key, route
    return tuple(
        None
        if key is None or route is None
        else Quote(
            key[0],
            route.provider_id,
            route.provider_name,
            route.first_party,
            route.price.source if route.price else None,
            route.price.reviewed if route.price else None,
        )
        for key, route in zip(best, best_route, strict=True)
    )


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator, or None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


@dataclass(frozen=True, slots=True)
class Multiple:
    """How two prices relate: ``factor`` (≥ 1) times ``relation`` ("cheaper", "pricier" or
    "same") for the first price against the second."""

    factor: Decimal | None
    relation: str


def price_multiple(mine: Decimal, theirs: Decimal) -> Multiple:
    """``mine`` against ``theirs``: $0.15 against $2.50 is 16.67x cheaper. A zero on one side has
    no finite factor (factor None)."""
    if mine == theirs:
        return Multiple(Decimal(1), "same")
    if mine < theirs:
        return Multiple(ratio(theirs, mine), "cheaper")
    return Multiple(ratio(mine, theirs), "pricier")
