"""Usage analysis: what real traffic cost at the prices of its day, and what it would cost
elsewhere.

* :func:`read` — usage inputs (generic CSV/JSONL/Parquet, Claude Code and Codex session logs,
  OpenAI/OpenRouter/LiteLLM exports) into one validated canonical log (:mod:`.schema`);
* :func:`build_report` — price every request with the catalogue's price history (DuckDB through
  Ibis by default, any Ibis backend such as Spark on request) and summarise it;
* :mod:`.html` — the offline HTML report.

Nothing here writes to the catalogue store.
"""

from llmref.usage.load import INPUT_KINDS, Log, Source, read
from llmref.usage.report import GROUPINGS, Line, UsageReport, build_report, priced_rows
from llmref.usage.schema import LOG_SCHEMA, Problem, UsageInputError
from llmref.usage.whatif import Alternative, CachingWhatIf, RoutingSimulation

__all__ = [
    "GROUPINGS",
    "INPUT_KINDS",
    "LOG_SCHEMA",
    "Alternative",
    "CachingWhatIf",
    "Line",
    "Log",
    "Problem",
    "RoutingSimulation",
    "Source",
    "UsageInputError",
    "UsageReport",
    "build_report",
    "priced_rows",
    "read",
]
