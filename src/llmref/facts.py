"""Names of the facts llmref tracks. Plain constants: importing them costs nothing."""

from __future__ import annotations

ARCHITECTURES = ("dense", "moe")
MODALITIES = ("text", "image", "audio", "video", "pdf", "file", "embedding")
CAPABILITIES = (
    "vision",
    "multimodal",
    "reasoning",
    "function_calling",
    "tool_use",
    "structured_outputs",
    "code_execution",
    "ide_integration",
    "computer_use",
    "parallel_agents",
)
"""The ten capability flags of the specification, in display order."""

MODEL_FACT_FIELDS = (
    "name",
    "release_date",
    "last_updated",
    "deprecation_date",
    "knowledge_cutoff",
    "context_window",
    "max_input_tokens",
    "max_output_tokens",
    "parameters_total",
    "parameters_active",
    "architecture",
    "license",
    "open_weights",
    "input_modalities",
    "output_modalities",
    *CAPABILITIES,
)
"""Every per-model fact llmref tracks, each with its own source and review date."""

OFFERING_FACT_FIELDS = (
    "context_window",
    "max_output_tokens",
    "requests_per_minute",
    "tokens_per_minute",
)
"""Per-offering facts: a provider may cap a model below its vendor's limits."""
