"""`llmref feed ...` end to end, in-process, on the feed-mini catalogue and fixture feeds."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from llmref.cli import app
from tests.feed.conftest import FEED_MINI, FEEDS

runner = CliRunner()
CATALOG = ["--catalog", str(FEED_MINI)]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def setup_feeds(tmp_path: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        shutil.copyfile(FEEDS / name, tmp_path / name)
        code, out, _ = run("feed", "add", str(tmp_path / name))
        assert code == 0 and "Added" in out
        paths.append(tmp_path / name)
    return paths


def test_add_update_list_show(tmp_path: Path) -> None:
    setup_feeds(tmp_path, "rss20.xml", "atom.xml")
    code, out, _ = run("feed", "update", *CATALOG, "--json")
    assert code == 0
    reports = json.loads(out)["data"]["feeds"]
    assert [(r["status"], r["new"], r["duplicates"]) for r in reports] == [
        ("ok", 3, 3),
        ("ok", 2, 0),
    ]

    code, out, _ = run("feed", "list", "--json")
    assert code == 0
    listed = json.loads(out)["data"]
    assert [(f["title"], f["items"], f["last_status"]) for f in listed["feeds"]] == [
        ("Model Notes", 3, "ok"),
        ("Atom Wire", 2, "ok"),
    ]

    code, out, _ = run("feed", "show", *CATALOG, "--json")
    assert code == 0
    shown = json.loads(out)["data"]
    assert shown["total"] == 5
    first = next(i for i in shown["items"] if i["title"] == "GPT-4o mini pricing & limits")
    assert first["models"] == ["gpt-4o-mini"]
    assert first["signal"]["value"] > 0 and first["signal"]["reasons"]
    assert first["signal"]["explanation"].endswith(f"Signal {first['signal']['value']}.")
    assert {"kind": "price", "text": "$0.15", "count": 1} in first["signal"]["reasons"]
    assert first["hype"]["value"] == 0
    assert first["summary"][0].startswith("GPT-4o mini costs $0.15")
    assert "OpenAI" in first["tags"]
    assert first["published"] == "2024-07-18T14:00:00Z"


def test_show_filters_and_readable_output(tmp_path: Path) -> None:
    setup_feeds(tmp_path, "rss20.xml", "rss10.rdf")
    assert run("feed", "update", *CATALOG)[0] == 0
    code, out, _ = run("feed", "show", *CATALOG, "--model", "Llama 3 8B")
    assert code == 0
    assert "Llama 3 8B weights on Hugging Face" in out
    assert "GPT-4o mini pricing" not in out
    assert "Signal" in out and "Hype" in out and "Models: Llama 3 8B (llama-3-8b)" in out
    assert "1 of 1 item(s)." in out

    code, out, _ = run("feed", "show", *CATALOG, "--min-signal", "100", "--json")
    assert code == 0 and json.loads(out)["data"]["items"] == []
    code, _, err = run("feed", "show", *CATALOG, "--model", "gpt-4o-mimi")
    assert code == 2 and "gpt-4o-mini" in err
    code, _, err = run("feed", "show", *CATALOG, "--min-signal", "101")
    assert code == 2


def test_a_failing_feed_is_reported_and_exits_1(tmp_path: Path) -> None:
    good, bad = setup_feeds(tmp_path, "rss10.rdf", "rss20.xml")
    assert run("feed", "update", *CATALOG)[0] == 0
    shutil.copyfile(FEEDS / "truncated.xml", bad)
    code, out, _ = run("feed", "update", *CATALOG, "--json")
    assert code == 1
    reports = {Path(r["source"]).name: r for r in json.loads(out)["data"]["feeds"]}
    assert reports["rss10.rdf"]["status"] == "not-modified"  # the good feed, unchanged
    assert reports["rss20.xml"]["status"] == "error"
    assert "not a well-formed feed" in reports["rss20.xml"]["error"]
    code, out, _ = run("feed", "update", *CATALOG)  # the table says so too
    assert code == 1 and "error" in out and "not-modified" in out
    code, out, _ = run("feed", "show", *CATALOG, "--json")
    assert json.loads(out)["data"]["total"] == 5  # nothing lost
    assert good.exists()


def test_update_without_feeds_says_how_to_add_one() -> None:
    code, _, err = run("feed", "update", *CATALOG)
    assert code == 1 and "llmref feed add" in err


def test_add_refuses_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run("feed", "add", str(tmp_path / "nope.xml"))
    assert code == 2 and "no such file" in err


def test_a_config_file_elsewhere(tmp_path: Path) -> None:
    config = tmp_path / "my-feeds.toml"
    shutil.copyfile(FEEDS / "rss091.xml", tmp_path / "old.xml")
    assert run("feed", "add", str(tmp_path / "old.xml"), "--config", str(config))[0] == 0
    assert config.exists()
    code, out, _ = run("feed", "list", "--config", str(config), "--json")
    assert code == 0 and len(json.loads(out)["data"]["feeds"]) == 1
    code, out, _ = run("feed", "list", "--json")  # the default config is still empty
    assert json.loads(out)["data"]["feeds"] == []


def test_atom_output_file_and_derived_feed(tmp_path: Path) -> None:
    setup_feeds(tmp_path, "atom.xml")
    assert run("feed", "update", *CATALOG)[0] == 0
    target = tmp_path / "out.atom"
    code, _, _ = run("feed", "atom", *CATALOG, "--output", str(target))
    assert code == 0
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert len(root.findall("{http://www.w3.org/2005/Atom}entry")) == 2
    code, out, _ = run("feed", "atom", *CATALOG, "--derived", "--limit", "3")
    assert code == 0
    assert len(ET.fromstring(out).findall("{http://www.w3.org/2005/Atom}entry")) == 3


def test_catalog_feed_json_and_table() -> None:
    code, out, _ = run("feed", "catalog", *CATALOG, "--json", "--since", "2024-07-01")
    assert code == 0
    doc = json.loads(out)["data"]
    events = doc["events"]
    assert doc["count"] == len(events) == 5
    assert [e["kind"] for e in events] == [
        "price-change",
        "new-snapshot",
        "new-model",
        "new-model",
        "new-offering",
    ]
    change = events[0]["changes"][0]
    assert change["field"] == "input"
    assert (Decimal(change["old"]), Decimal(change["new"])) == (Decimal(5), Decimal("2.5"))
    code, out, _ = run("feed", "catalog", *CATALOG)
    assert code == 0 and "price-change" in out and "2023-03-14" in out
    code, _, err = run("feed", "catalog", *CATALOG, "--since", "July")
    assert code == 2 and "--since must be a date" in err


def test_remove_by_source_or_name_and_unknown_is_an_error(tmp_path: Path) -> None:
    config = ["--config", str(tmp_path / "feeds.toml")]
    shutil.copyfile(FEEDS / "rss20.xml", tmp_path / "a.xml")
    shutil.copyfile(FEEDS / "atom.xml", tmp_path / "b.xml")
    assert run("feed", "add", str(tmp_path / "a.xml"), *config)[0] == 0
    assert run("feed", "add", str(tmp_path / "b.xml"), "--name", "wire", *config)[0] == 0
    code, out, _ = run("feed", "remove", "wire", *config, "--json")
    assert code == 0
    doc = json.loads(out)["data"]
    assert doc["removed"] and doc["url"] == str(tmp_path / "b.xml") and doc["feeds"] == 1
    before = (tmp_path / "feeds.toml").read_bytes()
    code, _, err = run("feed", "remove", "https://nowhere.example/feed", *config)
    assert code == 1 and "no configured feed" in err and str(tmp_path / "a.xml") in err
    assert (tmp_path / "feeds.toml").read_bytes() == before  # nothing written
    code, out, _ = run("feed", "remove", str(tmp_path / "a.xml"), *config)
    assert code == 0 and out.startswith(f"Removed {tmp_path / 'a.xml'}")
    code, out, _ = run("feed", "list", *config, "--json")
    assert json.loads(out)["data"]["feeds"] == []
