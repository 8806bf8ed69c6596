"""Reader for LiteLLM's price map (`model_prices_and_context_window_backup.json` from the wheel).

Keys are LiteLLM *routing strings*, not model ids: the provider comes from `litellm_provider`,
and the key loses its routing prefix (`azure/`, `vercel_ai_gateway/`) and any region or
deployment segment (`azure/eu/…`, `bedrock/us-east-1/…`, Bedrock's `us.`) to give the id the
provider's API expects. Prices are US dollars per token; they become per 1M tokens exactly
(through the float's shortest decimal form, so `1.5e-07` is `0.15`, never `0.1499…`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from llmref.importers.common import (
    DatasetError,
    RawEntry,
    RawPrice,
    SourceData,
    day,
    flag,
    load_json,
    modalities,
    price,
    require_dict,
    text,
    token_count,
)

DATASET = "litellm"
FILE = Path("litellm") / "model_prices_and_context_window_backup.json"

TEXT_MODES = frozenset({"chat", "completion", "responses", "realtime", "embedding"})
"""Modes whose models are priced per token; other modes (images, speech, video, search, OCR,
rerank…) are kept only when the entry still states a per-token price."""

_AZURE_REGION = re.compile(r"^(eu|us|global|global-standard|us-gov|apac)$")
_AWS_SEGMENT = re.compile(r"^([a-z]{2}(-gov)?-[a-z]+-\d+|\*|claude_platform|invoke)$")
_SIZE_SEGMENT = re.compile(
    r"^(low|medium|high|standard|hd|\d+-x-\d+|max-x-max|\d+-steps|max-steps)$"
)
"""Image quality/size routes (`low/1024-x-1024/gpt-image-1`): variants of one model."""
_GEO_PREFIX = re.compile(r"^(us|eu|apac|au|jp|ca|in|global|us-gov)\.(?=[a-z0-9-]+\.)")
_TIERED = re.compile(
    r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|"
    r"cache_creation_input_token_cost)_above_(\d+)k_tokens$"
)
_TIER_FIELD = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cache_read",
    "cache_creation_input_token_cost": "cache_write",
}
_CAPABILITIES = {
    "supports_vision": ("vision",),
    "supports_function_calling": ("function_calling", "tool_use"),
    "supports_reasoning": ("reasoning",),
    "supports_response_schema": ("structured_outputs",),
    "supports_computer_use": ("computer_use",),
}
_VERTEX_VENDORS = {
    "vertex_ai-ai21_models": "ai21",
    "vertex_ai-anthropic_models": "anthropic",
    "vertex_ai-deepseek_models": "deepseek",
    "vertex_ai-llama_models": "meta",
    "vertex_ai-minimax_models": "minimax",
    "vertex_ai-mistral_models": "mistral",
    "vertex_ai-moonshot_models": "moonshotai",
    "vertex_ai-qwen_models": "alibaba",
    "vertex_ai-zai_models": "zai",
}


def read(root: Path, version: str, reviewed: Any) -> SourceData:
    path = root / FILE
    value = require_dict(load_json(path), path, None, "top level")
    data = SourceData(DATASET, version, reviewed, path)
    prefixes = _route_prefixes(value)
    for key in sorted(value):
        if key == "sample_spec":
            continue  # documentation of the format, every field a placeholder
        entry = require_dict(value[key], path, key, "entry")
        _check_costs(entry, path, key)
        provider = text(entry.get("litellm_provider"), path, key, "litellm_provider")
        mode = text(entry.get("mode"), path, key, "mode")
        if provider is None:
            data.skip("?", key, "not a model entry (no litellm_provider)")
            continue
        if mode is None:
            data.skip(provider, key, "a price class for unnamed models, not a model")
            continue
        if key.startswith("ft:"):
            data.skip(provider, key, "fine-tune (ft:): priced per fine-tuned model, not listed")
            continue
        raw = _entry(key, entry, provider, mode, prefixes, path)
        if raw is None:
            data.skip(provider, key, f"not priced per token (mode {mode})")
            continue
        data.entries.append(raw)
    data.date_current_prices()
    return data


def _check_costs(entry: dict[str, Any], path: Path, key: str) -> None:
    """Every price-like field must be a non-negative number, however it is used later."""
    for name, value in entry.items():
        if "cost" not in name:
            continue
        if isinstance(value, dict):
            for inner, number in value.items():
                if isinstance(number, int | float) or number is None:
                    price(number, path, key, f"{name}.{inner}")
        elif isinstance(value, list):
            continue  # tiered_pricing and similar are checked where they are read
        else:
            price(value, path, key, name)
    for name in ("max_input_tokens", "max_output_tokens"):
        token_count(entry.get(name), path, key, name)


def _route_prefixes(value: dict[str, Any]) -> frozenset[str]:
    names = {
        v["litellm_provider"]
        for v in value.values()
        if isinstance(v, dict) and isinstance(v.get("litellm_provider"), str)
    }
    names |= {n.split("-")[0] for n in names}
    names |= {"amazon-nova", "azure", "vertex_ai", "bedrock"}
    return frozenset(names)


def provider_model_id(key: str, provider: str, prefixes: frozenset[str]) -> tuple[str, str | None]:
    """(the id the provider's API expects, the route qualifier if any).

    The qualifier says what kind of special route the key is: `size:` an image size/quality,
    `deploy:` a regional or provisioned deployment (`azure/eu/…`, `bedrock/us-east-1/…`,
    priced apart), `geo:` a Bedrock cross-region inference profile (`us.anthropic…`, priced
    as the model)."""
    parts = key.split("/")
    segments: list[str] = []
    kind = None

    def take(name: str) -> None:
        nonlocal parts, kind
        segments.append(parts[0])
        kind = kind or name
        parts = parts[1:]

    while len(parts) > 1 and _SIZE_SEGMENT.match(parts[0]):
        take("size")
    if len(parts) > 1 and parts[0] in prefixes:
        parts = parts[1:]
    while len(parts) > 1 and _SIZE_SEGMENT.match(parts[0]):
        take("size")
    if len(parts) > 1 and provider.startswith("azure") and _AZURE_REGION.match(parts[0]):
        take("deploy")
    while len(parts) > 1 and provider.startswith("bedrock") and _AWS_SEGMENT.match(parts[0]):
        take("deploy")
    model = "/".join(parts)
    if kind is None and provider.startswith("bedrock"):
        geo = _GEO_PREFIX.match(model)
        if geo:
            return model, f"geo:{geo.group(1)}"
    return model, f"{kind}:{'/'.join(segments)}" if kind else None


def _prices(entry: dict[str, Any], path: Path, key: str) -> list[RawPrice]:
    def get(name: str) -> Any:
        return price(entry.get(name), path, key, name)

    base = RawPrice(
        input=get("input_cost_per_token"),
        output=get("output_cost_per_token"),
        cache_read=get("cache_read_input_token_cost"),
        cache_write=get("cache_creation_input_token_cost"),
        cache_write_1h=get("cache_creation_input_token_cost_above_1hr"),
        batch_input=get("input_cost_per_token_batches"),
        batch_output=get("output_cost_per_token_batches"),
    )
    tiers: dict[int, dict[str, Any]] = {}
    for name in entry:
        match = _TIERED.match(name)
        if match:
            above = int(match.group(2)) * 1000
            tiers.setdefault(above, {"above_input_tokens": above})[_TIER_FIELD[match.group(1)]] = (
                get(name)
            )
    ranges = entry.get("tiered_pricing")
    if ranges is not None:
        if not isinstance(ranges, list):
            raise DatasetError(
                path, key, f"field 'tiered_pricing': expected a list, got {ranges!r}"
            )
        for index, band in enumerate(ranges):
            band = require_dict(band, path, key, f"tiered_pricing[{index}]")
            if "range" not in band:
                continue  # bands of another unit (search results per query)
            span = band["range"]
            if not (isinstance(span, list) and len(span) == 2):
                raise DatasetError(
                    path, key, f"field 'tiered_pricing[{index}].range': expected [from, to]"
                )
            start = token_count(span[0], path, key, f"tiered_pricing[{index}].range")
            values = {
                field_name: price(band.get(raw_name), path, key, f"tiered_pricing.{raw_name}")
                for raw_name, field_name in _TIER_FIELD.items()
            }
            if start is None:  # the first band is the base price
                for field_name, amount in values.items():
                    if getattr(base, field_name) is None:
                        setattr(base, field_name, amount)
            else:
                tiers.setdefault(start, {"above_input_tokens": start}).update(values)
    base.tiers = tuple(tiers[k] for k in sorted(tiers))
    return [base] if base.is_priced() else []


def _entry(
    key: str,
    entry: dict[str, Any],
    provider: str,
    mode: str,
    prefixes: frozenset[str],
    path: Path,
) -> RawEntry | None:
    prices = _prices(entry, path, key)
    if mode not in TEXT_MODES and not prices:
        return None
    model_id, region = provider_model_id(key, provider, prefixes)
    facts: dict[str, Any] = {}
    for field_name, names in _CAPABILITIES.items():
        value = flag(entry.get(field_name), path, key, field_name)
        if value is not None:
            for name in names:
                facts[name] = value
    m_in = modalities(entry.get("supported_modalities"), path, key, "supported_modalities")
    m_out = modalities(
        entry.get("supported_output_modalities"), path, key, "supported_output_modalities"
    )
    if m_in:
        facts["input_modalities"] = m_in
    if m_out:
        facts["output_modalities"] = m_out
    max_in = token_count(entry.get("max_input_tokens"), path, key, "max_input_tokens")
    max_out = token_count(entry.get("max_output_tokens"), path, key, "max_output_tokens")
    if max_in:
        facts["max_input_tokens"] = max_in
    if max_out:
        facts["max_output_tokens"] = max_out
    retire = day(entry.get("deprecation_date"), path, key, "deprecation_date")
    if retire:
        facts["deprecation_date"] = retire
    return RawEntry(
        provider=provider,
        model_id=model_id,
        record=key,
        facts=facts,
        max_output_tokens=max_out,
        prices=prices,
        aliases=(key,) if key != model_id else (),
        vendor_hint=_VERTEX_VENDORS.get(provider),
        region=region,
    )
