"""Feed servers that misbehave, on 127.0.0.1 (random port), for the fetch fault tests: they
hang, drip bytes, reset the connection, redirect in a loop or send 50 MB. Not a test module."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FEED = (Path(__file__).parents[1] / "fixtures" / "feeds" / "rss20.xml").read_bytes()
Behaviour = Callable[[socket.socket, str], None]


def _path(request: bytes) -> str:
    line = request.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    return parts[1] if len(parts) > 1 else "/"


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def hang(conn: socket.socket, _path: str) -> None:
    """Accept, read the request, never answer."""
    time.sleep(3600)


def drip_body(conn: socket.socket, _path: str) -> None:
    """Headers at once, then a byte every 0.2 s, forever (each read succeeds in time)."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n")
    conn.sendall(b"Content-Length: 100000000\r\n\r\n")
    while True:
        conn.sendall(b" ")
        time.sleep(0.2)


def drip_headers(conn: socket.socket, _path: str) -> None:
    """The status line and headers a byte every 0.2 s."""
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100000:
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


def reset(conn: socket.socket, _path: str) -> None:
    """Close with a TCP reset (SO_LINGER 0) instead of an answer."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def redirect_loop(conn: socket.socket, path: str) -> None:
    target = "/b" if path != "/b" else "/a"
    # "Connection: close": the server closes each connection after one answer, and a client
    # that reused it for the next hop would see a reset instead of the loop under test.
    conn.sendall(
        f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n".encode()
    )


def huge(conn: socket.socket, _path: str) -> None:
    """50 MB of body, as fast as the client reads."""
    size = 50 * 1024 * 1024
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        + f"Content-Length: {size}\r\n\r\n".encode()
    )
    block = b"<!-- " + b"x" * 65000 + b" -->"
    sent = 0
    while sent < size:
        conn.sendall(block)
        sent += len(block)


def good(conn: socket.socket, _path: str) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        + f"Content-Length: {len(FEED)}\r\n\r\n".encode()
        + FEED
    )


@contextmanager
def misbehaving(behaviour: Behaviour) -> Iterator[str]:
    """The URL of a server answering every request with `behaviour`."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()
    port = listener.getsockname()[1]

    def handle(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = _read_request(conn)
            behaviour(conn, _path(request))

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/a"
    finally:
        stop.set()
        thread.join(5)
        listener.close()
