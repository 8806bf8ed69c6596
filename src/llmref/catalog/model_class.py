"""A model's class (chat, reasoning, embedding, rerank, image, video, speech, moderation), derived
from its facts by the written rules in ``docs/rules.md``. Engines use it to compare like with
like: an embedding model has no answers to write and no chat workload to price.

The class is computed, not stored: it follows the facts, so a corrected modality changes it.
"""

from __future__ import annotations

import re

from llmref.catalog.types import Model

MODEL_CLASSES = (
    "chat",
    "reasoning",
    "embedding",
    "rerank",
    "image",
    "video",
    "speech",
    "moderation",
)
"""Every class, in the order pages list them."""

TEXT_CLASSES = frozenset({"chat", "reasoning"})
"""Classes that write text answers: chat presets, output limits and text benchmarks apply."""

_EMBEDDING = re.compile(r"(^|[-_/.])(text-)?embed(ding)?s?([-_/.]|\d|$)|embedding")
_RERANK = re.compile(r"rerank")
_MODERATION = re.compile(r"moderation|(^|[-_/])(llama-)?guard([-_/]|\d|$)|shieldgemma")
_SPEECH = re.compile(r"whisper|transcri|(^|[-_/])tts([-_/]|\d|$)|speech|voxtral-mini-transcribe")


def model_class(model: Model) -> str:
    """The class of `model`, first matching rule wins:

    1. output modality `embedding`, or an id naming an embedding -> "embedding";
    2. an id naming a reranker -> "rerank";
    3. an id naming a moderation or guard model -> "moderation";
    4. outputs without text: image -> "image", video -> "video", audio -> "speech";
    5. audio in and text out with an id naming transcription or speech -> "speech";
    6. the reasoning capability -> "reasoning";
    7. otherwise -> "chat".
    """
    ident = f"{model.id} {model.name}".lower()
    outputs = tuple(model.value("output_modalities") or ())
    inputs = tuple(model.value("input_modalities") or ())
    if "embedding" in outputs or _EMBEDDING.search(ident):
        return "embedding"
    if _RERANK.search(ident):
        return "rerank"
    if _MODERATION.search(ident):
        return "moderation"
    if outputs and "text" not in outputs:
        if "image" in outputs:
            return "image"
        if "video" in outputs:
            return "video"
        if "audio" in outputs:
            return "speech"
    if inputs == ("audio",) or (_SPEECH.search(ident) and "audio" in inputs + outputs):
        return "speech"
    if model.capability("reasoning"):
        return "reasoning"
    return "chat"


def is_text_model(model: Model) -> bool:
    return model_class(model) in TEXT_CLASSES
