"""Read ``data/benchmarks/``: benchmark definitions, the declared leaderboards (with licence and
version) and their generated result snapshots. Errors name the file, the record and the field.

Results are read with the leaderboard's own model names; :mod:`llmref.benchmarks.resolve`
maps them to catalogue ids when the catalogue is built.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmref.catalog.errors import CatalogDataError
from llmref.catalog.types import Benchmark, Source

BENCH_ID = r"^[a-z0-9][a-z0-9._-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BenchmarkDef(_Strict):
    name: str = Field(min_length=1, max_length=200)
    version: str = Field(min_length=1, max_length=200)
    unit: Literal["%", "index", "score", "tokens/s", "s"]
    scale: str = Field(min_length=1, max_length=40)
    direction: Literal["higher", "lower"]
    description: str = Field(min_length=1, max_length=600)
    source: Annotated[str, Field(pattern=r"^https://")]
    family: str | None = None


class DatasetDef(_Strict):
    name: str
    repository: Annotated[str, Field(pattern=r"^https://github\.com/")]
    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")]
    license: str
    license_file: str
    url: Annotated[str, Field(pattern=r"^https://")]
    files: str
    measured_by: str
    self_reported: Literal["true", "false", "mixed"]
    benchmark: str | None = None
    folder: str | None = None
    """Where the data files sit in the repository, when the reader needs it (Epoch's export)."""


class ResultLine(_Strict):
    type: Literal["result"]
    benchmark: Annotated[str, Field(pattern=BENCH_ID)]
    model_name: str = Field(min_length=1, max_length=300)
    names: tuple[str, ...] = Field(min_length=1)
    value: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
    source: Annotated[str, Field(pattern=r"^https://")]
    record: str
    measured: date | None = None
    settings: str | None = None
    measured_by: str | None = None
    self_reported: bool | None = None


class HeaderLine(_Strict):
    type: Literal["header"]
    dataset: str
    generated: Annotated[str, Field(pattern=r"^DO NOT EDIT")]
    repository: str
    commit: str
    committed: date
    license: str


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """One imported result, still under the leaderboard's model names."""

    dataset: str
    line: ResultLine
    dataset_source: str
    """`dataset:<name>@<commit>`: the snapshot the row came from."""
    reviewed: date


@dataclass(frozen=True, slots=True)
class SkippedRow:
    dataset: str
    record: str
    reason: str


@dataclass
class BenchmarkData:
    definitions: dict[str, Benchmark] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    rows: list[LeaderboardRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _describe(where: str, exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors():
        loc = ".".join(str(p) for p in error["loc"]) or "(record)"
        out.append(f"{where}: field {loc!r}: {error['msg']}")
    return out


def _toml(path: Path, problems: list[str]) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path}: {exc}")
        return {}


def dataset_ref(name: str, commit: str) -> str:
    return f"dataset:{name}@{commit[:12]}"


def load_benchmark_data(root: Path) -> BenchmarkData:
    """Everything under `root/benchmarks` (an empty result when the folder is absent)."""
    directory = root / "benchmarks"
    out = BenchmarkData()
    if not directory.is_dir():
        return out
    problems: list[str] = []
    defs_path = directory / "benchmarks.toml"
    if defs_path.exists():
        out.files.append(defs_path)
        for bench_id, table in sorted(_toml(defs_path, problems).items()):
            where = f"{defs_path} (benchmark {bench_id})"
            try:
                d = BenchmarkDef.model_validate(table)
            except ValidationError as exc:
                problems.extend(_describe(where, exc))
                continue
            out.definitions[bench_id] = Benchmark(
                id=bench_id,
                name=d.name,
                version=d.version,
                unit=d.unit,
                scale=d.scale,
                direction=d.direction,
                description=d.description,
                source=d.source,
                family=d.family,
            )
    declared: dict[str, DatasetDef] = {}
    ds_path = directory / "datasets.toml"
    if ds_path.exists():
        out.files.append(ds_path)
        for name, table in sorted(_toml(ds_path, problems).items()):
            try:
                declared[name] = DatasetDef.model_validate(table)
            except ValidationError as exc:
                problems.extend(_describe(f"{ds_path} (dataset {name})", exc))
    for path in sorted(directory.glob("*.jsonl")):
        out.files.append(path)
        _read_snapshot(path, declared, out, problems)
    for row in out.rows:
        if row.line.benchmark not in out.definitions:
            problems.append(
                f"{row.dataset}: {row.line.record}: field 'benchmark': "
                f"{row.line.benchmark!r} is not defined in benchmarks.toml"
            )
    if problems:
        raise CatalogDataError(sorted(set(problems)))
    return out


def _read_snapshot(
    path: Path, declared: dict[str, DatasetDef], out: BenchmarkData, problems: list[str]
) -> None:
    name = path.stem
    spec = declared.get(name)
    if spec is None:
        problems.append(f"{path}: dataset {name!r} is not declared in datasets.toml")
        return
    header: HeaderLine | None = None
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg})")
                continue
            kind = raw.get("type") if isinstance(raw, dict) else None
            try:
                if number == 1:
                    header = HeaderLine.model_validate(raw)
                    if header.commit != spec.commit:
                        problems.append(
                            f"{where}: field 'commit': {header.commit} is not the pinned "
                            f"{spec.commit} (regenerate with `make benchmarks-data`)"
                        )
                elif kind == "result" and header is not None:
                    out.rows.append(
                        LeaderboardRow(
                            name,
                            ResultLine.model_validate(raw),
                            dataset_ref(name, spec.commit),
                            header.committed,
                        )
                    )
                elif kind == "skipped":
                    out.skipped.append(SkippedRow(name, str(raw["record"]), str(raw["reason"])))
                else:
                    problems.append(f"{where}: unknown record type {kind!r}")
            except ValidationError as exc:
                problems.extend(_describe(f"{where} ({kind})", exc))
    ref = dataset_ref(name, spec.commit)
    out.sources[ref] = Source(
        id=ref,
        kind="dataset",
        name=f"{spec.name} ({name})",
        url=spec.url,
        version=f"{spec.commit[:12]} ({header.committed.isoformat()})" if header else spec.commit,
        license=spec.license,
    )
