"""Test isolation: no test touches the user's home, the network, or another test's store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import llmref.store
from llmref.store.db import Store

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGS = FIXTURES / "catalogs"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "llmref-home"
    monkeypatch.setenv("LLMREF_HOME", str(home))
    monkeypatch.delenv("LLMREF_DATABASE_URL", raising=False)
    llmref.store._stores.clear()
    yield home
    for store in llmref.store._stores.values():
        store.dispose()
    llmref.store._stores.clear()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (per xdist worker).

    `make test` starts a throwaway cluster (scripts/ensure-postgres.sh) and exports
    LLMREF_TEST_DATABASE_URL. Without it these tests fail: CI must run them for real."""
    base = os.environ.get("LLMREF_TEST_DATABASE_URL")
    if not base:
        pytest.fail(
            "LLMREF_TEST_DATABASE_URL is not set: run the tests with `make test`, which starts "
            "PostgreSQL (scripts/ensure-postgres.sh)"
        )
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"llmref_t_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        for store in list(llmref.store._stores.values()):
            store.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store on each backend: every store test runs on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = Store(url)
    yield store
    if store.backend == "postgresql":
        from llmref.store import tables

        with store.begin() as conn:
            for table in reversed(tables.metadata.sorted_tables):
                table.drop(conn, checkfirst=True)
    store.dispose()
