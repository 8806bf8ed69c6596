"""`llmref benchmarks`: versions with coverage, and unmatched leaderboard names."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from llmref.cli import app
from tests.conftest import CATALOGS

runner = CliRunner()


def test_benchmarks_lists_versions_with_their_coverage() -> None:
    result = runner.invoke(app, ["benchmarks", "--catalog", str(CATALOGS / "bench"), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)["data"]["benchmarks"]}
    assert rows["toy-board"]["models"] == 1
    assert rows["toy-board"]["version"] == "v2"
    assert rows["toy-errors"]["direction"] == "lower"
    assert rows["toy-board"]["sources"] == ["dataset:toyset@0123456789ab"]


def test_unmatched_names_are_reported_not_guessed() -> None:
    args = ["benchmarks", "--unmatched", "--catalog", str(CATALOGS / "bench")]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["data"]
    assert [u["model_name"] for u in data["unmatched"]] == ["Mystery-9000"]
    assert data["skipped"][0]["reason"] == "two models in one run (architect)"
    text = runner.invoke(app, args).stdout
    assert (
        "1 leaderboard row names a model the catalogue does not know (not guessed); 1 row was"
        in text
    )


def test_the_bundled_catalogue_lists_its_leaderboards() -> None:
    result = runner.invoke(app, ["benchmarks", "--json"])
    assert result.exit_code == 0
    ids = [r["id"] for r in json.loads(result.stdout)["data"]["benchmarks"]]
    assert {"aider-polyglot", "swe-bench-verified", "vectara-hallucination-hhem-2-3"} <= set(ids)
    sources = runner.invoke(app, ["sources", "--json"]).stdout
    by_id = {s["id"]: s for s in json.loads(sources)["data"]["sources"]}
    aider = next(s for k, s in by_id.items() if k.startswith("dataset:aider@"))
    assert aider["license"] == "Apache-2.0" and aider["version"].startswith("5dc9490bb35f")
