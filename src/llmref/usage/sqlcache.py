"""The analysis's compiled SQL, kept on disk between runs.

Compiling the Ibis expressions is cheap once Ibis is loaded, but loading Ibis and its SQL
compilers costs a command-line run most of a second — more than reading 10 million Parquet
rows. So a query's DuckDB SQL is stored under a key naming everything it depends on (the query,
its parameters, the schemas of its inputs) and a stamp of the code that writes it (this
package's query-building modules, the Ibis and sqlglot versions): a later run with the same
key reads the SQL and never imports Ibis. Any change to those modules or versions changes the
stamp, so stale SQL is never read. A cache that cannot be written (a read-only home) is only
slower. The cache lives in ``$LLMREF_HOME/cache/usage-sql`` or the user's cache directory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable
from functools import cache
from pathlib import Path

_MODULES = ("queries.py", "report.py", "whatif.py", "engine.py", "sqlcache.py", "prices.py")
"""The modules whose code decides what SQL a key compiles to."""


def cache_dir() -> Path:
    home = os.environ.get("LLMREF_HOME")
    if home:
        return Path(home) / "cache" / "usage-sql"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("llmref", appauthor=False)) / "usage-sql"


@cache
def stamp() -> str:
    """A digest of the code that writes the SQL (read once per process)."""
    from importlib.metadata import version

    import llmref

    digest = hashlib.sha256(llmref.__version__.encode())
    for dist in ("ibis-framework", "sqlglot", "duckdb"):
        digest.update(f"{dist}={version(dist)};".encode())
    here = Path(__file__).parent
    for name in _MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _path(dialect: str, key: Hashable) -> Path:
    name = hashlib.sha256(repr((stamp(), dialect, key)).encode()).hexdigest()
    return cache_dir() / f"{name[:40]}.sql"


def get(dialect: str, key: Hashable) -> str | None:
    """The SQL stored for ``key``, or None."""
    try:
        return _path(dialect, key).read_text(encoding="utf-8")
    except OSError:
        return None


def put(dialect: str, key: Hashable, sql: str) -> None:
    """Store ``sql`` for ``key`` (written whole or not at all; failures are ignored)."""
    path = _path(dialect, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(sql, encoding="utf-8")
        partial.replace(path)
    except OSError:
        return
