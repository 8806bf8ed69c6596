"""`llmref --version` and what the CLI says while it builds the store on first use."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import llmref
from llmref.cli import app

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"llmref {llmref.__version__}\n"


def test_first_use_says_it_builds_the_store_then_stays_quiet(isolated_home: Path) -> None:
    first = runner.invoke(app, ["show", "gpt-4o-mini"])
    assert first.exit_code == 0
    assert first.stdout.startswith("GPT-4o mini (gpt-4o-mini)")
    lines = first.stderr.splitlines()
    assert lines[0].startswith(
        f"llmref: building the catalogue from the bundled data into {isolated_home / 'llmref.db'}"
    )
    assert lines[1:4] == [
        "  [1/3] reading the data files…",
        "  [2/3] reconciling the sources…",
        "  [3/3] writing the store…",
    ]
    assert lines[4].startswith("llmref: catalogue ready in ")
    again = runner.invoke(app, ["show", "gpt-4o-mini"])
    assert again.exit_code == 0
    assert again.stderr == ""
