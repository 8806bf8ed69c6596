"""Reader for LLM Stats' model benchmark tables (github.com/JonathanChavezTamales/llm-leaderboard,
CC BY 4.0): ``data/organizations/<org>/models/<model>/benchmarks.json`` with its ``model.json``.

LLM Stats collects the figures vendors publish with their models (``is_self_reported``) and
cites the page each comes from. Scores are fractions of the benchmark's ``max_score`` (1.0);
llmref stores them as percentages (the only change made to the data). Only the benchmarks whose
version llmref can name are imported (:data:`LLM_STATS_BENCHMARKS`); a vendor reporting "GPQA"
without saying which subset goes under the "unknown subset" version, never under Diamond. A row
citing a placeholder page (``example.com``) has no source and is skipped, as are rows of
benchmarks llmref does not define; each skip carries its reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from llmref.benchmarks.upstream import Parsed, RawResult, Skipped, _date, _decimal, _host

LLM_STATS_BENCHMARKS: dict[str, str] = {
    "gpqa": "gpqa",
    "mmlu": "mmlu",
    "mmlu-pro": "mmlu-pro",
    "humaneval": "humaneval",
    "aime-2024": "aime-2024",
    "aime-2025": "aime-2025",
    "math-500": "math-500",
    "gsm8k": "gsm8k",
    "ifeval": "ifeval",
    "mgsm": "mgsm",
    "swe-bench-verified": "swe-bench-verified",
    "livecodebench": "livecodebench",
    "humanity's-last-exam": "humanitys-last-exam",
    "simpleqa": "simpleqa",
    "aider-polyglot": "aider-polyglot",
}
"""LLM Stats benchmark id -> llmref benchmark id (one version). LLM Stats' "math" (reported
by vendors on the full set or on MATH-500 alike) is left out: its version cannot be named."""

PLACEHOLDER_HOSTS = frozenset({"example.com", "www.example.com"})
HUNDRED = Decimal(100)


def _percent(fraction: Decimal) -> Decimal:
    """0.402 -> 40.2 (no exponent: 0.5 gives 50, not 5E+1)."""
    return Decimal(format((fraction * HUNDRED).normalize(), "f"))


def _when(model: dict[str, Any]) -> date | None:
    """A vendor publishes its figures with the model: the announcement date, else release."""
    return _date(model.get("announcement_date")) or _date(model.get("release_date"))


def read_llm_stats(files: Iterable[tuple[str, str, str]]) -> Parsed:
    """`files`: (path of benchmarks.json, its text, the text of the model.json beside it)."""
    out = Parsed()
    for path, text, model_text in files:
        try:
            rows = json.loads(text)
            model = json.loads(model_text)
        except json.JSONDecodeError as exc:
            out.skipped.append(Skipped(path, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(rows, list) or not isinstance(model, dict):
            out.skipped.append(Skipped(path, "expected a list of results and a model object"))
            continue
        org = path.split("/")[2]
        model_id = str(model.get("model_id") or path.split("/")[-2])
        name = str(model.get("name") or model_id)
        published = _when(model)
        for row in rows:
            bench = str(row.get("benchmark_id", ""))
            record = f"{path}#{bench}"
            bench_id = LLM_STATS_BENCHMARKS.get(bench)
            if bench_id is None:
                out.skipped.append(Skipped(record, f"benchmark {bench!r} is not defined in llmref"))
                continue
            fraction = _decimal(row.get("score"))
            source = str(row.get("self_reported_source_link") or "").strip()
            if fraction is None or not (0 <= fraction <= 1):
                out.skipped.append(Skipped(record, "score is not a fraction between 0 and 1"))
                continue
            if not source.startswith("https://") or _host(source) in PLACEHOLDER_HOSTS:
                out.skipped.append(Skipped(record, f"no source page (cites {source or 'none'})"))
                continue
            vendor = bool(row.get("is_self_reported"))
            method = str(row.get("analysis_method") or "").strip()
            out.results.append(
                RawResult(
                    benchmark=bench_id,
                    names=(f"{org}/{model_id}", model_id, name),
                    model_name=name,
                    value=_percent(fraction),
                    measured=_date(row.get("verification_date")) or published,
                    source=source,
                    record=record,
                    settings=f"metric {method}" if method else None,
                    measured_by=f"{org} (vendor)" if vendor else None,
                    self_reported=True if vendor else None,
                )
            )
    return out
