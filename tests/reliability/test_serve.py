"""`llmref serve` as a user runs it: loopback by default, several workers, absolute links
from the server's own address (or --base-url), never from the Host header."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from tests.reliability.server import serving


def test_serve_with_two_workers(bundled_sqlite: str, bundled_catalog: object) -> None:
    with serving(bundled_sqlite, "--workers", "2", "--no-access-log") as base:
        port = base.rsplit(":", 1)[1]
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(3):
                assert client.get("/models/gpt-4o").status_code == 200
            sitemap = client.get("/sitemap.xml", headers={"Host": "evil.example"}).text
            assert f"<loc>http://127.0.0.1:{port}/models/gpt-4o</loc>" in sitemap
            assert "evil.example" not in sitemap
        # Listening on loopback only (the default): the kernel's table of listening sockets.
        assert _listening(int(port)) == {"127.0.0.1"}


def test_two_workers_share_the_connections(bundled_sqlite: str, bundled_catalog: object) -> None:
    """Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads connections
    across them: sixteen clients end up served by both processes (with uvicorn's one shared
    socket, one worker took 93% of the work)."""
    with serving(bundled_sqlite, "--workers", "2", "--no-access-log") as base:
        port = int(base.rsplit(":", 1)[1])
        assert _listening_sockets(port) == 2
        clients = [httpx.Client(base_url=base, timeout=30) for _ in range(16)]
        try:
            for client in clients:
                assert client.get("/static/site.css").status_code == 200  # keeps it open
            owners = _owners(_established_inodes(port))
        finally:
            for client in clients:
                client.close()
    assert len(owners) == 2, owners


def _rows(port: int) -> list[list[str]]:
    rows = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if int(fields[1].split(":")[1], 16) == port:
                    rows.append(fields)
    return rows


def _listening_sockets(port: int) -> int:
    return sum(1 for fields in _rows(port) if fields[3] == "0A")


def _established_inodes(port: int) -> set[str]:
    """Sockets of the server's side of open connections (local port = the server's)."""
    return {fields[9] for fields in _rows(port) if fields[3] == "01"}


def _owners(inodes: set[str]) -> set[int]:
    """The processes holding those sockets."""
    wanted = {f"socket:[{inode}]" for inode in inodes}
    owners = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in wanted:
                    owners.add(int(proc.name))
                    break
        except OSError:
            continue
    return owners


def _listening(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    raw = bytes.fromhex(address)[::-1] if len(address) == 8 else b""
                    found.add(".".join(str(b) for b in raw) if raw else address)
    return found


def test_serve_base_url_option(bundled_sqlite: str, bundled_catalog: object) -> None:
    with serving(bundled_sqlite, "--base-url", "https://llmref.example") as base:
        sitemap = httpx.get(base + "/sitemap.xml", timeout=30).text
    assert "<loc>https://llmref.example/models/gpt-4o</loc>" in sitemap
