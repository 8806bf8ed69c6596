"""Every command's --json (and --format json) prints one object of one shape: the data and the
metadata. The walk covers every command the CLI registers, so a new command without an entry
here fails; most run on the real bundled catalogue, the ones that write on a small fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer.main
from typer.testing import CliRunner

import llmref
from llmref.cli import app
from tests.conftest import CATALOGS
from tests.feed.conftest import FEEDS

MINI = str(CATALOGS / "mini")
QUICK = {
    "show",
    "search",
    "sources",
    "validate",
    "cost",
    "conflicts",
    "feed add",
    "feed list",
    "feed remove",
    "feed catalog",
}
NO_JSON = {"serve"}  # runs until stopped; prints the address it serves on, no result
runner = CliRunner()


def leaf_commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    found: dict[str, object] = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None)
        if subs:
            found.update({f"{name} {sub}": c for sub, c in subs.items()})
        else:
            found[name] = command
    return found


def example_args(tmp_path: Path) -> dict[str, list[str]]:
    feed = tmp_path / "rss20.xml"
    shutil.copyfile(FEEDS / "rss20.xml", feed)
    config = ["--config", str(tmp_path / "feeds.toml")]
    usage = tmp_path / "usage.csv"
    usage.write_text("timestamp,model,input_tokens\n2025-10-01T00:00:00Z,rocket,1000\n")
    return {
        "show": ["show", "gpt-4o-mini"],
        "search": ["search", "gpt-4o"],
        "sources": ["sources"],
        "benchmarks": ["benchmarks"],
        "validate": ["validate", MINI],
        "compare": ["compare", "gpt-4o-mini", "gpt-4o"],
        "cost": ["cost", "gpt-4o-mini", "--input", "1000", "--output", "100"],
        "route": ["route", "--cheap", "gpt-4o-mini", "--strong", "gpt-4o"],
        "profile": ["profile", "gpt-4o-mini"],
        "conflicts": ["conflicts", "--model", "gpt-4o-mini"],
        "duplicates": ["duplicates", "--limit", "3"],
        "export": ["export", "benchmarks", "--output", str(tmp_path / "results.csv")],
        "build-site": ["build-site", str(tmp_path / "site"), "--catalog", MINI, "--top", "2"],
        "feed add": ["feed", "add", str(feed), *config],
        "feed update": ["feed", "update", *config],
        "feed list": ["feed", "list", *config],
        "feed show": ["feed", "show"],
        "feed atom": ["feed", "atom"],
        "feed catalog": ["feed", "catalog", "--limit", "3"],
        "feed remove": ["feed", "remove", str(feed), *config],
        "usage analyze": ["usage", "analyze", str(usage), "--catalog", MINI],
        # Last: it replaces the store's catalogue with the fixture's.
        "import": ["import", "--catalog", MINI],
    }


def test_every_command_prints_the_envelope_with_json_and_format_json(tmp_path: Path) -> None:
    examples = example_args(tmp_path)
    assert set(examples) | NO_JSON == set(leaf_commands())
    for name, args in examples.items():
        # --format json is the same switch; checked on the quick commands (the walk is long).
        flags = [["--json"], ["--format", "json"]] if name in QUICK else [["--json"]]
        for flag in flags:
            if name == "feed remove":
                runner.invoke(app, examples["feed add"])  # something to remove each time
            result = runner.invoke(app, [*args, *flag])
            assert result.exit_code == 0, (name, flag, result.stderr)
            doc = json.loads(result.stdout)
            assert set(doc) == {"data", "meta"}, name
            assert doc["meta"]["command"] == name
            assert doc["meta"]["llmref_version"] == llmref.__version__
            assert isinstance(doc["data"], dict), f"{name}: data is an object, not a list"
        if name not in ("feed add", "feed list", "feed remove"):
            # These read a catalogue; the envelope names its version.
            assert len(doc["meta"]["catalog_version"] or "") == 16, name
        else:
            assert doc["meta"]["catalog_version"] is None, name


def test_every_command_but_serve_documents_json() -> None:
    for name, command in leaf_commands().items():
        options = {opt for p in command.params for opt in p.opts}  # type: ignore[attr-defined]
        assert ("--json" in options) == (name not in NO_JSON), name
        help_text = command.help or ""  # type: ignore[attr-defined]
        assert help_text and help_text[0].isupper() and help_text.rstrip().endswith("."), name
