"""A static export writes the conflicts as the server pages them (``/conflicts?page=N`` is
``conflicts/page/N/index.html``), and every link to a disagreement lands on the page that
holds its row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.export import build_site
from llmref.export_twins import resolve
from llmref.store import Store
from llmref.web import conflict_links, urls
from llmref.web.app import create_app
from tests.web.conftest import TODAY
from tests.web.test_export import check_links


def test_file_for_turns_a_query_into_folders() -> None:
    assert urls.file_for("/conflicts?page=2") == "conflicts/page/2/index.html"
    assert urls.file_for("/conflicts.json?page=2") == "conflicts/page/2.json"
    assert urls.file_for("/conflicts?page=2#c-x") == "conflicts/page/2/index.html"
    assert urls.file_for("/conflicts") == "conflicts/index.html"


def test_conflicts_are_exported_a_page_at_a_time_and_links_find_their_rows(
    tmp_path: Path, hostile_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One disagreement a page, so the fixture's two make two pages (the real catalogue has
    # ~9,000: 181 pages of 50).
    monkeypatch.setattr(conflict_links, "PER_PAGE", 1)
    total = len(hostile_catalog.conflicts)
    pages = total
    assert pages >= 2
    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    out = tmp_path / "site"
    build_site(out, hostile_catalog, top=2, as_of=TODAY, feed_store=lambda: store, workers=2)
    store.dispose()
    written = [out / "conflicts/index.html"]
    written += [out / f"conflicts/page/{n}/index.html" for n in range(2, pages + 1)]
    assert all(p.is_file() for p in written)
    assert not (out / f"conflicts/page/{pages + 1}").exists()
    # The pages hold every row once, in the served order, and link to each other.
    rows = []
    for number, page in enumerate(written, start=1):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        rows += [tr["id"] for tr in soup.select("table.conflicts tbody tr")]
        pager = soup.select_one("nav.pager")
        assert pager is not None and f"Page {number} of {pages}" in pager.get_text()
    client = TestClient(create_app(lambda: hostile_catalog, today=lambda: TODAY))
    served = []
    for n in range(1, pages + 1):
        soup = BeautifulSoup(client.get(f"/conflicts?page={n}").text, "html.parser")
        served += [tr["id"] for tr in soup.select("table.conflicts tbody tr")]
    assert rows == served and len(rows) == total
    # Each page's twin is the served twin of that page.
    load = lambda p: json.loads((out / p.lstrip("/")).read_text())  # noqa: E731
    second = resolve(load, "/conflicts/page/2.json")
    assert second == client.get("/conflicts.json?page=2").json()
    client.close()
    # Every link resolves, anchors included: a model page's "sources disagree" flags point at
    # the page of the full list that holds their row.
    assert check_links(out) > 100
    model = BeautifulSoup((out / "models/rocket/index.html").read_text(), "html.parser")
    flags = [a["href"] for a in model.select(".conflict-flag a")]
    assert flags and all(f.startswith("../../conflicts/") and "#c-" in f for f in flags)
    linked = {
        a["href"].partition("#")[0].lstrip("./")
        for page in out.rglob("models/*/index.html")
        for a in BeautifulSoup(page.read_text(), "html.parser").select(".conflict-flag a")
    }
    assert "conflicts/page/2/index.html" in linked  # a row past the first page
