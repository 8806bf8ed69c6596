"""Provider exports: column presets for the generic file reader.

Each preset says which export column feeds each canonical field; ``--map`` still overrides
one. Where a row carries the provider's own cost (OpenRouter's ``cost_total``, LiteLLM's
``spend``), it is kept as ``provider_cost`` and the report shows the difference from llmref's
price.

* ``openai`` — OpenAI's usage export (the Usage API's completions buckets, flattened: one row per
  bucket with ``start_time``, ``model``, ``input_tokens`` (cached included),
  ``input_cached_tokens``, ``output_tokens``, ``num_model_requests``, ``batch``, ``project_id``).
  A bucket stands for ``num_model_requests`` requests; their average size decides tiers.
* ``openrouter`` — OpenRouter's activity export (``created_at``, ``model_permaslug``,
  ``provider_name``, ``tokens_prompt``, ``tokens_completion``, ``tokens_reasoning``,
  ``tokens_cached``, ``cost_total``, ``app_name``, ``generation_id``).
* ``litellm`` — LiteLLM's spend logs (``startTime``, ``model``, ``custom_llm_provider``,
  ``prompt_tokens``, ``completion_tokens``, ``spend``, ``request_tags``, ``team_id``,
  ``session_id``).
"""

from __future__ import annotations

from collections.abc import Mapping

OPENAI: Mapping[str, tuple[str, ...]] = {
    "ts": ("start_time", "timestamp"),
    "model": ("model",),
    "input_tokens": ("input_tokens",),
    "output_tokens": ("output_tokens",),
    "cached_input_tokens": ("input_cached_tokens",),
    "requests": ("num_model_requests",),
    "batch": ("batch",),
    "project": ("project_id",),
    "tag": ("api_key_id", "user_id"),
}

OPENROUTER: Mapping[str, tuple[str, ...]] = {
    "ts": ("created_at",),
    "model": ("model_permaslug", "model"),
    "provider": ("provider_name",),
    "input_tokens": ("tokens_prompt",),
    "output_tokens": ("tokens_completion",),
    "cached_input_tokens": ("tokens_cached",),
    "reasoning_tokens": ("tokens_reasoning",),
    "provider_cost": ("cost_total",),
    "tag": ("app_name", "api_key_name"),
    "session": ("generation_id",),
}

LITELLM: Mapping[str, tuple[str, ...]] = {
    "ts": ("startTime", "start_time"),
    "model": ("model",),
    "provider": ("custom_llm_provider",),
    "input_tokens": ("prompt_tokens",),
    "output_tokens": ("completion_tokens",),
    "provider_cost": ("spend",),
    "tag": ("request_tags",),
    "project": ("team_id",),
    "session": ("session_id",),
}

PRESETS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "openai": OPENAI,
    "openrouter": OPENROUTER,
    "litellm": LITELLM,
}
