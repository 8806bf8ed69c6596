"""Catalogue objects <-> table rows. Money round-trips exactly (Decimal as text)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from llmref.catalog.types import (
    BenchmarkResult,
    Conflict,
    ConflictValue,
    Fact,
    Model,
    Offering,
    PricePoint,
    PriceTier,
    Provider,
    Source,
    Vendor,
)

_DATE_FIELDS = frozenset({"release_date", "last_updated", "deprecation_date"})
_TUPLE_FIELDS = frozenset({"input_modalities", "output_modalities"})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, date):
        return {"$t": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if "$d" in value:
            return Decimal(value["$d"])
        if "$t" in value:
            return date.fromisoformat(value["$t"])
    if isinstance(value, list):
        return tuple(_typed(v) for v in value)
    return value


def dump_facts(facts: dict[str, Fact] | Any) -> str:
    return json.dumps(
        {
            name: [_plain(f.value), f.source, f.reviewed.isoformat(), f.record]
            for name, f in sorted(facts.items())
        },
        separators=(",", ":"),
    )


def load_facts(text: str) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for name, (value, source, reviewed, record) in json.loads(text).items():
        value = _typed(value)
        if name in _DATE_FIELDS and isinstance(value, str):
            value = date.fromisoformat(value)
        elif name in _TUPLE_FIELDS and isinstance(value, list):
            value = tuple(value)
        out[name] = Fact(value, source, date.fromisoformat(reviewed), record)
    return out


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _D(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _dt(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def dump_prices(points: tuple[PricePoint, ...]) -> str:
    rows = []
    for p in points:
        rows.append(
            [
                p.effective_from.isoformat() if p.effective_from else None,
                p.effective_to.isoformat() if p.effective_to else None,
                _d(p.input),
                _d(p.output),
                _d(p.cache_read),
                _d(p.cache_write),
                _d(p.cache_write_1h),
                _d(p.batch_input),
                _d(p.batch_output),
                [
                    [
                        t.above_input_tokens,
                        _d(t.input),
                        _d(t.output),
                        _d(t.cache_read),
                        _d(t.cache_write),
                    ]
                    for t in p.tiers
                ],
                p.source,
                p.reviewed.isoformat(),
                p.record,
                p.note,
            ]
        )
    return json.dumps(rows, separators=(",", ":"))


def load_prices(text: str) -> tuple[PricePoint, ...]:
    points = []
    for row in json.loads(text):
        (start, end, inp, out, cr, cw, cw1h, bi, bo, tiers, source, reviewed, record, note) = row
        points.append(
            PricePoint(
                effective_from=_dt(start),
                effective_to=_dt(end),
                input=_D(inp),
                output=_D(out),
                cache_read=_D(cr),
                cache_write=_D(cw),
                cache_write_1h=_D(cw1h),
                batch_input=_D(bi),
                batch_output=_D(bo),
                tiers=tuple(PriceTier(t[0], _D(t[1]), _D(t[2]), _D(t[3]), _D(t[4])) for t in tiers),
                source=source,
                reviewed=date.fromisoformat(reviewed),
                record=record,
                note=note,
            )
        )
    return tuple(points)


def _cv(value: ConflictValue) -> list[Any]:
    return [_plain(value.value), value.source, value.reviewed.isoformat(), value.record]


def _vc(row: list[Any]) -> ConflictValue:
    return ConflictValue(_typed(row[0]), row[1], date.fromisoformat(row[2]), row[3])


def source_row(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "name": s.name,
        "url": s.url,
        "version": s.version,
        "license": s.license,
    }


def vendor_row(v: Vendor) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": v.name,
        "url": v.url,
        "aliases": json.dumps(list(v.aliases)),
        "source": v.source,
        "reviewed": v.reviewed,
    }


def provider_row(p: Provider) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "url": p.url,
        "kind": p.kind,
        "api_base": p.api_base,
        "api_style": p.api_style,
        "vendor": p.vendor,
        "aliases": json.dumps(list(p.aliases)),
        "source": p.source,
        "reviewed": p.reviewed,
    }


def model_row(m: Model) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "vendor": m.vendor_id,
        "family": m.family_id,
        "aliases": json.dumps(list(m.aliases)),
        "description": m.description,
        "facts": dump_facts(m.facts),
    }


def offering_row(o: Offering) -> dict[str, Any]:
    return {
        "model": o.model_id,
        "provider": o.provider_id,
        "provider_model_id": o.provider_model_id,
        "pay_per_token": int(o.pay_per_token),
        "facts": dump_facts(o.facts),
        "source": o.source,
        "reviewed": o.reviewed,
        "prices": dump_prices(o.prices),
    }


def benchmark_row(b: BenchmarkResult) -> dict[str, Any]:
    return {
        "model": b.model_id,
        "benchmark": b.benchmark,
        "value": str(b.value),
        "unit": b.unit,
        "measured": b.measured,
        "provider": b.provider,
        "note": b.note,
        "record": b.record,
        "source": b.source,
        "reviewed": b.reviewed,
    }


def conflict_row(c: Conflict) -> dict[str, Any]:
    return {
        "subject": c.subject,
        "field": c.field,
        "rule": c.rule,
        "chosen": json.dumps(_cv(c.chosen)),
        "candidates": json.dumps([_cv(v) for v in c.values]),
    }


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def row_source(r: Any) -> Source:
    return Source(r.id, r.kind, r.name, r.url, r.version, r.license)


def row_vendor(r: Any) -> Vendor:
    return Vendor(r.id, r.name, r.url, r.source, as_date(r.reviewed), tuple(json.loads(r.aliases)))


def row_provider(r: Any) -> Provider:
    return Provider(
        r.id,
        r.name,
        r.url,
        r.kind,
        r.source,
        as_date(r.reviewed),
        r.api_base,
        r.api_style,
        r.vendor,
        tuple(json.loads(r.aliases)),
    )


def row_model(r: Any) -> Model:
    return Model(
        r.id,
        r.name,
        r.vendor,
        r.family,
        tuple(json.loads(r.aliases)),
        load_facts(r.facts),
        r.description,
    )


def row_offering(r: Any) -> Offering:
    return Offering(
        r.model,
        r.provider,
        r.provider_model_id,
        bool(r.pay_per_token),
        load_prices(r.prices),
        load_facts(r.facts),
        r.source,
        as_date(r.reviewed),
    )


def row_benchmark(r: Any) -> BenchmarkResult:
    return BenchmarkResult(
        r.model,
        r.benchmark,
        Decimal(r.value),
        r.unit,
        as_date(r.measured) if r.measured else None,
        r.source,
        as_date(r.reviewed),
        r.provider,
        r.note,
        r.record,
    )


def row_conflict(r: Any) -> Conflict:
    return Conflict(
        r.subject,
        r.field,
        tuple(_vc(v) for v in json.loads(r.candidates)),
        _vc(json.loads(r.chosen)),
        r.rule,
    )
