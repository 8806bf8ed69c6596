"""`llmref show / search / sources / validate` on the mini fixture and the bundled data."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from llmref.cli import app
from tests.conftest import CATALOGS

MINI = str(CATALOGS / "mini")
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_show_json_lists_offerings_history_sources_and_disputes() -> None:
    code, out, _ = run("show", "acme/rocket", "--catalog", MINI, "--json")
    assert code == 0
    doc = json.loads(out)["data"]
    assert doc["id"] == "rocket"
    providers = {o["provider"]: o for o in doc["offerings"]}
    assert set(providers) == {"acme", "acme-cloud"}
    acme = providers["acme"]
    assert Decimal(acme["price"]["input"]) == Decimal("1.00")
    assert [Decimal(p["input"]) for p in acme["history"]] == [2, 1]
    assert acme["price"]["source"] == "https://acme.example/pricing"
    assert acme["conflicts"][0]["field"] == "cache_read_price"
    assert [v["value"] for v in doc["facts"]["context_window"]["disputed"]] == [200000, 131072]
    assert doc["facts"]["release_date"]["reviewed"] == "2026-01-10"
    assert [s["id"] for s in doc["snapshots"]] == ["rocket-2025-03-01", "rocket-2025-09-01"]


def test_show_as_of_uses_the_price_then() -> None:
    code, out, _ = run("show", "rocket", "--catalog", MINI, "--json", "--as-of", "2025-06-01")
    assert code == 0
    acme = next(o for o in json.loads(out)["data"]["offerings"] if o["provider"] == "acme")
    assert Decimal(acme["price"]["input"]) == 2
    code, _, err = run("show", "rocket", "--catalog", MINI, "--as-of", "June")
    assert code == 2
    assert "--as-of must be a date" in err


def test_show_table_marks_disputed_values() -> None:
    code, out, _ = run("show", "rocket", "--catalog", MINI)
    assert code == 0
    assert "Acme API" in out
    assert "$1.00" in out and "$4.00" in out
    assert "disputed" in out


def test_unknown_model_exits_non_zero_naming_closest_ids() -> None:
    code, _, err = run("show", "rockit", "--catalog", MINI)
    assert code == 2
    assert "Unknown model 'rockit'" in err
    assert "rocket" in err


def test_search_filters() -> None:
    code, out, _ = run("search", "--catalog", MINI, "--json", "--capability", "vision")
    assert [r["id"] for r in json.loads(out)["data"]["results"]] == ["rocket"]
    code, out, _ = run("search", "--catalog", MINI, "--json", "--max-input-price", "0.1")
    assert [r["id"] for r in json.loads(out)["data"]["results"]] == ["pebble"]
    code, out, _ = run("search", "peb", "--catalog", MINI, "--json")
    assert json.loads(out)["data"]["count"] == 1
    code, out, _ = run(
        "search", "--catalog", MINI, "--json", "--min-context", "100000", "--open-weights"
    )
    assert [r["id"] for r in json.loads(out)["data"]["results"]] == ["rocket"]
    code, _, err = run("search", "--catalog", MINI, "--capability", "telepathy")
    assert code == 2 and "telepathy" in err
    code, _, err = run("search", "--catalog", MINI, "--max-input-price", "-1")
    assert code == 2


def test_sources_lists_datasets_and_urls() -> None:
    code, out, _ = run("sources", "--catalog", MINI, "--json")
    assert code == 0
    ids = {s["id"]: s for s in json.loads(out)["data"]["sources"]}
    assert ids["dataset:tinyset@1.0"]["kind"] == "dataset"
    assert ids["https://acme.example/pricing"]["facts"] == 2


def test_validate_reports_problems_and_exit_code(tmp_path: Path) -> None:
    code, out, _ = run("validate", MINI, "--json")
    assert code == 0 and json.loads(out)["data"]["models"] == 4
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    (broken / "vendors" / "acme.toml").write_text("name = 3\n")
    code, out, _ = run("validate", str(broken), "--json")
    assert code == 1
    assert any(
        "acme.toml" in p and "field 'name'" in p for p in json.loads(out)["data"]["problems"]
    )


def test_show_uses_the_bundled_catalogue_through_the_store(isolated_home: Path) -> None:
    code, out, _ = run("show", "gpt-4o-mini", "--json")
    assert code == 0
    assert json.loads(out)["data"]["name"] == "GPT-4o mini"
    assert (isolated_home / "llmref.db").exists()


def test_show_and_search_follow_the_route_policy_on_the_real_bundled_catalogue() -> None:
    code, out, _ = run("show", "gpt-4o-mini", "--json")
    assert code == 0, out
    doc = json.loads(out)["data"]
    by_provider = {o["provider"]: o for o in doc["offerings"]}
    assert by_provider["openai"]["route_class"] == "vendor-api"
    assert by_provider["openai"]["excluded_reason"] is None
    assert by_provider["poe"]["route_class"] == "consumer"
    assert by_provider["poe"]["excluded_reason"] == "consumer app or subscription"
    policy = doc["route_policy"]
    assert policy["policy"] == "trusted" and policy["cheapest_provider"] == "openai"
    assert policy["considered"] > policy["excluded"] > 0
    code, out, _ = run("show", "gpt-4o-mini")
    flat = " ".join(out.split())
    assert code == 0 and "vendor-api" in flat and "⚑" in flat
    assert "set aside as cheaper-looking: Poe (consumer app or subscription)" in flat
    # search: the cheapest input price of gpt-4o-mini is OpenAI's $0.15 under the default
    # policy; under "all" Poe's $0.14 counts.
    for routes, price in (("trusted", "0.15"), ("all", "0.14")):
        code, out, _ = run("search", "gpt-4o-mini", "--routes", routes, "--json", "--limit", "50")
        assert code == 0, out
        rows = {r["id"]: r for r in json.loads(out)["data"]["results"]}
        assert Decimal(rows["gpt-4o-mini"]["cheapest_input"]) == Decimal(price), routes


def test_piped_output_is_never_cut_to_a_terminal_width(isolated_home: Path) -> None:
    # CliRunner's stdout is not a terminal, like `llmref sources | cat` or `> file`.
    code, out, _ = run("sources")
    assert code == 0
    from llmref.store import open_catalog

    catalog = open_catalog()
    longest = max((s.url or "" for s in catalog.sources.values()), key=len)
    assert len(longest) > 80
    assert longest in out
    assert "…" not in out
    code, out, _ = run("show", "gpt-4o")
    snapshots = [m.id for m in catalog.snapshots_of("gpt-4o")]
    assert len(snapshots) >= 3
    assert all(s in out for s in snapshots)
