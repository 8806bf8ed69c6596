"""The spelling rules behind identity resolution, on ids of the pinned datasets."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmref.catalog.load import load_curated
from llmref.importers.common import RawEntry, SourceData
from llmref.importers.identity import Curated, Resolver
from llmref.importers.rulings import Rulings, load_rulings
from llmref.importers.spelling import same_name_key

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("glm-4p6", "glm-4.6"),  # Fireworks writes `p` for the point
        ("llama-v3p3-70b-instruct", "llama-3.3-70b-instruct"),
        ("kimi-k2p6", "kimi-k2.6"),
        ("claude-4.5-haiku", "claude-haiku-4-5"),  # word order
        ("claude-4.5-haiku-20251001", "claude-haiku-4-5-20251001"),
        ("gpt-35-turbo", "gpt-3.5-turbo"),  # Azure's dotless version
        ("qwen3-vl:235b", "qwen3-vl-235b-a22b"),  # Ollama tag; active parameters optional
        ("llama3-3-70b", "llama-3.3-70b"),
        ("llama3.3-70b-instruct-fp8", "llama-3.3-70b-instruct"),  # number format
        ("llama-3.3-70b-instruct-fp8-dynamic", "llama-3.3-70b-instruct"),
        ("rerank-v3-5", "rerank-v3.5"),
    ],
)
def test_spellings_of_one_name_meet(a: str, b: str) -> None:
    assert same_name_key(a) == same_name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("deepseek-llama3.3-70b", "llama-3.3-70b"),  # DeepSeek's R1 distill of Llama
        ("rerank-v3.5", "rerank-v3"),
        ("llama-3-70b", "llama-3-70b-instruct"),  # base and instruction-tuned
        ("x-1-3", "x-3-1"),  # a version's parts keep their order
        ("claude-haiku-4-5", "claude-haiku-4-5-20251001"),  # a date is no version part
        ("gpt-4o", "gpt-4o-mini"),
        ("qwen3-235b-a22b-thinking-2507", "qwen3-235b-a22b-instruct-2507"),
    ],
)
def test_different_models_stay_apart(a: str, b: str) -> None:
    assert same_name_key(a) != same_name_key(b)


def _source(dataset: str, *entries: tuple[str, str]) -> SourceData:
    from datetime import date

    data = SourceData(dataset, "1", date(2026, 1, 1), Path(dataset))
    data.entries = [RawEntry(provider=p, model_id=m, record=f"{p}:{m}") for p, m in entries]
    return data


def _resolve(curated: Curated, *sources: SourceData) -> dict[str, tuple[str, str | None]]:
    resolutions, _ = Resolver(curated).resolve(list(sources))
    return {
        f"{e.provider}|{e.model_id}": (resolutions[id(e)].model, resolutions[id(e)].vendor)
        for s in sources
        for e in s.entries
        if id(e) in resolutions
    }


CURATED = Curated.from_bundle(load_curated(DATA), load_rulings(DATA))


def test_the_named_look_alikes_resolve_to_one_model_each() -> None:
    out = _resolve(
        CURATED,
        _source(
            "models-dev",
            ("moonshotai", "kimi-k2.6"),
            ("fireworks-ai", "accounts/fireworks/models/kimi-k2p6"),
            ("kimi-for-coding", "k2p6"),
            ("anthropic", "claude-haiku-4-5"),
            ("helicone", "claude-4.5-haiku"),
            ("zai", "glm-4.6"),
            ("fireworks-ai", "accounts/fireworks/models/glm-4p6"),
            ("openai", "gpt-3.5-turbo"),
            ("azure", "gpt-35-turbo"),
            ("alibaba", "qwen3-vl-235b-a22b"),
            ("ollama-cloud", "qwen3-vl:235b"),
        ),
    )
    assert out["fireworks-ai|accounts/fireworks/models/kimi-k2p6"][0] == "kimi-k2.6"
    assert out["kimi-for-coding|k2p6"] == ("kimi-k2.6", "moonshotai")
    assert out["helicone|claude-4.5-haiku"][0] == "claude-haiku-4-5"
    assert out["fireworks-ai|accounts/fireworks/models/glm-4p6"][0] == "glm-4.6"
    assert out["azure|gpt-35-turbo"][0] == "gpt-3.5-turbo"
    assert out["ollama-cloud|qwen3-vl:235b"][0] == "qwen3-vl-235b-a22b"


def test_wrong_merges_are_split() -> None:
    out = _resolve(
        CURATED,
        _source(
            "litellm",
            ("snowflake", "llama3.3-70b"),
            ("lambda_ai", "deepseek-llama3.3-70b"),
            ("bedrock", "cohere.rerank-v3-5:0"),
            ("cohere", "rerank-v3.5"),
            ("replicate", "meta/llama-3-70b"),
            ("replicate", "meta/llama-3-70b-instruct"),
        ),
    )
    assert out["lambda_ai|deepseek-llama3.3-70b"] == ("deepseek-llama3.3-70b", "deepseek")
    assert out["snowflake|llama3.3-70b"][0] != "deepseek-llama3.3-70b"
    assert out["bedrock|cohere.rerank-v3-5:0"][0] == "rerank-v3.5"
    assert out["replicate|meta/llama-3-70b"][0] == "llama-3-70b"
    assert out["replicate|meta/llama-3-70b-instruct"][0] == "llama-3-70b-instruct"


def test_base_and_instruct_meet_unless_a_provider_lists_both() -> None:
    entries = [("groq", "llama-4-maverick-17b"), ("together", "llama-4-maverick-17b-instruct")]
    out = _resolve(Curated(), _source("litellm", *entries))
    assert out["groq|llama-4-maverick-17b"][0] == out["together|llama-4-maverick-17b-instruct"][0]
    both = [*entries, ("together", "llama-4-maverick-17b")]
    out = _resolve(Curated(), _source("litellm", *both))
    assert out["groq|llama-4-maverick-17b"][0] != out["together|llama-4-maverick-17b-instruct"][0]


def test_a_ruling_merges_and_another_keeps_apart(tmp_path: Path) -> None:
    (tmp_path / "identity-rulings.toml").write_text(
        "[[ruling]]\n"
        'models = ["llama-3.3-70b-versatile", "llama-3.3-70b-instruct"]\n'
        'decision = "merge"\nreason = "Groq\'s id"\n'
        'source = "https://console.groq.com/docs/models"\nreviewed = 2026-11-27\n'
        "[[ruling]]\n"
        'models = ["gpt-3.5-turbo", "gpt-35-turbo"]\n'
        'decision = "keep-apart"\nreason = "for the test"\n'
        'source = "https://example.org"\nreviewed = 2026-11-27\n',
        encoding="utf-8",
    )
    rulings = load_rulings(tmp_path)
    entries = (
        ("groq", "llama-3.3-70b-versatile"),
        ("together", "meta-llama/Llama-3.3-70B-Instruct"),
        ("openai", "gpt-3.5-turbo"),
        ("azure", "gpt-35-turbo"),
    )
    without = _resolve(Curated(), _source("litellm", *entries))
    assert without["groq|llama-3.3-70b-versatile"][0] == "llama-3.3-70b-versatile"
    assert without["azure|gpt-35-turbo"][0] == "gpt-3.5-turbo"
    ruled = _resolve(Curated(rulings=rulings), _source("litellm", *entries))
    assert ruled["groq|llama-3.3-70b-versatile"][0] == "llama-3.3-70b-instruct"
    assert ruled["azure|gpt-35-turbo"][0] == "gpt-35-turbo"


def test_a_malformed_ruling_is_an_error_naming_it(tmp_path: Path) -> None:
    from llmref.catalog.errors import CatalogDataError

    (tmp_path / "identity-rulings.toml").write_text(
        '[[ruling]]\nmodels = ["a-1"]\ndecision = "merge"\n', encoding="utf-8"
    )
    with pytest.raises(CatalogDataError) as caught:
        load_rulings(tmp_path)
    assert "ruling 1" in str(caught.value) and "'models'" in str(caught.value)
    assert load_rulings(tmp_path / "absent") == Rulings()


def test_vendors_from_lab_namespaces_and_house_models() -> None:
    out = _resolve(
        Curated(),
        _source(
            "models-dev",
            ("nano-gpt", "Sao10K/L3-8B-Stheno-v3.2"),
            ("gitlab", "duo-chat-gpt-5-6-terra"),
            ("cognition", "swe-1-6"),
            ("openrouter", "stealth/crouton-alpha"),
        ),
    )
    assert out["nano-gpt|Sao10K/L3-8B-Stheno-v3.2"][1] == "sao10k"
    assert out["gitlab|duo-chat-gpt-5-6-terra"][1] == "openai"
    assert out["cognition|swe-1-6"][1] == "cognition"
    assert out["openrouter|stealth/crouton-alpha"][1] is None  # a gateway's anonymous model
