"""Errors of the catalogue layer (no heavy imports: the CLI catches these)."""

from __future__ import annotations


class CatalogDataError(ValueError):
    """A data file breaks the schema. The message names the file, the record and the field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:20]
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__("\n".join(shown) + more)
