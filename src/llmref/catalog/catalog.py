"""The immutable catalogue snapshot with its lookup indexes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

from llmref.catalog.types import (
    Benchmark,
    BenchmarkResult,
    Conflict,
    Model,
    Offering,
    Provider,
    Source,
    Vendor,
)

T = TypeVar("T")


def _freeze(groups: Mapping[str, list[T]]) -> Mapping[str, tuple[T, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


class ConflictRows:
    """Stored conflicts grouped by subject and decoded one subject at a time: a page about one
    model decodes that model's conflicts, not the thousands of others."""

    def __init__(self, rows: Iterable[Sequence[Any]], decode: Callable[[Any], Conflict]) -> None:
        self._rows: dict[str, list[Sequence[Any]]] = defaultdict(list)
        for row in rows:
            self._rows[row[0]].append(row)
        self._decode = decode
        self._decoded: dict[str, tuple[Conflict, ...]] = {}

    def of(self, subject: str) -> tuple[Conflict, ...]:
        found = self._decoded.get(subject)
        if found is None:
            rows = self._rows.get(subject, ())
            found = tuple(sorted((self._decode(r) for r in rows), key=lambda c: c.field))
            self._decoded[subject] = found
        return found

    def all(self) -> tuple[Conflict, ...]:
        return tuple(c for subject in sorted(self._rows) for c in self.of(subject))

    def __len__(self) -> int:
        """How many conflicts there are, without decoding any (one row each)."""
        return sum(len(rows) for rows in self._rows.values())


class UnknownIdError(LookupError):
    """An id that is not in the catalogue; carries the closest known ids."""

    def __init__(self, kind: str, wanted: str, suggestions: tuple[str, ...]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown {kind} {wanted!r}.{hint}")


NAME_CACHE_SIZE = 10_000
"""Resolved (model name, provider name) pairs kept per catalogue snapshot."""

_NORMALISE = re.compile(r"[\s_]+")


def normalise_id(text: str) -> str:
    """The lookup form of an id or alias: lower case, spaces and underscores as dashes."""
    return _NORMALISE.sub("-", text.strip().lower())


MATCH_CHARS = 64
"""Characters of an unknown id that closest-id suggestions look at. Fuzzy matching costs the
product of the two lengths per candidate, so an unbounded id (a 60 KB URL) would take seconds;
no real id is this long."""


SHORTLIST = 200
"""Candidates scored in full. The full score (WRatio, which tries partial alignments) costs
about 2 µs per candidate: 20-30 ms over the ten thousand aliases, one uninterruptible call that
holds up every other thread. A plain edit-distance ratio (20 times cheaper) and substring
matches pick the shortlist first."""


def _closest(wanted: str, choices: list[str], limit: int) -> tuple[str, ...]:
    """The `limit` choices most like `wanted` (score 50 or more, best first)."""
    from rapidfuzz import fuzz, process

    key = normalise_id(wanted[: MATCH_CHARS * 2])[:MATCH_CHARS]
    if not key:
        return ()
    if len(choices) > SHORTLIST:
        near = process.extract(key, choices, scorer=fuzz.ratio, limit=SHORTLIST)
        shortlist = dict.fromkeys(m[0] for m in near)
        if len(key) >= 3:
            shortlist.update(dict.fromkeys([c for c in choices if key in c][:SHORTLIST]))
        # In their original order, so equal scores rank as they would over every choice.
        choices = [c for c in choices if c in shortlist]
    return tuple(m[0] for m in process.extract(key, choices, limit=limit, score_cutoff=50))


@dataclass(frozen=True)
class Catalog:
    """Everything llmref knows, frozen. Build with :meth:`create`; never mutate."""

    version: str
    """Content hash of the catalogue, used for cache validators."""
    built: date
    vendors: Mapping[str, Vendor]
    providers: Mapping[str, Provider]
    models: Mapping[str, Model]
    offerings: tuple[Offering, ...]
    benchmarks: tuple[BenchmarkResult, ...]
    _conflict_rows: ConflictRows = field(repr=False)
    """The conflicts, or a function that decodes them: most commands never look at them."""
    sources: Mapping[str, Source]
    _alias_index: Mapping[str, str] = field(repr=False, default_factory=dict)
    _offerings_by_model: Mapping[str, tuple[Offering, ...]] = field(
        repr=False, default_factory=dict
    )
    _offerings_by_provider: Mapping[str, tuple[Offering, ...]] = field(
        repr=False, default_factory=dict
    )
    _benchmarks_by_model: Mapping[str, tuple[BenchmarkResult, ...]] = field(
        repr=False, default_factory=dict
    )
    _snapshots_by_family: Mapping[str, tuple[str, ...]] = field(repr=False, default_factory=dict)
    benchmark_defs: Mapping[str, Benchmark] = field(default_factory=dict)
    """Benchmark versions by id (``data/benchmarks/benchmarks.toml``)."""
    _benchmarks_by_id: Mapping[str, tuple[BenchmarkResult, ...]] = field(
        repr=False, default_factory=dict
    )
    _lazy: dict[str, Any] = field(repr=False, default_factory=dict, compare=False)
    """Indexes built on first use (idempotent, so a race only computes one twice)."""

    @classmethod
    def create(
        cls,
        *,
        version: str,
        built: date,
        vendors: Iterable[Vendor],
        providers: Iterable[Provider],
        models: Iterable[Model],
        offerings: Iterable[Offering],
        benchmarks: Iterable[BenchmarkResult],
        conflicts: Iterable[Conflict] | ConflictRows,
        sources: Iterable[Source],
        benchmark_defs: Mapping[str, Benchmark] | Iterable[Benchmark] = (),
    ) -> Catalog:
        model_map = {m.id: m for m in sorted(models, key=lambda m: m.id)}
        offering_list = tuple(sorted(offerings, key=lambda o: (o.model_id, o.provider_id)))
        bench_list = tuple(
            sorted(benchmarks, key=lambda b: (b.model_id, b.benchmark, b.source, str(b.measured)))
        )

        alias_index: dict[str, str] = {}
        # Aliases first, ids last: an id always wins over somebody else's alias.
        for model in model_map.values():
            for alias in model.aliases:
                alias_index.setdefault(normalise_id(alias), model.id)
        for model_id in model_map:
            alias_index[normalise_id(model_id)] = model_id

        by_model: dict[str, list[Offering]] = defaultdict(list)
        by_provider: dict[str, list[Offering]] = defaultdict(list)
        for offering in offering_list:
            by_model[offering.model_id].append(offering)
            by_provider[offering.provider_id].append(offering)
        bench_by_model: dict[str, list[BenchmarkResult]] = defaultdict(list)
        bench_by_id: dict[str, list[BenchmarkResult]] = defaultdict(list)
        for result in bench_list:
            bench_by_model[result.model_id].append(result)
            bench_by_id[result.benchmark].append(result)
        defs = (
            list(benchmark_defs.values())
            if isinstance(benchmark_defs, Mapping)
            else list(benchmark_defs)
        )
        snapshots: dict[str, list[str]] = defaultdict(list)
        for model in model_map.values():
            if model.family_id:
                snapshots[model.family_id].append(model.id)

        return cls(
            version=version,
            built=built,
            vendors=MappingProxyType(dict(sorted((v.id, v) for v in vendors))),
            providers=MappingProxyType(dict(sorted((p.id, p) for p in providers))),
            models=MappingProxyType(model_map),
            offerings=offering_list,
            benchmarks=bench_list,
            _conflict_rows=conflicts
            if isinstance(conflicts, ConflictRows)
            else ConflictRows(((c.subject, c) for c in conflicts), lambda row: row[1]),
            sources=MappingProxyType({s.id: s for s in sorted(sources, key=lambda s: s.id)}),
            _alias_index=MappingProxyType(alias_index),
            _offerings_by_model=_freeze(by_model),
            _offerings_by_provider=_freeze(by_provider),
            _benchmarks_by_model=_freeze(bench_by_model),
            _snapshots_by_family=_freeze(snapshots),
            benchmark_defs=MappingProxyType({b.id: b for b in sorted(defs, key=lambda b: b.id)}),
            _benchmarks_by_id=_freeze(bench_by_id),
        )

    # ---- lookups ---------------------------------------------------------------------------

    def find_model(self, wanted: str) -> Model | None:
        model_id = self._alias_index.get(normalise_id(wanted))
        return None if model_id is None else self.models[model_id]

    def model(self, wanted: str) -> Model:
        """Resolve an id, alias or dated snapshot id; raise :class:`UnknownIdError` if none."""
        found = self.find_model(wanted)
        if found is None:
            raise UnknownIdError("model", wanted, self.closest_model_ids(wanted))
        return found

    def closest_model_ids(self, wanted: str, limit: int = 5) -> tuple[str, ...]:
        choices: list[str] | None = self._lazy.get("alias_keys")
        if choices is None:
            choices = self._lazy["alias_keys"] = list(self._alias_index)
        seen: list[str] = []
        for candidate in _closest(wanted, choices, limit * 3):
            model_id = self._alias_index[candidate]
            if model_id not in seen:
                seen.append(model_id)
        return tuple(seen[:limit])

    def provider(self, wanted: str) -> Provider:
        key = normalise_id(wanted)
        if key in self.providers:
            return self.providers[key]
        for provider in self.providers.values():
            if key in provider.aliases or normalise_id(provider.name) == key:
                return provider
        raise UnknownIdError("provider", wanted, _closest(wanted, list(self.providers), 5))

    def vendor(self, wanted: str) -> Vendor:
        key = normalise_id(wanted)
        if key in self.vendors:
            return self.vendors[key]
        raise UnknownIdError("vendor", wanted, _closest(wanted, list(self.vendors), 5))

    def offerings_of(self, model_id: str) -> tuple[Offering, ...]:
        return self._offerings_by_model.get(model_id, ())

    def offering(self, model: str, provider: str) -> Offering | None:
        """The offering of a model on a provider, each given as an id, alias or name (as a user
        types them); None when the provider does not list the model. Raises
        :class:`UnknownIdError` for an unknown model or provider.

        One dictionary look-up once a pair has been resolved: the (model, provider) index is
        built on first use and resolved names are kept (up to :data:`NAME_CACHE_SIZE` pairs, so
        a stream of made-up names cannot grow it without bound)."""
        cache: dict[tuple[str, str], Offering | None] | None = self._lazy.get("offering_names")
        if cache is None:
            cache = self._lazy["offering_names"] = {}
        key = (model, provider)
        if key in cache:
            return cache[key]
        index: dict[tuple[str, str], Offering] | None = self._lazy.get("offering_index")
        if index is None:
            index = {(o.model_id, o.provider_id): o for o in self.offerings}
            self._lazy["offering_index"] = index
        found = index.get((self.model(model).id, self.provider(provider).id))
        if len(cache) < NAME_CACHE_SIZE:
            cache[key] = found
        return found

    def offerings_on(self, provider_id: str) -> tuple[Offering, ...]:
        return self._offerings_by_provider.get(provider_id, ())

    def benchmarks_of(self, model_id: str) -> tuple[BenchmarkResult, ...]:
        return self._benchmarks_by_model.get(model_id, ())

    def benchmark(self, benchmark_id: str) -> Benchmark:
        """The definition of one benchmark version. An id used by a result but not defined
        (a private data directory) gets a stand-in named by the id: the id is then the version,
        and results still compare only when their ids are equal."""
        found = self.benchmark_defs.get(benchmark_id)
        if found is not None:
            return found
        unit = next((r.unit for r in self._benchmarks_by_id.get(benchmark_id, ())), "score")
        lower = unit == "s"
        return Benchmark(
            id=benchmark_id,
            name=benchmark_id,
            version="",
            unit=unit,
            scale="0-100" if unit in ("%", "index") else "0+",
            direction="lower" if lower else "higher",
            description="Not defined in this catalogue's benchmarks.toml.",
            source="",
        )

    def results_on(self, benchmark_id: str) -> tuple[BenchmarkResult, ...]:
        """Every result of one benchmark version (all models, all sources)."""
        return self._benchmarks_by_id.get(benchmark_id, ())

    @property
    def benchmark_ids(self) -> tuple[str, ...]:
        """Ids of every benchmark version that has at least one result."""
        return tuple(sorted(self._benchmarks_by_id))

    def snapshots_of(self, model_id: str) -> tuple[Model, ...]:
        return tuple(self.models[i] for i in self._snapshots_by_family.get(model_id, ()))

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Every disagreement between sources, sorted by subject and field."""
        cached: tuple[Conflict, ...] | None = self._lazy.get("conflicts")
        if cached is None:
            cached = self._lazy["conflicts"] = self._conflict_rows.all()
        return cached

    @property
    def conflict_count(self) -> int:
        """``len(self.conflicts)`` without decoding them: the home page and the API's catalogue
        summary count them on a server's first request."""
        return len(self._conflict_rows)

    def conflicts_of(self, model_id: str) -> tuple[Conflict, ...]:
        """Conflicts on the model's own facts and on every one of its offerings."""
        found = list(self._conflict_rows.of(f"model:{model_id}"))
        for offering in self.offerings_of(model_id):
            found.extend(self._conflict_rows.of(f"offering:{offering.key}"))
        return tuple(found)

    def conflict_for(self, subject: str, field_name: str) -> Conflict | None:
        for conflict in self._conflict_rows.of(subject):
            if conflict.field == field_name:
                return conflict
        return None

    def cheapest_offering(
        self, where: Callable[[Offering, Model], bool] | None = None
    ) -> Offering | None:
        """The pay-per-token offering with the lowest current input price among those matching
        `where`. Walks a price-sorted index and stops at the first match, so a common filter
        costs a few comparisons instead of a scan."""
        index: tuple[tuple[Decimal, Offering], ...] | None = self._lazy.get("by_input_price")
        if index is None:
            priced = []
            for offering in self.offerings:
                point = offering.price_on(None)
                free = point is not None and point.input == 0 and not point.output
                if (
                    offering.pay_per_token
                    and point is not None
                    and point.input is not None
                    and not free
                ):
                    priced.append((point.input, offering))
            priced.sort(key=lambda pair: (pair[0], pair[1].model_id, pair[1].provider_id))
            index = self._lazy["by_input_price"] = tuple(priced)
        for _, offering in index:
            if where is None or where(offering, self.models[offering.model_id]):
                return offering
        return None

    def models_of_vendor(self, vendor_id: str) -> tuple[Model, ...]:
        return tuple(m for m in self.models.values() if m.vendor_id == vendor_id)
