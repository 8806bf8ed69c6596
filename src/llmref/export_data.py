"""Bulk export of the catalogue as CSV or NDJSON: one row per model, offering or benchmark
result, every value with the source that states it and the date it was reviewed.

Used by ``/api/v1/export/{kind}.{format}`` (streamed) and ``llmref export``. The rows are
produced lazily, so neither side holds the whole text in memory. Money is a decimal string
(US dollars per 1M tokens), exactly as the catalogue has it, never a float.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any, Literal, get_args

from llmref.catalog import Catalog, Offering

ExportKind = Literal["models", "offerings", "benchmarks"]
ExportFormat = Literal["csv", "ndjson"]
KINDS: tuple[str, ...] = get_args(ExportKind)
FORMATS: tuple[str, ...] = get_args(ExportFormat)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
CHUNK_ROWS = 500
"""Rows per chunk of text handed to the writer (a streamed answer sends one chunk at a time)."""

PRICE_FIELDS = (
    "input",
    "output",
    "cache_read",
    "cache_write",
    "cache_write_1h",
    "batch_input",
    "batch_output",
)
OFFERING_FACTS = ("context_window", "max_output_tokens")
BENCHMARK_COLUMNS = (
    "model_id",
    "benchmark",
    "benchmark_name",
    "benchmark_version",
    "value",
    "unit",
    "direction",
    "measured",
    "measured_by",
    "settings",
    "self_reported",
    "provider",
    "model_name",
    "note",
    "source",
    "reviewed",
)

Row = dict[str, Any]


def count_rows(catalog: Catalog, kind: ExportKind) -> int:
    """How many rows `kind` exports: one per model, offering or benchmark result."""
    if kind == "models":
        return len(catalog.models)
    if kind == "offerings":
        return len(catalog.offerings)
    if kind == "benchmarks":
        return len(catalog.benchmarks)
    raise ValueError(f"unknown export kind {kind!r}: choose one of {', '.join(KINDS)}")


def columns(catalog: Catalog, kind: ExportKind) -> tuple[str, ...]:
    """The columns of `kind`, in order (the CSV header; the keys of every NDJSON object)."""
    if kind == "models":
        names = sorted({name for m in catalog.models.values() for name in m.facts})
        cols = ["id", "name", "vendor_id", "family_id", "aliases"]
        for name in names:
            # The model's name is already the second column; its provenance is kept.
            cols += (
                [f"{name}_source", f"{name}_reviewed"]
                if name == "name"
                else [
                    name,
                    f"{name}_source",
                    f"{name}_reviewed",
                ]
            )
        return tuple(cols)
    if kind == "offerings":
        facts = [c for name in OFFERING_FACTS for c in (name, f"{name}_source", f"{name}_reviewed")]
        return (
            "model_id",
            "provider_id",
            "provider_model_id",
            "route_class",
            "pay_per_token",
            "prices_as_of",
            "price_effective_from",
            "price_effective_to",
            *PRICE_FIELDS,
            "tiers",
            "price_source",
            "price_reviewed",
            *facts,
            "source",
            "reviewed",
        )
    if kind == "benchmarks":
        return BENCHMARK_COLUMNS
    raise ValueError(f"unknown export kind {kind!r}: choose one of {', '.join(KINDS)}")


def rows(catalog: Catalog, kind: ExportKind, as_of: date) -> Iterator[Row]:
    """The rows of `kind`, sorted by id. Prices are the ones in force on `as_of` (empty when an
    offering has none then); every row has every column of :func:`columns`."""
    if kind == "models":
        cols = columns(catalog, kind)
        for model in sorted(catalog.models.values(), key=lambda m: m.id):
            row: Row = dict.fromkeys(cols)
            row.update(
                id=model.id,
                name=model.name,
                vendor_id=model.vendor_id,
                family_id=model.family_id,
                aliases=list(model.aliases),
            )
            for name, fact in model.facts.items():
                if name != "name":
                    row[name] = fact.value
                row[f"{name}_source"], row[f"{name}_reviewed"] = fact.source, fact.reviewed
            yield row
    elif kind == "offerings":
        for offering in sorted(catalog.offerings, key=lambda o: (o.model_id, o.provider_id)):
            yield _offering_row(catalog, offering, as_of)
    elif kind == "benchmarks":
        for result in sorted(catalog.benchmarks, key=lambda r: (r.model_id, r.benchmark)):
            defined = catalog.benchmark_defs.get(result.benchmark)
            yield {
                "model_id": result.model_id,
                "benchmark": result.benchmark,
                "benchmark_name": defined.name if defined else None,
                "benchmark_version": defined.version if defined else None,
                "value": result.value,
                "unit": result.unit,
                "direction": defined.direction if defined else None,
                "measured": result.measured,
                "measured_by": result.measured_by,
                "settings": result.settings,
                "self_reported": result.self_reported,
                "provider": result.provider,
                "model_name": result.model_name,
                "note": result.note,
                "source": result.source,
                "reviewed": result.reviewed,
            }
    else:
        columns(catalog, kind)  # raises, naming the kinds


def _offering_row(catalog: Catalog, offering: Offering, as_of: date) -> Row:
    provider = catalog.providers.get(offering.provider_id)
    point = offering.price_on(as_of)
    row: Row = {
        "model_id": offering.model_id,
        "provider_id": offering.provider_id,
        "provider_model_id": offering.provider_model_id,
        "route_class": provider.route_class_of(offering.provider_model_id) if provider else None,
        "pay_per_token": offering.pay_per_token,
        "prices_as_of": as_of,
        "price_effective_from": point.effective_from if point else None,
        "price_effective_to": point.effective_to if point else None,
    }
    for name in PRICE_FIELDS:
        row[name] = getattr(point, name) if point else None
    row["tiers"] = (
        [
            {
                "above_input_tokens": t.above_input_tokens,
                "input": t.input,
                "output": t.output,
                "cache_read": t.cache_read,
                "cache_write": t.cache_write,
            }
            for t in point.tiers
        ]
        if point and point.tiers
        else None
    )
    row["price_source"] = point.source if point else None
    row["price_reviewed"] = point.reviewed if point else None
    for name in OFFERING_FACTS:
        fact = offering.facts.get(name)
        row[name] = fact.value if fact else None
        row[f"{name}_source"] = fact.source if fact else None
        row[f"{name}_reviewed"] = fact.reviewed if fact else None
    row["source"], row["reviewed"] = offering.source, offering.reviewed
    return row


def _plain(value: Any) -> Any:
    """A JSON value: Decimal as its exact string, dates in ISO form, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    """A CSV cell: empty for none, true/false, lists joined by ";" (ids and modalities hold no
    ";"), a list of objects (price tiers) as JSON; the csv module quotes what needs it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(_plain(value), separators=(",", ":"))
        return ";".join(str(_plain(v)) for v in value)
    return str(_plain(value))


def _chunks(items: Iterable[Row], size: int = CHUNK_ROWS) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def stream(catalog: Catalog, kind: ExportKind, fmt: ExportFormat, as_of: date) -> Iterator[str]:
    """The export as text, a chunk of rows at a time: CSV (a header, then one line per row,
    RFC 4180 quoting, CRLF line ends) or NDJSON (one JSON object per line)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    cols = columns(catalog, kind)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(cols)
        for batch in _chunks(rows(catalog, kind, as_of)):
            writer.writerows([_cell(row[c]) for c in cols] for row in batch)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if buffer.tell():  # the header alone: no rows
            yield buffer.getvalue()
        return
    for batch in _chunks(rows(catalog, kind, as_of)):
        yield "".join(
            json.dumps({c: _plain(row[c]) for c in cols}, ensure_ascii=False) + "\n"
            for row in batch
        )
