"""Where the bundled data lives and the cheap content hash that versions a catalogue.

Kept apart from the loader so that opening an already-built store never imports pydantic."""

from __future__ import annotations

import hashlib
from pathlib import Path

BUNDLED_DATA = Path(__file__).resolve().parents[3] / "data"
"""The catalogue shipped with llmref (the repository's ``data/`` folder)."""


def bundled_data_dir() -> Path:
    return BUNDLED_DATA


def fingerprint_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def data_fingerprint(root: Path) -> str:
    """A short hash of every data file under `root`: the catalogue version it builds."""
    files = [
        *root.glob("**/*.toml"),
        *(root / "imported").glob("*.jsonl"),
        *(root / "benchmarks").glob("*.jsonl"),
    ]
    return fingerprint_files(files, root)[:16] if files else "empty"
