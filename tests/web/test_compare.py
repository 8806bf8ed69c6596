"""Comparison pages: the reference pair's figures, canonical URLs, N-way, a missing price."""

from __future__ import annotations

from decimal import Decimal

from tests.web.conftest import Site, table_rows, text

PAIR = "/compare/gpt-4o-mini-vs-step-3.5-flash"


def test_reference_pair_shows_the_monthly_costs_gap_and_routes(ref: Site) -> None:
    soup = ref.soup(PAIR)
    assert text(soup.find("h1")) == "GPT-4o-mini vs Step 3.5 Flash"
    cards = [text(c) for c in soup.select("#monthly ~ .cards .card")[:2]]
    assert cards[0].startswith("GPT-4o-mini $270") and "OpenAI API" in cards[0]
    assert cards[1].startswith("Step 3.5 Flash (lower) $155") and "OpenRouter" in cards[1]
    main = text(soup.find("main"))
    assert "Estimated monthly gap: $115" in main
    assert "about $0.13 per 1M tokens cheaper" in main  # the 70/30 blended difference


def test_reference_pair_tables_carry_values_best_marks_and_sources(ref: Site) -> None:
    soup = ref.soup(PAIR)
    pricing = table_rows(soup, "Prices per 1M tokens")
    assert pricing["Input price"][0].startswith("$0.15/1M source: llmreference.example")
    assert pricing["Input price"][1].startswith("$0.10/1M ★")
    assert pricing["Cheapest route"][:1] == [
        "OpenAI API source: llmreference.example · reviewed 2026-05-29"
    ]
    specs = table_rows(soup, "Specifications")
    assert specs["Context window"][1].startswith("256K ★")
    assert specs["Parameters"][1].startswith("196B (11B active)")
    caps = table_rows(soup, "Capabilities")
    assert caps["Reasoning"][0].startswith("No") and caps["Reasoning"][1].startswith("Yes")
    where = table_rows(soup, "Where to run GPT-4o-mini")
    assert list(where) == ["OpenAI API", "Azure OpenAI", "OpenRouter", "Vercel AI Gateway"]
    assert where["OpenAI API"][3:] == ["$270", "vendor's own API"]


def test_pair_page_embeds_the_chart_and_links_the_calculator(ref: Site) -> None:
    soup = ref.soup(PAIR)
    img = soup.select_one("figure.chart img")
    assert img["src"] == "gpt-4o-mini-vs-step-3.5-flash/chart.svg"
    chart = ref.get(PAIR + "/chart.svg")
    assert chart.headers["content-type"] == "image/svg+xml"
    calc = [a["href"] for a in soup.select("main a") if "calculator" in a["href"]]
    assert calc == ["../calculator?models=gpt-4o-mini,step-3.5-flash"]


def test_reversed_order_and_aliases_redirect_to_the_canonical_url(ref: Site, hostile: Site) -> None:
    response = ref.get("/compare/step-3.5-flash-vs-gpt-4o-mini")
    assert response.status_code == 301
    assert response.headers["location"] == "gpt-4o-mini-vs-step-3.5-flash"
    response = hostile.get("/compare/rocket-latest-vs-quartz?as_of=2025-06-30")
    assert response.status_code == 301
    assert response.headers["location"] == "quartz-vs-rocket?as_of=2025-06-30"
    assert ref.get("/compare/gpt-4o-mini-vs-gpt-4o-mini").status_code == 302


def test_ids_containing_vs_are_parsed_against_the_catalogue(hostile: Site) -> None:
    soup = hostile.soup("/compare/duel-vs-mode-vs-rocket")
    assert text(soup.find("h1")) == "Duel vs Mode vs Rocket"
    assert [text(th) for th in soup.select("table.cmp thead th")][1:3] == ["Duel vs Mode", "Rocket"]


def test_unknown_side_is_a_404_naming_the_closest_ids(ref: Site) -> None:
    soup = ref.soup("/compare/gpt-4o-mini-vs-step-35-flash", status=404)
    assert "step-35-flash" in text(soup.find("main"))
    assert "step-3.5-flash" in [text(a) for a in soup.select("ul.suggestions a")]


def test_pair_with_a_missing_price_renders_and_says_why(hostile: Site) -> None:
    soup = hostile.soup("/compare/pebble-vs-rocket")
    cards = [text(c) for c in soup.select("#monthly ~ .cards .card")[:2]]
    assert cards[0] == "Pebble unavailable no provider is tracked for pebble"
    assert cards[1].startswith("Rocket $1,800")  # 800M x $1 + 250M x $4 (the 2026-01-15 price)
    assert "No gap can be computed without a price for Pebble" in text(soup.find("main"))
    pricing = table_rows(soup, "Prices per 1M tokens")
    assert pricing["Input price"][0] == "—"


def test_prices_follow_as_of(hostile: Site) -> None:
    soup = hostile.soup("/compare/quartz-vs-rocket?as_of=2025-12-31")
    pricing = table_rows(soup, "Prices per 1M tokens")
    assert pricing["Input price"][1].startswith(
        "$1.20/1M"
    )  # evil-cloud beats the old $2 Acme price
    soup = hostile.soup("/compare/quartz-vs-rocket")
    assert table_rows(soup, "Prices per 1M tokens")["Input price"][1].startswith("$1.00/1M")


def test_n_way_table_and_its_canonical_url(hostile: Site) -> None:
    response = hostile.get("/compare?models=rocket,quartz&models=evil")
    assert response.status_code == 301
    assert response.headers["location"] == "compare?models=evil-model,quartz,rocket"
    soup = hostile.soup("/compare?models=evil-model,quartz,rocket")
    heads = [text(th) for th in soup.select("table.cmp thead th")][1:4]
    assert heads == ["<script>alert(1)</script> Model", "Quartz", "Rocket"]
    pricing = table_rows(soup, "Prices per 1M tokens")
    assert [c.split(" ")[0] for c in pricing["Input price"]] == ["$0.50/1M", "$0.10/1M", "$1.00/1M"]
    pairs = [a["href"] for a in soup.select("ul.pairs a")]
    assert "compare/evil-model-vs-quartz" in pairs and len(pairs) == 3
    assert (
        hostile.get("/compare?models=quartz,rocket").headers["location"]
        == "compare/quartz-vs-rocket"
    )


def test_n_way_with_bad_ids_re_renders_the_picker(hostile: Site) -> None:
    soup = hostile.soup("/compare?models=rocket,nosuch", status=422)
    alert = text(soup.find(attrs={"role": "alert"}))
    assert "No model 'nosuch' in the catalogue" in alert
    assert [i["value"] for i in soup.select("input[name=models]")][:2] == ["rocket", "nosuch"]
    assert hostile.soup("/compare").find("form") is not None


def test_json_twin_is_the_comparison_data(ref: Site) -> None:
    data = ref.json(PAIR + ".json")
    assert data["slug"] == "gpt-4o-mini-vs-step-3.5-flash"  # type: ignore[index]
    monthly = data["monthly"]  # type: ignore[index]
    assert (Decimal(monthly["a"]), Decimal(monthly["b"]), Decimal(monthly["gap"])) == (
        270,
        155,
        115,
    )
    assert ref.json("/api/v1/compare?models=step-3.5-flash,gpt-4o-mini") == data


def test_the_traffic_in_the_url_prices_the_page(ref: Site) -> None:
    # 2M requests of 800 in / 250 out: twice the default bill ($270 -> $540, $155 -> $310).
    soup = ref.soup(PAIR + "?requests=2000000&input=800&output=250")
    cards = [text(c) for c in soup.select("#monthly ~ .cards .card")[:2]]
    assert cards[0].startswith("GPT-4o-mini $540") and cards[1].startswith(
        "Step 3.5 Flash (lower) $310"
    )
    assert "2M requests a month of 800 input and 250 output tokens" in text(soup.find("main"))


def test_every_traffic_field_in_the_url_prices_the_page(ref: Site) -> None:
    # 1,000 requests of 1,000 in / 1,000 out = 1M input and 1M output tokens a month:
    # GPT-4o-mini on the OpenAI API $0.15 + $0.60, Step 3.5 Flash on OpenRouter $0.10 + $0.30.
    query = "?requests=1000&input=1000&output=1000"
    soup = ref.soup(PAIR + query)
    cards = [text(c) for c in soup.select("#monthly ~ .cards .card")[:2]]
    assert cards[0].startswith("GPT-4o-mini $0.75") and cards[1].startswith(
        "Step 3.5 Flash (lower) $0.40"
    )
    form = {i["name"]: i["value"] for i in soup.select("form.traffic input")}
    assert form == {"requests": "1000", "input": "1000", "output": "1000"}
    where = table_rows(soup, "Where to run GPT-4o-mini")
    assert where["OpenAI API"][3] == "$0.75"
    # The other order redirects to the canonical URL with the traffic kept.
    moved = ref.get("/compare/step-3.5-flash-vs-gpt-4o-mini" + query)
    path, _, kept = moved.headers["location"].partition("?")
    assert moved.status_code == 301 and path.endswith(PAIR[9:])
    assert sorted(kept.split("&")) == sorted(query[1:].split("&"))


def test_bad_traffic_in_the_url_is_a_clear_422(ref: Site) -> None:
    response = ref.get(PAIR + "?requests=lots")
    assert response.status_code == 422
    assert "requests must be a whole number" in response.text


def test_the_pair_page_has_the_bottom_line_presets_and_cost_picture(ref: Site) -> None:
    soup = ref.soup(PAIR)
    bottom = [text(li) for li in soup.select("ul.bottom-line li")]
    assert (
        bottom[0]
        == "Cheaper at this traffic: Step 3.5 Flash, $155 a month against $270 (43% less)."
    )
    presets = table_rows(soup, "One request of each size")
    # Small request, 500 in / 200 out: 500 × 0.15 + 200 × 0.60 per 1M = $0.000195.
    assert presets["Small (500 in / 200 out)"] == [
        "$0.000195 on OpenAI API",
        "$0.00011 on OpenRouter",
    ]
    assert "On one route that serves both (OpenRouter)" in text(soup.find("main"))


def test_the_bundled_catalogue_pair_page_has_a_verdict_and_routing() -> None:
    from llmref.catalog import load_catalog_dir

    site = Site(load_catalog_dir())
    try:
        soup = site.soup("/compare/gpt-4o-vs-gpt-4o-mini?requests=1000000&input=800&output=250")
        bottom = [text(li) for li in soup.select("ul.bottom-line li")]
        assert bottom[0].startswith("Cheaper at this traffic: GPT-4o mini")
        assert bottom[1].startswith("Higher on shared benchmarks: GPT-4o")
        routing = text(soup.select_one("p.routing"))
        assert routing.startswith("Route by difficulty: send 70% of requests to GPT-4o mini")
        moved = site.get("/compare?models=gpt-4o,gpt-4o-mini,claude-opus-4-7")
        many = site.soup(moved.headers["location"])
        assert len(many.select("ol.ranking li")) == 3
    finally:
        site.client.close()
