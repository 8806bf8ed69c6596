"""Presets, savings, routing and value (llmref.pricing.workload), on the fixture catalogues."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from llmref.catalog import BenchmarkResult, Catalog, load_catalog_dir
from llmref.pricing import (
    DEFAULT_TRAFFIC,
    REQUEST_PRESETS,
    TYPICAL_REQUEST,
    WORKLOAD_RATIOS,
    Cost,
    InvalidWorkload,
    Route,
    RoutingPlan,
    Savings,
    Traffic,
    Unavailable,
    ValueScore,
    batch_savings,
    cache_savings,
    newest_result,
    preset_costs,
    ratio_prices,
    routes,
    routing_plan,
    value_score,
)
from tests.conftest import CATALOGS

D = Decimal


@pytest.fixture(scope="module")
def reference() -> Catalog:
    return load_catalog_dir(CATALOGS / "reference-pair")


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


def test_presets_are_the_specified_sizes_and_ratios() -> None:
    assert [(p.id, p.input_tokens, p.output_tokens) for p in REQUEST_PRESETS] == [
        ("small", 500, 200),
        ("medium", 5_000, 1_000),
        ("large", 50_000, 4_000),
    ]
    assert TYPICAL_REQUEST.id == "medium"
    assert [(r.id, r.input_parts, r.output_parts) for r in WORKLOAD_RATIOS] == [
        ("chat", 2, 1),
        ("code-review", 3, 1),
        ("document-analysis", 10, 1),
        ("document-analysis-long", 50, 1),
        ("embeddings", 1, 0),
    ]
    assert WORKLOAD_RATIOS[-1].input_share == 1


def test_preset_costs_and_ratio_prices(reference: Catalog) -> None:
    mini = reference.model("gpt-4o-mini")
    presets = preset_costs(reference, mini)
    totals = [
        p.route.cost.total
        for p in presets
        if isinstance(p.route, Route) and isinstance(p.route.cost, Cost)
    ]
    # 500 × 0.15 + 200 × 0.60; 5K × 0.15 + 1K × 0.60; 50K × 0.15 + 4K × 0.60 (per 1M)
    assert totals == [D("0.000195"), D("0.00135"), D("0.0099")]
    prices = {r.ratio.id: r.quote for r in ratio_prices(routes(reference, mini, DEFAULT_TRAFFIC))}
    chat = prices["chat"]
    assert chat is not None and chat.price.quantize(D("0.0001")) == D("0.3")  # (2×0.15+0.60)/3
    embeddings = prices["embeddings"]
    assert embeddings is not None and embeddings.price == D("0.15")


def test_cache_savings(variety: Catalog) -> None:
    acme = next(o for o in variety.offerings_of("acme-small") if o.provider_id == "acme-api")
    saved = cache_savings(acme, D("0.5"))
    assert isinstance(saved, Savings)
    assert saved.baseline == D(270)
    assert saved.saved == D(30)  # 400M cached tokens × ($0.15 − $0.075) / 1M
    assert saved.saved_share == D(30) / D(270)
    cloud = next(o for o in variety.offerings_of("acme-small") if o.provider_id == "cloudco")
    none = cache_savings(cloud, D("0.5"))
    assert isinstance(none, Unavailable) and "no cache-read price" in none.reason
    with pytest.raises(InvalidWorkload, match="cache_hit_share"):
        cache_savings(acme, D(2))


def test_batch_savings(variety: Catalog) -> None:
    acme = next(o for o in variety.offerings_of("acme-small") if o.provider_id == "acme-api")
    saved = batch_savings(acme)
    assert isinstance(saved, Savings) and saved.saved == D(135)  # half of $270
    cloud = next(o for o in variety.offerings_of("acme-small") if o.provider_id == "cloudco")
    assert isinstance(batch_savings(cloud), Unavailable)


def test_routing_plan(reference: Catalog) -> None:
    plan = routing_plan(
        reference, reference.model("step-3.5-flash"), reference.model("gpt-4o-mini"), D("0.6")
    )
    assert isinstance(plan, RoutingPlan)
    assert plan.cheap_cost == D(93)  # 60% of $155
    assert plan.strong_cost == D(108)  # 40% of $270
    assert plan.total == D(201)
    assert plan.all_strong == D(270)
    assert plan.saved == D(69)
    assert plan.cheap_route.provider_name == "OpenRouter"
    assert plan.strong_route.provider_name == "OpenAI API"
    everything = routing_plan(
        reference,
        reference.model("step-3.5-flash"),
        reference.model("gpt-4o-mini"),
        D(1),
        Traffic.per_request(10, 1_000, 100),
    )
    assert isinstance(everything, RoutingPlan) and everything.strong_cost == 0
    with pytest.raises(InvalidWorkload, match="share"):
        routing_plan(
            reference, reference.model("step-3.5-flash"), reference.model("gpt-4o-mini"), D("-0.1")
        )


def test_routing_with_an_unpriced_model_is_unavailable() -> None:
    catalog = load_catalog_dir(CATALOGS / "missing-price")
    plan = routing_plan(
        catalog, catalog.model("zeta-preview"), catalog.model("acme-large"), D("0.5")
    )
    assert isinstance(plan, Unavailable) and "zeta-preview" in plan.reason


def test_value_score(variety: Catalog, reference: Catalog) -> None:
    value = value_score(variety, variety.model("acme-large"))
    assert isinstance(value, ValueScore)
    assert value.request_cost == D("0.0225")  # 5K × $2.50 + 1K × $10, per 1M
    assert value.index == D("17.3")
    assert value.cost_per_point == D("0.0225") / D("17.3")
    missing = value_score(reference, reference.model("gpt-4o-mini"))
    assert isinstance(missing, Unavailable) and "intelligence-index" in missing.reason


def test_value_score_reuses_a_typical_route_it_is_given(variety: Catalog) -> None:
    large = variety.model("acme-large")
    typical = preset_costs(variety, large)[1]
    assert typical.preset == TYPICAL_REQUEST
    assert value_score(variety, large, None, typical.route) == value_score(variety, large)
    # The route given is the one used: a profile passes the medium preset's.
    other = routes(variety, large, TYPICAL_REQUEST.usage)[-1]
    assert isinstance(typical.route, Route) and typical.route.provider_id == "acme-api"
    assert other.provider_id == "rockbed"
    given = value_score(variety, large, None, other)
    assert isinstance(given, ValueScore) and given.route is other


def test_newest_result_prefers_the_latest_measurement_up_to_as_of() -> None:
    day = date(2026, 1, 1)

    def result(value: int, measured: date, source: str) -> BenchmarkResult:
        return BenchmarkResult("m", "mmlu", D(value), "%", measured, source, day)

    old = result(70, date(2024, 1, 1), "https://b.example")
    new = result(80, date(2025, 1, 1), "https://z.example")
    tie = result(81, date(2025, 1, 1), "https://a.example")
    assert newest_result((old, new), "mmlu") is new
    assert newest_result((old, new, tie), "mmlu") is tie  # same date: the source sorting first
    assert newest_result((old, new), "mmlu", date(2024, 6, 1)) is old
    assert newest_result((old, new), "gpqa") is None
