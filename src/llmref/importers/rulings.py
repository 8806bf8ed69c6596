"""A person's rulings on look-alike model ids: `data/identity-rulings.toml`.

The duplicate detector (:mod:`llmref.importers.duplicates`, `llmref duplicates`) lists pairs of
catalogue models that may be one model. A person checks each pair and records a ruling:

```toml
[[ruling]]
models = ["llama-3.3-70b-versatile", "llama-3.3-70b-instruct"]
decision = "merge"            # the first id becomes a spelling of the second
reason = "Groq's name for Meta's Llama 3.3 70B Instruct"
source = "https://console.groq.com/docs/models"
reviewed = 2026-11-27
```

`decision = "keep-apart"` says two ids are different models; the pair is never listed again.
The importer applies the merges (`make data`), so every ruling shrinks the list.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from llmref.catalog.errors import CatalogDataError
from llmref.schema import is_valid_id

RULINGS_FILE = "identity-rulings.toml"
DECISIONS = ("merge", "keep-apart")


@dataclass(frozen=True)
class Ruling:
    first: str
    second: str
    decision: str
    reason: str
    source: str
    reviewed: date

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.first, self.second))


@dataclass(frozen=True)
class Rulings:
    items: tuple[Ruling, ...] = ()

    @property
    def merges(self) -> dict[str, str]:
        """First id -> the id it is a spelling of."""
        return {r.first: r.second for r in self.items if r.decision == "merge"}

    @property
    def apart(self) -> frozenset[frozenset[str]]:
        return frozenset(r.pair for r in self.items if r.decision == "keep-apart")

    @property
    def ruled(self) -> frozenset[frozenset[str]]:
        return frozenset(r.pair for r in self.items)


def _text(entry: dict[str, Any], name: str, where: str, problems: list[str]) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: field {name!r}: required text")
        return ""
    return value.strip()


def load_rulings(data_dir: Path) -> Rulings:
    """The rulings of a data directory (none when the file is absent). Raises CatalogDataError
    naming the file, the ruling and the field for anything malformed."""
    path = data_dir / RULINGS_FILE
    if not path.is_file():
        return Rulings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogDataError([f"{path}: not valid TOML: {exc}"]) from exc
    problems: list[str] = []
    unknown = sorted(set(raw) - {"ruling"})
    if unknown:
        problems.append(f"{path}: unknown table(s) {', '.join(unknown)} (expected [[ruling]])")
    entries = raw.get("ruling", [])
    if not isinstance(entries, list):
        raise CatalogDataError([f"{path}: 'ruling' must be an array of tables ([[ruling]])"])
    out: list[Ruling] = []
    seen: dict[frozenset[str], int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path} (ruling {number})"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        extra = sorted(set(entry) - {"models", "decision", "reason", "source", "reviewed"})
        if extra:
            problems.append(f"{where}: unknown field(s) {', '.join(extra)}")
        models = entry.get("models")
        if (
            not isinstance(models, list)
            or len(models) != 2
            or not all(isinstance(m, str) and is_valid_id(m) for m in models)
            or models[0] == models[1]
        ):
            problems.append(f"{where}: field 'models': two different catalogue model ids")
            continue
        decision = entry.get("decision")
        if decision not in DECISIONS:
            problems.append(f"{where}: field 'decision': one of {', '.join(DECISIONS)}")
            continue
        reason = _text(entry, "reason", where, problems)
        source = _text(entry, "source", where, problems)
        if source and not source.startswith("https://"):
            problems.append(f"{where}: field 'source': a public https:// URL")
        reviewed = entry.get("reviewed")
        if not isinstance(reviewed, date):
            problems.append(f"{where}: field 'reviewed': a date (YYYY-MM-DD)")
            continue
        ruling = Ruling(models[0], models[1], decision, reason, source, reviewed)
        if ruling.pair in seen:
            problems.append(f"{where}: the same pair as ruling {seen[ruling.pair]}")
            continue
        seen[ruling.pair] = number
        out.append(ruling)
    if problems:
        raise CatalogDataError(problems)
    return Rulings(tuple(out))
