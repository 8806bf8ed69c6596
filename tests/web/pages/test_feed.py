"""The feed pages: items linked to models, scores with their reasons, sanitised bodies."""

from __future__ import annotations

from tests.web.conftest import Site, text


def test_feed_lists_items_with_scores_and_model_links(feed_site: Site) -> None:
    soup = feed_site.soup("/feed")
    rows = soup.select("#feed-items tbody tr")
    titles = [text(r.find("th").find("a")) for r in rows]
    # The feed stores titles as plain text (markup removed); duplicates are stored once.
    assert sorted(titles) == sorted(
        [
            "Claude 3 Haiku on three benchmarks",
            "Weekly digest",
            "GPT-4o mini pricing & limits",
            "Claude 3.5 Sonnet",
            "Llama 3 8B on Together AI",
        ]
    )
    row = rows[titles.index("GPT-4o mini pricing & limits")]
    cells = [text(td) for td in row.find_all("td")]
    assert cells[0] == "2024-07-18"
    assert cells[2].endswith("/100") and cells[3].endswith("/100")
    assert [a["href"] for a in row.find_all("td")[4].find_all("a")] == ["models/gpt-4o-mini"]
    assert soup.find("a", href="feed.atom") is not None


def test_feed_filters_by_model_and_reports_unknown_ids(feed_site: Site) -> None:
    soup = feed_site.soup("/feed?model=4o-mini-nope", status=422)
    assert "Unknown model '4o-mini-nope'" in text(soup.find(attrs={"role": "alert"}))
    soup = feed_site.soup("/feed?model=gpt-4o-mini")
    titles = [text(th.find("a")) for th in soup.select("#feed-items tbody th")]
    assert titles == ["GPT-4o mini pricing & limits"]
    assert feed_site.get("/feed?min_signal=500").status_code == 422


def test_feed_item_page_shows_scores_reasons_and_a_sanitised_body(feed_site: Site) -> None:
    first = feed_site.soup("/feed").select_one("#feed-items tbody th a")["href"]
    soup = feed_site.soup("/" + first)
    main = soup.find("main")
    assert text(main.find("h3")).startswith("Signal ")
    body = main.find("article")
    assert body is not None
    assert not body.find_all("script") and not body.find_all("iframe")
    assert not [t for t in body.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not [a for a in body.find_all("a") if a.get("href", "").startswith("javascript:")]


def test_unknown_feed_item_is_a_404(feed_site: Site) -> None:
    assert feed_site.get("/feed/999999").status_code == 404
    assert feed_site.get("/api/v1/feed/999999").status_code == 404


def test_feed_api_and_atom(feed_site: Site) -> None:
    data = feed_site.json("/api/v1/feed?model=gpt-4o-mini")
    items = data["items"]["items"]  # type: ignore[index]
    assert [i["title"] for i in items] == ["GPT-4o mini pricing & limits"]
    assert {link["id"] for link in items[0]["analysis"]["links"]} == {"gpt-4o-mini"}
    assert feed_site.json("/feed.json?model=gpt-4o-mini") == data
    atom = feed_site.get("/feed.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in atom.text and "<script>" not in atom.text
    assert "<feed" in feed_site.get("/feed/catalog.atom").text
    events = feed_site.json("/api/v1/feed/catalog")
    assert isinstance(events, list)
