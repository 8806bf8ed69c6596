"""Model classes derived from facts (docs/rules.md)."""

from __future__ import annotations

from datetime import date

import pytest

from llmref.catalog import Fact, Model, model_class
from llmref.store import open_catalog


def _model(model_id: str, **facts: object) -> Model:
    return Model(
        model_id,
        model_id,
        None,
        None,
        (),
        {k: Fact(v, "https://x.example", date(2026, 1, 1)) for k, v in facts.items()},
    )


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (_model("text-embedding-3-small", output_modalities=("text",)), "embedding"),
        (_model("vec-1", output_modalities=("embedding",)), "embedding"),
        (_model("cohere-rerank-v3-english"), "rerank"),
        (_model("llama-guard-3-8b"), "moderation"),
        (_model("flux-pro", output_modalities=("image",)), "image"),
        (_model("veo-3", output_modalities=("video",)), "video"),
        (_model("tts-1", output_modalities=("audio",)), "speech"),
        (_model("whisper-1", input_modalities=("audio",), output_modalities=("text",)), "speech"),
        (_model("thinker", reasoning=True), "reasoning"),
        (_model("talker", reasoning=False, output_modalities=("text",)), "chat"),
    ],
)
def test_classes_follow_the_written_rules(model: Model, expected: str) -> None:
    assert model_class(model) == expected


def test_real_catalogue_classes() -> None:
    catalog = open_catalog()
    assert model_class(catalog.model("gpt-4o-mini")) == "chat"
    assert model_class(catalog.model("text-embedding-3-small")) == "embedding"
    assert model_class(catalog.model("deepseek-r1")) == "reasoning"
    assert model_class(catalog.model("dall-e-3")) == "image"
