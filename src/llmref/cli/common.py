"""Shared CLI plumbing: catalogue options, JSON output, errors that name the problem."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ClassVar, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console, ConsoleDimensions

from llmref import formatting
from llmref.catalog import Catalog, CatalogDataError, UnknownIdError

P = ParamSpec("P")
R = TypeVar("R")

UNLIMITED_WIDTH = 100_000
"""Width of output that is not a terminal: a pipe or a file gets every character."""


class _Console(Console):
    """A console as wide as the terminal it writes to; when its stream is not a terminal (a pipe,
    a file) nothing is cut or wrapped: ``llmref sources | cat`` keeps full URLs. (Rich would
    otherwise use the width of whichever standard stream is a terminal, or 80 columns.)"""

    @property
    def size(self) -> ConsoleDimensions:
        # Even COLUMNS is ignored there: a shell or a test runner may export it.
        if self.is_terminal:
            return super().size
        return ConsoleDimensions(UNLIMITED_WIDTH, 25)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


console = _Console(highlight=False)
err_console = _Console(stderr=True, highlight=False)

CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="Use this data directory (same layout as data/) instead of the bundled catalogue.",
        exists=True,
        file_okay=False,
        dir_okay=True,
        resolve_path=True,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (an object: data plus meta) instead of text."),
]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", case_sensitive=False, help="Output format (json = --json)."),
]


def wants_json(as_json: bool, fmt: OutputFormat | str) -> bool:
    return as_json or str(fmt) == "json"


class _Run:
    """What the JSON envelope reports about this invocation (reset by the root callback)."""

    catalog_version: ClassVar[str | None] = None
    command: ClassVar[list[str]] = []


def reset_run(subcommand: str | None) -> None:
    """Called by the root callback: a new invocation of `subcommand` starts."""
    _Run.catalog_version = None
    _Run.command = [subcommand] if subcommand else []


def enter_group(subcommand: str | None) -> None:
    """Called by a command group's callback (`feed`): the command is `<group> <subcommand>`."""
    if subcommand:
        _Run.command.append(subcommand)


def load(catalog_dir: Path | None) -> Catalog:
    """The catalogue a command works on: a user's data directory (read directly, no store), or
    the bundled catalogue through the store (built on first use, saying so on stderr)."""
    if catalog_dir is not None:
        from llmref.catalog import load_catalog_dir

        catalog = load_catalog_dir(catalog_dir)
    else:
        from llmref.store import open_catalog

        catalog = open_catalog(progress=BuildProgress())
    _Run.catalog_version = catalog.version
    return catalog


class BuildProgress:
    """Says on stderr what happens while the store is built from the bundled data (seconds of
    silence otherwise): a line when the build starts, one per step, and the time it took.
    Nothing is printed when the store is already current (the callback is never called)."""

    def __init__(self) -> None:
        self._started: float | None = None

    def __call__(self, what: str, done: int, total: int) -> None:
        import time

        if self._started is None:
            self._started = time.perf_counter()
            from llmref.store import default_database_url

            url = default_database_url()
            # Only a SQLite path is shown: a server URL may carry a password.
            where = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else "the store"
            err_console.print(
                f"llmref: building the catalogue from the bundled data into {where} "
                "(first use or new data; a few seconds)…",
                soft_wrap=True,
            )
        if done < total:
            err_console.print(f"  [{done + 1}/{total}] {what}…", soft_wrap=True)
        else:
            took = time.perf_counter() - self._started
            err_console.print(f"llmref: catalogue ready in {took:.1f} s", soft_wrap=True)


def to_jsonable(value: Any) -> Any:
    """Stable JSON: Decimals as strings (exact money), dates ISO, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            k: to_jsonable(getattr(value, k))
            for k in value.__dataclass_fields__
            if not k.startswith("_")
        }
    return value


def envelope(data: Any, catalog_version: str | None = None) -> dict[str, Any]:
    """The one shape of every command's JSON: ``{"data": ..., "meta": {...}}``. ``meta`` names
    the command, the llmref version and the catalogue version the data comes from (null when
    the command read no catalogue)."""
    from llmref import __version__

    return {
        "data": to_jsonable(data),
        "meta": {
            "command": " ".join(_Run.command) or None,
            "llmref_version": __version__,
            "catalog_version": catalog_version or _Run.catalog_version,
        },
    }


def print_json(value: Any, *, catalog_version: str | None = None) -> None:
    """Print `value` as JSON inside the envelope every command shares."""
    text = json.dumps(envelope(value, catalog_version), indent=2, ensure_ascii=False)
    sys.stdout.write(text + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[bold red]Error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the library's expected errors into a one-paragraph message and a non-zero exit."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except UnknownIdError as exc:
            fail(str(exc), 2)
        except CatalogDataError as exc:
            fail(f"the catalogue data is invalid:\n{exc}", 3)
        except ValueError as exc:
            fail(str(exc), 2)
        except Exception as exc:
            reason = _database_fault(exc)
            if reason is None:
                raise
            fail(f"the database is unavailable ({reason}); try again later", 4)

    return wrapper


def _database_fault(exc: Exception) -> str | None:
    """The driver's first line for a database fault (locked, down, corrupt), else None. Never
    the SQL statement or its parameters, which SQLAlchemy's own message carries."""
    db_errors = sys.modules.get("sqlalchemy.exc")  # loaded only if a store was opened
    if db_errors is None or not isinstance(exc, db_errors.DBAPIError):
        return None
    return (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]


def money(value: Decimal | None) -> str:
    """A price per 1M tokens for a table cell ("$0.15", "$0.00005", "—")."""
    return formatting.price(value)


def tokens(value: int | None) -> str:
    """A context size or token limit ("128K", "262K", "1.05M", "—")."""
    return formatting.context(value)
