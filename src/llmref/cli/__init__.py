"""The `llmref` command: a thin client over the library. Every command takes --json."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

app = typer.Typer(
    name="llmref",
    help="llmref — a sourced LLM reference: models, providers, prices, comparisons and costs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app)`; keeping commands in small modules keeps start-up fast
# (heavy imports happen inside the commands) and the modules a few hundred lines each.
COMMAND_MODULES = (
    "llmref.cli.catalog_cmds",
    "llmref.cli.engine_cmds",
    "llmref.cli.site_cmds",
    "llmref.cli.export_cmds",
    "llmref.cli.feed_cmds",
    "llmref.cli.import_cmds",
    "llmref.cli.usage_cmds",
    "llmref.cli.bench_cmds",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def _print_version(value: bool) -> None:
    if value:
        from llmref import __version__

        typer.echo(f"llmref {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print llmref's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """llmref — a sourced LLM reference: models, providers, prices, comparisons and costs.

    Every command but `serve` takes --json (or --format json): one object, {"data": …,
    "meta": {"command", "llmref_version", "catalog_version"}}."""
    from llmref.cli.common import reset_run

    reset_run(ctx.invoked_subcommand)


def main() -> None:
    app()
