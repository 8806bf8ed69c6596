"""/search ranks by relevance, then usefulness, and pages past 100 results; on the real
catalogue ``vision`` starts with served models and ``gpt-4o-mini`` with the model itself."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from tests.web.conftest import Site, text


def ids(soup: BeautifulSoup) -> list[str]:
    return [text(code) for code in soup.select("table.models tbody th code")]


def routes(soup: BeautifulSoup) -> list[int]:
    return [int(text(tr.select("td")[4])) for tr in soup.select("table.models tbody tr")]


def every_result(site: Site, q: str) -> list[dict[str, Any]]:
    """Every result of the API's search, page by page through its cursor."""
    out: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page: Any = site.json(f"/api/v1/search?q={q}&limit=500{cursor}")
        out += page["results"]
        if not page["next_cursor"]:
            assert len(out) == page["total"]
            return out
        cursor = f"&cursor={page['next_cursor']}"


def test_an_exact_alias_comes_before_names_that_only_start_with_it(hostile: Site) -> None:
    # "rocket" is rocket's id (tier 0); no other model's id, alias or name starts with it.
    assert ids(hostile.soup("/search?q=rocket"))[0] == "rocket"
    # The vendor word matches four models equally: served before unserved, more routes first.
    assert ids(hostile.soup("/search?q=acme")) == ["rocket", "duel-vs-mode", "quartz", "pebble"]


def test_search_sorts_by_any_model_key_and_refuses_unknown_keys_in_the_api(hostile: Site) -> None:
    assert ids(hostile.soup("/search?q=acme&sort=price")) == [
        "quartz",
        "rocket",
        "duel-vs-mode",
        "pebble",
    ]
    soup = hostile.soup("/search?q=acme&sort=nope")
    assert text(soup.select_one("div.errors")).startswith("sort: “nope” is not a sort key")
    response = hostile.get("/api/v1/search?q=acme&sort=nope")
    assert response.status_code == 422 and "sort" in response.json()["errors"]


def test_vision_on_the_real_catalogue_lists_served_models_first_and_pages_on(
    bundled: Site,
) -> None:
    soup = bundled.soup("/search?q=vision")
    first = routes(soup)
    assert len(first) == 100
    # Every model on the first page has trusted prices and routes; the first have the most.
    assert min(first) > 0
    assert first[:10] == sorted(first[:10], reverse=True)
    assert all(text(tr.select("td")[2]) != "—" for tr in soup.select("table.models tbody tr"))
    results = every_result(bundled, "vision")
    total = len(results)
    assert total > 100
    assert text(soup.select_one("p.count")).startswith(f"{total:,} models match “vision”; 1–100")
    assert soup.select_one("a[rel=next]")["href"] == "search?q=vision&page=2"
    # The pages cover every match once, in the API's order.
    seen = []
    for number in range(1, -(-total // 100) + 1):
        seen += ids(bundled.soup(f"/search?q=vision&page={number}"))
    assert seen == [r["model"]["id"] for r in results]
    assert len(set(seen)) == total
    # Priceless matches (0 routes) come after every priced one.
    priced = [bool(r["model"]["cheapest_input"]) for r in results]
    assert priced == sorted(priced, reverse=True)


def test_gpt_4o_mini_on_the_real_catalogue_starts_with_the_model(bundled: Site) -> None:
    soup = bundled.soup("/search?q=gpt-4o-mini")
    found = ids(soup)
    assert found[0] == "gpt-4o-mini"  # its id, exactly
    # Then ids starting with it; every one of them is a gpt-4o-mini variant.
    assert all(i.startswith("gpt-4o-mini") for i in found)
    assert "gpt-4o-mini-2024-07-18" in found


def test_an_alias_is_an_exact_match(bundled: Site) -> None:
    assert bundled.catalog.model("openai/gpt-4o-mini").id == "gpt-4o-mini"
    assert ids(bundled.soup("/search?q=openai/gpt-4o-mini"))[0] == "gpt-4o-mini"


def test_the_api_pages_search_with_a_cursor(bundled: Site) -> None:
    first = bundled.json("/api/v1/search?q=vision&limit=10")
    assert len(first["results"]) == 10  # type: ignore[index]
    cursor = first["next_cursor"]  # type: ignore[index]
    second = bundled.json(f"/api/v1/search?q=vision&limit=10&cursor={cursor}")
    whole = bundled.json("/api/v1/search?q=vision&limit=20")
    ids_of = [r["model"]["id"] for r in whole["results"]]  # type: ignore[index]
    got = [r["model"]["id"] for r in first["results"] + second["results"]]  # type: ignore[index,operator]
    assert got == ids_of
