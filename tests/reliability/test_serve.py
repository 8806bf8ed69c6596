"""`llmref serve` as a user runs it: loopback by default, several workers, absolute links
from the server's own address (or --base-url), never from the Host header."""

from __future__ import annotations

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
