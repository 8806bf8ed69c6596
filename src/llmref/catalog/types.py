"""The in-memory catalogue: immutable, indexed, and the only thing the engines read.

Every value the engines or views show is a :class:`Fact` (value + source + reviewed date) or
an object that carries its own provenance (:class:`PricePoint`, :class:`BenchmarkResult`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from llmref.facts import CAPABILITIES

SourceKind = Literal["url", "dataset"]


@dataclass(frozen=True, slots=True)
class Source:
    """A public URL or an imported dataset (package name and version)."""

    id: str
    kind: SourceKind
    name: str
    url: str | None = None
    version: str | None = None
    license: str | None = None

    @staticmethod
    def from_ref(ref: str) -> Source:
        if ref.startswith("dataset:"):
            name, _, version = ref.removeprefix("dataset:").partition("@")
            return Source(id=ref, kind="dataset", name=name, version=version)
        host = ref.split("://", 1)[-1].split("/", 1)[0]
        return Source(id=ref, kind="url", name=host, url=ref)


@dataclass(frozen=True, slots=True)
class Fact:
    """One value with where it came from and when it was last reviewed."""

    value: Any
    source: str
    reviewed: date
    record: str | None = None
    """The source's own record id (a dataset key), when there is one."""


@dataclass(frozen=True, slots=True)
class Vendor:
    id: str
    name: str
    url: str | None
    source: str
    reviewed: date
    aliases: tuple[str, ...] = ()


ROUTE_CLASSES = (
    "vendor-api",
    "cloud",
    "inference-host",
    "router",
    "reseller",
    "consumer",
    "unclassified",
)
"""How a provider sells the models it lists: the vendor's own API, a cloud platform, a host of
open weights on its own hardware, a router passing requests on at list price, a reseller with its
own prices, a consumer app or subscription — or not yet reviewed (see docs/routes.md)."""


@dataclass(frozen=True, slots=True)
class ProviderClass:
    """A provider's route class with its provenance (`data/provider-classes.toml`)."""

    route_class: str
    source: str
    reviewed: date
    note: str | None = None
    resold_prefixes: tuple[str, ...] = ()
    """Provider model ids under these prefixes are resold at the provider's own price."""


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    url: str | None
    kind: str
    source: str
    reviewed: date
    api_base: str | None = None
    api_style: str | None = None
    vendor: str | None = None
    aliases: tuple[str, ...] = ()
    classified: ProviderClass | None = None
    """The reviewed route class, None while the provider is unclassified."""

    @property
    def route_class(self) -> str:
        """One of :data:`ROUTE_CLASSES`."""
        return "unclassified" if self.classified is None else self.classified.route_class

    def route_class_of(self, provider_model_id: str | None) -> str:
        """The class of one of its offerings: "reseller" for an id it resells (see
        :attr:`ProviderClass.resold_prefixes`), else the provider's class."""
        c = self.classified
        if c is None:
            return "unclassified"
        if (
            c.resold_prefixes
            and provider_model_id
            and provider_model_id.startswith(c.resold_prefixes)
        ):
            return "reseller"
        return c.route_class


@dataclass(frozen=True, slots=True)
class PriceTier:
    above_input_tokens: int
    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PricePoint:
    """Prices of an offering over [effective_from, effective_to), per 1M tokens, in USD."""

    effective_from: date | None
    effective_to: date | None
    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None
    cache_write: Decimal | None
    cache_write_1h: Decimal | None
    batch_input: Decimal | None
    batch_output: Decimal | None
    tiers: tuple[PriceTier, ...]
    source: str
    reviewed: date
    record: str | None = None
    note: str | None = None

    def applies_on(self, day: date) -> bool:
        start_ok = self.effective_from is None or self.effective_from <= day
        end_ok = self.effective_to is None or day < self.effective_to
        return start_ok and end_ok


@dataclass(frozen=True, slots=True)
class Offering:
    """A model served by a provider, with its price history (oldest first)."""

    model_id: str
    provider_id: str
    provider_model_id: str | None
    pay_per_token: bool
    prices: Sequence[PricePoint]
    facts: Mapping[str, Fact] = field(default_factory=dict)
    source: str = ""
    reviewed: date = date.min

    @property
    def key(self) -> str:
        return f"{self.model_id}@{self.provider_id}"

    def price_on(self, day: date | None) -> PricePoint | None:
        """The price in force on `day` (None = the newest known price)."""
        if not self.prices:
            return None
        if day is None:
            return self.prices[-1]
        for point in reversed(self.prices):
            if point.applies_on(day):
                return point
        return None


@dataclass(frozen=True, slots=True)
class BenchmarkResult:
    model_id: str
    benchmark: str
    value: Decimal
    unit: str
    measured: date | None
    source: str
    reviewed: date
    provider: str | None = None
    note: str | None = None
    record: str | None = None
    measured_by: str | None = None
    """Who ran the measurement (a leaderboard, the vendor, a provider), when known."""
    settings: str | None = None
    """Reasoning effort, scaffold or harness the result was obtained with, when known."""
    self_reported: bool | None = None
    """True when the model's own vendor published the figure; None when no source says."""
    model_name: str | None = None
    """The model's name as the leaderboard spells it (before identity resolution)."""


BenchmarkDirection = Literal["higher", "lower"]


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One benchmark *version*: results are comparable only when their benchmark ids are equal
    (an index's v2 and v4 are two benchmarks)."""

    id: str
    name: str
    version: str
    """Edition or version as its publisher names it ("v4", "2.1", "HHEM-2.3"); "unknown"
    when the quoting source does not say."""
    unit: str
    scale: str
    """The range of values, e.g. "0-100"."""
    direction: BenchmarkDirection
    description: str
    source: str
    """Where the benchmark is defined (a public URL)."""
    family: str | None = None
    """Groups the versions of one benchmark (e.g. "intelligence-index")."""

    @property
    def title(self) -> str:
        """Name and version as pages print them ("Terminal-Bench (2.1)", "Artificial Analysis
        Intelligence Index (version unknown)")."""
        if self.version in ("", "-"):
            return self.name
        if self.version == "unknown":
            return f"{self.name} (version unknown)"
        return f"{self.name} ({self.version})"

    def better(self, a: Any, b: Any) -> bool:
        """True when value `a` is better than `b` on this benchmark."""
        return bool(a > b) if self.direction == "higher" else bool(a < b)


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    name: str
    vendor_id: str | None
    family_id: str | None
    """For a dated snapshot: the canonical model it belongs to."""
    aliases: tuple[str, ...]
    facts: Mapping[str, Fact]
    description: str | None = None

    def value(self, field_name: str) -> Any:
        fact = self.facts.get(field_name)
        return None if fact is None else fact.value

    def capability(self, name: str) -> bool | None:
        """True, False, or None when no source says."""
        if name not in CAPABILITIES:
            raise KeyError(name)
        value = self.value(name)
        return None if value is None else bool(value)

    @property
    def is_snapshot(self) -> bool:
        return self.family_id is not None


@dataclass(frozen=True, slots=True)
class ConflictValue:
    value: Any
    source: str
    reviewed: date
    record: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more sources disagree on one fact. All values are kept; one is chosen by `rule`."""

    subject: str
    """`model:<id>` or `offering:<model>@<provider>`."""
    field: str
    values: tuple[ConflictValue, ...]
    chosen: ConflictValue
    rule: str

    @property
    def model_id(self) -> str:
        body = self.subject.split(":", 1)[1]
        return body.split("@", 1)[0]
