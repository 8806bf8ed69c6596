"""The verdict engine: the three-way bottom line, the routing suggestion, the 5% rule, risks and
the N-way ranking, on the variety fixture (figures checked by hand in the comments)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from llmref import prose
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import Comparison, build_comparison, build_table, differs
from llmref.compare.verdict import build_verdict, rank_table
from tests.conftest import CATALOGS


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


@pytest.fixture(scope="module")
def large_vs_small(variety: Catalog) -> Comparison:
    return build_comparison(variety, variety.model("acme-large"), variety.model("acme-small"))


def test_the_threshold_is_five_percent_of_the_larger_figure() -> None:
    assert differs(D(100), D(95))  # exactly 5%
    assert not differs(D(100), D("95.1"))
    assert not differs(D(7), D(7)) and not differs(None, D(1))
    assert differs(1_050_000, 1_000_000) is False  # 4.8%: "1.05M against 1M" is no reason


def test_three_way_bottom_line_and_routing(large_vs_small: Comparison) -> None:
    v = large_vs_small.verdict
    # $4,500 against $270 a month: Acme Small is 94% cheaper.
    assert v.cheaper == 1 and v.monthly == (D(4500), D(270))
    # Ahead on all three shared quality benchmarks: 17.3/12.6, 75/65, 54/43 (all over 5%).
    assert v.stronger == 0 and v.shared == 3 and len(v.leads_of(0)) == 3 and v.even == 0
    assert [lead.benchmark for lead in v.leads] == ["intelligence-index", "gpqa", "mmlu-pro"]
    # Value per intelligence-index point: 4500/17.3 = 260.12 against 270/12.6 = 21.43.
    assert v.value_benchmark == "Intelligence Index" and v.better_value == 1
    assert v.cost_per_point[1] == D(270) / D("12.6")
    # Routing 70% to the cheap one: 0.7 × 270 + 0.3 × 4500 = 189 + 1350 = 1539; saves 2961.
    assert v.routing is not None and v.routing_cheap == 1
    assert (v.routing.total, v.routing.saved) == (D(1539), D(2961))
    text = prose.comparison_text(large_vs_small)
    assert text.bottom_line[0].startswith("Cheaper at this traffic: Acme Small, $270 a month")
    assert text.bottom_line[1].startswith("Higher on shared benchmarks: Acme Large")
    assert text.bottom_line[2].startswith("Better value per point: Acme Small, $21.43 a month")
    assert text.routing is not None and "$1,539 a month, $2,961 (66%) less" in text.routing


def test_figures_within_five_percent_are_never_reasons(large_vs_small: Comparison) -> None:
    a, b = large_vs_small.a, large_vs_small.b
    # Make the two monthly costs 4% apart: no cheaper model, no routing suggestion.
    close = replace(b, monthly_cost=D(4320))
    v = build_verdict(a, close, large_vs_small.benchmarks, large_vs_small.traffic, date(2026, 1, 1))
    assert v.cheaper is None and v.routing is None
    # And in the comparison itself no reason rests on a gap under 5%.
    for reasons in (large_vs_small.choose_a, large_vs_small.choose_b):
        for r in reasons:
            if isinstance(r.value, D | int) and isinstance(r.other, D | int):
                assert differs(r.value, r.other), r


def test_equal_models_get_no_verdict_either_way(variety: Catalog) -> None:
    c = build_comparison(variety, variety.model("acme-small"), variety.model("beta-twin"))
    v = c.verdict
    # Both $270 a month; both 65% on MMLU-Pro (their only shared benchmark).
    assert v.cheaper is None and v.stronger is None and v.even == 1 and v.routing is None
    assert prose.comparison_text(c).bottom_line[0].startswith("Cheaper at this traffic: neither")


def test_risks_retirement_and_single_provider(variety: Catalog) -> None:
    c = build_comparison(variety, variety.model("acme-small"), variety.model("beta-twin"))
    retiring = replace(c.a, deprecation_date=date(2026, 6, 1))
    v = build_verdict(retiring, c.b, c.benchmarks, c.traffic, date(2026, 7, 1))
    kinds = {(r.side, r.kind) for r in v.risks}
    assert (0, "retired") in kinds and (1, "single-provider") in kinds
    v = build_verdict(retiring, c.b, c.benchmarks, c.traffic, date(2026, 5, 1))
    assert (0, "retiring") in {(r.side, r.kind) for r in v.risks}


def test_n_way_ranks_and_says_when_to_choose_each(variety: Catalog) -> None:
    models = tuple(variety.model(m) for m in ("acme-large", "acme-small", "beta-twin"))
    t = build_table(variety, models)
    # Acme Large beats Acme Small on 3 benchmarks and Beta Twin on MMLU-Pro (75 against 65).
    first = t.ranking[0]
    assert (first.index, first.rank, first.wins) == (0, 1, 4)
    kinds = [w.kind for w in first.choose_when]
    assert "most-benchmarks" in kinds and "largest-context" in kinds
    # Acme Small and Beta Twin both cost $270: neither is "the cheapest".
    assert all(w.kind != "cheapest" for r in t.ranking for w in r.choose_when)
    lines = prose.table_text(t).ranking
    assert lines[0].startswith("Acme Large: choose it when quality matters most")
    assert rank_table(t.sides, (), date(2026, 1, 1))[0].index == 0


def test_the_named_pairs_on_the_real_bundled_catalogue() -> None:
    bundled = load_catalog_dir()
    as_of = date(2026, 11, 21)
    c = build_comparison(
        bundled, bundled.model("gpt-4o"), bundled.model("gpt-4o-mini"), as_of=as_of
    )
    v = c.verdict
    # 1M requests of 800 in / 250 out on OpenAI's API: 800 × $2.50 + 250 × $10 = $4,500 against
    # 800 × $0.15 + 250 × $0.60 = $270.
    assert v.monthly == (D(4500), D(270)) and v.cheaper == 1 and v.stronger == 0
    # 70% to GPT-4o mini: 0.7 × 270 + 0.3 × 4,500 = 1,539, saving 2,961 against GPT-4o alone.
    assert v.routing is not None and v.routing_cheap == 1
    assert (v.routing.total, v.routing.saved) == (D(1539), D(2961))
    lines = prose.comparison_text(c).bottom_line
    assert [line.split(":")[0] for line in lines] == [
        "Cheaper at this traffic",
        "Higher on shared benchmarks",
        "Better value per point",
    ]
    # Places to A/B test the switch are APIs: both models are on Poe and GitHub Copilot
    # (consumer products in data/provider-classes.toml), and neither is named.
    assert {"Poe", "GitHub Copilot"} <= {r.provider_name for r in c.a.routes}
    assert {"Poe", "GitHub Copilot"} <= {r.provider_name for r in c.b.routes}
    shared = c.switch_a_to_b.shared_providers
    assert shared[0] == "OpenAI API" and "Azure OpenAI" in shared
    assert "Poe" not in shared and "GitHub Copilot" not in shared
    # On the vendors' own list prices: 800 × $5 + 250 × $30 = $11,500 for GPT-5.5.
    pair = (bundled.model("gpt-5.5"), bundled.model("claude-opus-4-7"))
    listed = build_comparison(bundled, *pair, as_of=as_of, policy="vendor").verdict
    assert listed.monthly[0] == D(11500) and listed.cheaper is not None
