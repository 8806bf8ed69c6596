"""`llmref serve --workers N`: N processes, each with its own listening socket (SO_REUSEPORT).

uvicorn's own ``--workers`` has every process accept from ONE shared socket; whichever is awake
first takes each new connection, so under load one worker took 93% of the work while the other
idled. Here each worker binds its own socket to the same address with ``SO_REUSEPORT``, and the
kernel spreads new connections across them by a hash of the client's address and port — evenly,
whoever is busy.

The parent only supervises: it starts the workers (fresh interpreters, ``spawn``: nothing of the
parent's state, open database connections included, is shared), restarts one that dies, and
stops them all on SIGINT/SIGTERM. Where the system has no ``SO_REUSEPORT`` (not Linux or a BSD),
`llmref serve` falls back to uvicorn's workers.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from typing import Any

REUSE_PORT = hasattr(socket, "SO_REUSEPORT")
RESTART_PAUSE = 1.0
"""Seconds before a worker that died is started again (a crash loop stays slow)."""


def _listening_socket(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker: its own socket on (host, port), one uvicorn server on it."""
    import uvicorn

    sock = _listening_socket(host, port)
    sock.listen(2048)
    config = uvicorn.Config("llmref.web.app:create_app", factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])


def run(host: str, port: int, workers: int, options: dict[str, Any]) -> None:
    """Serve with `workers` processes until SIGINT/SIGTERM; `options` go to uvicorn.Config."""
    # Fails here, once and clearly, if the address is taken by a server without SO_REUSEPORT.
    _listening_socket(host, port).close()
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start() -> multiprocessing.process.BaseProcess:
        process = context.Process(target=_worker, args=(host, port, options), daemon=False)
        process.start()
        return process

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.2)
            for i, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    print(
                        f"llmref: worker {process.pid} exited ({process.exitcode}); starting "
                        "another",
                        flush=True,
                    )
                    time.sleep(RESTART_PAUSE)
                    processes[i] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        for process in processes:
            process.join(30)
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
