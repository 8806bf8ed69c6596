"""The model page: the profile with sources, prices, request costs and comparisons."""

from __future__ import annotations

from tests.web.conftest import Site, table_rows, text


def test_model_page_shows_specs_with_sources_and_conflict_flags(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    assert text(soup.find("h1")) == "Rocket"
    specs = table_rows(soup, "Facts")
    # The value and the disagreement flag; the source every row shares is said once, under the
    # table (no Source column, no source repeated on a row).
    assert specs["Context window"] == ["200K sources disagree"]
    table = soup.find("caption", string="Facts and their sources").find_parent("table")
    assert [text(th) for th in table.select("thead th")] == ["Fact", "Value"]
    assert table.select(".prov") == []
    note = table.find_parent("div").find_next_sibling("p")
    assert text(note) == "Source for every row: acme.example , reviewed 2026-03-01 ."
    assert note.find("a")["href"] == "https://acme.example/models/rocket"
    flag = soup.find("a", string="sources disagree")
    assert flag["href"] == "../conflicts?model=rocket#c-model-rocket-context-window"
    caps = table_rows(soup, "Capabilities")
    assert caps["Vision"][0].startswith("Yes") and caps["Reasoning"][0].startswith("No")
    assert "Tool use" not in caps  # unknown is left out of the stated facts


def test_model_page_prices_routes_and_request_costs(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    routes = table_rows(soup, "Providers, prices per 1M tokens")
    assert routes["Acme API"][1] == "$1.00"
    assert routes["Acme API"][4] == "$0.50 / $2.00"  # the 50% batch discount
    assert routes["Acme API"][-1] == "acme.example · 2026-03-01"
    presets = table_rows(soup, "Cost of one request")
    # 5,000 x $1 + 1,000 x $4 per 1M tokens = $0.009
    assert presets["Medium"] == ["5,000 in / 1,000 out", "$0.009", "Acme API"]
    assert "costs 10.0x as much as Quartz on input" in text(soup.find(id="pricing").parent)


def test_model_page_links_comparisons_and_the_calculator(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    hrefs = [a["href"] for a in soup.select("#compare ~ ul.pairs a")]
    assert "../compare/quartz-vs-rocket" in hrefs
    assert "../calculator?models=rocket" in [a["href"] for a in soup.select("main a")]


def test_snapshot_and_family_link_each_other() -> None:
    from tests.web.conftest import load

    site = Site(load("mini"))
    family = site.soup("/models/rocket")
    assert "rocket-2025-03-01" in [text(a) for a in family.select("main p a")]
    snap = site.soup("/models/rocket-2025-09-01")
    assert "a dated snapshot of Rocket" in text(snap.find("main"))


def test_model_without_providers_renders_and_says_so(hostile: Site) -> None:
    soup = hostile.soup("/models/pebble")
    main = text(soup.find("main"))
    assert "No provider is tracked for this model." in main
    assert "A model no provider sells yet" in main


def test_model_json_twin_is_the_profile(ref: Site) -> None:
    data = ref.json("/models/gpt-4o-mini.json")
    assert data["side"]["id"] == "gpt-4o-mini"  # type: ignore[index]
    assert data["side"]["routes"][0]["provider_id"] == "openai"  # type: ignore[index]
    assert ref.json("/api/v1/models/gpt-4o-mini") == data


def test_a_fact_table_of_one_row_keeps_its_source_column(hostile: Site) -> None:
    soup = hostile.soup("/models/pebble")
    assert table_rows(soup, "Facts") == {"Context window": ["16K", "acme.example · 2026-03-01"]}
    assert "Source for every row" not in text(soup.find("main"))
