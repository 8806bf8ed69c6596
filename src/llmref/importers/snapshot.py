"""Writing the generated snapshot files: deterministic bytes, swapped in all at once.

A snapshot is one JSON object per line: the header (with the DO-NOT-EDIT notice), then vendors,
providers, models, offerings and unresolved entries, each sorted by id. Keys are sorted, Decimals
are strings (`"0.075"`), defaults and empty values are left out, so the same datasets always give
the same bytes and a re-run changes nothing.

Files are first written next to their destination under a temporary name; only when every
dataset succeeded (and, in `llmref import`, inside the store's transaction) are they renamed
over the old ones. A failure leaves the old files untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from llmref.importers.records import DatasetRecords


def _line(record: BaseModel) -> str:
    data = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def render(records: DatasetRecords) -> bytes:
    lines: list[str] = [_line(records.header)]
    lines += [_line(r) for r in sorted(records.vendors, key=lambda r: r.id)]
    lines += [_line(r) for r in sorted(records.providers, key=lambda r: r.id)]
    lines += [_line(r) for r in sorted(records.models, key=lambda r: r.id)]
    lines += [_line(r) for r in sorted(records.offerings, key=lambda r: (r.model, r.provider))]
    lines += [
        _line(r) for r in sorted(records.unresolved, key=lambda r: (r.provider, r.id, r.reason))
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def file_name(dataset: str) -> str:
    return f"{dataset}.jsonl"


class PendingSnapshot:
    """Snapshot files written under temporary names, waiting to be committed."""

    def __init__(self, directory: Path, files: dict[str, bytes]) -> None:
        self.directory = directory
        self.files = files
        self.temp: dict[Path, Path] = {}
        self.previous: dict[Path, bytes | None] = {}

    def write(self) -> dict[Path, Path]:
        self.directory.mkdir(parents=True, exist_ok=True)
        for dataset, body in sorted(self.files.items()):
            final = self.directory / file_name(dataset)
            temp = self.directory / f".{file_name(dataset)}.tmp"
            with temp.open("wb") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            self.temp[temp] = final
        return self.temp

    def commit(self) -> list[Path]:
        """Rename every temporary file over its destination (each rename is atomic), keeping
        the old contents until :meth:`restore` is no longer needed."""
        done = []
        for temp, final in self.temp.items():
            self.previous[final] = final.read_bytes() if final.exists() else None
            os.replace(temp, final)
            done.append(final)
        self.temp = {}
        return done

    def restore(self) -> None:
        """Put back the files :meth:`commit` replaced (the store's commit failed after it)."""
        for final, body in self.previous.items():
            if body is None:
                final.unlink(missing_ok=True)
                continue
            temp = final.with_name(f".{final.name}.restore")
            temp.write_bytes(body)
            os.replace(temp, final)
        self.previous = {}

    def discard(self) -> None:
        for temp in self.temp:
            temp.unlink(missing_ok=True)
        self.temp = {}


@contextmanager
def pending(directory: Path, files: dict[str, bytes]) -> Iterator[PendingSnapshot]:
    """Write the files under temporary names; whatever is not committed is removed on exit."""
    snapshot = PendingSnapshot(directory, files)
    try:
        snapshot.write()
        yield snapshot
    finally:
        snapshot.discard()


def unresolved_lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, str]]]:
    """(dataset, record) for every `unresolved` line of the given snapshot files."""
    for path in sorted(paths):
        dataset = path.stem
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if '"type":"unresolved"' in line:
                    yield dataset, json.loads(line)
