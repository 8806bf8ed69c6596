"""Canonical and Open Graph tags on every HTML page, on the real bundled catalogue: absolute
URLs under the configured public address, never the request's Host header."""

from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from llmref.catalog import load_catalog_dir
from llmref.web.app import DEFAULT_BASE_URL, create_app
from tests.web.conftest import TODAY

BASE = "https://llmref.example.org"
# One URL of every page type (each template the site renders to HTML).
PAGES = [
    "/",
    "/search?q=gpt",
    "/models",
    "/models/gpt-4o-mini",
    "/vendors",
    "/vendors/openai",
    "/providers",
    "/providers/openai",
    "/compare/gpt-4o-vs-gpt-4o-mini",
    "/compare?models=gpt-4o,gpt-4o-mini,o3",
    "/calculator",
    "/chart",
    "/conflicts",
    "/sources",
    "/feed",
    "/api/v1/docs",
    "/models/no-such-model",
]


class Head(HTMLParser):
    """The <link rel=canonical> and <meta property=og:*> of a page (each must appear once)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.tags.setdefault("canonical", []).append(a.get("href") or "")
        if tag == "meta" and (a.get("property") or "").startswith("og:"):
            self.tags.setdefault(a["property"] or "", []).append(a.get("content") or "")


def head_of(html: str) -> dict[str, str]:
    parser = Head()
    parser.feed(html)
    assert all(len(v) == 1 for v in parser.tags.values()), parser.tags
    return {k: v[0] for k, v in parser.tags.items()}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    catalog = load_catalog_dir()
    app = create_app(lambda: catalog, today=lambda: TODAY, base_url=BASE)
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_has_canonical_and_open_graph(client: TestClient, path: str) -> None:
    # A forged Host header must not leak into the absolute URLs.
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == (404 if "no-such" in path else 200)
    assert response.headers["content-type"].startswith("text/html")
    tags = head_of(response.text)
    assert tags["canonical"] == BASE + path
    assert tags["og:url"] == tags["canonical"]
    assert tags["og:type"] == "website"
    title = response.text.split("<title>", 1)[1].split(" · llmref</title>", 1)[0]
    assert tags["og:title"] == unescape(title)
    assert tags["og:description"]
    assert "evil.example" not in response.text


def test_og_description_is_the_page_description(client: TestClient) -> None:
    html = client.get("/models/gpt-4o-mini").text
    tags = head_of(html)
    described = html.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    assert tags["og:description"] == unescape(described) != ""
    assert "GPT-4o mini" in tags["og:title"] or "gpt-4o-mini" in tags["og:title"]


def test_the_default_public_address_when_none_is_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LLMREF_BASE_URL", raising=False)
    catalog = load_catalog_dir()
    with TestClient(create_app(lambda: catalog, today=lambda: TODAY)) as c:
        tags = head_of(c.get("/vendors/openai", headers={"Host": "evil.example"}).text)
    assert tags["canonical"] == DEFAULT_BASE_URL + "/vendors/openai"
    monkeypatch.setenv("LLMREF_BASE_URL", "https://mirror.example/llm/")
    with TestClient(create_app(lambda: catalog, today=lambda: TODAY)) as c:
        tags = head_of(c.get("/vendors/openai").text)
    assert tags["canonical"] == "https://mirror.example/llm/vendors/openai"
