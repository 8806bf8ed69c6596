"""Reader for Epoch AI's Benchmarking Hub export (``benchmark_data.zip``, CC BY 4.0), as committed
to a public repository: ``benchmark_data/<benchmark>.csv``.

Epoch runs the benchmarks of :data:`EPOCH_RUNS` itself, one harness for every model, and
publishes each run's mean score as a fraction of 1 with the date the run started; llmref
stores the score as a percentage rounded to 0.01 point (the run's standard error is about
2 points). ``epoch_capabilities_index.csv`` holds the Epoch Capabilities Index (ECI), an index
Epoch fits over many benchmarks; it is refitted whenever the data changes, so one export is one
version, dated by the export.

Epoch names a run by the model's API id with the setting after an underscore
(``gpt-5-2025-08-07_high``: reasoning effort high; ``claude-sonnet-4-20250514_16K``: a thinking
budget of 16K tokens). The setting travels with the result; identity resolution tries the full
name, then the API id without the setting. Nothing else is stripped: ``-webapp`` runs (the chat
product, not the API) and base checkpoints keep their own names and stay unmatched unless the
catalogue knows them.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from llmref.benchmarks.upstream import Parsed, RawResult, Skipped, _date, _decimal

EPOCH_RUNS: dict[str, tuple[str, str]] = {
    "gpqa_diamond.csv": ("gpqa-diamond", "https://epoch.ai/benchmarks/gpqa-diamond"),
    "math_level_5.csv": ("math-level-5", "https://epoch.ai/benchmarks/math-level-5"),
    "otis_mock_aime_2024_2025.csv": (
        "otis-mock-aime-2024-2025",
        "https://epoch.ai/benchmarks/otis-mock-aime",
    ),
}
"""Export file -> (llmref benchmark id, Epoch's page for it): the benchmarks Epoch runs itself
on many models. The "_external" files (results Epoch collects from other leaderboards) and the
small or private sets are not imported."""

ECI_FILE = "epoch_capabilities_index.csv"
ECI_SOURCE = "https://epoch.ai/benchmarks/eci"
MEASURED_BY = "Epoch AI"

_SETTING = re.compile(
    r"^(?P<base>.+?)(?:_(?P<effort>minimal|low|medium|high|xhigh|max|none|unknown)"
    r"|_(?P<budget>\d+)[Kk]|_(?P<thinking>thinking)| \((?P<paren>\d+)K thinking\))$"
)
_CENT = Decimal("0.01")


def split_setting(version: str) -> tuple[str, str | None]:
    """``gpt-5-2025-08-07_high`` -> (``gpt-5-2025-08-07``, "reasoning effort high");
    a name without a setting comes back whole with None."""
    name = version.strip()
    found = _SETTING.match(name)
    if found is None:
        return name, None
    base = found["base"]
    if found["effort"] == "unknown":
        return base, "reasoning effort not stated"
    if found["effort"]:
        return base, f"reasoning effort {found['effort']}"
    if found["thinking"]:
        return base, "thinking mode"
    budget = found["budget"] or found["paren"]
    return base, f"thinking budget {budget}K tokens"


def _rows(text: str) -> list[dict[str, str]]:
    # The export's files start with a byte-order mark.
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _names(version: str) -> tuple[tuple[str, ...], str | None]:
    base, setting = split_setting(version)
    names = (version.strip(), base) if base != version.strip() else (base,)
    return names, setting


def _round(value: Decimal) -> Decimal:
    """To 0.01, without trailing zeros or an exponent: 0.85 * 100 -> 85, 0.8005... -> 80.05."""
    return Decimal(format(value.quantize(_CENT, rounding=ROUND_HALF_EVEN).normalize(), "f"))


def read_epoch_runs(path: str, text: str) -> Parsed:
    """One benchmark file of :data:`EPOCH_RUNS`: a result per run, dated by its start."""
    bench_id, page = EPOCH_RUNS[path.rsplit("/", 1)[-1]]
    out = Parsed()
    for row in _rows(text):
        version = (row.get("Model version") or "").strip()
        record = f"{path}#{row.get('id') or version}"
        if not version:
            out.skipped.append(Skipped(record, "no model version"))
            continue
        fraction = _decimal(row.get("mean_score") or row.get("Best score (across scorers)"))
        if fraction is None or not (0 <= fraction <= 1):
            out.skipped.append(Skipped(record, "score is not a fraction between 0 and 1"))
            continue
        started = _date(row.get("Started at"))
        if started is None:
            out.skipped.append(Skipped(record, "no run date (Started at)"))
            continue
        names, setting = _names(version)
        log = (row.get("Log viewer") or "").strip()
        out.results.append(
            RawResult(
                benchmark=bench_id,
                names=names,
                model_name=version,
                value=_round(fraction * 100),
                measured=started,
                source=log if log.startswith("https://") else page,
                record=record,
                settings=setting,
                measured_by=MEASURED_BY,
                self_reported=False,
            )
        )
    return out


def read_epoch_eci(path: str, text: str, bench_id: str, exported: date) -> Parsed:
    """``epoch_capabilities_index.csv``: one result per model version with a score, all dated
    by the export (`exported`): the index is refitted with every export."""
    out = Parsed()
    for row in _rows(text):
        version = (row.get("Model version") or "").strip()
        record = f"{path}#{version}"
        score = _decimal(row.get("ECI Score"))
        if not version or score is None or score <= 0:
            out.skipped.append(Skipped(record, "no ECI score in this export"))
            continue
        names, setting = _names(version)
        out.results.append(
            RawResult(
                benchmark=bench_id,
                names=names,
                model_name=version,
                value=_round(score),
                measured=exported,
                source=ECI_SOURCE,
                record=record,
                settings=setting,
                measured_by=MEASURED_BY,
                self_reported=False,
            )
        )
    return out
