"""Price structure survives reconciliation (rule 6 of ``docs/reconciliation.md``).

An offering's price history comes whole from the highest-ranked source that prices it. A source
that lists fewer parts of a price says nothing against the parts it leaves out, so what the
chosen history lacks is taken from the next sources, point by point, when they agree on the base
(input and output) prices:

* cache read, cache write (5-minute and 1-hour) and batch prices;
* long-context tiers — a structural disagreement (one source tiered, another flat) is also listed
  as a conflict (`price_tiers`), never settled silently;
* price changes a source announces for after its own review date (genai-prices' Gemini changes
  on 2026-12-01 and 2027-01-01) when the chosen history ends before them.

Every completed point says in its note which source the added parts come from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from llmref.catalog.bundle import OfferingRecord
from llmref.catalog.types import Conflict, ConflictValue, PricePoint, PriceTier

FILLABLE = ("cache_read", "cache_write", "cache_write_1h", "batch_input", "batch_output")
_LABELS = {
    "cache_read": "cache read",
    "cache_write": "cache write",
    "cache_write_1h": "1-hour cache write",
    "batch_input": "batch input",
    "batch_output": "batch output",
    "tiers": "long-context tiers",
}

Same = Callable[[object, object], bool]


def _point_on(points: Sequence[PricePoint], day: date | None) -> PricePoint | None:
    if not points:
        return None
    if day is None:
        return points[-1]
    for point in reversed(points):
        if point.applies_on(day):
            return point
    return None


def _overlapping(points: Sequence[PricePoint], point: PricePoint) -> PricePoint | None:
    """The first of `points` in force during some of `point`'s period (a source that lists only
    today's price still speaks for the period the chosen price runs on into)."""
    for other in points:
        starts_before_end = (
            point.effective_to is None
            or other.effective_from is None
            or other.effective_from < point.effective_to
        )
        ends_after_start = (
            other.effective_to is None
            or point.effective_from is None
            or other.effective_to > point.effective_from
        )
        if starts_before_end and ends_after_start:
            return other
    return None


def _tiers_text(tiers: tuple[PriceTier, ...]) -> str:
    if not tiers:
        return "flat (no long-context tiers)"
    parts = [f"above {t.above_input_tokens:,} input tokens: {t.input}/{t.output}" for t in tiers]
    return "tiered: " + "; ".join(parts)


def _complete(point: PricePoint, donors: Sequence[OfferingRecord], same: Same) -> PricePoint:
    """`point` with the parts it lacks taken from the first donor that has them and agrees on
    the base prices on that day."""
    changes: dict[str, object] = {}
    origins: dict[str, list[str]] = {}
    for donor in donors:
        other = _overlapping(donor.prices, point)
        if other is None or other is point:
            continue
        if not (same(point.input, other.input) and same(point.output, other.output)):
            continue
        for name in FILLABLE:
            value = getattr(other, name)
            if getattr(point, name) is None and name not in changes and value is not None:
                changes[name] = value
                origins.setdefault(other.source, []).append(_LABELS[name])
        if not point.tiers and "tiers" not in changes and other.tiers:
            changes["tiers"] = other.tiers
            origins.setdefault(other.source, []).append(_LABELS["tiers"])
    if not changes:
        return point
    said = "; ".join(f"{', '.join(parts)} from {source}" for source, parts in origins.items())
    note = f"{point.note}; {said}" if point.note else f"{said} (the chosen source lists none)"
    return replace(point, note=note, **changes)  # type: ignore[arg-type]


def _announced(history: list[PricePoint], donors: Sequence[OfferingRecord]) -> list[PricePoint]:
    """Price changes a donor announces for after its own review date, later than anything the
    chosen history says."""
    last = history[-1].effective_from if history else None
    later: dict[date, PricePoint] = {}
    for donor in donors:
        for point in donor.prices:
            start = point.effective_from
            if start is None or start <= donor.reviewed or (last is not None and start <= last):
                continue
            later.setdefault(start, point)
    if not later or not history:
        return history
    first = min(later)
    history[-1] = replace(history[-1], effective_to=first)
    return [*history, *(later[d] for d in sorted(later))]


def complete_history(
    subject: str,
    chosen: OfferingRecord,
    donors: Sequence[OfferingRecord],
    conflicts: list[Conflict],
    same: Same,
) -> tuple[PricePoint, ...]:
    """The chosen record's price history with the structure other sources add (see the module
    docstring); a tiered/flat disagreement at the current price is appended to `conflicts`."""
    history = [_complete(point, donors, same) for point in chosen.prices]
    history = _announced(history, donors)
    current = chosen.prices[-1] if chosen.prices else None
    if current is not None:
        shapes = [(chosen, current)]
        shapes += [(d, p) for d in donors if (p := _point_on(d.prices, None)) is not None]
        if len({bool(p.tiers) for _, p in shapes}) > 1:
            values = tuple(
                ConflictValue(_tiers_text(p.tiers), p.source, p.reviewed, rec.record)
                for rec, p in shapes
            )
            kept = history[-1] if history[-1].effective_from == current.effective_from else None
            shown = _tiers_text(kept.tiers if kept else current.tiers)
            # The value shown is the one whose tiers the offering now has (a donor's, when the
            # chosen source's flat price was completed).
            picked = next((v for v in values if v.value == shown), values[0])
            conflicts.append(
                Conflict(
                    subject=subject,
                    field="price_tiers",
                    values=values,
                    chosen=picked,
                    rule=(
                        "price structure survives: tiers one source lists are kept when another "
                        "lists a flat price for the same offering"
                    ),
                )
            )
    return tuple(history)
