"""Readers for the public leaderboards llmref imports: upstream text in, plain result rows out.

Each reader takes the text of the upstream files (read from a pinned commit by
:mod:`llmref.benchmarks.generate`) and returns :class:`RawResult` rows: the benchmark id (one
version), the model *names* the leaderboard uses (identity resolution happens later, against
the catalogue), the value, the date, the settings and who measured it. Rows a reader cannot
take (two models in one run, a benchmark llmref does not define) come back as
:class:`Skipped` with the reason, so the import report can list them.

Only the data is read; none of the upstream code is used or copied.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True, slots=True)
class RawResult:
    benchmark: str
    names: tuple[str, ...]
    """Candidate names for identity resolution, most specific first."""
    model_name: str
    """The model as the leaderboard prints it."""
    value: Decimal
    measured: date | None
    source: str
    record: str
    settings: str | None = None
    measured_by: str | None = None
    self_reported: bool | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    record: str
    reason: str


@dataclass
class Parsed:
    results: list[RawResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().rstrip("%").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


# ---- models.dev: models/<lab>/<model>.toml [[benchmarks]] -----------------------------------

MODELS_DEV_BENCHMARKS: dict[tuple[str, str | None], str] = {
    ("SWE-Bench Verified", None): "swe-bench-verified",
    ("SWE-Bench Pro", "public"): "swe-bench-pro-public",
    ("SWE-Bench Pro", None): "swe-bench-pro-public",
    ("SWE Bench Pro", None): "swe-bench-pro-public",
    ("Aider Polyglot", None): "aider-polyglot",
    ("SciCode", None): "scicode",
    ("Terminal-Bench", "2.0"): "terminal-bench-2-0",
    ("Terminal Bench 2.0", None): "terminal-bench-2-0",
    ("Terminal-Bench", "2.1"): "terminal-bench-2-1",
    ("Terminal-Bench 2.1", None): "terminal-bench-2-1",
    ("Terminal Bench 2.1", None): "terminal-bench-2-1",
    ("Terminal-Bench Hard", None): "aa-terminal-bench-hard",
    ("Artificial Analysis Coding Index", None): "aa-coding-index",
    ("Artificial Analysis Coding Agent Index", None): "aa-coding-agent-index",
    ("SWE-Atlas Codebase QnA", None): "swe-atlas-qna",
    ("SWE-Atlas Test Writing", None): "swe-atlas-test-writing",
    ("SWE-Atlas Refactoring", None): "swe-atlas-refactoring",
    ("SWE-Bench Multilingual", None): "swe-bench-multilingual",
    ("GPQA Diamond", None): "gpqa-diamond",
    ("Humanity’s Last Exam", None): "humanitys-last-exam",
    ("LiveCodeBench", None): "livecodebench",
}
"""(models.dev benchmark name, its `version` or `dataset` key) -> llmref benchmark id. A name
missing here is reported, not guessed: two leaderboards that share a name may not share a
version."""

INDEPENDENT_HOSTS = {
    "aider.chat": "Aider",
    "labs.scale.com": "Scale AI",
    "scale.com": "Scale AI",
    "www.swebench.com": "SWE-bench",
    "swebench.com": "SWE-bench",
    "www.tbench.ai": "Terminal-Bench",
    "tbench.ai": "Terminal-Bench",
    "artificialanalysis.ai": "Artificial Analysis",
    "openrouter.ai": "Artificial Analysis (via OpenRouter)",
    "console.sakana.ai": "Sakana AI",
}
"""Hosts whose figures are measured by someone other than the model's vendor. OpenRouter's
benchmark pages show Artificial Analysis measurements."""


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].lower()


def _models_dev_settings(entry: dict[str, Any]) -> str | None:
    parts = []
    for key in ("variant", "harness"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            label = "reasoning effort" if key == "variant" else "harness"
            if key == "variant" and value in ("Claude Code", "Terminus-2"):
                label = "harness"
            parts.append(f"{label} {value.strip()}")
    return "; ".join(parts) or None


def read_models_dev(files: Iterable[tuple[str, str]], default_date: dict[str, date]) -> Parsed:
    """`files`: (path, text) of `models/<lab>/<model>.toml`. `default_date[path]`: the date of
    the commit that last changed the file, used when a result states no date of its own."""
    out = Parsed()
    for path, text in files:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            out.skipped.append(Skipped(path, f"not valid TOML ({exc})"))
            continue
        entries = data.get("benchmarks") or []
        if not entries:
            continue
        lab, model = path.removeprefix("models/").removesuffix(".toml").split("/", 1)
        name = str(data.get("name") or model)
        for number, entry in enumerate(entries, start=1):
            record = f"{path}#benchmarks[{number}]"
            bench_name = str(entry.get("name", "")).strip()
            qualifier = entry.get("version") or entry.get("dataset")
            bench_id = MODELS_DEV_BENCHMARKS.get((bench_name, qualifier)) or (
                MODELS_DEV_BENCHMARKS.get((bench_name, None)) if qualifier is None else None
            )
            if bench_id is None:
                why = f"benchmark {bench_name!r}" + (f" ({qualifier})" if qualifier else "")
                out.skipped.append(Skipped(record, f"{why} is not defined in llmref"))
                continue
            value = _decimal(entry.get("score"))
            source = str(entry.get("source") or "").strip()
            if value is None or not source.startswith("https://"):
                out.skipped.append(Skipped(record, "no numeric score or no https source"))
                continue
            host = _host(source)
            measured_by = INDEPENDENT_HOSTS.get(host)
            vendor_host = lab.split("-", 1)[0] in host or (
                lab == "alibaba" and ("qwen" in host or "alibaba" in host)
            )
            self_reported = True if vendor_host else (False if measured_by else None)
            if vendor_host:
                measured_by = f"{lab} (vendor)"
            out.results.append(
                RawResult(
                    benchmark=bench_id,
                    names=(f"{lab}/{model}", model, name),
                    model_name=name,
                    value=value,
                    measured=_date(entry.get("date")) or default_date.get(path),
                    source=source,
                    record=record,
                    settings=_models_dev_settings(entry),
                    measured_by=measured_by,
                    self_reported=self_reported,
                )
            )
    return out


# ---- Aider: aider/website/_data/*leaderboard*.yml -------------------------------------------

AIDER_FILES = {
    "aider/website/_data/polyglot_leaderboard.yml": "aider-polyglot",
    "aider/website/_data/edit_leaderboard.yml": "aider-code-editing",
    "aider/website/_data/refactor_leaderboard.yml": "aider-refactoring",
}
AIDER_SOURCE = "https://aider.chat/docs/leaderboards/"
_AIDER_FLAG_MODELS = {
    "--opus": "claude-3-opus-20240229",
    "--sonnet": "claude-3-5-sonnet-20240620",
    "-3": "gpt-3.5-turbo",
    "-4": "gpt-4-0613",
    "--4o": "gpt-4o",
    "--4-turbo": "gpt-4-turbo",
    "--mini": "gpt-4o-mini",
    "--deepseek": "deepseek-chat",
}
"""Aider's shortcut flags, as its docs define them at the pinned commit."""
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)\s*$")


def _aider_command_model(command: str) -> str | None:
    parts = command.split()
    for i, part in enumerate(parts):
        if part == "--model" and i + 1 < len(parts):
            return parts[i + 1]
        if part.startswith("--model="):
            return part.split("=", 1)[1]
    for part in parts:
        if part in _AIDER_FLAG_MODELS:
            return _AIDER_FLAG_MODELS[part]
    return None


def read_aider(path: str, rows: list[dict[str, Any]]) -> Parsed:
    """One Aider leaderboard file, already parsed from YAML into a list of mappings."""
    out = Parsed()
    bench_id = AIDER_FILES[path]
    for row in rows:
        record = f"{path}#{row.get('dirname', '?')}"
        name = str(row.get("model") or "").strip()
        value = _decimal(row.get("pass_rate_2"))
        if not name or value is None:
            out.skipped.append(Skipped(record, "no model name or no pass_rate_2"))
            continue
        if " + " in name or row.get("editor_model"):
            out.skipped.append(Skipped(record, f"{name!r}: two models in one run (architect)"))
            continue
        command = str(row.get("command") or "")
        from_command = _aider_command_model(command)
        qualifier = _QUALIFIER.search(name)
        bare = _QUALIFIER.sub("", name)
        settings = [f"edit format {row.get('edit_format')}"] if row.get("edit_format") else []
        if row.get("reasoning_effort"):
            settings.append(f"reasoning effort {row['reasoning_effort']}")
        if row.get("thinking_tokens"):
            settings.append(f"thinking tokens {row['thinking_tokens']}")
        if qualifier and not row.get("reasoning_effort"):
            settings.append(qualifier.group(1))
        names = []
        if from_command:
            names.append(from_command)
            if "/" in from_command:
                names.append(from_command.split("/", 1)[1])
        names += [bare, name]
        out.results.append(
            RawResult(
                benchmark=bench_id,
                names=tuple(dict.fromkeys(names)),
                model_name=name,
                value=value,
                measured=_date(row.get("date")),
                source=AIDER_SOURCE,
                record=record,
                settings="; ".join(settings) or None,
                measured_by="Aider",
                self_reported=False,
            )
        )
    return out


# ---- Vectara: README.md leaderboard table ---------------------------------------------------

_UPDATED = re.compile(r"Last updated on ([A-Z][a-z]+ \d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}


_EFFORT = re.compile(
    r"^(?P<base>.+?)-(?P<effort>minimal|low|medium|high)(?P<date>-\d{4}-\d{2}-\d{2})?$"
)
_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}(-\d{2})?$")


def _vectara_names(name: str) -> tuple[tuple[str, ...], str | None]:
    """Candidates for a Vectara row. The leaderboard writes the reasoning effort into the name
    (`openai/gpt-5-high-2025-08-07`), names Bedrock models `amazon/nova-pro-v1:0` (Bedrock's
    own id is `amazon.nova-pro-v1:0`) and dates some snapshots by month (`-2025-07`)."""
    vendor, _, short = name.rpartition("/")
    settings = None
    candidates = [name, short]
    effort = _EFFORT.match(short)
    if effort:
        settings = f"reasoning effort {effort['effort']}"
        base = effort["base"] + (effort["date"] or "")
        candidates = [f"{vendor}/{base}" if vendor else base, base]
    if vendor:
        candidates.append(f"{vendor}.{short}")
    for candidate in list(candidates):
        trimmed = _DATE_SUFFIX.sub("", candidate)
        if trimmed != candidate:
            candidates.append(trimmed)
    return tuple(dict.fromkeys(candidates)), settings


def vectara_updated(readme: str) -> date | None:
    found = _UPDATED.search(readme)
    if not found:
        return None
    month, day = found.group(1).split()
    return date(int(found.group(2)), _MONTHS[month], int(day))


def read_vectara(readme: str, bench_id: str, record_prefix: str, source: str) -> Parsed:
    """The `|Model|Hallucination Rate|...|` table of one README version."""
    out = Parsed()
    measured = vectara_updated(readme)
    in_table = False
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|Model|") or (cells and cells[0] == "Model"):
            in_table = cells[1].lower().startswith("hallucination rate")
            continue
        if not in_table:
            continue
        if not line.startswith("|"):
            in_table = False
            continue
        if set(cells[0]) <= {"-", ":"}:
            continue
        name = cells[0].strip("[]").split("](")[0]
        value = _decimal(cells[1]) if len(cells) > 1 else None
        record = f"{record_prefix}#{name}"
        if not name or value is None:
            out.skipped.append(Skipped(record, "row without a model or a rate"))
            continue
        names, settings = _vectara_names(name)
        out.results.append(
            RawResult(
                benchmark=bench_id,
                names=names,
                model_name=name,
                value=value,
                measured=measured,
                source=source,
                record=record,
                settings=settings,
                measured_by="Vectara (HHEM)",
                self_reported=False,
            )
        )
    return out
