"""The catalogue pages, as a user sees them: parsed HTML, numbers, labels and links."""

from __future__ import annotations

from tests.web.conftest import Site, table_rows, text


def test_home_lists_top_models_with_cheapest_prices_and_search(ref: Site) -> None:
    soup = ref.soup("/")
    assert soup.find("form", attrs={"role": "search", "action": "search"}) is not None
    top = table_rows(soup, "Top models")
    # gpt-4o-mini has 4 priced routes, step-3.5-flash 1: ranked by routes.
    assert list(top) == ["GPT-4o-mini gpt-4o-mini", "Step 3.5 Flash step-3.5-flash"]
    assert top["GPT-4o-mini gpt-4o-mini"][2:5] == ["$0.15 (OpenAI API)", "$0.60 (OpenAI API)", "4"]
    assert top["Step 3.5 Flash step-3.5-flash"][2:5] == [
        "$0.10 (OpenRouter)",
        "$0.30 (OpenRouter)",
        "1",
    ]
    pairs = [text(li) for li in soup.select("ul.pairs li")]
    assert pairs == ["GPT-4o-mini vs Step 3.5 Flash"]
    assert soup.select_one("ul.pairs a")["href"] == "compare/gpt-4o-mini-vs-step-3.5-flash"


def test_search_by_name_alias_vendor_provider_and_capability(hostile: Site) -> None:
    def found(q: str) -> list[str]:
        soup = hostile.soup(f"/search?q={q}")
        return [text(code) for code in soup.select("table.models tbody th code")]

    assert found("rocket-latest") == ["rocket"]  # alias
    assert found("quartz") == ["quartz"]  # name
    # Vendor "acme" matches all four equally: priced ones first, the most routes first (rocket
    # has 2, duel-vs-mode and quartz 1 each, then by id), pebble (no price) last.
    assert found("acme") == ["rocket", "duel-vs-mode", "quartz", "pebble"]  # vendor
    assert found("evil-cloud") == ["rocket", "evil-model"]  # provider: 2 routes before 1
    assert found("vision") == ["rocket"]  # capability
    assert found("reasoning") == ["evil-model"]
    assert found("acme vision") == ["rocket"]  # every word must match


def test_search_without_a_match_names_the_closest_ids(hostile: Site) -> None:
    soup = hostile.soup("/search?q=rockt")
    assert "No model matches “rockt”" in text(soup.find("main"))
    assert "rocket" in [text(a) for a in soup.select("main a")]


def test_model_list_shows_every_canonical_model(hostile: Site) -> None:
    rows = table_rows(hostile.soup("/models"), "Models, by vendor, then name")
    assert len(rows) == 5
    pebble = rows["Pebble pebble"]
    assert pebble[2:5] == ["—", "—", "0"]  # no provider: no price, never $0


def test_vendor_and_provider_pages(ref: Site) -> None:
    soup = ref.soup("/vendors/openai")
    assert text(soup.find("h1")) == "OpenAI"
    assert "OpenAI API" in [text(a) for a in soup.select("main p a")]
    assert list(table_rows(soup, "Models by OpenAI")) == ["GPT-4o-mini gpt-4o-mini"]

    soup = ref.soup("/providers/openrouter")
    assert text(soup.find("h1")) == "OpenRouter"
    rows = table_rows(soup, "Models served")
    # Cheapest input first: Step 3.5 Flash at $0.10, then GPT-4o-mini at $0.15.
    assert list(rows) == ["Step 3.5 Flash", "GPT-4o-mini"]
    assert rows["GPT-4o-mini"][:2] == ["openai/gpt-4o-mini", "$0.15"]
    assert rows["GPT-4o-mini"][-1] == "llmreference.example · 2026-05-29"  # once per row
    assert rows["Step 3.5 Flash"][2] == "$0.30"


def test_every_price_and_fact_shows_its_source_and_review_date(ref: Site) -> None:
    soup = ref.soup("/providers/openai")
    prov = soup.select("td .prov")
    assert prov, "prices carry provenance"
    for span in prov:
        assert text(span).endswith("· 2026-05-29")
        assert span.find_parent("tr").get("title") is None  # once per row: in its cell
        assert span.find("a")["href"].startswith("https://")


def test_conflicts_page_lists_values_sources_choice_and_rule(hostile: Site) -> None:
    soup = hostile.soup("/conflicts")
    row = soup.find("tr", id="c-model-rocket-context-window")
    cells = [text(td) for td in row.find_all("td")]
    assert cells[0] == "Context window"
    assert "200K" in cells[1] and "131K" in cells[1]  # 131,072: one rule for sizes
    assert "acme.example" in cells[1] and "tinyset@1.0" in cells[1]
    assert cells[2] == "200K"  # the curated value is shown
    assert "curated" in cells[3].lower()
    # A dataset source links to its entry on the sources page.
    hrefs = [a["href"] for a in row.select(".prov a")]
    assert "sources#src-dataset-tinyset-1-0" in hrefs


def test_sources_page_lists_datasets_with_version_and_licence(hostile: Site) -> None:
    soup = hostile.soup("/sources")
    row = soup.find("tr", id="src-dataset-tinyset-1-0")
    assert [text(td) for td in row.find_all("td")][:3] == ["1.0", "MIT", "https://tinyset.example"]
    curated = table_rows(soup, "Public pages")
    assert "acme.example" in curated


def test_unknown_model_is_a_404_naming_the_closest_ids(ref: Site) -> None:
    soup = ref.soup("/models/gpt-4o-mino", status=404)
    assert "There is no model “gpt-4o-mino”" in text(soup.find("main"))
    assert [a["href"] for a in soup.select("ul.suggestions a")] == ["gpt-4o-mini"]
    body = ref.json("/api/v1/models/gpt-4o-mino", status=404)
    assert body["suggestions"] == ["gpt-4o-mini"]  # type: ignore[index]


def test_unknown_path_is_a_404_page(ref: Site) -> None:
    soup = ref.soup("/no/such/page", status=404)
    assert text(soup.find("h1")) == "Page not found"


def test_alias_redirects_to_the_canonical_model_url(hostile: Site) -> None:
    response = hostile.get("/models/rocket-latest")
    assert response.status_code == 301
    assert response.headers["location"] == "rocket"
    assert hostile.get("/vendors/ACME").headers["location"] == "acme"


def test_sitemap_lists_pages_with_absolute_urls(ref: Site) -> None:
    # Absolute URLs come from the configured base URL (default: serve's own address), never
    # from the Host header, which any client can set.
    body = ref.get("/sitemap.xml", headers={"Host": "evil.example"}).text
    assert "evil.example" not in body
    assert "<loc>http://127.0.0.1:8000/models/gpt-4o-mini</loc>" in body
    assert "<loc>http://127.0.0.1:8000/compare/gpt-4o-mini-vs-step-3.5-flash</loc>" in body
    assert (
        body.count("<url>") == 9 + 2 + 2 + 4 + 1
    )  # fixed pages, models, vendors, providers, pairs


def test_pages_work_without_javascript(ref: Site) -> None:
    soup = ref.soup("/")
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == ["static/site.js"]  # optional enhancement only
    assert ref.get("/static/site.css").status_code == 200
    # No CDN: nothing is loaded from elsewhere (the canonical link names the page itself).
    loaded = [link["href"] for link in soup.find_all("link") if link.get("rel") != ["canonical"]]
    assert loaded and "http" not in "".join(loaded)
