"""Pairwise comparisons and N-way tables on the fixture catalogues."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import permutations

import pytest

from llmref import prose
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import Comparison, Row, build_comparison, build_table, pair_slug
from llmref.pricing import Traffic
from tests.conftest import CATALOGS

D = Decimal


@pytest.fixture(scope="module")
def reference() -> Catalog:
    return load_catalog_dir(CATALOGS / "reference-pair")


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


@pytest.fixture(scope="module")
def missing() -> Catalog:
    return load_catalog_dir(CATALOGS / "missing-price")


@pytest.fixture(scope="module")
def seed(reference: Catalog) -> Comparison:
    return build_comparison(
        reference, reference.model("gpt-4o-mini"), reference.model("step-3.5-flash")
    )


def row(rows: tuple[Row, ...], row_id: str) -> Row:
    return next(r for r in rows if r.id == row_id)


def test_reference_page_numbers(seed: Comparison) -> None:
    m = seed.monthly
    assert (m.a, m.b, m.gap, m.lower) == (D(270), D(155), D(115), 1)
    assert seed.a.monthly_route_name == "OpenAI API"
    assert seed.b.monthly_route_name == "OpenRouter"
    assert seed.blended_gap == D("0.125")  # 0.285 − 0.16
    assert (
        seed.slug == "gpt-4o-mini-vs-step-3.5-flash" == pair_slug("gpt-4o-mini", "step-3.5-flash")
    )
    text = prose.comparison_text(seed)
    assert "about $0.13 per 1M tokens" in text.blended
    assert text.monthly_a == (
        "GPT-4o-mini: $270 a month on OpenAI API. "
        "Chosen among all 4 priced routes (trusted route policy)."
    )
    assert text.monthly_b == (
        "Step 3.5 Flash: $155 a month on OpenRouter. The only priced route (trusted route policy)."
    )
    assert text.monthly_gap.startswith("Estimated monthly gap: $115")


def test_reference_scorecard(seed: Comparison) -> None:
    context = row(seed.scorecard, "context-window")
    assert [c.text for c in context.cells] == ["128K", "256K"] and context.best == 1
    output = row(seed.scorecard, "cheapest-output")
    assert [c.value for c in output.cells] == [D("0.60"), D("0.30")] and output.best == 1
    routes = row(seed.scorecard, "provider-routes")
    assert [c.value for c in routes.cells] == [4, 1] and routes.best == 0
    assert [c.text for c in row(seed.scorecard, "shared-benchmarks").cells] == ["0 rows", "0 rows"]
    assert seed.a.provider_names == (
        "OpenAI API",
        "Azure OpenAI",
        "OpenRouter",
        "Vercel AI Gateway",
    )


def test_reasons_and_switch_friction(seed: Comparison) -> None:
    # Tags restate the figures by written rules: they are never reasons on their own.
    assert [r.kind for r in seed.choose_a] == ["wider-coverage", "capability"]
    assert [r.kind for r in seed.choose_b] == [
        "larger-context",
        "lower-monthly",
        "capability",
        "open-weights",
    ]
    s = seed.switch_a_to_b
    assert s.shared_providers == ("OpenRouter",)
    assert s.output_delta == D("-0.30") and s.monthly_delta == D(-115)
    assert s.lost == ("Structured outputs",) and s.gained == ("Reasoning",)
    back = seed.switch_b_to_a
    assert back.lost == ("Reasoning",) and back.context_delta == -128_000
    assert [c.id for c in seed.differing_capabilities] == ["reasoning", "structured_outputs"]


def test_labels_never_contradict_the_capability_table(
    reference: Catalog, variety: Catalog, missing: Catalog
) -> None:
    needs = {
        "Vision": "vision",
        "Reasoning": "reasoning",
        "Multimodal": "multimodal",
        "Extraction": "structured_outputs",
    }
    for catalog in (reference, variety, missing):
        ids = [m.id for m in catalog.models.values() if not m.is_snapshot]
        for a, b in permutations(ids, 2):
            c = build_comparison(catalog, catalog.models[a], catalog.models[b])
            for side in (c.a, c.b):
                caps = {cap.id: cap.value for cap in side.capabilities}
                for tag in side.fit_tags:
                    if tag.text in needs:
                        assert caps[needs[tag.text]] is True, (side.id, tag)
                    if tag.text == "Open weights":
                        assert side.open_weights is True
                    if tag.text == "Long context":
                        assert side.context_window is not None and side.context_window >= 128_000
    # The reference page tagged GPT-4o-mini "Vision" with Vision: No; llmref does not.
    seed = build_comparison(
        reference, reference.model("gpt-4o-mini"), reference.model("step-3.5-flash")
    )
    assert "Vision" not in [t.text for t in seed.a.fit_tags]


def test_missing_price_renders_and_says_why(missing: Catalog) -> None:
    c = build_comparison(missing, missing.model("acme-large"), missing.model("zeta-preview"))
    assert c.a.monthly_cost == D(1800)  # 800M × $1 + 250M × $4, per 1M
    assert c.b.monthly_cost is None
    assert c.b.monthly_reason == "no price is tracked for zeta-preview on zeta-labs"
    assert c.monthly.gap is None and c.blended_gap is None
    assert "unavailable because no price is tracked" in prose.comparison_text(c).verdict
    # The engine's reason names ids; the sentence names what a person reads.
    assert prose.comparison_text(c).monthly_b == (
        "Zeta Preview: unavailable, because no price is tracked for Zeta Preview on "
        "Zeta Labs Platform."
    )
    assert row(c.pricing, "monthly-cost").cells[1].text == "unavailable"
    # The subscription product is a place to run it, never a price.
    assert c.b.provider_names == ("Zeta Labs Platform", "DevSuite")
    assert c.b.subscription_providers == ("DevSuite",) and c.b.priced_providers == ()


def test_benchmarks_speed_and_same_vendor(variety: Catalog) -> None:
    c = build_comparison(variety, variety.model("acme-large"), variety.model("acme-small"))
    assert c.same_vendor
    assert [(p.benchmark, p.values, p.leader) for p in c.benchmarks] == [
        ("gpqa", (D(54), D(43)), 0),
        ("intelligence-index", (D("17.3"), D("12.6")), 0),
        ("mmlu-pro", (D(75), D(65)), 0),
    ]
    assert c.benchmarks[0].ratio == D(54) / D(43)
    assert c.speed is not None
    assert c.speed.faster == 0 and c.speed.faster_share == D("110.7") / D("49.9") - 1
    assert c.speed.quicker_start == 0  # 0.40 s against 0.49 s
    assert "Acme AI" in prose.comparison_text(c).deep_dive[-1]


def test_equal_prices_and_related_pairs(variety: Catalog) -> None:
    c = build_comparison(variety, variety.model("acme-small"), variety.model("beta-twin"))
    assert c.monthly.lower is None and c.monthly.gap == 0
    assert c.blended_gap == 0
    assert prose.comparison_text(c).monthly_gap == "There is no gap: both cost the same."
    # Each model against its own alternatives (llmref.alternatives): Acme Large is Acme
    # Small's next tier up ($4.75 against $0.285 blended) and scores better than Beta Twin on
    # MMLU-Pro (75 against 65) at the closest price; Beta Lab has no price.
    assert [(r.a_id, r.b_id, r.reason) for r in c.related] == [
        ("acme-small", "acme-large", "next tier up"),
        ("beta-twin", "acme-large", "better score"),
    ]
    assert c.benchmarks[0].leader is None  # 65% each


def test_related_pairs_are_current_same_class_alternatives_on_the_real_catalogue() -> None:
    from llmref.alternatives import is_current
    from llmref.catalog import model_class
    from llmref.pricing import blended_ladder
    from llmref.store import open_catalog

    catalog = open_catalog()
    a, b = catalog.model("gpt-4o-mini"), catalog.model("step-3.5-flash")
    c = build_comparison(catalog, a, b)
    trusted = blended_ladder(catalog, None, "trusted").blended
    assert 2 <= len(c.related) <= 6
    assert {r.a_id for r in c.related} == {a.id, b.id}  # both models get alternatives
    rules = ("next tier up", "next tier down", "better score", "open weights", "closest price")
    for r in c.related:
        other = catalog.models[r.b_id]
        assert r.b_id not in (a.id, b.id) and not other.is_snapshot
        assert model_class(other) in ("chat", "reasoning") and is_current(other, catalog.built)
        assert r.b_id in trusted  # priced on a route the trusted policy includes
        assert r.reason in rules
        assert r.slug == f"{r.a_id}-vs-{r.b_id}"


def test_as_of_uses_the_prices_then(variety: Catalog) -> None:
    large, small = variety.model("acme-large"), variety.model("acme-small")
    then = build_comparison(variety, large, small, as_of=date(2024, 6, 1))
    assert then.a.monthly_cost == D("7750")  # 800M × $5 + 250M × $15, per 1M
    assert then.b.monthly_cost is None  # acme-small's prices start on 2024-07-18
    assert then.b.monthly_reason is not None and "tracked from 2024-07-18" in then.b.monthly_reason


def test_custom_traffic(reference: Catalog) -> None:
    c = build_comparison(
        reference,
        reference.model("gpt-4o-mini"),
        reference.model("step-3.5-flash"),
        Traffic.per_request(2_000, 10_000, 500),
    )
    # 20M × 0.15 + 1M × 0.60 = 3.60; 20M × 0.10 + 1M × 0.30 = 2.30
    assert (c.monthly.a, c.monthly.b) == (D("3.6"), D("2.3"))
    assert (
        "2K requests a month of 10,000 input and 500 output tokens"
        in prose.comparison_text(c).monthly_intro
    )


def test_errors(reference: Catalog) -> None:
    mini = reference.model("gpt-4o-mini")
    with pytest.raises(ValueError, match="two different models"):
        build_comparison(reference, mini, mini)
    with pytest.raises(ValueError, match="2 to 5 models"):
        build_table(reference, (mini,))


def test_table_of_three(variety: Catalog) -> None:
    models = tuple(variety.model(m) for m in ("acme-large", "acme-small", "beta-twin"))
    t = build_table(variety, models)
    assert [s.id for s in t.sides] == ["acme-large", "acme-small", "beta-twin"]
    assert t.cheapest is None  # acme-small and beta-twin tie at $270
    assert [r.id for r in t.benchmarks] == ["mmlu-pro"]
    assert [c.text for c in t.benchmarks[0].cells] == ["75%", "65%", "65%"]
    assert [c.text for c in row(t.pricing, "monthly-cost").cells] == ["$4,500", "$270", "$270"]
    assert prose.table_text(t).title == "Acme Large vs Acme Small vs Beta Twin"
    assert prose.table_text(t).summary.endswith(
        "Acme Small and Beta Twin share the lowest monthly cost: $270."
    )


def test_comparisons_are_deterministic(reference: Catalog) -> None:
    a, b = reference.model("gpt-4o-mini"), reference.model("step-3.5-flash")
    assert build_comparison(reference, a, b) == build_comparison(reference, a, b)
