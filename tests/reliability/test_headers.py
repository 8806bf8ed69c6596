"""Security headers on every answer, no inline script or style in any page (the CSP forbids
them), static files served from memory with validators, absolute URLs never from Host."""

from __future__ import annotations

import gzip

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

PAGES = [
    "/",
    "/vendors",
    "/models/gpt-4o",
    "/compare/gpt-4o-vs-gpt-4o-mini",
    "/compare?models=gpt-4o,gpt-4o-mini,o3",
    "/calculator",
    "/chart",
    "/feed",
    "/search?q=gpt",
    "/providers/openai",
    "/api/v1/docs",
    "/no/such/page",
]


@pytest.mark.parametrize("path", [*PAGES, "/api/v1/models/gpt-4o", "/static/site.css"])
def test_every_answer_carries_the_security_headers(real: TestClient, path: str) -> None:
    headers = real.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_has_inline_script_or_style(real: TestClient, path: str) -> None:
    soup = BeautifulSoup(real.get(path).text, "html.parser")
    assert not soup.find_all("style"), path
    assert not soup.find_all(style=True), path
    for script in soup.find_all("script"):
        assert script.get("src"), path  # an external file, never inline code
        assert not script.string, path
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], path


def test_the_chart_page_styles_its_svg_from_the_stylesheet(real: TestClient) -> None:
    from llmref.web.chart import STYLE

    css = real.get("/static/site.css").text
    for selector in ("text", ".grid", ".pt", ".hl .lbl", ".ttl"):
        assert f"svg.chart {selector} {{" in css
    # The standalone file keeps its own style sheet (it is an image, not a page).
    svg = real.get("/chart.svg")
    assert f"<style>{STYLE}</style>" in svg.text
    assert "style-src 'unsafe-inline'" in svg.headers["content-security-policy"]
    assert "script-src" not in svg.headers["content-security-policy"]  # default-src 'none'


def test_frame_ancestors_is_configurable(
    real: TestClient, monkeypatch: pytest.MonkeyPatch, bundled_catalog: object
) -> None:
    from tests.reliability.conftest import real_client

    monkeypatch.setenv("LLMREF_FRAME_ANCESTORS", "https://docs.example")
    with real_client(bundled_catalog, "sqlite://") as client:  # type: ignore[arg-type]
        csp = client.get("/api/v1/catalog").headers["content-security-policy"]
    assert csp.endswith("frame-ancestors https://docs.example")


def test_static_files_have_validators_and_gzip(real: TestClient) -> None:
    plain = real.get("/static/site.css", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.headers["content-type"] == "text/css; charset=utf-8"
    assert plain.headers["cache-control"] == "public, max-age=86400"
    etag = plain.headers["etag"]
    again = real.get("/static/site.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    raw = real.get("/static/site.js", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["content-type"] == "text/javascript; charset=utf-8"
    assert b"addEventListener" in raw.content or gzip.decompress(raw.content)
    for path in ("/static/nosuch.css", "/static/../app.py", "/static/%2e%2e/app.py"):
        assert real.get(path).status_code == 404, path
    assert real.head("/static/site.css").content == b""


def test_absolute_urls_come_from_the_base_url_never_from_host(
    bundled_catalog: object, bundled_sqlite: str
) -> None:
    from tests.reliability.conftest import real_client

    hostile = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    with real_client(bundled_catalog, bundled_sqlite, base_url="https://llmref.example/") as c:  # type: ignore[arg-type]
        sitemap = c.get("/sitemap.xml", headers=hostile).text
        atom = c.get("/feed/catalog.atom", headers=hostile).text
        items = c.get("/feed.atom", headers=hostile).text
    for body in (sitemap, atom, items):
        assert "evil.example" not in body
    assert "<loc>https://llmref.example/models/gpt-4o</loc>" in sitemap
    assert 'href="https://llmref.example/feed/catalog.atom"' in atom
