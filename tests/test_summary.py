"""The summary engine (llmref.summary) on the real bundled catalogue: the figures every list
shows, the same for the CLI's ``search`` and the web's search results and lists."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from llmref import pricing, summary
from llmref.benchmarks import engine as bench_engine
from llmref.catalog import Catalog, load_catalog_dir
from llmref.cli import app
from llmref.web.precomputed import Derived

AS_OF = date(2026, 11, 20)


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


def test_a_free_tier_is_never_the_cheapest(bundled: Catalog) -> None:
    model = bundled.model("claude-opus-4-7")
    # The data lists a $0 route (a free tier or app): the reason the rule is needed.
    free = [
        r
        for r in pricing.routes(bundled, model, summary.TYPICAL_REQUEST)
        if r.price is not None and r.price.input == 0
    ]
    assert free
    row = summary.model_summary(bundled, model)
    assert row.cheapest_input is not None and row.cheapest_output is not None
    # Anthropic's list price, $5 in / $25 out per 1M tokens, on the vendor's own API.
    assert (row.cheapest_input.price, row.cheapest_output.price) == (Decimal(5), Decimal(25))
    assert row.cheapest_input.provider_id == "anthropic"
    assert row.cheapest_input.source and row.cheapest_input.reviewed
    # Default traffic: 1M requests of 800 in + 250 out = 800M x $5 + 250M x $25 = $10,250.
    assert row.monthly_cost == Decimal(10250)
    assert row.monthly is not None and row.monthly.provider_id == "anthropic"
    assert row.monthly.source and row.monthly.reviewed
    # 5K in + 1K out on that route: $0.025 + $0.025.
    assert row.typical_request_cost == Decimal("0.05")
    assert row.model_class == "reasoning" and row.policy == "trusted"


def test_the_policy_changes_what_is_cheapest(bundled: Catalog) -> None:
    model = bundled.model("claude-opus-4-7")
    every = summary.model_summary(bundled, model, policy="all")
    trusted = summary.model_summary(bundled, model)
    assert every.cheapest_input is not None and trusted.cheapest_input is not None
    # A reseller lists it below the vendor; only the "all" policy names it.
    assert every.cheapest_input.price < trusted.cheapest_input.price
    with pytest.raises(ValueError, match="route"):
        summary.model_summary(bundled, model, policy="cheap")


def test_a_workload_prices_the_monthly_cost(bundled: Catalog) -> None:
    model = bundled.model("claude-opus-4-7")
    traffic = pricing.Traffic.per_request(1000, 1000, 1000)
    row = summary.model_summary(bundled, model, workload=traffic)
    # 1M input tokens x $5 + 1M output x $25.
    assert row.monthly_cost == Decimal(30)


def test_best_rank_is_the_model_standing_on_one_version(bundled: Catalog) -> None:
    ranks = summary.best_ranks(bundled, AS_OF)
    assert len(ranks) > 100
    for model_id, rank in list(ranks.items())[:40]:
        assert rank.total >= summary.MIN_RANKED
        again = bench_engine.rank_of(bundled, model_id, rank.benchmark, as_of=AS_OF)
        assert again is not None
        assert (again.position, again.total) == (rank.position, rank.total)
        assert (again.result.value, again.result.source) == (rank.value, rank.source)
        # No other version ranks the model better (a smaller share of models ahead).
        for bench, _ in bench_engine.model_scores(bundled, model_id, AS_OF):
            other = bench_engine.rank_of(bundled, model_id, bench.id, as_of=AS_OF)
            if other is None or other.total < summary.MIN_RANKED:
                continue
            assert (other.position - 1) / other.total >= (rank.position - 1) / rank.total


def test_the_web_lists_use_the_engine(bundled: Catalog) -> None:
    dated = Derived(bundled).on(AS_OF)
    engine = summary.summaries(bundled, as_of=AS_OF)
    web, mine = dated.summaries["claude-opus-4-7"], engine["claude-opus-4-7"]
    # The same summary, but for the score the lists show (and sort by, and the API returns):
    # the chart's default benchmark version's, not the engine's intelligence index.
    assert web == replace(mine, intelligence_index=dated.headline_score("claude-opus-4-7"))
    assert web.intelligence_index is not None
    assert dated.top_models == summary.top_models(engine.values())
    assert len(dated.top_models) > 50


def test_search_rows_filter_and_order(bundled: Catalog) -> None:
    rows = summary.search_rows(bundled, "opus", max_input_price=Decimal(5))
    assert rows
    prices = [r.cheapest_input.price for r in rows if r.cheapest_input]
    assert len(prices) == len(rows) and prices == sorted(prices)
    assert max(prices) <= 5
    wide = summary.search_rows(bundled, capabilities=["vision"], min_context=1_000_000)
    assert wide and all((r.context_window or 0) >= 1_000_000 for r in wide)
    assert all(bundled.model(r.id).capability("vision") is True for r in wide)
    assert not any(bundled.model(r.id).is_snapshot for r in wide)


def test_cli_and_web_search_show_the_same_cheapest(bundled: Catalog) -> None:
    result = CliRunner().invoke(app, ["search", "claude-opus-4-7", "--json"])
    assert result.exit_code == 0, result.output
    found = {r["id"]: r for r in json.loads(result.stdout)["data"]["results"]}
    row = found["claude-opus-4-7"]
    assert Decimal(row["cheapest_input"]) == Decimal(5)
    assert row["cheapest_input_provider"] == "anthropic"
    assert Decimal(row["monthly_cost"]) == Decimal(10250)
    text = CliRunner().invoke(app, ["search", "claude-opus-4-7"])
    assert "$5.00" in text.stdout and "$0.00" not in text.stdout


def test_the_web_search_page_shows_the_engine_figure(bundled: Catalog) -> None:
    from tests.web.conftest import Site, table_rows

    site = Site(bundled)
    soup = site.soup("/search?q=claude-opus-4-7")
    rows = table_rows(soup, "")
    row = next(cells for head, cells in rows.items() if head.endswith("claude-opus-4-7"))
    assert row[2:4] == ["$5.00 (Anthropic API)", "$25.00 (Anthropic API)"]
