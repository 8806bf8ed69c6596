"""Where the bundled data lives and the cheap content hash that versions a catalogue.

Kept apart from the loader so that opening an already-built store never imports pydantic."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGED_DATA = Path(__file__).resolve().parents[1] / "_data"
"""The catalogue inside an installed wheel (the build copies ``data/`` there)."""
REPOSITORY_DATA = Path(__file__).resolve().parents[3] / "data"
"""The catalogue of a clone or an editable install (the repository's ``data/`` folder)."""
BUNDLED_DATA = PACKAGED_DATA if PACKAGED_DATA.is_dir() else REPOSITORY_DATA
"""The catalogue shipped with llmref: the wheel's copy when installed, else the clone's."""


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
