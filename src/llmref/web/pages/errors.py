"""The 404 page: an unknown model, vendor or provider id (with the closest ids, linked) or a path
with no page. Typed context; ``not_found.html`` renders it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from llmref.catalog import UnknownIdError
from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link
from llmref.web.views import link


@dataclass(frozen=True, slots=True)
class NotFoundData:
    """The JSON twin's body (the API answers the same, with a 404)."""

    error: str
    kind: str
    wanted: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NotFoundPage:
    kind: str
    """What was asked for: "model", "vendor", "provider", "page", …"""
    wanted: str
    suggestions: tuple[Link, ...]
    """The closest ids of that kind, each linked to its page."""


def build_not_found(env: Env, error: UnknownIdError) -> Page:
    links = env.links
    builders: dict[str, Callable[[str], str | None]] = {
        "model": links.model,
        "provider": links.provider,
        "vendor": links.vendor,
    }
    build = builders.get(error.kind, links.model)
    view = NotFoundPage(
        error.kind, error.wanted, tuple(link(build(s), s) for s in error.suggestions)
    )
    data = NotFoundData(str(error), error.kind, error.wanted, error.suggestions)
    return Page("not_found.html", f"Unknown {error.kind}", data, view, status=404)


def build_missing_page(env: Env, path: str) -> Page:
    view = NotFoundPage("page", path, ())
    data = NotFoundData(f"No page at {path}", "page", path, ())
    return Page("not_found.html", "Page not found", data, view, status=404)
