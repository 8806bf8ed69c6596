"""`llmref serve` in a subprocess on a free loopback port, for the tests that need a real server
(concurrency, faults). Not a test module."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.reliability.conftest import free_port


@contextmanager
def serving(database_url: str, *extra: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """The base URL of a server over the store at `database_url`, stopped on exit."""
    port = free_port()
    environment = {**os.environ, "LLMREF_DATABASE_URL": database_url, **(env or {})}
    llmref = str(Path(sys.executable).parent / "llmref")
    command = [llmref, "serve", "--port", str(port), *extra]
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/static/site.css", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 90 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
