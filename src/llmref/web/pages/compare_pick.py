"""The model picker, ``/compare`` without (or with wrong) ``?models=``: a form for two to five
models by id or alias, with what was wrong with the ids given."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from llmref.web.page import Env, Page


@dataclass(frozen=True, slots=True)
class ComparePickData:
    """The model picker, with what was wrong with the ids given (if anything): the JSON twin."""

    models: tuple[str, ...]
    errors: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Choice:
    """A model the form's list offers."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ComparePickPage:
    wanted: tuple[str, ...]
    """The form's fields: the ids asked for, padded to three."""
    errors: Mapping[str, str]
    """Id (or "models") -> what is wrong with it."""
    choices: tuple[Choice, ...]
    """The site's top models, for the form's list."""


def build_compare_pick(env: Env, wanted: Sequence[str], errors: Mapping[str, str]) -> Page:
    summaries = env.dated.summaries
    view = ComparePickPage(
        wanted=tuple(wanted) + ("",) * max(0, 3 - len(wanted)),
        errors=dict(errors),
        choices=tuple(Choice(m, summaries[m].name) for m in env.dated.top_models[:200]),
    )
    data = ComparePickData(tuple(wanted), dict(errors))
    return Page("compare_pick.html", "Compare models", data, view, status=422 if errors else 200)
