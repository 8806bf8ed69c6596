"""Every model's lowest blended price on a date, sorted, for nearest-price look-ups.

A profile picks as competitors the models whose 70/30 blended price is closest to its own
(:func:`llmref.profile.choose_competitors`). Pricing all ~3,600 models of the catalogue for
each profile took 20–30 ms; this index prices each model once per snapshot and date
(:func:`blended_ladder`, memoised on the catalogue) and answers "the k closest" by walking out
from the model's own price (:func:`closest`), a few dozen comparisons.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from llmref.catalog import Catalog, Model, PricePoint
from llmref.pricing.cost import DEFAULT_INPUT_SHARE, ZERO, Usage
from llmref.pricing.memo import per_snapshot
from llmref.pricing.policy import RoutePolicy, assess
from llmref.pricing.routes import blended_price, is_free_tier, is_pay_per_token, routes

_PRICE_PROBE = Usage(input_tokens=1000)
"""The request the route policy is applied with when only list prices are wanted: input only,
so a route is judged on its prices whether or not it charges for output (embeddings)."""


def pay_per_token_points(
    catalog: Catalog, model: Model, as_of: date | None
) -> tuple[PricePoint, ...]:
    """The prices in force on ``as_of`` of the model's pay-per-token offerings. A $0 free tier
    is left out, as it is from cheapest routes: it is a place to try the model, not its price."""
    points = []
    for offering in catalog.offerings_of(model.id):
        if not is_pay_per_token(offering, catalog.providers.get(offering.provider_id)):
            continue
        point = offering.price_on(as_of)
        if point is not None and not is_free_tier(point):
            points.append(point)
    return tuple(points)


def policy_points(
    catalog: Catalog, model: Model, as_of: date | None, policy: RoutePolicy
) -> tuple[PricePoint, ...]:
    """The prices in force on ``as_of`` of the routes ``policy`` includes (a reseller's
    discount or a unit error is not the model's price under "trusted"); free tiers left out."""
    found = routes(catalog, model, _PRICE_PROBE, as_of)
    return tuple(
        r.price
        for r in assess(catalog, model, found, policy).included
        if r.price is not None and not is_free_tier(r.price)
    )


def lowest_blended(
    catalog: Catalog, model: Model, as_of: date | None, policy: RoutePolicy | None = None
) -> Decimal | None:
    """The model's lowest 70/30 blended price per 1M tokens on ``as_of`` (None if unpriced);
    with ``policy``, only over the routes that policy includes."""
    points = (
        pay_per_token_points(catalog, model, as_of)
        if policy is None
        else policy_points(catalog, model, as_of, policy)
    )
    known = [b for b in (blended_price(p, DEFAULT_INPUT_SHARE) for p in points) if b is not None]
    return min(known) if known else None


def price_distance(mine: Decimal | None, theirs: Decimal) -> Decimal:
    """How far apart two prices are, as a ratio ≥ 1 (3x either way is 3); 0 when either is
    zero or ``mine`` is unknown, so those sort first and by id alone."""
    if mine is None or mine == 0 or theirs == 0:
        return ZERO
    return max(mine, theirs) / min(mine, theirs)


@dataclass(frozen=True, slots=True)
class Ladder:
    """Models sorted by price, then id (prices are never negative: the schema says so)."""

    prices: tuple[Decimal, ...]
    ids: tuple[str, ...]
    vendors: tuple[str | None, ...]
    id_order: tuple[int, ...]
    """Positions of the entries in id order."""

    @classmethod
    def of(cls, entries: list[tuple[Decimal, str, str | None]]) -> Ladder:
        entries = sorted(entries, key=lambda e: (e[0], e[1]))
        ids = tuple(e[1] for e in entries)
        return cls(
            tuple(e[0] for e in entries),
            ids,
            tuple(e[2] for e in entries),
            tuple(sorted(range(len(ids)), key=ids.__getitem__)),
        )


@dataclass(frozen=True, slots=True)
class BlendedLadder:
    """The lowest 70/30 blended price of every priced model on one date."""

    as_of: date | None
    blended: Mapping[str, Decimal]
    """Model id -> lowest blended price, for every priced model (snapshots included)."""
    canonical: Ladder
    """Priced models that are not dated snapshots."""
    by_vendor: Mapping[str, Ladder]
    """The same, one ladder per vendor."""


def _build(
    catalog: Catalog, as_of: date | None, policy: RoutePolicy | None = None
) -> BlendedLadder:
    blended: dict[str, Decimal] = {}
    canonical: list[tuple[Decimal, str, str | None]] = []
    by_vendor: dict[str, list[tuple[Decimal, str, str | None]]] = defaultdict(list)
    for model in catalog.models.values():
        price = lowest_blended(catalog, model, as_of, policy)
        if price is None:
            continue
        blended[model.id] = price
        if model.is_snapshot:
            continue
        entry = (price, model.id, model.vendor_id)
        canonical.append(entry)
        if model.vendor_id:
            by_vendor[model.vendor_id].append(entry)
    return BlendedLadder(
        as_of,
        MappingProxyType(blended),
        Ladder.of(canonical),
        MappingProxyType({v: Ladder.of(e) for v, e in sorted(by_vendor.items())}),
    )


def blended_ladder(
    catalog: Catalog, as_of: date | None, policy: RoutePolicy | None = None
) -> BlendedLadder:
    """:class:`BlendedLadder` of ``catalog`` on ``as_of``, built once per snapshot, date and
    route policy (None: every pay-per-token price, as before policies existed)."""
    key = "blended-ladder" if policy is None else f"blended-ladder-{policy}"
    return per_snapshot(catalog, key, as_of, lambda: _build(catalog, as_of, policy))


def closest(
    ladder: Ladder, mine: Decimal | None, k: int, skip: Callable[[str, str | None], bool]
) -> list[tuple[Decimal, str, Decimal]]:
    """The ``k`` entries nearest to ``mine`` by :func:`price_distance`, then id, leaving out
    those ``skip(id, vendor)`` rejects: ``(distance, id, price)`` in that order.

    Distances only grow walking away from ``mine`` on either side, so each side is walked until
    it has ``k`` entries and no more ties with its k-th; zero prices (distance 0) are taken
    from the bottom of the ladder."""
    if k <= 0:
        return []
    prices, ids, vendors = ladder.prices, ladder.ids, ladder.vendors
    found: list[tuple[Decimal, str, Decimal]] = []
    if mine is None or mine == 0:
        # Every distance is 0: the order is the id order.
        for i in ladder.id_order:
            if not skip(ids[i], vendors[i]):
                found.append((ZERO, ids[i], prices[i]))
                if len(found) == k:
                    break
        return found

    def walk(positions: range) -> None:
        taken = 0
        last: Decimal | None = None
        for i in positions:
            price = prices[i]
            if price == 0:
                return
            distance = price_distance(mine, price)
            if taken >= k and distance != last:
                return
            if skip(ids[i], vendors[i]):
                continue
            found.append((distance, ids[i], price))
            taken += 1
            last = distance

    start = bisect_left(prices, mine)
    walk(range(start, len(prices)))
    walk(range(start - 1, -1, -1))
    zeros = 0
    for i in range(len(prices)):
        if prices[i] != 0 or zeros == k:
            break
        if not skip(ids[i], vendors[i]):
            found.append((ZERO, ids[i], prices[i]))
            zeros += 1
    found.sort(key=lambda e: (e[0], e[1]))
    return found[:k]
