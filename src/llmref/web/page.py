"""The two objects every page is made of: the request's environment and the page context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from llmref.catalog import Catalog
from llmref.web.precomputed import DatedView, Derived
from llmref.web.urls import Links


@dataclass(frozen=True, slots=True)
class Env:
    """What a context function may read: the catalogue snapshot, what is derived from it, the
    date prices are read on, and the link builder for the page being rendered."""

    catalog: Catalog
    derived: Derived
    links: Links
    as_of: date
    today: date
    routes: str = "trusted"
    """The route policy (``?routes=trusted|all|vendor``) cheapest routes are chosen under."""
    site_url: str | None = None
    """The site's public address (no trailing slash) for absolute links such as the canonical
    URL; None in a static export made without ``--base-url`` (links stay relative)."""

    @property
    def dated(self) -> DatedView:
        return self.derived.on(self.as_of)


@dataclass(frozen=True, slots=True)
class Page:
    """One page's context. The HTML template renders `view` (precomputed display values); the
    ``.json`` twin and the API serialise `data`. Both come from the same function call."""

    template: str
    title: str
    data: Any
    view: Any = field(default_factory=dict)
    """What the template prints: a dict of display values, or a page's typed context (a frozen
    dataclass of :mod:`llmref.web.pages`); templates read both as ``v.<name>``."""
    status: int = 200
    description: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    encode: Callable[[], bytes] | None = None
    """Serialises `data` (the JSON twin's bytes) when the page has a faster way to than
    :func:`llmref.web.json_twin.to_json`; it must return exactly what ``to_json(data)`` would."""


class Redirect(Exception):
    """A context function's answer when the URL asked for is not the canonical one."""

    def __init__(self, location: str, status: int = 301) -> None:
        super().__init__(location)
        self.location = location
        self.status = status
