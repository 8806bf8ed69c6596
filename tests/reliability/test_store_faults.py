"""Faults of the store under a running server: the SQLite file deleted, truncated or
overwritten; PostgreSQL stopped and restarted mid-load. The catalogue's pages keep answering
(the catalogue is in memory); what needs the database answers 503 with Retry-After — never
500, never a traceback or SQL — and recovers by itself when the database is back."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.store import Store
from llmref.web.app import create_app
from tests.reliability.conftest import free_port
from tests.web.conftest import TODAY, make_feed_store

FEED_PATHS = ("/feed", "/api/v1/feed", "/feed/1", "/api/v1/feed/1", "/feed.atom", "/feed.json")
REPO = Path(__file__).parents[2]


def _truncate(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(100)


def _delete(db: Path) -> None:
    db.unlink()


def _garbage(db: Path) -> None:
    db.write_bytes(b"not a database " * 1000)


@pytest.mark.parametrize("fault", [_truncate, _delete, _garbage])
def test_a_broken_sqlite_file_answers_503(
    reference_catalog: Catalog, tmp_path: Path, fault: Callable[[Path], None]
) -> None:
    store = make_feed_store(reference_catalog, tmp_path)
    app = create_app(lambda: reference_catalog, today=lambda: TODAY, feed_store=lambda: store)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in FEED_PATHS:
            assert client.get(path).status_code == 200, path
        db = tmp_path / "feed.db"
        for leftover in (db.with_name("feed.db-wal"), db.with_name("feed.db-shm")):
            leftover.unlink(missing_ok=True)
        fault(db)
        time.sleep(1.1)  # the feed's version is read at most once a second
        for path in FEED_PATHS:
            response = client.get(path)
            assert response.status_code == 503, (path, response.status_code)
            assert response.headers["retry-after"] == "30"
            assert "SELECT" not in response.text and "Traceback" not in response.text
        assert client.get("/api/v1/feed").json() == {
            "error": "The database is unavailable right now; try again later."
        }
        # The catalogue is in memory: its pages do not depend on the file.
        assert client.get("/models/gpt-4o-mini").status_code == 200
    store.dispose()


def _pg(env: dict[str, str], script: str, *args: str) -> str:
    run = subprocess.run(
        ["bash", str(REPO / "scripts" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return run.stdout.strip()


@pytest.mark.postgres
def test_postgresql_stopped_and_restarted_mid_load(
    reference_catalog: Catalog, tmp_path: Path
) -> None:
    # A cluster of its own: stopping the session's would break the other PostgreSQL tests.
    # Under /tmp itself: pytest's own temporary folders are private to this user, and the
    # server runs as the postgres user when the tests run as root.
    base = tempfile.mkdtemp(prefix="llmref-pg-fault-")
    os.chmod(base, 0o755)
    env = {"LLMREF_PG_PORT": str(free_port()), "LLMREF_PG_DIR": base}
    url = _pg(env, "ensure-postgres.sh")
    store = Store(url)
    try:
        app = create_app(lambda: reference_catalog, today=lambda: TODAY, feed_store=lambda: store)
        statuses: list[tuple[float, str, int]] = []
        stop = threading.Event()
        with TestClient(app, raise_server_exceptions=False) as client:

            def load() -> None:
                while not stop.is_set():
                    for path in ("/api/v1/feed", "/feed", "/models/gpt-4o-mini"):
                        response = client.get(path)
                        statuses.append((time.monotonic(), path, response.status_code))
                        if response.status_code == 503:
                            assert response.headers["retry-after"] == "30"

            loader = threading.Thread(target=load)
            loader.start()
            try:
                time.sleep(1.5)
                _pg(env, "stop-postgres.sh")
                stopped = time.monotonic()
                time.sleep(3)
                _pg(env, "ensure-postgres.sh")
                restarted = time.monotonic()
                time.sleep(3)
            finally:
                stop.set()
                loader.join()
        codes = {code for _, _, code in statuses}
        assert codes <= {200, 503}, codes  # never a 500
        down = [c for t, p, c in statuses if stopped + 1.5 < t < restarted and "feed" in p]
        assert 503 in down
        catalogue = [c for t, p, c in statuses if p == "/models/gpt-4o-mini"]
        assert set(catalogue) == {200}  # the catalogue never needed the database
        after = [c for t, _, c in statuses if t > restarted + 1.5]
        assert after and set(after) == {200}  # recovered by itself: no 500 after the restart
    finally:
        store.dispose()
        _pg(env, "stop-postgres.sh", "--purge")
