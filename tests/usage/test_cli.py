"""`llmref usage analyze`: tables, --json envelope, --format csv, the HTML report, --strict, and
a run against the real bundled catalogue."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from llmref.cli import app
from tests.conftest import CATALOGS
from tests.usage.claude_code_logs import write_claude_code_dir

runner = CliRunner()
CATALOG = str(CATALOGS / "usage")

LOG = """timestamp,model,provider,input_tokens,output_tokens,cached_input_tokens,tag
2025-10-01T10:00:00Z,gpt-5,,10000,1000,4000,chat
2025-10-02T10:00:00Z,gpt-5-mini,cloudy,2000000,100000,0,<script>alert(1)</script>
2025-10-02T11:00:00Z,gpt-5,,12.5,1,0,chat
2025-10-02T12:00:00Z,no-such-model,,1,1,0,chat
"""
# gpt-5 on OpenAI: 6,000 × $1.25 + 4,000 × $0.125 + 1,000 × $10 = 18,000 / 1M = $0.018
# gpt-5-mini on Cloudy: 2,000,000 × $0.20 + 100,000 × $1.60 = 560,000 / 1M = $0.56


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "usage.csv"
    path.write_text(LOG, encoding="utf-8")
    return path


def test_json_envelope_totals_and_what_was_left_out(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["usage", "analyze", str(_write(tmp_path)), "--catalog", CATALOG, "--json"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert set(body) == {"data", "meta"}
    assert body["meta"]["command"] == "usage analyze"
    assert Decimal(body["data"]["total"]["cost"]) == Decimal("0.578")
    assert body["data"]["about"]["invalid_rows"] == 1
    assert body["data"]["about"]["unpriced_rows"] == 1
    problems = {(p["line"], p["field"], p["kind"]) for p in body["data"]["problems"]}
    assert (4, "input_tokens", "invalid") in problems  # 12.5 tokens
    assert (5, "model", "unpriced") in problems
    unknown = next(p for p in body["data"]["problems"] if p["line"] == 5)
    assert "unknown model 'no-such-model'" in unknown["message"]
    by_provider = {g["provider_id"]: Decimal(g["cost"]) for g in body["data"]["groups"]["provider"]}
    assert by_provider == {"openai": Decimal("0.018"), "cloudy": Decimal("0.56"), "": Decimal(0)}


def test_csv_and_strict(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = runner.invoke(
        app,
        ["usage", "analyze", str(path), "--catalog", CATALOG, "--format", "csv", "--group", "day"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    days = {r["key"]: Decimal(r["cost_usd"]) for r in rows if r["group"] == "day"}
    assert days == {"2025-10-01": Decimal("0.018"), "2025-10-02": Decimal("0.56")}
    strict = runner.invoke(app, ["usage", "analyze", str(path), "--catalog", CATALOG, "--strict"])
    assert strict.exit_code == 4
    assert "usage.csv:4" in strict.output and "whole number" in strict.output


def test_html_report_is_offline_and_escaped(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(
        app,
        [
            "usage",
            "analyze",
            str(_write(tmp_path)),
            "--catalog",
            CATALOG,
            "--html",
            str(out),
            "--alt",
            "gpt-5-mini",
            "--alt",
            "claude-haiku-4-5",
        ],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch
    assert page.count("<svg") == 3  # spend over time, by model, per alternative
    assert "$0.578" in page


def test_claude_code_default_location_and_alternatives(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write_claude_code_dir(tmp_path / "claude")
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(tmp_path / "claude"))
    result = runner.invoke(
        app,
        ["usage", "analyze", "--claude-code", "--catalog", CATALOG, "--json", "--alt", "gpt-5"],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert Decimal(body["data"]["total"]["cost"]) == Decimal("0.24526")
    assert body["data"]["about"]["duplicates_skipped"] == 2
    (alt,) = body["data"]["alternatives"]
    assert alt["model_id"] == "gpt-5" and alt["provider_id"] == "openai"
    assert "estimate" in alt["note"]


def test_against_the_real_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    path.write_text(
        '{"timestamp": "2025-06-01T12:00:00Z", "model": "gpt-4o-mini", '
        '"usage": {"input_tokens": 5000, "output_tokens": 1000, "cached_input_tokens": 1000}}\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "usage",
            "analyze",
            str(path),
            "--json",
            "--map",
            "usage.input_tokens=input_tokens",
            "--map",
            "usage.output_tokens=output_tokens",
            "--map",
            "usage.cached_input_tokens=cached_input_tokens",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    # OpenAI's gpt-4o-mini: 4,000 × $0.15 + 1,000 × $0.075 + 1,000 × $0.60 = $0.001275
    assert Decimal(body["data"]["total"]["cost"]) == Decimal("0.001275")
    assert body["data"]["groups"]["provider"][0]["provider_id"] == "openai"
