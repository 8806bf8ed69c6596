"""What one origin (the curated overlay, or one imported dataset) says, before reconciliation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from llmref.catalog.errors import CatalogDataError  # noqa: F401  (re-exported)
from llmref.catalog.types import (
    BenchmarkResult,
    Fact,
    PricePoint,
    PriceTier,
    Provider,
    ProviderClass,
    Source,
    Vendor,
)
from llmref.schema import CAPABILITIES, ModelFacts, PriceEntry

CURATED = "curated"
"""Origin name of the hand-reviewed overlay in ``data/``."""


@dataclass
class ModelRecord:
    id: str
    origin: str
    source: str
    reviewed: date
    name: str | None = None
    vendor: str | None = None
    family: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    facts: dict[str, Fact] = field(default_factory=dict)
    record: str | None = None
    outvoted: tuple[tuple[str, Fact], ...] = ()
    """(field, fact) values some of a dataset's provider records state and the chosen one does
    not: listed in the conflict, never chosen."""


@dataclass
class OfferingRecord:
    model: str
    provider: str
    origin: str
    source: str
    reviewed: date
    provider_model_id: str | None = None
    pay_per_token: bool = True
    facts: dict[str, Fact] = field(default_factory=dict)
    prices: tuple[PricePoint, ...] = ()
    record: str | None = None
    routes: tuple[tuple[str, Fact], ...] = ()
    """(price field, fact) of the provider's other routes priced apart (regional deployments,
    variant routes): listed in the price conflicts, never chosen."""


@dataclass(frozen=True)
class Correction:
    """Set aside one dataset's prices for a provider's offerings (all, or one model's)."""

    dataset: str
    provider: str
    model: str | None
    reason: str
    source: str
    reviewed: date

    def applies(self, origin: str, model: str, provider: str) -> bool:
        return (
            origin == self.dataset
            and provider == self.provider
            and (self.model is None or self.model == model)
        )


@dataclass
class Bundle:
    origin: str
    vendors: list[Vendor] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)
    models: list[ModelRecord] = field(default_factory=list)
    offerings: list[OfferingRecord] = field(default_factory=list)
    benchmarks: list[BenchmarkResult] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    provider_classes: dict[str, ProviderClass] = field(default_factory=dict)
    """Route class by provider id (curated overlay only)."""
    benchmark_data: Any = None
    """Leaderboard results under their own model names (:class:`llmref.benchmarks.load.
    BenchmarkData`), resolved against the reconciled models by ``build_catalog``."""
    fingerprint: str = ""
    """Hash of the files this bundle was read from (part of the catalogue version)."""


def facts_from(
    facts: ModelFacts,
    *,
    source: str,
    reviewed: date,
    record: str | None,
    overrides: dict[str, tuple[str, date]] | None = None,
) -> dict[str, Fact]:
    """Turn the set fields of a ModelFacts into Facts, each with its own provenance."""
    out: dict[str, Fact] = {}
    overrides = overrides or {}
    values: dict[str, Any] = facts.model_dump(exclude_none=True, exclude={"capabilities"})
    for name in ModelFacts.model_fields:
        if name == "capabilities" or name not in values:
            continue
        src, rev = overrides.get(name, (source, reviewed))
        out[name] = Fact(values[name], src, rev, record)
    for name in CAPABILITIES:
        flag = getattr(facts.capabilities, name)
        if flag is not None:
            src, rev = overrides.get(name, (source, reviewed))
            out[name] = Fact(flag, src, rev, record)
    return out


def _scaled(price: Decimal | None, discount: Decimal | None) -> Decimal | None:
    if price is None or discount is None:
        return None
    return price * (1 - discount)


def price_points(
    entries: tuple[PriceEntry, ...], *, source: str, reviewed: date, record: str | None
) -> tuple[PricePoint, ...]:
    """Convert authored prices to PricePoints, oldest first, closing each open period at the
    start of the next one."""
    ordered = sorted(entries, key=lambda e: e.effective_from or date.min)
    points: list[PricePoint] = []
    for index, entry in enumerate(ordered):
        end = entry.effective_to
        if end is None and index + 1 < len(ordered):
            end = ordered[index + 1].effective_from
        points.append(
            PricePoint(
                effective_from=entry.effective_from,
                effective_to=end,
                input=entry.input,
                output=entry.output,
                cache_read=entry.cache_read,
                cache_write=entry.cache_write,
                cache_write_1h=entry.cache_write_1h,
                batch_input=entry.batch_input
                if entry.batch_input is not None
                else _scaled(entry.input, entry.batch_discount),
                batch_output=entry.batch_output
                if entry.batch_output is not None
                else _scaled(entry.output, entry.batch_discount),
                tiers=tuple(
                    PriceTier(t.above_input_tokens, t.input, t.output, t.cache_read, t.cache_write)
                    for t in entry.tiers
                ),
                source=entry.source or source,
                reviewed=entry.reviewed or reviewed,
                record=record,
                note=entry.note,
            )
        )
    return tuple(points)
