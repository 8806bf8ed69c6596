"""Fixtures for the web tests: the app over a test catalogue, called in-process, and helpers
that parse the HTML a user would see."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from llmref.catalog import Catalog, load_catalog_dir
from llmref.store import Store
from llmref.web.app import create_app

CATALOGS = Path(__file__).parents[1] / "fixtures" / "catalogs"
TODAY = date(2026, 11, 21)
"""The date the test site reads prices on (every fixture price is in force by then)."""


class Site:
    """The web app over one catalogue, called in-process."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.app = create_app(lambda: catalog, today=lambda: TODAY)
        self.client = TestClient(self.app)

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.get(path, follow_redirects=False, **kwargs)  # type: ignore[arg-type]

    def soup(self, path: str, status: int = 200) -> BeautifulSoup:
        response = self.get(path)
        assert response.status_code == status, (path, response.status_code, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        return BeautifulSoup(response.text, "html.parser")

    def json(self, path: str, status: int = 200) -> object:
        response = self.get(path)
        assert response.status_code == status, (path, response.status_code, response.text[:500])
        return response.json()


def text(node: object) -> str:
    """The visible text of a node, whitespace collapsed."""
    return " ".join(node.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def table_rows(soup: BeautifulSoup, caption: str) -> dict[str, list[str]]:
    """A table found by its caption: row header -> the text of its cells."""
    for table in soup.find_all("table"):
        cap = table.find("caption")
        if cap is not None and caption in text(cap):
            out = {}
            for tr in table.find("tbody").find_all("tr"):
                head = tr.find("th")
                cells = [text(td) for td in tr.find_all("td")]
                out[text(head) if head else cells[0]] = cells
            return out
    raise AssertionError(f"no table with caption containing {caption!r}")


def load(name: str) -> Catalog:
    return load_catalog_dir(CATALOGS / name)


@pytest.fixture(scope="session")
def reference_catalog() -> Catalog:
    return load("reference-pair")


@pytest.fixture(scope="session")
def hostile_catalog() -> Catalog:
    return load("hostile")


@pytest.fixture
def ref(reference_catalog: Catalog) -> Iterator[Site]:
    site = Site(reference_catalog)
    yield site
    site.client.close()


@pytest.fixture
def hostile(hostile_catalog: Catalog) -> Iterator[Site]:
    site = Site(hostile_catalog)
    yield site
    site.client.close()


def make_feed_store(catalog: Catalog, directory: Path) -> Store:
    """A store holding two fixture feeds (RSS with markup and duplicates; Atom with hostile
    titles), analysed against `catalog`."""
    import datetime as dt

    from llmref.feed.ingest import ingest_bytes
    from llmref.feed.link import build_index
    from llmref.feed.store import FeedRepository

    store = Store(f"sqlite:///{directory / 'feed.db'}")
    repo = FeedRepository(store)
    index = build_index(catalog)
    feeds = Path(__file__).parents[1] / "fixtures" / "feeds"
    now = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    for name in ("rss20.xml", "atom.xml"):
        source = f"https://{name.split('.')[0]}.example/feed"
        ingest_bytes(repo, source, (feeds / name).read_bytes(), index, now=now)
    return store


@pytest.fixture
def feed_site(reference_catalog: Catalog, tmp_path: Path) -> Iterator[Site]:
    """The reference catalogue with the fixture feeds stored."""
    store = make_feed_store(reference_catalog, tmp_path)
    site = Site(reference_catalog)
    site.app = create_app(lambda: reference_catalog, today=lambda: TODAY, feed_store=lambda: store)
    site.client = TestClient(site.app)
    yield site
    site.client.close()
    store.dispose()
