"""`llmref export`: the same rows as the library, to stdout or a file, on the real store."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from llmref import export_data
from llmref.catalog import load_catalog_dir
from llmref.cli import app
from tests.conftest import CATALOGS

MINI = str(CATALOGS / "mini")
runner = CliRunner()


def test_export_offerings_from_the_bundled_store_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "offerings.csv"
    result = runner.invoke(
        app,
        ["export", "offerings", "--format", "csv", "--output", str(out), "--as-of", "2026-11-21"],
    )
    assert result.exit_code == 0, result.stderr
    catalog = load_catalog_dir()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(catalog.offerings)
    assert f"Wrote {len(catalog.offerings):,} offerings (csv) to {out}." in result.stderr
    # Byte for byte what the library (and the API) give for that day.
    expected = "".join(export_data.stream(catalog, "offerings", "csv", date(2026, 11, 21)))
    assert out.read_bytes() == expected.encode()


def test_export_ndjson_to_stdout() -> None:
    result = runner.invoke(app, ["export", "models", "--format", "ndjson", "--catalog", MINI])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == len(load_catalog_dir(CATALOGS / "mini").models) >= 2
    assert "rocket" in {d["id"] for d in docs}


def test_json_reports_what_was_written(tmp_path: Path) -> None:
    out = tmp_path / "b.ndjson"
    args = ["export", "benchmarks", "--format", "ndjson", "-o", str(out), "--catalog", MINI]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)["data"]
    assert doc["rows"] == len(out.read_text(encoding="utf-8").splitlines())
    assert (doc["kind"], doc["format"], doc["output"]) == ("benchmarks", "ndjson", str(out))


def test_bad_input_is_named() -> None:
    result = runner.invoke(app, ["export", "models", "--json", "--catalog", MINI])
    assert result.exit_code == 2 and "--output" in result.stderr
    result = runner.invoke(app, ["export", "models", "--as-of", "soon", "--catalog", MINI])
    assert result.exit_code == 2 and "--as-of" in result.stderr
    result = runner.invoke(app, ["export", "users"])
    assert result.exit_code == 2 and "users" in result.stderr
