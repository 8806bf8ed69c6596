"""(model, provider, usage) records built from genai-prices' own bundled data, with each
genai-prices model price converted into llmref's Offering/PricePoint.

Shared by tests/test_genai_prices_agreement.py and bench/bench_engines.py, so the agreement test
and the speed benchmark run on the same records. Only prices llmref can represent are converted:
per-token input/output/cache-read/cache-write prices (plain or tiered on input size), their
start-dated history, and plain batch prices.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from genai_prices import types as gp
from genai_prices.data import providers as GENAI_PROVIDERS

from llmref.catalog import Offering, PricePoint, PriceTier
from llmref.pricing import Usage

FIELDS = {
    "input_mtok": "input",
    "output_mtok": "output",
    "cache_read_mtok": "cache_read",
    "cache_write_mtok": "cache_write",
}
IGNORABLE = {
    # Priced per unit our records never use (0 of them in every usage below), so they add
    # nothing in genai-prices either.
    "web_searches_kcount",
    "storage_searches_kcount",
    "input_audio_mtok",
    "output_audio_mtok",
    "cache_audio_read_mtok",
    "input_image_mtok",
    "output_image_mtok",
    "cache_image_read_mtok",
    "input_video_mtok",
    "output_video_mtok",
    "cache_write_1h_mtok",
}
CHECK_DAY = date(2026, 11, 20)
SOURCE = "dataset:genai-prices@0.2.3"


@dataclass(frozen=True)
class Record:
    provider_id: str
    model_ref: str
    model: gp.ModelInfo
    offering: Offering
    usage: Usage
    day: date
    genai_usage: gp.Usage
    timestamp: datetime
    price_context: dict[str, str] | None


def _convert(price: gp.ModelPrice) -> dict[str, object] | None:
    """Field values and tiers of one genai-prices ModelPrice, or None if llmref cannot say it."""
    values: dict[str, Decimal | None] = dict.fromkeys(FIELDS.values())
    tiers: dict[int, dict[str, Decimal]] = {}
    for key, value in price.__dict__.items():
        if value is None or key in IGNORABLE:
            continue
        if key not in FIELDS:
            return None
        name = FIELDS[key]
        if isinstance(value, gp.TieredPrices):
            values[name] = value.base
            for tier in value.tiers:
                tiers.setdefault(tier.start, {})[name] = tier.price
        elif isinstance(value, Decimal):
            values[name] = value
        else:
            return None
    if values["input"] is None or values["output"] is None:
        return None
    return {"values": values, "tiers": tiers}


def _point(converted: dict[str, object], start: date | None, end: date | None) -> PricePoint:
    values: dict[str, Decimal | None] = converted["values"]  # type: ignore[assignment]
    tiers: dict[int, dict[str, Decimal]] = converted["tiers"]  # type: ignore[assignment]
    return PricePoint(
        effective_from=start,
        effective_to=end,
        input=values["input"],
        output=values["output"],
        cache_read=values["cache_read"],
        cache_write=values["cache_write"],
        cache_write_1h=None,
        batch_input=None,
        batch_output=None,
        tiers=tuple(
            PriceTier(
                threshold,
                fields.get("input"),
                fields.get("output"),
                fields.get("cache_read"),
                fields.get("cache_write"),
            )
            for threshold, fields in sorted(tiers.items())
        ),
        source=SOURCE,
        reviewed=CHECK_DAY,
    )


def _history(model: gp.ModelInfo) -> tuple[PricePoint, ...] | None:
    """The model's price history as PricePoints, oldest first (None if not representable)."""
    if isinstance(model.prices, gp.ModelPrice):
        conditional = [gp.ConditionalPrice(prices=model.prices)]
    else:
        conditional = list(model.prices)
    starts: list[date | None] = []
    for cp in conditional:
        if cp.constraint is None:
            starts.append(None)
        elif isinstance(cp.constraint, gp.StartDateConstraint):
            starts.append(cp.constraint.start_date)
        else:
            return None
    ordered = [s or date.min for s in starts]
    if ordered != sorted(ordered) or len(set(ordered)) != len(ordered):
        return None
    points = []
    for index, cp in enumerate(conditional):
        converted = _convert(cp.prices)
        if converted is None:
            return None
        end = starts[index + 1] if index + 1 < len(conditional) else None
        points.append(_point(converted, starts[index], end))
    return tuple(points)


def _usages(point: PricePoint) -> Iterator[tuple[int, int, int, int]]:
    yield (1_000, 200, 0, 0)
    yield (123_457, 9_876, 0, 0)
    if point.cache_read is not None:
        yield (5_000, 1_000, 1_000, 0)
    if point.cache_write is not None:
        yield (8_000, 500, 2_000, 3_000)
    for tier in point.tiers:
        yield (tier.above_input_tokens + 1_234, 777, 0, 0)
        if point.cache_read is not None:
            yield (tier.above_input_tokens + 5_000, 321, 2_500, 0)


def _days(points: tuple[PricePoint, ...]) -> list[date]:
    days = [p.effective_from for p in points if p.effective_from is not None]
    days.append(CHECK_DAY)
    first = points[0].effective_from
    return sorted({d for d in days if first is None or d >= first})


def build_records() -> list[Record]:
    """Every representable (provider, model, usage, day) record of genai-prices' bundled data."""
    records: list[Record] = []
    for provider in GENAI_PROVIDERS:
        for model in provider.models:
            history = _history(model)
            if history is None:
                continue
            offering = Offering(
                model_id=model.id,
                provider_id=provider.id,
                provider_model_id=model.id,
                pay_per_token=True,
                prices=history,
                source=SOURCE,
                reviewed=CHECK_DAY,
            )
            for day in _days(history):
                point = offering.price_on(day)
                assert point is not None
                stamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
                for total_in, out, read, write in _usages(point):
                    records.append(
                        Record(
                            provider.id,
                            model.id,
                            model,
                            offering,
                            Usage(
                                total_in, out, cached_input_tokens=read, cache_write_tokens=write
                            ),
                            day,
                            gp.Usage(
                                input_tokens=total_in,
                                output_tokens=out,
                                cache_read_tokens=read,
                                cache_write_tokens=write,
                            ),
                            stamp,
                            None,
                        )
                    )
            batch = _batch_record(provider, model, offering)
            if batch is not None:
                records.append(batch)
    return records


def _batch_record(provider: gp.Provider, model: gp.ModelInfo, offering: Offering) -> Record | None:
    """A batch-priced request on CHECK_DAY, when genai-prices has plain batch input/output
    prices for the model."""
    context = {"processing": "batch"}
    if not any(v.when == context for v in model.price_variants or ()):
        return None
    stamp = datetime(CHECK_DAY.year, CHECK_DAY.month, CHECK_DAY.day, 12, tzinfo=UTC)
    resolved = model.get_prices(stamp, context)
    batch_in, batch_out = resolved.input_mtok, resolved.output_mtok
    if not isinstance(batch_in, Decimal) or not isinstance(batch_out, Decimal):
        return None
    point = offering.price_on(CHECK_DAY)
    if point is None or point.tiers:
        return None
    batch_point = PricePoint(
        **{
            **{f: getattr(point, f) for f in point.__dataclass_fields__},
            "batch_input": batch_in,
            "batch_output": batch_out,
        }
    )
    batched = Offering(
        model_id=offering.model_id,
        provider_id=offering.provider_id,
        provider_model_id=offering.provider_model_id,
        pay_per_token=True,
        prices=(batch_point,),
        source=SOURCE,
        reviewed=CHECK_DAY,
    )
    return Record(
        provider.id,
        model.id,
        model,
        batched,
        Usage(20_000, 3_000, batch=True),
        CHECK_DAY,
        gp.Usage(input_tokens=20_000, output_tokens=3_000),
        stamp,
        context,
    )
