"""Comparison of two models (and tables of three to five): one structured result for every view.

:func:`build_comparison` gathers the facts of both models (:func:`build_side`), costs them at a
traffic level on their cheapest routes, and derives the decision material: scorecard, reasons to
choose each, switch friction, specs/pricing/capability tables, shared benchmarks and speed.
The engine returns data, never sentences: a view (CLI, web page, JSON, Markdown) asks
:mod:`llmref.prose` for the text of a result, and nothing is computed in a template.
:func:`build_table` does the same for three to five models.

Pure: no file, clock or network access; ``as_of`` is passed in.
"""

from llmref.compare.pair import (
    Comparison,
    MonthlyGap,
    Reason,
    RelatedPair,
    Speed,
    Switch,
    build_comparison,
    pair_slug,
)
from llmref.compare.rows import BenchmarkPair, Cell, CellValue, Row, spec_rows
from llmref.compare.side import Capability, Side, build_side
from llmref.compare.table import ComparisonTable, build_table
from llmref.compare.verdict import (
    MATERIAL,
    BenchmarkLead,
    ChooseWhen,
    Ranked,
    Risk,
    Verdict,
    differs,
)

__all__ = [
    "MATERIAL",
    "BenchmarkLead",
    "BenchmarkPair",
    "Capability",
    "Cell",
    "CellValue",
    "ChooseWhen",
    "Comparison",
    "ComparisonTable",
    "MonthlyGap",
    "Ranked",
    "Reason",
    "RelatedPair",
    "Risk",
    "Row",
    "Side",
    "Speed",
    "Switch",
    "Verdict",
    "build_comparison",
    "build_side",
    "build_table",
    "differs",
    "pair_slug",
    "spec_rows",
]
