"""Links to a disagreement's row on the conflicts page, from any page that flags a fact the
sources disagree on (a model page, a comparison's spec table).

Kept apart from the conflicts page's context (:mod:`llmref.web.pages.conflicts`), which imports
the views that flag facts: both import this module, and it imports neither.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from llmref.catalog import Catalog

PER_PAGE = 50
"""Disagreements per page of ``/conflicts`` (each row lists every value with its source)."""


@lru_cache(maxsize=65536)
def conflict_anchor(subject: str, field: str) -> str:
    """The HTML id of a disagreement's row."""
    text = f"c-{subject}-{field}".lower()
    return "".join(ch if ch.isalnum() else "-" for ch in text)


def _positions(catalog: Catalog) -> dict[tuple[str, str], int]:
    """Each disagreement's place in the full list in its default order (the catalogue's), by
    subject and field; made once per catalogue snapshot."""
    found: dict[tuple[str, str], int] | None = catalog._lazy.get("web.conflict_positions")
    if found is None:
        found = {(c.subject, c.field): i for i, c in enumerate(catalog.conflicts)}
        catalog._lazy["web.conflict_positions"] = found
    return found


def conflict_href(links: Any, catalog: Catalog, subject: str, field: str) -> str | None:
    """The link to a disagreement's row: on its model's own list (``/conflicts?model=<id>``)
    when the site has that page, else (a static export, which writes the full list's pages
    instead) on the page of the full list that holds the row."""
    anchor = conflict_anchor(subject, field)
    model_id = subject.partition(":")[2].partition("@")[0]
    base = links.conflicts(params={"model": model_id})
    if base is None:
        at = _positions(catalog).get((subject, field), 0)
        page = at // PER_PAGE + 1
        base = links.conflicts(params={"page": page}) if page > 1 else links.conflicts()
    return None if base is None else f"{base}#{anchor}"


def export_paths(catalog: Catalog) -> list[str]:
    """The pages after the first of the full list, as a static export writes them (it has no
    query strings: ``/conflicts?page=2`` is written to ``conflicts/page/2/index.html``)."""
    pages = -(-len(catalog.conflicts) // PER_PAGE)
    return [f"/conflicts?page={n}" for n in range(2, pages + 1)]


__all__ = ["PER_PAGE", "conflict_anchor", "conflict_href", "export_paths"]
