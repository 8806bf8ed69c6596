"""Price tables, one row per place to run a model, with the price's provenance once per row.

A model's routes (:func:`route_rows`) are ordered by what they cost at the page's traffic:
the routes the route policy counts first, cheapest first; then the priced routes it sets aside,
each with its reason; then places that are not pay-per-token routes (subscriptions, free tiers,
no price on the date). A provider's models (:func:`offering_rows`) are sorted by a ``?sort=``
key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from llmref import formatting as fmt
from llmref import pricing
from llmref.catalog import Catalog, Offering, PricePoint
from llmref.pricing.routes import is_free_tier
from llmref.web.pages.listing import Link, Provenance, SortKey, provenance
from llmref.web.urls import Links

_LAST = Decimal("Infinity")


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One place to run a model, on the page's date; prices per 1M tokens, formatted."""

    name: Link
    """The provider (on a model page) or the model (on a provider page)."""
    api_id: str
    """The id to send to the provider's API."""
    input: str
    output: str
    cache_read: str
    batch: str
    """Batch input / output."""
    context: str
    monthly: str
    """Cost of the page's traffic on this route ("" where the table has no such column)."""
    route_class: str
    counted: bool
    """The route policy counts this route for cheapest figures."""
    status: str
    """Why the route is not counted, or what to know about it ("" for a counted route)."""
    prov: Provenance | None
    """The price's source and review date (None: no price on the date)."""


def _batch(point: PricePoint | None) -> str:
    if point is None or (point.batch_input is None and point.batch_output is None):
        return fmt.MISSING
    return f"{fmt.price(point.batch_input)} / {fmt.price(point.batch_output)}"


def _context(offering: Offering | None) -> str:
    fact = offering.facts.get("context_window") if offering is not None else None
    return fmt.context(fact.value) if fact is not None else fmt.MISSING


def _status(a: pricing.AssessedRoute) -> str:
    route = a.route
    if not route.pay_per_token:
        return "subscription product: not a pay-per-token route"
    if route.price is None:
        return "no price tracked for this date"
    if is_free_tier(route.price):
        return "free tier with usage limits: not counted as a route"
    if a.considered and not a.included:
        return f"set aside: {a.excluded_reason}" if a.excluded_reason else "set aside"
    if a.outlier is not None:
        return f"counted, but flagged: {a.outlier.reason}"
    return ""


def _group(a: pricing.AssessedRoute) -> int:
    """Counted routes, then priced routes the policy sets aside, then the rest."""
    return 0 if a.included else 1 if a.considered else 2


def route_rows(
    links: Links, catalog: Catalog, assessment: pricing.RouteAssessment
) -> tuple[PriceRow, ...]:
    """A model's routes under `assessment`: counted routes cheapest first, then set-aside and
    other places to run it."""
    offerings = {o.provider_id: o for o in catalog.offerings_of(assessment.model_id)}
    rows = []
    # A stable sort: within each group the routes keep the engine's order (cheapest at the
    # traffic first, the vendor's own API first among equal prices: pricing.routes).
    for a in sorted(assessment.routes, key=_group):
        route, point = a.route, a.route.price
        cost = route.cost
        rows.append(
            PriceRow(
                name=Link(route.provider_name, links.provider(route.provider_id)),
                api_id=route.provider_model_id or route.model_id,
                input=fmt.price(point.input) if point else fmt.MISSING,
                output=fmt.price(point.output) if point else fmt.MISSING,
                cache_read=fmt.price(point.cache_read) if point else fmt.MISSING,
                batch=_batch(point),
                context=_context(offerings.get(route.provider_id)),
                monthly=fmt.usd(cost.total) if isinstance(cost, pricing.Cost) else fmt.MISSING,
                route_class=a.route_class,
                counted=a.included,
                status=_status(a),
                prov=None if point is None else provenance(links, point.source, point.reviewed),
            )
        )
    return tuple(rows)


def _input(o: tuple[Offering, PricePoint | None, str]) -> Decimal:
    point = o[1]
    return _LAST if point is None or point.input is None else point.input


def _output(o: tuple[Offering, PricePoint | None, str]) -> Decimal:
    point = o[1]
    return _LAST if point is None or point.output is None else point.output


def _context_size(o: tuple[Offering, PricePoint | None, str]) -> int:
    fact = o[0].facts.get("context_window")
    return -int(fact.value) if fact is not None else 1


OfferingSort = Literal["price", "output-price", "name", "context"]
"""The keys of :data:`OFFERING_SORTS`, for the API's schema."""

OFFERING_SORTS: dict[str, SortKey] = {
    "price": SortKey(
        "cheapest input price first (unpriced last)",
        lambda o: (_input(o), _output(o), o[2].lower(), o[0].model_id),
    ),
    "output-price": SortKey(
        "cheapest output price first (unpriced last)",
        lambda o: (_output(o), _input(o), o[2].lower(), o[0].model_id),
    ),
    "name": SortKey("by model name", lambda o: (o[2].lower(), o[0].model_id)),
    "context": SortKey(
        "largest context window first", lambda o: (_context_size(o), o[2].lower(), o[0].model_id)
    ),
}
"""The ``?sort=`` keys of a provider's models."""


def priced_offerings(
    catalog: Catalog, offerings: Iterable[Offering], as_of: date | None
) -> list[tuple[Offering, PricePoint | None, str]]:
    """Each offering with its price on `as_of` and its model's name (what the sorts read)."""
    out = []
    for o in offerings:
        model = catalog.models.get(o.model_id)
        out.append((o, o.price_on(as_of), model.name if model else o.model_id))
    return out


def offering_rows(
    links: Links, items: Iterable[tuple[Offering, PricePoint | None, str]]
) -> tuple[PriceRow, ...]:
    """A provider's models, one row each (in the order given)."""
    rows = []
    for o, point, name in items:
        status = ""
        if not o.pay_per_token:
            status = "subscription product: not a pay-per-token route"
        elif point is None:
            status = "no price tracked for this date"
        rows.append(
            PriceRow(
                name=Link(name, links.model(o.model_id)),
                api_id=o.provider_model_id or o.model_id,
                input=fmt.price(point.input) if point else fmt.MISSING,
                output=fmt.price(point.output) if point else fmt.MISSING,
                cache_read=fmt.price(point.cache_read) if point else fmt.MISSING,
                batch=_batch(point),
                context=_context(o),
                monthly="",
                route_class="",
                counted=bool(point) and o.pay_per_token,
                status=status,
                prov=None if point is None else provenance(links, point.source, point.reviewed),
            )
        )
    return tuple(rows)
