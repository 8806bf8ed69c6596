"""Fixtures for the reliability tests: the app over the REAL bundled catalogue, read from a
store built once per test session (SQLite; PostgreSQL where marked), as `llmref serve` serves
it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.store import Store, open_catalog
from llmref.web.app import create_app


@pytest.fixture(scope="session")
def bundled_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the bundled catalogue (built from data/ once per session)."""
    return f"sqlite:///{tmp_path_factory.mktemp('bundled') / 'llmref.db'}"


@pytest.fixture(scope="session")
def bundled_catalog(bundled_sqlite: str) -> Catalog:
    return open_catalog(bundled_sqlite)


@contextmanager
def real_client(catalog: Catalog, store_url: str, **kwargs: object) -> Iterator[TestClient]:
    """The app over `catalog`, its feed in the store at `store_url` (closed on exit)."""
    store = Store(store_url)
    app = create_app(lambda: catalog, feed_store=lambda: store, **kwargs)  # type: ignore[arg-type]
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client
    finally:
        store.dispose()


@pytest.fixture(scope="session")
def real(bundled_catalog: Catalog, bundled_sqlite: str) -> Iterator[TestClient]:
    """The app over the bundled catalogue read back from its SQLite store (LazyPrices and
    all), feed from the same store."""
    with real_client(bundled_catalog, bundled_sqlite) as client:
        # First-use costs paid up front, as `llmref serve` does in the background (without the
        # freeze, which would keep the other tests' objects alive): the tests time answers,
        # not imports and template compilation.
        from llmref.web.warm import warm_up

        warm_up(client.app.state.site, bundled_catalog, client.app, freeze=False)  # type: ignore[attr-defined]
        yield client


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def reference_catalog() -> Catalog:
    """The small fixture catalogue of the web tests (for faults that need no real data)."""
    from tests.web.conftest import load

    return load("reference-pair")
