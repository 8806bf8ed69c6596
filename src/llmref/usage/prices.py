"""The catalogue's price history as a table, ready to join to a usage log.

One row per (model as written in the log, provider as written, date range, input-size band):
the per-token price of each kind of token in force for a request of that day and size. The
queries join the log to it on model, provider, day and input size, so every request is priced
at the price of its own day, vectorised.

The unit prices are not worked out here: each is asked of the pricing engine
(:class:`llmref.pricing.Billing`) with a probe of one million tokens of one kind, so the rules
(cache prices falling back to the input price, long-context tiers, batch rates) have one home.
A price the engine cannot give (no output price listed, batch above a tier…) is NULL, and a
request that needs it is reported unpriced with the engine's reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pyarrow as pa

from llmref.catalog import Catalog, Model, Offering, PricePoint, UnknownIdError
from llmref.pricing import Billing, Cost, no_price

PRICE_TYPE = pa.decimal128(24, 24)
"""Price per token: a price per 1M tokens with up to 18 decimals is exact — list prices, and
the float artefacts some sources carry (0.30000000000000004); a longer one would be rounded
(and counted)."""
PRICE_SCALE = 24
FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9999, 12, 31)
NO_LIMIT = 10**12
"""Upper bound of the last input band (above any request's input)."""
KINDS = ("input", "cached", "write", "write_1h", "output")
PRICE_COLUMNS = tuple(f"p_{k}" for k in KINDS) + tuple(f"pb_{k}" for k in KINDS)

PRICE_SCHEMA = pa.schema(
    [
        ("model", pa.string()),
        ("provider", pa.string()),
        ("model_id", pa.string()),
        ("provider_id", pa.string()),
        ("day_from", pa.date32()),
        ("day_to", pa.date32()),
        ("band_lo", pa.int64()),
        ("band_hi", pa.int64()),
        *[(name, PRICE_TYPE) for name in PRICE_COLUMNS],
        ("price_source", pa.string()),
    ]
)
"""``day_from <= day < day_to``; ``band_lo < input per request <= band_hi``; ``p_*`` standard
and ``pb_*`` batch prices per token (NULL: the engine has no price for that kind)."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a (model, provider) pair written in a log maps onto the catalogue."""

    model: str
    provider: str
    offering: Offering | None
    reason: str | None
    """Why the pair cannot be priced (None when ``offering`` is set)."""


def _vendor_offering(catalog: Catalog, model: Model) -> Offering | None:
    for offering in catalog.offerings_of(model.id):
        provider = catalog.providers.get(offering.provider_id)
        vendor = provider.vendor if provider is not None else None
        if vendor is not None and vendor == model.vendor_id:
            return offering
    return None


def resolve(catalog: Catalog, model_text: str, provider_text: str) -> Resolution:
    """The offering a log row is priced on: the row's provider, else the model's vendor route; a
    dated snapshot without an offering of its own uses its family's (same price)."""
    model = catalog.find_model(model_text)
    if model is None and "/" in model_text:
        # Router-style ids ("anthropic/claude-sonnet-4.5") name the vendor first.
        model = catalog.find_model(model_text.split("/", 1)[1])
    if model is None:
        hint = catalog.closest_model_ids(model_text, 3)
        more = f" (closest: {', '.join(hint)})" if hint else ""
        return Resolution(model_text, provider_text, None, f"unknown model {model_text!r}{more}")
    family = catalog.models.get(model.family_id) if model.family_id else None
    candidates = [m for m in (model, family) if m is not None]
    if provider_text:
        try:
            provider_id = catalog.provider(provider_text).id
        except UnknownIdError as exc:
            return Resolution(model_text, provider_text, None, str(exc))
        for candidate in candidates:
            for offering in catalog.offerings_of(candidate.id):
                if offering.provider_id == provider_id:
                    return Resolution(model_text, provider_text, offering, None)
        return Resolution(
            model_text, provider_text, None, f"{model.id} is not offered on {provider_id}"
        )
    for candidate in candidates:
        vendor_route = _vendor_offering(catalog, candidate)
        if vendor_route is not None:
            return Resolution(model_text, provider_text, vendor_route, None)
    return Resolution(
        model_text,
        provider_text,
        None,
        f"the row names no provider and {model.id} has no route from its vendor "
        "(name one with a provider column or --provider)",
    )


def _segments(offering: Offering, as_of: date | None) -> list[tuple[date, date, PricePoint]]:
    """Non-overlapping day ranges with the price :meth:`Offering.price_on` gives in each (so the
    table agrees with the engine's lookup by construction); one range for ``as_of``."""
    if as_of is not None:
        point = offering.price_on(as_of)
        return [] if point is None else [(FIRST_DAY, LAST_DAY, point)]
    bounds = sorted(
        {d for p in offering.prices for d in (p.effective_from, p.effective_to) if d is not None}
    )
    edges = [FIRST_DAY, *bounds, LAST_DAY]
    found = []
    for start, end in itertools.pairwise(edges):
        if start >= end:
            continue
        point = offering.price_on(start if start != FIRST_DAY else end - timedelta(days=1))
        if point is not None:
            found.append((start, end, point))
    return found


def _probe(
    offering: Offering, point: PricePoint, kind: str, basis: int, batch: bool
) -> Decimal | None:
    """The engine's price per token of ``kind`` for a request of ``basis`` input tokens."""
    million = 1_000_000
    if kind == "write_1h":
        # The engine prices one cache-write kind; a 1-hour write costs the 1-hour price where
        # the offering lists one, else the engine's cache-write price (views say so).
        if point.cache_write_1h is not None:
            written = _probe(offering, point, "write", basis, batch)
            return None if written is None else point.cache_write_1h.scaleb(-6)
        kind = "write"
    inp = million if kind in ("input", "cached", "write") else 0
    billing = Billing(
        input_tokens=inp,
        output_tokens=million if kind == "output" else 0,
        cached=million if kind == "cached" else 0,
        written=million if kind == "write" else 0,
        tier_basis=basis,
        batch=batch,
        size_known=True,
    )
    cost = billing.cost(offering, point)
    if not isinstance(cost, Cost):
        return None
    value = {
        "input": cost.input,
        "cached": cost.cached_input,
        "write": cost.cache_write,
        "output": cost.output,
    }[kind]
    return value.scaleb(-6)


def _bands(point: PricePoint) -> list[tuple[int, int]]:
    thresholds = sorted({t.above_input_tokens for t in point.tiers})
    edges = [-1, *thresholds, NO_LIMIT]
    return list(itertools.pairwise(edges))


def price_table(
    catalog: Catalog, pairs: Iterable[tuple[str, str]], as_of: date | None = None
) -> tuple[pa.Table, dict[tuple[str, str], Resolution], int]:
    """The price rows of every (model, provider) pair as written in a log, each pair's
    resolution, and how many prices were rounded to fit :data:`PRICE_TYPE`.

    ``as_of`` None prices each request on its own day; a date prices all of them at that day's
    prices (``--at-today``)."""
    rows: dict[str, list[object]] = {name: [] for name in PRICE_SCHEMA.names}
    resolutions: dict[tuple[str, str], Resolution] = {}
    rounded = 0
    quantum = Decimal(1).scaleb(-PRICE_SCALE)
    for model_text, provider_text in sorted(set(pairs)):
        res = resolve(catalog, model_text, provider_text)
        resolutions[(model_text, provider_text)] = res
        if res.offering is None:
            continue
        for start, end, point in _segments(res.offering, as_of):
            for lo, hi in _bands(point):
                basis = lo + 1
                rows["model"].append(model_text)
                rows["provider"].append(provider_text)
                rows["model_id"].append(res.offering.model_id)
                rows["provider_id"].append(res.offering.provider_id)
                rows["day_from"].append(start)
                rows["day_to"].append(end)
                rows["band_lo"].append(lo)
                rows["band_hi"].append(hi)
                for batch, prefix in ((False, "p_"), (True, "pb_")):
                    for kind in KINDS:
                        value = _probe(res.offering, point, kind, basis, batch)
                        if value is not None and value != value.quantize(quantum):
                            rounded += 1
                            value = value.quantize(quantum)
                        rows[prefix + kind].append(value)
                rows["price_source"].append(point.source)
    return pa.table(rows, schema=PRICE_SCHEMA), resolutions, rounded


def unpriced_reason(res: Resolution | None, day: date, catalog_offering_reason: str | None) -> str:
    """Why a row of ``day`` has no price (the resolution's reason, else the engine's)."""
    if res is None or res.offering is None:
        return res.reason if res and res.reason else "cannot be priced"
    return catalog_offering_reason or no_price(res.offering, day).reason
