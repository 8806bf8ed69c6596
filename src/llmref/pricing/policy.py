"""Route policy: which routes of a model may be named its cheapest, and why the others may not.

A route is a model on one provider (see :mod:`llmref.pricing.routes`). Under the default policy,
``"trusted"``, the cheapest route is the cheapest one a team can buy at a published
pay-per-token price from a trusted class of provider:

* the vendor's own API, a cloud platform, or a router that passes list prices through;
* an inference host, for a model whose weights are open (a host listing a closed-weights model
  is reselling someone's API);

and whose blended price is not an *outlier*: between :data:`OUTLIER_LOW` and
:data:`OUTLIER_HIGH` times the model's reference price — the vendor's own list price, else the
median of the trusted routes. ``"all"`` keeps every priced pay-per-token route (outliers are
still flagged); ``"vendor"`` keeps only the vendor's own API. docs/routes.md writes the rules
down for readers; this module is their one home.

Engines return data: each excluded route carries a short ``excluded_reason`` and, for an
outlier, its ratio to the reference and a likely cause, for views to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Literal, get_args

from llmref.catalog import Catalog, Model
from llmref.pricing.cost import (
    DEFAULT_INPUT_SHARE,
    MAX_MONTHLY_REQUESTS,
    Cost,
    Unavailable,
    Usage,
    Workload,
    check_count,
)
from llmref.pricing.routes import Quote, Route, cheapest_of, cheapest_quote, routes

RoutePolicy = Literal["trusted", "all", "vendor"]
ROUTE_POLICIES: tuple[str, ...] = get_args(RoutePolicy)
DEFAULT_POLICY: RoutePolicy = "trusted"

OUTLIER_LOW = Decimal("0.5")
"""A route whose blended price is below half the reference price is an outlier."""
OUTLIER_HIGH = Decimal("3")
"""A route whose blended price is above three times the reference price is an outlier."""
CNY_PER_USD = (Decimal("7.1"), Decimal("7.3"))
"""A price this many times below the reference is a yuan price in a dollar field."""
STALE_DAYS = 180
"""An outlier reviewed this many days before the reference price is likely a stale record."""

TRUSTED_CLASSES = frozenset({"vendor-api", "cloud", "router"})
"""Classes trusted for any model; inference hosts are trusted for open-weights models."""

_CLASS_REASONS = {
    "reseller": "reseller",
    "consumer": "consumer app or subscription",
    "unclassified": "unclassified provider",
}


def check_policy(value: str) -> RoutePolicy:
    """``value`` as a :data:`RoutePolicy`; a ValueError naming the choices otherwise."""
    if value not in ROUTE_POLICIES:
        raise ValueError(
            f"routes: {value!r} is not a route policy; use one of {', '.join(ROUTE_POLICIES)}"
        )
    return value  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Reference:
    """The price a model's routes are measured against, per 1M blended tokens."""

    price: Decimal
    basis: Literal["vendor", "median"]
    """"vendor": the vendor's own list price; "median": the median of ``routes`` trusted
    routes (the model has no vendor route)."""
    provider_id: str | None
    """The vendor route the price comes from (basis "vendor")."""
    routes: int
    """How many routes the price was taken over."""
    reviewed: date | None = None
    """When the vendor's price was last checked (basis "vendor")."""


@dataclass(frozen=True, slots=True)
class Outlier:
    """A route priced far from the reference: ``ratio`` = its blended price ÷ the reference."""

    ratio: Decimal
    cause: Literal["unit-error", "reseller-discount", "stale-record", "below-list", "above-list"]
    reason: str
    """A short sentence for views, e.g. "outlier: 25% of the vendor's list price (reseller
    discount?)"."""


@dataclass(frozen=True, slots=True)
class AssessedRoute:
    """One route under a policy: whether it may be chosen, and why not."""

    route: Route
    route_class: str
    considered: bool
    """A priced pay-per-token route (subscriptions, free tiers and unpriced routes are not)."""
    included: bool
    """May be chosen as the cheapest route under the policy."""
    excluded_reason: str | None
    outlier: Outlier | None
    """Set whenever the route is an outlier, whether or not the policy excludes it."""


@dataclass(frozen=True, slots=True)
class RouteAssessment:
    """Every route of a model under one policy, and the cheapest one it allows."""

    model_id: str
    policy: RoutePolicy
    reference: Reference | None
    routes: tuple[AssessedRoute, ...]
    """In :func:`~llmref.pricing.routes.routes` order (cheapest first)."""
    cheapest: Route | Unavailable

    @property
    def included(self) -> tuple[Route, ...]:
        """The routes the policy allows, in order (for cheapest quotes)."""
        return tuple(a.route for a in self.routes if a.included)

    @property
    def considered(self) -> int:
        """How many priced pay-per-token routes the policy looked at."""
        return sum(1 for a in self.routes if a.considered)

    @property
    def excluded(self) -> tuple[AssessedRoute, ...]:
        """Considered routes the policy set aside, cheapest first."""
        return tuple(a for a in self.routes if a.considered and not a.included)

    @property
    def set_aside_cheaper(self) -> tuple[AssessedRoute, ...]:
        """Excluded routes cheaper than the chosen one: the ones a reader would ask about."""
        chosen = self.cheapest
        if not isinstance(chosen, Route) or not isinstance(chosen.cost, Cost):
            return self.excluded
        limit = chosen.cost.total
        return tuple(
            a
            for a in self.excluded
            if isinstance(a.route.cost, Cost) and a.route.cost.total < limit
        )


def _blend(route: Route) -> Decimal | None:
    point = route.price
    if point is None or point.input is None or point.output is None:
        return None
    return point.input * DEFAULT_INPUT_SHARE + point.output * (1 - DEFAULT_INPUT_SHARE)


def _trusted_class(route_class: str, open_weights: bool | None) -> bool:
    # An inference host is trusted unless the model is known to be closed-weights.
    return route_class in TRUSTED_CLASSES or (
        route_class == "inference-host" and open_weights is not False
    )


def reference_price(
    found: tuple[Route, ...], classes: dict[str, str], open_weights: bool | None
) -> Reference | None:
    """The vendor's own lowest blended list price, else the median blended price of the
    trusted routes; None when neither exists."""
    vendor = [
        (b, r.provider_id)
        for r in found
        if r.first_party
        and r.pay_per_token
        and isinstance(r.cost, Cost)
        and (b := _blend(r)) is not None
        and b > 0
    ]
    if vendor:
        price, pid = min(vendor)
        point = next(r.price for r in found if r.provider_id == pid)
        return Reference(price, "vendor", pid, len(vendor), point.reviewed if point else None)
    trusted = [
        b
        for r in found
        if r.pay_per_token
        and isinstance(r.cost, Cost)
        and _trusted_class(classes[r.provider_id], open_weights)
        and (b := _blend(r)) is not None
        and b > 0
    ]
    if not trusted:
        return None
    return Reference(Decimal(median(trusted)), "median", None, len(trusted))


def _percent(ratio: Decimal) -> str:
    value = ratio * 100
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%".replace(".0%", "%")


def outlier_of(route: Route, route_class: str, reference: Reference | None) -> Outlier | None:
    """Whether ``route`` is priced far from ``reference``, with the likely cause."""
    if reference is None or (reference.basis == "vendor" and route.first_party):
        return None
    blended = _blend(route)
    if blended is None:
        return None
    ratio = blended / reference.price
    if OUTLIER_LOW <= ratio <= OUTLIER_HIGH:
        return None
    against = (
        "the vendor's list price"
        if reference.basis == "vendor"
        else (f"the median of {reference.routes} trusted routes")
    )
    share = f"{_percent(ratio)} of {against}"
    if ratio > OUTLIER_HIGH:
        return Outlier(ratio, "above-list", f"outlier: {share} (markup or stale record?)")
    divisor = 1 / ratio if ratio else None
    if divisor is not None and CNY_PER_USD[0] <= divisor <= CNY_PER_USD[1]:
        return Outlier(
            ratio,
            "unit-error",
            f"unit error: {against} ÷ {divisor:.1f} (a CNY price in a USD field?)",
        )
    if route_class == "reseller":
        return Outlier(ratio, "reseller-discount", f"outlier: {share} (reseller discount?)")
    checked = route.price.reviewed if route.price else None
    if (
        checked is not None
        and reference.reviewed is not None
        and (reference.reviewed - checked).days >= STALE_DAYS
    ):
        return Outlier(
            ratio,
            "stale-record",
            f"outlier: {share} (stale record? its price was checked {checked.isoformat()})",
        )
    return Outlier(ratio, "below-list", f"outlier: {share} (discount or stale record?)")


def assess(
    catalog: Catalog, model: Model, found: tuple[Route, ...], policy: RoutePolicy = DEFAULT_POLICY
) -> RouteAssessment:
    """Apply ``policy`` to the ordered routes ``found`` (from :func:`routes`) of ``model``."""
    policy = check_policy(policy)
    classes = {r.provider_id: r.route_class for r in found}
    open_weights = model.value("open_weights")
    reference = reference_price(found, classes, open_weights)
    assessed = []
    for r in found:
        route_class = classes[r.provider_id]
        considered = r.pay_per_token and isinstance(r.cost, Cost)
        outlier = outlier_of(r, route_class, reference) if considered else None
        reason: str | None
        if not considered:
            reason = r.cost.reason if isinstance(r.cost, Unavailable) else "not pay-per-token"
        elif policy == "all":
            reason = None
        elif policy == "vendor":
            reason = None if r.first_party else "not the vendor's own API"
        elif r.first_party:
            reason = None
        elif route_class in _CLASS_REASONS:
            reason = _CLASS_REASONS[route_class]
        elif not _trusted_class(route_class, open_weights):
            reason = "closed-weights model on an open-weights host"
        elif outlier is not None:
            reason = outlier.reason
        else:
            reason = None
        assessed.append(AssessedRoute(r, route_class, considered, reason is None, reason, outlier))
    allowed = [a.route for a in assessed if a.included]
    cheapest = (
        cheapest_of(model.id, allowed) if allowed else _none_allowed(model, found, assessed, policy)
    )
    return RouteAssessment(model.id, policy, reference, tuple(assessed), cheapest)


def _none_allowed(
    model: Model, found: tuple[Route, ...], assessed: list[AssessedRoute], policy: RoutePolicy
) -> Route | Unavailable:
    set_aside = [a for a in assessed if a.considered]
    if not set_aside:
        return cheapest_of(model.id, found)  # Unavailable: no priced route at all, and why
    names = "; ".join(f"{a.route.provider_name}: {a.excluded_reason}" for a in set_aside)
    return Unavailable(
        f"no {policy} route for {model.id}: {len(set_aside)} priced route"
        f"{'s' if len(set_aside) != 1 else ''} set aside ({names}); the 'all' route policy "
        "includes them",
        model.id,
    )


def assess_routes(
    catalog: Catalog,
    model: Model,
    workload: Workload,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> RouteAssessment:
    """Every route of ``model`` costed for ``workload``, each included or set aside by ``policy``
    with the reason, and the cheapest included one."""
    return assess(catalog, model, routes(catalog, model, workload, as_of), policy)


def cheapest_route(
    catalog: Catalog,
    model: Model,
    workload: Workload,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> Route | Unavailable:
    """The cheapest pay-per-token route for ``workload`` that ``policy`` allows; ties go to the
    vendor's own API."""
    return assess_routes(catalog, model, workload, as_of, policy=policy).cheapest


# ---- estimates (the `cost` command and calculators) -----------------------------------------


@dataclass(frozen=True, slots=True)
class EstimateLine:
    """One route of an :class:`Estimate`."""

    route: Route
    per_request: Decimal | None
    total: Decimal | None
    """per_request × requests."""
    reason: str | None
    """Why there is no figure (None when there is one)."""
    notes: tuple[str, ...] = ()
    """Assumptions behind the figure (see :attr:`Cost.notes`)."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """A request's cost on every route of a model (or one provider), times a request count."""

    model_id: str
    usage: Usage
    requests: int
    as_of: date | None
    lines: tuple[EstimateLine, ...]
    cheapest: Route | Unavailable
    assessment: RouteAssessment
    """Every route under the policy, with what was set aside and why."""


def estimate(
    catalog: Catalog,
    model: Model,
    usage: Usage,
    requests: int = 1,
    provider_id: str | None = None,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> Estimate:
    """Cost of ``requests`` requests of ``usage`` on each route (or only on ``provider_id``); the
    cheapest is chosen under ``policy``."""
    check_count("requests", requests, MAX_MONTHLY_REQUESTS)
    found = routes(catalog, model, usage, as_of)
    assessment = assess(catalog, model, found, policy)
    if provider_id is not None:
        wanted = catalog.provider(provider_id).id
        found = tuple(r for r in found if r.provider_id == wanted)
        if not found:
            where = ", ".join(r.provider_id for r in routes(catalog, model, usage, as_of)) or "none"
            raise ValueError(f"{model.id} is not offered on {wanted} (tracked providers: {where})")
    lines = []
    for r in found:
        if isinstance(r.cost, Cost):
            lines.append(EstimateLine(r, r.cost.total, r.cost.total * requests, None, r.cost.notes))
        else:
            lines.append(EstimateLine(r, None, None, r.cost.reason))
    # A provider named by the user is their choice: the policy only picks among several.
    cheapest = assessment.cheapest if provider_id is None else cheapest_of(model.id, found)
    return Estimate(model.id, usage, requests, as_of, tuple(lines), cheapest, assessment)


@dataclass(frozen=True, slots=True)
class Undercut:
    """A model whose default route costs under :data:`OUTLIER_LOW` of its vendor's price."""

    model_id: str
    route: Route
    ratio: Decimal
    """The route's blended price ÷ the vendor's blended list price."""


def vendor_undercuts(
    catalog: Catalog,
    models: Iterable[Model],
    workload: Workload,
    as_of: date | None = None,
    *,
    policy: RoutePolicy = DEFAULT_POLICY,
) -> tuple[Undercut, ...]:
    """Of ``models`` that have a vendor list price, those whose cheapest route under ``policy``
    is priced below :data:`OUTLIER_LOW` of it: the check that the default never names a
    reseller's discount or a unit error as a model's price (bench/route_report.py prints it)."""
    found = []
    for model in models:
        assessment = assess_routes(catalog, model, workload, as_of, policy=policy)
        reference = assessment.reference
        chosen = assessment.cheapest
        if reference is None or reference.basis != "vendor" or not isinstance(chosen, Route):
            continue
        blended = _blend(chosen)
        if blended is not None and blended < reference.price * OUTLIER_LOW:
            found.append(Undercut(model.id, chosen, blended / reference.price))
    return tuple(found)


_PRICED = Usage(1000, 1000)
"""Any request with input and output tokens: a route is priced for it when it lists both."""


def cheapest_input(
    catalog: Catalog,
    model: Model,
    policy: str = DEFAULT_POLICY,
    as_of: date | None = None,
) -> Quote | None:
    """The lowest input price per 1M tokens over the routes ``policy`` allows (search results
    and listings); None when no allowed route lists one."""
    found = routes(catalog, model, _PRICED, as_of)
    return cheapest_quote(assess(catalog, model, found, check_policy(policy)).included, "input")
