"""Oracles through the whole import path: a fixed, seeded sample of price records from
genai-prices (its installed package, `calc_price`) and from LiteLLM's own JSON price map (a
seeded sample committed under tests/fixtures/oracles, read from the pinned wheel by
scripts/sample-litellm-oracle.py), each resolved as a user would — the dataset's model name and
provider through the catalogue's identity resolution, on the real bundled catalogue — and
priced by llmref. Shared by tests/test_oracles.py and bench/bench_oracles.py (which prints the
agreement rates recorded in bench/RESULTS.md).

A record agrees when llmref's cost equals the oracle's to 1e-9 dollars; otherwise it differs
"by a listed conflict" when the catalogue lists a conflict on that offering's prices (sources
disagreeing, another route of the provider priced apart, tiered against flat), and is a
mismatch otherwise. Every disagreement is named by its cause.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from llmref.catalog import Catalog, Offering, load_catalog_dir
from llmref.importers.identity import ParsedId, parse_model_id
from llmref.importers.providers import catalog_provider_id
from llmref.pricing import Cost, Usage, request_cost

SEED = 20261127
TOLERANCE = Decimal("1e-9")
LITELLM_SAMPLE = Path(__file__).parent / "fixtures" / "oracles" / "litellm-sample.json"


@cache
def bundled() -> Catalog:
    return load_catalog_dir()


@dataclass
class Tally:
    """Outcomes of one oracle run: agreements, differences a conflict lists, and mismatches by
    cause (with up to a few examples each)."""

    compared: int = 0
    agree: int = 0
    listed: Counter[str] = field(default_factory=Counter)
    mismatched: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, outcome: str, cause: str, example: str) -> None:
        self.compared += 1
        if outcome == "agree":
            self.agree += 1
            return
        (self.listed if outcome == "listed" else self.mismatched)[cause] += 1
        self.examples.setdefault(f"{outcome}: {cause}", [])
        if len(self.examples[f"{outcome}: {cause}"]) < 3:
            self.examples[f"{outcome}: {cause}"].append(example)

    @property
    def agreement(self) -> Decimal:
        return Decimal(self.agree) / self.compared if self.compared else Decimal(0)

    @property
    def accounted(self) -> Decimal:
        """Agreeing or differing by a listed conflict."""
        good = self.agree + sum(self.listed.values())
        return Decimal(good) / self.compared if self.compared else Decimal(0)

    def report(self, title: str) -> str:
        lines = [
            f"{title}: {self.compared} records; {self.agree} agree exactly "
            f"({self.agreement:.1%}); agree or differ by a listed conflict: {self.accounted:.1%}"
        ]
        for outcome, counter in (("listed", self.listed), ("mismatch", self.mismatched)):
            for cause, count in counter.most_common():
                example = "; ".join(self.examples.get(f"{outcome}: {cause}", []))
                lines.append(f"  {outcome}: {cause}: {count} (e.g. {example})")
        return "\n".join(lines)


def _offering(catalog: Catalog, dataset: str, provider: str, model: str) -> Offering | str:
    """The offering a user means by (model name, provider name), or why there is none."""
    found = catalog.find_model(model)
    if found is None:
        return "model name not found"
    wanted = catalog_provider_id(dataset, provider)
    offerings = {o.provider_id: o for o in catalog.offerings_of(found.id)}
    if wanted in offerings:
        return offerings[wanted]
    if dataset == "genai-prices" and wanted == "google":
        # genai-prices prices Gemini API and Vertex under one id (docs/identity.md).
        for vertex in ("google-vertex", "google-vertex-anthropic"):
            if vertex in offerings:
                return offerings[vertex]
    return "no offering on that provider"


def _judge(
    tally: Tally,
    catalog: Catalog,
    found: Offering | str,
    usage: Usage,
    day: date | None,
    theirs: Decimal,
    example: str,
) -> None:
    if isinstance(found, str):
        tally.note("mismatch", found, example)
        return
    ours = request_cost(found, usage, day)
    if isinstance(ours, Cost) and abs(ours.total - theirs) <= TOLERANCE:
        tally.note("agree", "", example)
        return
    subject = f"offering:{found.key}"
    conflicts = [
        c
        for c in catalog.conflicts_of(found.model_id)
        if c.subject == subject and (c.field.endswith("_price") or c.field == "price_tiers")
    ]
    if not isinstance(ours, Cost):
        cause = "llmref has no price for it: " + ours.reason.split(" (")[0].split(" for ")[0]
    elif any("other routes" in c.rule for c in conflicts):
        cause = "the record is another route of the provider, priced apart (listed)"
    elif conflicts:
        cause = "price differs; sources disagree on " + ", ".join(
            sorted({c.field for c in conflicts})[:3]
        )
    else:
        cause = "price differs"
    said = ours.total if isinstance(ours, Cost) else "none"
    tally.note("listed" if conflicts else "mismatch", cause, f"{example}: ${said} vs ${theirs}")


# ---- genai-prices -------------------------------------------------------------------------


def genai_sample(size: int) -> list[Any]:
    """A seeded random sample of genai-prices records (tests/genai_records.py: every model price
    with its tiers, cache reads and writes, dated changes and batch variants)."""
    from tests.genai_records import build_records

    records = build_records()
    return random.Random(SEED).sample(records, min(size, len(records)))


def genai_oracle(size: int = 1200) -> Tally:
    from genai_prices import calc_price

    catalog = bundled()
    tally = Tally()
    for record in genai_sample(size):
        try:
            theirs = calc_price(
                record.genai_usage,
                record.model_ref,
                provider_id=record.provider_id,
                genai_request_timestamp=record.timestamp,
                price_context=record.price_context,
            )
        except LookupError:
            continue
        if theirs.model is not record.model:
            continue  # the id matches an earlier model's pattern: not this record's price
        usage = record.usage
        parsed = parse_model_id(record.model_ref)
        if isinstance(parsed, ParsedId) and parsed.variant == ":batch":
            usage = replace(usage, batch=True)  # OpenRouter's `…:batch` is the batch price
        found = _offering(catalog, "genai-prices", record.provider_id, record.model_ref)
        example = f"{record.model_ref}@{record.provider_id} on {record.day}"
        _judge(tally, catalog, found, usage, record.day, theirs.total_price, example)
    return tally


# ---- LiteLLM ------------------------------------------------------------------------------


def litellm_sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LITELLM_SAMPLE.read_text(encoding="utf-8"))
    return data


def _litellm_usages(entry: dict[str, Any]) -> Iterator[Usage]:
    yield Usage(1_000, 200)
    yield Usage(123_457, 9_876)
    if entry.get("cache_read_input_token_cost") is not None:
        yield Usage(5_000, 1_000, cached_input_tokens=1_000)
    if entry.get("input_cost_per_token_above_200k_tokens") is not None:
        yield Usage(201_234, 777)


def litellm_cost(entry: dict[str, Any], usage: Usage) -> Decimal | None:
    """LiteLLM's cost for a request, from its own map: tokens times the per-token prices, the
    `_above_200k_tokens` prices for a prompt over 200,000 tokens, cached tokens at
    `cache_read_input_token_cost` (None when the map cannot price the request)."""

    def cost(name: str) -> Decimal | None:
        value = entry.get(name)
        return None if value is None else Decimal(repr(value))

    above = usage.input_tokens > 200_000
    suffix = "_above_200k_tokens" if above else ""
    input_price = cost("input_cost_per_token" + suffix) if above else None
    input_price = input_price or cost("input_cost_per_token")
    output_price = (cost("output_cost_per_token" + suffix) if above else None) or cost(
        "output_cost_per_token"
    )
    if input_price is None or output_price is None:
        return None
    cached = usage.cached_input_tokens
    read_price = (cost("cache_read_input_token_cost" + suffix) if above else None) or cost(
        "cache_read_input_token_cost"
    )
    if cached and read_price is None:
        return None
    total = (usage.input_tokens - cached) * input_price + usage.output_tokens * output_price
    if cached and read_price is not None:
        total += cached * read_price
    return total


def litellm_oracle() -> Tally:
    catalog = bundled()
    tally = Tally()
    sample = litellm_sample()
    # The map lists the prices of its own date: compare with llmref's on that day, not with a
    # change another source announces for later.
    day = date.fromisoformat(sample["snapshot_date"])
    for key, entry in sorted(sample["entries"].items()):
        for usage in _litellm_usages(entry):
            theirs = litellm_cost(entry, usage)
            if theirs is None:
                continue
            found = _offering(catalog, "litellm", entry["litellm_provider"], key)
            example = f"{key} ({usage.input_tokens:,} in)"
            _judge(tally, catalog, found, usage, day, theirs, example)
    return tally


ORACLES: dict[str, Callable[[], Tally]] = {
    "genai-prices": genai_oracle,
    "LiteLLM price map": litellm_oracle,
}
