"""Written rules that turn facts into labels: decision-fit tags and a "best for" phrase.

Every rule reads facts only (capability flags, context window, prices, benchmark scores, route
counts) and is documented in ``docs/rules.md`` under its id. A label is only given when the fact
it rests on is known and satisfies the rule, so a label can never contradict a fact shown beside
it: "Vision" needs the vision capability to be *true*; unknown is not enough.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from llmref import formatting

CAPABILITY_LABELS: Mapping[str, str] = {  # keys: llmref.facts.CAPABILITIES
    "vision": "Vision",
    "multimodal": "Multimodal",
    "reasoning": "Reasoning",
    "function_calling": "Function calling",
    "tool_use": "Tool use",
    "structured_outputs": "Structured outputs",
    "code_execution": "Code execution",
    "ide_integration": "IDE integration",
    "computer_use": "Computer use",
    "parallel_agents": "Parallel agents",
}
"""Display names of the ten capability flags, in display order."""

CAPABILITY_PHRASES: Mapping[str, str] = {
    "vision": "vision",
    "multimodal": "multimodality",
    "reasoning": "a reasoning mode",
    "function_calling": "function calling",
    "tool_use": "tool use",
    "structured_outputs": "structured outputs",
    "code_execution": "code execution",
    "ide_integration": "IDE integration",
    "computer_use": "computer use",
    "parallel_agents": "parallel agents",
}
"""How each capability reads inside a sentence ("supports a reasoning mode")."""

FIELD_LABELS: Mapping[str, str] = {
    "name": "Name",
    "release_date": "Released",
    "last_updated": "Last updated",
    "deprecation_date": "Deprecation date",
    "knowledge_cutoff": "Knowledge cutoff",
    "context_window": "Context window",
    "max_input_tokens": "Max input tokens",
    "max_output_tokens": "Max output tokens",
    "parameters_total": "Parameters",
    "parameters_active": "Active parameters",
    "architecture": "Architecture",
    "license": "License",
    "open_weights": "Open weights",
    "input_modalities": "Input modalities",
    "output_modalities": "Output modalities",
    "requests_per_minute": "Requests per minute",
    "tokens_per_minute": "Tokens per minute",
    "input": "Input price",
    "output": "Output price",
    "cache_read": "Cached input price",
    "cache_write": "Cache write price",
    **CAPABILITY_LABELS,
}
"""Display names of catalogue fields (the ten capability flags included)."""


def field_label(name: str) -> str:
    """A field's display name ("Context window"), or the id made readable."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


_PHRASE_BY_LABEL = {CAPABILITY_LABELS[k]: v for k, v in CAPABILITY_PHRASES.items()}


def capability_phrase(name: str) -> str:
    """The in-sentence phrase of a capability, given its id or its display label."""
    return CAPABILITY_PHRASES.get(name) or _PHRASE_BY_LABEL.get(name) or name


BENCHMARK_NAMES: Mapping[str, str] = {
    "intelligence-index": "Intelligence Index",
    "mmlu": "MMLU",
    "mmlu-pro": "MMLU-Pro",
    "gpqa": "GPQA",
    "aime": "AIME",
    "humaneval": "HumanEval",
    "math": "MATH",
    "swe-bench": "SWE-bench",
    "output-speed": "Output speed",
    "ttft": "Time to first token",
}
SPEED_BENCHMARKS = ("output-speed", "ttft")
"""Measurements of speed rather than quality: shown apart from the benchmark table."""

LONG_CONTEXT_MIN = 128_000
RAG_CONTEXT_MIN = 64_000
RAG_MAX_INPUT_PRICE = Decimal("1.00")
BUDGET_MAX_BLENDED = Decimal("0.50")
CODING_MIN_HUMANEVAL = Decimal(85)
LONG_DOCUMENT_CONTEXT_MIN = 200_000
MULTI_PROVIDER_MIN = 3


def benchmark_name(benchmark: str) -> str:
    """Display name of a benchmark id (``mmlu-pro`` -> ``MMLU-Pro``)."""
    known = BENCHMARK_NAMES.get(benchmark)
    if known:
        return known
    return " ".join(
        part.upper() if len(part) <= 4 else part.capitalize() for part in benchmark.split("-")
    )


@dataclass(frozen=True, slots=True)
class Label:
    """A label and why it applies."""

    id: str
    """Rule id, the heading of the rule in docs/rules.md."""
    text: str
    """What pages show ("Long context", "reasoning-heavy tasks")."""
    evidence: str
    """The fact that satisfied the rule, e.g. "context window of 256,000 tokens"."""


@dataclass(frozen=True, slots=True)
class LabelFacts:
    """The facts the rules read, gathered once per model and date."""

    context_window: int | None
    capabilities: Mapping[str, bool | None]
    open_weights: bool | None
    cheapest_input: Decimal | None
    """Lowest pay-per-token input price per 1M tokens."""
    blended: Decimal | None
    """Lowest 70/30 blended pay-per-token price per 1M tokens."""
    paid_routes: int
    """Providers with a pay-per-token price."""
    humaneval: Decimal | None
    """Newest HumanEval score in percent, if tracked."""


def _cap(facts: LabelFacts, name: str) -> bool:
    return facts.capabilities.get(name) is True


def _tokens(n: int) -> str:
    return f"{formatting.context(n)} tokens"


def _usd(price: Decimal) -> str:
    return formatting.per_million(price)


def fit_tags(facts: LabelFacts) -> tuple[Label, ...]:
    """Decision-fit tags, in a fixed order. Each rule is in docs/rules.md."""
    tags: list[Label] = []
    cw = facts.context_window
    if (
        cw is not None
        and cw >= RAG_CONTEXT_MIN
        and facts.cheapest_input is not None
        and facts.cheapest_input <= RAG_MAX_INPUT_PRICE
    ):
        tags.append(
            Label(
                "rag",
                "RAG",
                f"context window of {_tokens(cw)} and input from {_usd(facts.cheapest_input)}",
            )
        )
    if cw is not None and cw >= LONG_CONTEXT_MIN:
        tags.append(Label("long-context", "Long context", f"context window of {_tokens(cw)}"))
    if _cap(facts, "vision"):
        tags.append(Label("vision", "Vision", "vision capability: yes"))
    if _cap(facts, "multimodal"):
        tags.append(Label("multimodal", "Multimodal", "multimodal capability: yes"))
    coding = [CAPABILITY_LABELS[c] for c in ("ide_integration", "code_execution") if _cap(facts, c)]
    if coding:
        tags.append(Label("coding", "Coding", f"{' and '.join(coding)} capability: yes"))
    elif facts.humaneval is not None and facts.humaneval >= CODING_MIN_HUMANEVAL:
        tags.append(
            Label("coding", "Coding", f"HumanEval score of {facts.humaneval.normalize():f}%")
        )
    agentic = [
        CAPABILITY_LABELS[c]
        for c in ("tool_use", "function_calling", "computer_use", "parallel_agents")
        if _cap(facts, c)
    ]
    if agentic:
        tags.append(Label("agents", "Agents", f"{', '.join(agentic)} capability: yes"))
    if _cap(facts, "reasoning"):
        tags.append(Label("reasoning", "Reasoning", "reasoning capability: yes"))
    if _cap(facts, "structured_outputs"):
        tags.append(Label("extraction", "Extraction", "structured outputs capability: yes"))
    if facts.blended is not None and facts.blended <= BUDGET_MAX_BLENDED:
        tags.append(Label("budget", "Budget", f"70/30 blended price of {_usd(facts.blended)}"))
    if facts.open_weights is True:
        tags.append(Label("open-weights", "Open weights", "open weights: yes"))
    return tuple(tags)


def best_for(facts: LabelFacts, tags: tuple[Label, ...]) -> Label | None:
    """The first "best for" rule that holds (docs/rules.md lists them in order), or None."""
    tag_ids = {t.id for t in tags}
    by_id = {t.id: t for t in tags}
    cw = facts.context_window
    if "reasoning" in tag_ids:
        return Label("best-reasoning", "reasoning-heavy tasks", by_id["reasoning"].evidence)
    if "coding" in tag_ids:
        return Label("best-coding", "coding and developer tools", by_id["coding"].evidence)
    if _cap(facts, "computer_use") or _cap(facts, "parallel_agents"):
        return Label("best-agents", "agentic workflows", by_id["agents"].evidence)
    if "vision" in tag_ids:
        return Label("best-vision", "image understanding", by_id["vision"].evidence)
    if cw is not None and cw >= LONG_DOCUMENT_CONTEXT_MIN:
        return Label(
            "best-long-documents", "long-document analysis", f"context window of {_tokens(cw)}"
        )
    routes = f"{facts.paid_routes} pay-per-token providers"
    if "budget" in tag_ids and facts.paid_routes >= MULTI_PROVIDER_MIN:
        return Label(
            "best-volume-multi",
            "high-volume traffic across several providers",
            f"{by_id['budget'].evidence}; {routes}",
        )
    if "budget" in tag_ids:
        return Label("best-volume", "high-volume, cost-sensitive traffic", by_id["budget"].evidence)
    if facts.paid_routes >= MULTI_PROVIDER_MIN:
        return Label("best-multi-provider", "production with provider fallback", routes)
    if "extraction" in tag_ids:
        return Label("best-extraction", "structured data extraction", by_id["extraction"].evidence)
    if "agents" in tag_ids:
        return Label("best-tools", "tool-calling applications", by_id["agents"].evidence)
    return None


RULE_IDS = (
    "rag",
    "long-context",
    "vision",
    "multimodal",
    "coding",
    "agents",
    "reasoning",
    "extraction",
    "budget",
    "open-weights",
    "best-reasoning",
    "best-coding",
    "best-agents",
    "best-vision",
    "best-long-documents",
    "best-volume-multi",
    "best-volume",
    "best-multi-provider",
    "best-extraction",
    "best-tools",
)
"""Every rule id; docs/rules.md documents each (a test checks)."""
