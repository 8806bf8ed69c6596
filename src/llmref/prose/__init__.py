"""Generated sentences for comparisons, tables and profiles: deterministic, our own wording.

Every function reads a structured result (:class:`~llmref.compare.Comparison`,
:class:`~llmref.compare.ComparisonTable`, :class:`~llmref.profile.Profile`) and writes sentences
that are true for it, in every combination the data allows: one provider or several, a missing
price, no benchmarks, equal prices, the same vendor. Numbers are rounded in
:mod:`llmref.formatting`, and only there.

The engines call :func:`comparison_text`, :func:`table_text` and :func:`profile_text` to attach
text to their results; this package imports the engines only for type checking, so there is no
import cycle.
"""

from llmref.prose.comparison import (
    EMPTY_COMPARISON_TEXT,
    EMPTY_TABLE_TEXT,
    ComparisonText,
    TableText,
    comparison_text,
    routing_text,
    table_text,
)
from llmref.prose.profile import EMPTY_PROFILE_TEXT, ProfileText, profile_text
from llmref.prose.routes import route_policy_sentence
from llmref.prose.sections import FaqItem

__all__ = [
    "EMPTY_COMPARISON_TEXT",
    "EMPTY_PROFILE_TEXT",
    "EMPTY_TABLE_TEXT",
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
