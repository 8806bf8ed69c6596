"""Typed parts the comparison-side pages share: a link and a fact's provenance (the types of
:mod:`llmref.web.pages.listing`), and the cells of a comparison table (each cell carries the
source and review date of its value, so no view looks provenance up again). Data and formatted
strings only; ``_parts.html`` renders them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from llmref import compare
from llmref import formatting as fmt
from llmref.web.pages.listing import Link, Provenance

__all__ = ["Link", "Provenance", "TableCell", "TableRow", "provenance", "table_rows"]


def provenance(links: Any, source: str, reviewed: date) -> Provenance:
    """A fact's provenance, linked as :meth:`llmref.web.urls.Links.source_href` links it."""
    return _provenance(links.source_href(source), source, reviewed)


@lru_cache(maxsize=16384)
def _provenance(href: str | None, source: str, reviewed: date) -> Provenance:
    # Cached: a comparison shows the same few sources on most of its cells.
    return Provenance(source, fmt.source_host(source), href, reviewed.isoformat())


@dataclass(frozen=True, slots=True)
class TableCell:
    """One model's value in a comparison row."""

    text: str
    best: bool
    """The single best value of the row (marked ★)."""
    prov: Provenance | None
    """The value's source and review date; None for a derived value (a count, a label)."""


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    cells: tuple[TableCell, ...]
    """One cell per model, in the page's model order."""


def table_rows(links: Any, rows: Sequence[compare.Row]) -> tuple[TableRow, ...]:
    """The engine's rows as display rows: each cell's text, its star, its provenance (carried
    by the cell itself, :class:`llmref.compare.Cell`)."""
    out = []
    for row in rows:
        cells = tuple(
            TableCell(
                cell.text,
                row.best == i,
                None
                if cell.source is None or cell.reviewed is None
                else provenance(links, cell.source, cell.reviewed),
            )
            for i, cell in enumerate(row.cells)
        )
        out.append(TableRow(row.label, cells))
    return tuple(out)
