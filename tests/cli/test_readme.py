"""The README documents every command and setting (a test fails when one is missing)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from llmref.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        for sub in getattr(command, "commands", {}):
            names.append(f"{name} {sub}")
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands() if f"llmref {name}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    for variable in ("LLMREF_HOME", "LLMREF_DATABASE_URL"):
        assert f"`{variable}`" in README


def test_the_two_commands_come_first() -> None:
    first = README.index("make run")
    assert first < README.index("## The CLI")
    assert "make test" in README[: README.index("## The CLI")]
