"""Prices an item states, checked against the catalogue: in a sentence that names exactly one
catalogue model, each dollar figure is compared with that model's input and output prices (the
vendor's own API first, then every other pay-per-token offering). Pure: the catalogue and the
date are passed in; the sentence is written by :mod:`llmref.prose.feed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from llmref.catalog import Catalog, Offering
from llmref.feed.link import find_mentions, index_for
from llmref.feed.score import find_facts

__all__ = ["PriceCheck", "price_checks"]


@dataclass(frozen=True, slots=True)
class PriceCheck:
    """One stated price and what the catalogue has for the model."""

    model_id: str
    model_name: str
    stated: Decimal
    matches: bool
    field: str | None
    """ "input" or "output" when the stated price is one of them."""
    provider_name: str | None
    input: Decimal | None
    """The catalogue's input price on that provider (per 1M tokens)."""
    output: Decimal | None
    since: date | None
    """Since when the catalogue has had this price (the price point's start, else its review)."""


def _amount(text: str) -> Decimal | None:
    raw = text.strip().lstrip("$").replace(",", "").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None  # "$2 billion" and the like: not a per-token price
    return value if value.is_finite() else None


def _ordered(catalog: Catalog, model_id: str) -> list[Offering]:
    """The model's pay-per-token offerings, the vendor's own API first."""
    model = catalog.models[model_id]
    offerings = [o for o in catalog.offerings_of(model_id) if o.pay_per_token]

    def first_party(o: Offering) -> bool:
        provider = catalog.providers.get(o.provider_id)
        return (
            provider is not None
            and model.vendor_id is not None
            and (provider.vendor == model.vendor_id)
        )

    return sorted(offerings, key=lambda o: (not first_party(o), o.provider_id))


def price_checks(
    lines: Sequence[str], catalog: Catalog, as_of: date | None
) -> tuple[PriceCheck, ...]:
    """The stated prices of `lines` (an item's title and summary), each checked."""
    index = index_for(catalog)
    out: list[PriceCheck] = []
    for line in lines:
        models = {t[1] for m in find_mentions(line, index) for t in m.targets if t[0] == "model"}
        if len(models) != 1:
            continue  # no model, or several: which one a price belongs to is a guess
        model_id = next(iter(models))
        if model_id not in catalog.models:
            continue
        offerings = _ordered(catalog, model_id)
        for hit in find_facts(line):
            stated = _amount(hit.text) if hit.kind == "price" and hit.text.startswith("$") else None
            if stated is None:
                continue
            out.append(_check(catalog, model_id, stated, offerings, as_of))
    return tuple(out)


def _check(
    catalog: Catalog, model_id: str, stated: Decimal, offerings: list[Offering], as_of: date | None
) -> PriceCheck:
    name = catalog.models[model_id].name
    first: tuple[Offering, Decimal | None, Decimal | None, date | None] | None = None
    for offering in offerings:
        point = offering.price_on(as_of)
        if point is None:
            continue
        since: date | None = point.effective_from or point.reviewed
        provider = catalog.providers.get(offering.provider_id)
        pname = provider.name if provider else offering.provider_id
        for field in ("input", "output"):
            if getattr(point, field) == stated:
                return PriceCheck(
                    model_id, name, stated, True, field, pname, point.input, point.output, since
                )
        if first is None:
            first = (offering, point.input, point.output, since)
    if first is None:
        return PriceCheck(model_id, name, stated, False, None, None, None, None, None)
    offering, inp, outp, when = first
    provider = catalog.providers.get(offering.provider_id)
    pname = provider.name if provider else offering.provider_id
    return PriceCheck(model_id, name, stated, False, None, pname, inp, outp, when)
