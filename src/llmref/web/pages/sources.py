"""``/sources``: every dataset the catalogue imports (version, licence, home page) and every
public page a curated fact cites, each with how many facts, prices and results cite it. Typed
context; ``sources.html`` renders it."""

from __future__ import annotations

from dataclasses import dataclass

from llmref import formatting as fmt
from llmref.catalog import Source
from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link
from llmref.web.urls import source_anchor_id
from llmref.web.views import external


@dataclass(frozen=True, slots=True)
class SourceEntry:
    source: Source
    citations: int
    """Facts, prices and results that cite this source."""


@dataclass(frozen=True, slots=True)
class SourcesData:
    """The JSON twin and ``/api/v1/sources``."""

    datasets: list[SourceEntry]
    urls: list[SourceEntry]


@dataclass(frozen=True, slots=True)
class SourceRow:
    anchor: str
    """The row's id: facts link to ``/sources#<anchor>``."""
    name: str
    link: Link | str
    """The source's home page, or "—"."""
    version: str
    license: str
    citations: str


@dataclass(frozen=True, slots=True)
class SourcesPage:
    datasets: tuple[SourceRow, ...]
    """Imported datasets."""
    urls: tuple[SourceRow, ...]
    """Public pages curated facts cite."""


def _row(e: SourceEntry) -> SourceRow:
    s = e.source
    return SourceRow(
        anchor=source_anchor_id(s.id),
        name=s.name,
        link=external(s.url, s.url) if s.url else fmt.MISSING,
        version=s.version or fmt.MISSING,
        license=s.license or fmt.MISSING,
        citations=fmt.count(e.citations),
    )


def build_sources(env: Env) -> Page:
    cites = env.derived.citations
    datasets: list[SourceEntry] = []
    urls: list[SourceEntry] = []
    for s in env.catalog.sources.values():
        entry = SourceEntry(s, cites.get(s.id, 0))
        (datasets if s.kind == "dataset" else urls).append(entry)
    view = SourcesPage(tuple(map(_row, datasets)), tuple(map(_row, urls)))
    return Page("sources.html", "Sources", SourcesData(datasets, urls), view)
