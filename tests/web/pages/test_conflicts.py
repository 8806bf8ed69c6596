"""/conflicts?model= filters to one model's disagreements and ?page= pages them; the model
page links there."""

from __future__ import annotations

from tests.web.conftest import Site, text


def subjects(site: Site, path: str) -> list[str]:
    return [tr["id"] for tr in site.soup(path).select("table.conflicts tbody tr")]


def test_model_filters_to_that_models_disagreements(hostile: Site) -> None:
    assert subjects(hostile, "/conflicts") == [
        "c-model-evil-model-license",
        "c-model-rocket-context-window",
    ]
    assert subjects(hostile, "/conflicts?model=rocket") == ["c-model-rocket-context-window"]
    # An alias names the same model.
    assert subjects(hostile, "/conflicts?model=rocket-latest") == ["c-model-rocket-context-window"]
    soup = hostile.soup("/conflicts?model=rocket")
    assert text(soup.find("h1")) == "Where sources disagree on Rocket"
    assert "Every disagreement in the catalogue" in [text(a) for a in soup.select("main p a")]
    assert subjects(hostile, "/conflicts?sort=field") == [
        "c-model-rocket-context-window",  # context_window < license
        "c-model-evil-model-license",
    ]
    api = hostile.json("/api/v1/conflicts?model=rocket")
    assert [c["field"] for c in api["conflicts"]] == ["context_window"]  # type: ignore[index]
    assert api["total"] == 1 and api["model"] == "rocket"  # type: ignore[index]


def test_an_unknown_model_is_a_404_naming_the_closest_ids(hostile: Site) -> None:
    soup = hostile.soup("/conflicts?model=rockt", status=404)
    assert "rocket" in [text(a) for a in soup.select("main a")]
    assert hostile.get("/api/v1/conflicts?model=rockt").status_code == 404


def test_the_model_page_links_its_disagreements_to_the_filtered_list(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    details = soup.select_one("details.disputed")
    assert text(details.find("summary")) == "Sources disagree on 1 fact"
    hrefs = [a["href"] for a in details.select("a")]
    assert hrefs == [
        "../conflicts?model=rocket#c-model-rocket-context-window",
        "../conflicts?model=rocket",
    ]


def test_the_real_catalogue_pages_its_disagreements(bundled: Site) -> None:
    catalog = bundled.catalog
    total = len(catalog.conflicts)
    first = bundled.get("/conflicts")
    assert first.status_code == 200
    assert len(first.content) < 500_000  # was 3.5 MB with every row on one page
    pages = -(-total // 50)
    assert subjects(bundled, "/conflicts")[:1] and len(subjects(bundled, "/conflicts")) == 50
    soup = bundled.soup("/conflicts?page=2")
    assert f"{total:,} disagreements; 51–100 shown (page 2 of {pages})." in text(soup.main)
    assert soup.select_one("a[rel=next]")["href"] == "conflicts?page=3"
    mine = catalog.conflicts_of("gpt-4o-mini")
    assert len(mine) > 0
    rows = subjects(bundled, "/conflicts?model=gpt-4o-mini")
    assert len(rows) == min(len(mine), 50)
    api = bundled.json("/api/v1/conflicts?model=gpt-4o-mini&limit=5")
    assert api["total"] == len(mine) and len(api["conflicts"]) == 5  # type: ignore[index,arg-type]
    # Every link on the model page to a disagreement goes to the filtered list.
    page = bundled.soup("/models/gpt-4o-mini")
    links = [a["href"] for a in page.select("details.disputed a")]
    assert links and all(h.startswith("../conflicts?model=gpt-4o-mini") for h in links)
