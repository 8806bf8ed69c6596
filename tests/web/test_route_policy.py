"""The route policy on the web, on the real bundled catalogue: each offering's class and why it
was set aside on the model page, ``?routes=`` on pages and their JSON twins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llmref.catalog import load_catalog_dir
from tests.web.conftest import Site, table_rows, text


@pytest.fixture(scope="module")
def bundled() -> Iterator[Site]:
    site = Site(load_catalog_dir())
    yield site
    site.client.close()


def test_model_page_shows_each_offering_class_and_why_it_was_set_aside(bundled: Site) -> None:
    soup = bundled.soup("/models/gpt-4o-mini")
    rows = table_rows(soup, "Providers, prices per 1M tokens")
    # Route class, then the reason the policy sets a route aside (columns 8 and 9).
    assert rows["OpenAI API"][7:9] == ["vendor-api", ""]
    assert rows["Poe"][7:9] == ["consumer", "set aside: consumer app or subscription"]
    policy = text(soup.select_one("p.route-policy"))
    assert policy.startswith("Chosen among ") and "(trusted route policy)" in policy
    assert "Poe (consumer app or subscription)" in policy
    wide = bundled.soup("/models/gpt-4o-mini?routes=all")
    assert "(all route policy)" in text(wide.select_one("p.route-policy"))


def test_comparison_follows_routes_and_its_twin_says_what_was_set_aside(bundled: Site) -> None:
    data = bundled.json("/compare/gpt-4o-mini-vs-step-3.5-flash.json")
    side = data["a"] if data["a"]["id"] == "gpt-4o-mini" else data["b"]  # type: ignore[index]
    assessment = side["assessment"]
    assert assessment["policy"] == "trusted"
    assert side["monthly_route_name"] == "OpenAI API"
    set_aside = {r["route"]["provider_id"]: r for r in assessment["routes"] if not r["included"]}
    assert set_aside["poe"]["excluded_reason"] == "consumer app or subscription"
    wide = bundled.json("/compare/gpt-4o-mini-vs-step-3.5-flash.json?routes=all")
    side = wide["a"] if wide["a"]["id"] == "gpt-4o-mini" else wide["b"]  # type: ignore[index]
    assert side["monthly_route_name"] == "Poe" and side["assessment"]["policy"] == "all"


def test_calculator_prices_the_route_the_policy_allows(bundled: Site) -> None:
    # GPT-5.5 at the default traffic (800M in, 250M out): OpenAI's $5/$30 list price is
    # $4,000 + $7,500; UnoRouter's $0.1875/$1.125 (3.75% of list) is set aside by default.
    result = bundled.json("/calculator.json?models=gpt-5.5")["results"][0]  # type: ignore[index]
    assert result["route"]["provider_id"] == "openai"
    assert result["monthly"]["total"].startswith("11500")
    wide = bundled.json("/calculator.json?models=gpt-5.5&routes=all")["results"][0]  # type: ignore[index]
    assert wide["route"]["provider_id"] == "unorouter"
