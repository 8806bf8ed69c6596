"""The model page; its context is :mod:`llmref.web.pages.model` (kept here under its old names
for the routes and callers that import it)."""

from __future__ import annotations

from llmref.web.page import Env, Page
from llmref.web.pages.model import SPEC_FIELDS, alternative_reason, build_model

__all__ = ["SPEC_FIELDS", "alternative_reason", "model_page"]


def model_page(env: Env, model_id: str) -> Page:
    return build_model(env, model_id)
