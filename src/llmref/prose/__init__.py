"""Generated sentences for comparisons, tables and profiles: deterministic, our own wording.

Every function reads a structured result (:class:`~llmref.compare.Comparison`,
:class:`~llmref.compare.ComparisonTable`, :class:`~llmref.profile.Profile`) and writes sentences
that are true for it, in every combination the data allows: one provider or several, a missing
price, no benchmarks, equal prices, the same vendor. Numbers are rounded in
:mod:`llmref.formatting`, and only there.

The views call :func:`comparison_text`, :func:`table_text` and :func:`profile_text` for the text
of an engine's result; the engines never import this package (a test walks the import graph).
"""

from llmref.prose.comparison import (
    ComparisonText,
    TableText,
    comparison_text,
    routing_text,
    table_text,
)
from llmref.prose.profile import ProfileText, profile_text
from llmref.prose.routes import route_policy_sentence
from llmref.prose.sections import FaqItem

__all__ = [
    "ComparisonText",
    "FaqItem",
    "ProfileText",
    "TableText",
    "comparison_text",
    "profile_text",
    "route_policy_sentence",
    "routing_text",
    "table_text",
]
