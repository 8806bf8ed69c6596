"""Bounded work per request: no input makes a request slow, and a hostile request cannot hold
up the others (page building runs in worker threads, never on the event loop)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from tests.reliability.server import serving

LONG_ID = "x" * 2000
UNKNOWN_IDS = ",".join(f"zq{i}nosuchmodelatall" for i in range(10))
HOSTILE = [
    f"/models/{LONG_ID}",
    f"/compare/{LONG_ID[:1000]}-vs-{LONG_ID[:1000]}",
    f"/compare?models={UNKNOWN_IDS}",
    f"/calculator?models={UNKNOWN_IDS}&cheap={'y' * 1000}&strong={'z' * 1000}",
    "/search?q=" + "+".join("abcdefghijklmnopqrstuvwxyz0123456789"),
    f"/api/v1/offerings?model={'q' * 200}",
    f"/providers/{LONG_ID}",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_a_hostile_request_is_answered_quickly(real: TestClient, path: str) -> None:
    start = time.perf_counter()
    response = real.get(path)
    took = time.perf_counter() - start
    assert response.status_code in (200, 404, 422), (path[:80], response.status_code)
    assert took < 2.0, (path[:80], took)  # was 24-41 s for a 32-60 KB id


@pytest.mark.parametrize(
    ("path", "status", "limit"),
    [
        ("/models/" + "x" * 3000, 414, "2048 bytes"),
        ("/api/v1/models/" + "x" * 3000, 414, "2048 bytes"),
        ("/search?" + "&".join(f"q{i}=1" for i in range(2000)), 414, "8192 bytes"),
        ("/search?" + "&".join(f"q{i}=1" for i in range(41)), 422, "40 query parameters"),
        ("/search?q=" + "a" * 1025, 422, "1024 characters"),
        ("/compare?models=" + ",".join(f"m{i}" for i in range(11)), 422, "10 ids"),
        ("/api/v1/cost?models=" + ",".join(f"m{i}" for i in range(11)), 422, "10 ids"),
    ],
)
def test_limits_are_answered_naming_the_limit(
    real: TestClient, path: str, status: int, limit: str
) -> None:
    response = real.get(path)
    assert response.status_code == status
    assert limit in response.text
    if "/api/" in path and status == 422:
        assert list(response.json()["errors"]) == ["models"]


@pytest.fixture(scope="module")
def server(bundled_sqlite: str, bundled_catalog: object) -> Iterator[str]:
    with serving(bundled_sqlite) as base:
        yield base


def _static_latencies(base: str, seconds: float) -> list[float]:
    out = []
    with httpx.Client(base_url=base) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            start = time.perf_counter()
            assert client.get("/static/site.css").status_code == 200
            out.append(time.perf_counter() - start)
            time.sleep(0.01)
    return out


def test_a_hostile_request_does_not_delay_a_static_request(server: str) -> None:
    """One hostile request at a time (the worst of HOSTILE, in turn, back to back) while a
    client fetches the stylesheet; windows with and without the attack alternate, so both
    see the same background load."""
    # The server pays its first-use costs (templates, indexes, imports) in a background
    # warm-up at start (llmref.web.warm); the windows start after it, with each hostile path
    # asked once, so they measure the attack, not the start-up.
    with httpx.Client(base_url=server, timeout=30) as client:
        for path in HOSTILE:
            client.get(path)
    time.sleep(2.0)
    quiet: list[float] = []
    loud: list[float] = []
    attacks = 0
    # Six pairs of windows: the 99th percentile of ~600 latencies is the 6th worst, so one or
    # two scheduler hiccups of the shared machine cannot decide it; a held event loop would.
    for _ in range(6):
        quiet += _static_latencies(server, 0.7)
        stop = threading.Event()

        def attack(stop: threading.Event = stop) -> None:
            nonlocal attacks
            with httpx.Client(base_url=server, timeout=30) as client:
                while not stop.is_set():
                    client.get(HOSTILE[attacks % len(HOSTILE)])
                    attacks += 1

        attacker = threading.Thread(target=attack)
        attacker.start()
        try:
            loud += _static_latencies(server, 1.0)
        finally:
            stop.set()
            attacker.join()
    assert attacks >= 3  # the attack did run during the loud windows

    # Every static request made while a hostile one ran, not a typical one: the 99th
    # percentile of those latencies against the same percentile without the attack (the quiet
    # windows, alternated with the loud ones so both see the same background load: on this
    # shared machine the scheduler alone puts a static request's p99 anywhere from 10 to 100+
    # ms). An event loop held by the attack (as before: 24-41 s per hostile request) would put
    # whole seconds there.
    assert len(loud) >= 40 and len(quiet) >= 40, (len(loud), len(quiet))
    delay = _p99(loud) - _p99(quiet)
    assert delay < 0.100, (_p99(quiet), _p99(loud), sorted(loud)[-5:])
    assert max(loud) < 1.0, sorted(loud)[-5:]


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
