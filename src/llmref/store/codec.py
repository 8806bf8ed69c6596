"""Catalogue objects <-> table rows. Money round-trips exactly (Decimal as text)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, overload

from llmref.catalog.types import (
    Benchmark,
    BenchmarkResult,
    Conflict,
    ConflictValue,
    Fact,
    Model,
    Offering,
    PricePoint,
    PriceTier,
    Provider,
    ProviderClass,
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


def dump_prices(points: Sequence[PricePoint]) -> str:
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


def provider_class_row(provider_id: str, c: ProviderClass) -> dict[str, Any]:
    return {
        "provider": provider_id,
        "route_class": c.route_class,
        "source": c.source,
        "reviewed": c.reviewed,
        "note": c.note,
        "resold_prefixes": json.dumps(list(c.resold_prefixes)),
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
        "measured_by": b.measured_by,
        "settings": b.settings,
        "self_reported": None if b.self_reported is None else int(b.self_reported),
        "model_name": b.model_name,
    }


def benchmark_def_row(b: Benchmark) -> dict[str, Any]:
    return {
        "id": b.id,
        "name": b.name,
        "version": b.version,
        "unit": b.unit,
        "scale": b.scale,
        "direction": b.direction,
        "description": b.description,
        "source": b.source,
        "family": b.family,
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


class LazyFacts(Mapping[str, Fact]):
    """Facts decoded from their stored JSON on first use: loading the catalogue stays cheap, and
    a command that looks at one model never decodes the other thousands."""

    __slots__ = ("_facts", "_raw")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._facts: dict[str, Fact] | None = None

    def _decoded(self) -> dict[str, Fact]:
        facts = self._facts
        if facts is None:
            facts = self._facts = load_facts(self._raw)
        return facts

    def __getitem__(self, key: str) -> Fact:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __contains__(self, key: object) -> bool:
        return key in self._decoded()

    def __repr__(self) -> str:
        return repr(self._decoded())


class LazyPrices(Sequence[PricePoint]):
    """A price history decoded on first use; compares equal to the tuple it stands for."""

    __slots__ = ("_points", "_raw")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._points: tuple[PricePoint, ...] | None = None

    def _decoded(self) -> tuple[PricePoint, ...]:
        points = self._points
        if points is None:
            points = self._points = load_prices(self._raw)
        return points

    def tier_thresholds(self) -> frozenset[int]:
        """The long-context thresholds of every price (``above_input_tokens``), read from the
        stored text while it is not decoded: the usage analysis asks this of every offering,
        and decoding them all would cost it most of a second."""
        if self._points is not None:
            return frozenset(t.above_input_tokens for p in self._points for t in p.tiers)
        return frozenset(int(tier[0]) for row in json.loads(self._raw) for tier in row[9])

    @overload
    def __getitem__(self, index: int) -> PricePoint: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[PricePoint, ...]: ...
    def __getitem__(self, index: int | slice) -> PricePoint | tuple[PricePoint, ...]:
        return self._decoded()[index]

    def __len__(self) -> int:
        return len(self._decoded())

    def __iter__(self) -> Iterator[PricePoint]:
        return iter(self._decoded())

    def __reversed__(self) -> Iterator[PricePoint]:
        return reversed(self._decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._decoded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())


def _facts(raw: str) -> Mapping[str, Fact]:
    return {} if raw == "{}" else LazyFacts(raw)


def _prices(raw: str) -> Sequence[PricePoint]:
    return () if raw == "[]" else LazyPrices(raw)


# Column orders for the positional reads in llmref.store.read (one SELECT per table).
SOURCE_COLUMNS = "id, kind, name, url, version, license"
VENDOR_COLUMNS = "id, name, url, source, reviewed, aliases"
PROVIDER_COLUMNS = "id, name, url, kind, source, reviewed, api_base, api_style, vendor, aliases"
PROVIDER_CLASS_COLUMNS = "provider, route_class, source, reviewed, note, resold_prefixes"
MODEL_COLUMNS = "id, name, vendor, family, aliases, facts, description"
OFFERING_COLUMNS = (
    "model, provider, provider_model_id, pay_per_token, prices, facts, source, reviewed"
)
BENCHMARK_COLUMNS = (
    "model, benchmark, value, unit, measured, source, reviewed, provider, note, record, "
    "measured_by, settings, self_reported, model_name"
)
BENCHMARK_DEF_COLUMNS = "id, name, version, unit, scale, direction, description, source, family"
CONFLICT_COLUMNS = "subject, field, candidates, chosen, rule"


def row_source(r: Sequence[Any]) -> Source:
    return Source(r[0], r[1], r[2], r[3], r[4], r[5])


def row_vendor(r: Sequence[Any]) -> Vendor:
    return Vendor(r[0], r[1], r[2], r[3], as_date(r[4]), tuple(json.loads(r[5])))


def row_provider(r: Sequence[Any]) -> Provider:
    return Provider(
        r[0], r[1], r[2], r[3], r[4], as_date(r[5]), r[6], r[7], r[8], tuple(json.loads(r[9]))
    )


def row_provider_class(r: Sequence[Any]) -> tuple[str, ProviderClass]:
    return r[0], ProviderClass(r[1], r[2], as_date(r[3]), r[4], tuple(json.loads(r[5])))


def row_model(r: Sequence[Any]) -> Model:
    aliases = () if r[4] == "[]" else tuple(json.loads(r[4]))
    return Model(r[0], r[1], r[2], r[3], aliases, _facts(r[5]), r[6])


def row_offering(r: Sequence[Any]) -> Offering:
    return Offering(r[0], r[1], r[2], bool(r[3]), _prices(r[4]), _facts(r[5]), r[6], as_date(r[7]))


def row_benchmark(r: Sequence[Any]) -> BenchmarkResult:
    return BenchmarkResult(
        r[0],
        r[1],
        Decimal(r[2]),
        r[3],
        as_date(r[4]) if r[4] else None,
        r[5],
        as_date(r[6]),
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        None if r[12] is None else bool(r[12]),
        r[13],
    )


def row_benchmark_def(r: Sequence[Any]) -> Benchmark:
    return Benchmark(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])


def row_conflict(r: Sequence[Any]) -> Conflict:
    return Conflict(
        r[0], r[1], tuple(_vc(v) for v in json.loads(r[2])), _vc(json.loads(r[3])), r[4]
    )
