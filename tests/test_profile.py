"""Model profiles: competitors, price multiples with their date, access examples, strengths."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmref import prose
from llmref.catalog import (
    Catalog,
    Model,
    Offering,
    PricePoint,
    Provider,
    Vendor,
    load_catalog_dir,
)
from llmref.pricing import Unavailable, blended_ladder
from llmref.profile import RequestExample, build_profile, choose_competitors, request_example
from tests.conftest import CATALOGS

D = Decimal


@pytest.fixture(scope="module")
def reference() -> Catalog:
    return load_catalog_dir(CATALOGS / "reference-pair")


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


def test_alternatives_follow_the_written_rules(variety: Catalog) -> None:
    rivals = choose_competitors(variety, variety.model("acme-small"))
    assert [(r.id, r.why) for r in rivals] == [
        ("acme-large", "next tier up"),  # the same vendor, the closest price above
        ("beta-twin", "open weights"),  # open weights, nearest score on the shared version
    ]
    assert rivals[0].blended == D("4.75")  # 0.7 × 2.50 + 0.3 × 10
    assert (rivals[1].score, rivals[1].mine) == (D(65), D(65))
    # The dated snapshot of acme-large is not an alternative of acme-large.
    large = choose_competitors(variety, variety.model("acme-large"))
    assert [(r.id, r.why) for r in large] == [
        ("acme-small", "next tier down"),
        ("beta-twin", "open weights"),
    ]


def test_alternatives_on_the_real_catalogue_are_current_same_class_with_reasons() -> None:
    from llmref.alternatives import is_current
    from llmref.catalog import model_class
    from llmref.store import open_catalog

    catalog = open_catalog()
    mini = catalog.model("gpt-4o-mini")
    rivals = choose_competitors(catalog, mini)
    assert len(rivals) == 4
    for r in rivals:
        other = catalog.models[r.id]
        assert model_class(other) in ("chat", "reasoning") and not other.is_snapshot
        assert r.why in (
            "next tier up",
            "next tier down",
            "better score",
            "open weights",
            "closest price",
        )
    # Prices come from the routes the trusted policy includes, and every rival is current.
    trusted = blended_ladder(catalog, None, "trusted").blended
    assert all(r.blended == trusted[r.id] for r in rivals)
    assert all(is_current(catalog.models[r.id], catalog.built) for r in rivals)
    better = [r for r in rivals if r.why == "better score"]
    assert better and better[0].benchmark and better[0].score is not None
    embed = choose_competitors(catalog, catalog.model("text-embedding-3-small"))
    assert embed and all(model_class(catalog.models[r.id]) == "embedding" for r in embed)


def test_price_multiples_carry_their_date(variety: Catalog) -> None:
    p = build_profile(variety, variety.model("acme-small"))
    first = p.price_comparisons[0]
    assert (first.other_id, first.kind, first.mine, first.theirs) == (
        "acme-large",
        "input",
        D("0.15"),
        D("2.50"),
    )
    assert first.multiple.relation == "cheaper"
    assert first.prices_as_of == date(2026, 3, 5)  # newer review date of the two prices
    assert prose.profile_text(p).price_lines[0] == (
        "Acme Small is 94% cheaper than Acme Large on input ($0.15 against $2.50 per 1M input "
        "tokens), as of 2026-03-05."
    )
    same = [pc for pc in p.price_comparisons if pc.other_id == "beta-twin"]
    assert [pc.multiple.relation for pc in same] == ["same", "same"]
    dated = build_profile(variety, variety.model("acme-small"), as_of=date(2025, 6, 1))
    assert dated.price_comparisons[0].prices_as_of == date(2025, 6, 1)


def test_benchmarks_against_competitors(variety: Catalog) -> None:
    p = build_profile(variety, variety.model("acme-large"))
    rows = {r.benchmark: r for r in p.benchmarks}
    mmlu = rows["mmlu-pro"]
    assert mmlu.value == D(75) and mmlu.rank == 1
    assert [(c.id, c.value) for c in mmlu.competitors] == [
        ("acme-small", D(65)),
        ("beta-twin", D(65)),
    ]
    assert [c.value for c in rows["gpqa"].competitors] == [D(43), None]
    kinds = [s.kind for s in p.strengths]
    assert "largest-context" in kinds and "benchmark-lead" in kinds
    assert p.limitations[0].kind == "priciest"


def test_explicit_competitors(variety: Catalog) -> None:
    p = build_profile(
        variety, variety.model("acme-large"), competitors=(variety.model("beta-twin"),)
    )
    assert [(c.id, c.why) for c in p.competitors] == [("beta-twin", "chosen")]


def test_access_examples_per_api_style(variety: Catalog, reference: Catalog) -> None:
    large = build_profile(variety, variety.model("acme-large"))
    by_provider = {a.route.provider_id: a for a in large.access}
    openai = by_provider["acme-api"].example
    assert openai is not None and openai.url == "https://api.acme.example/v1/chat/completions"
    assert ("Authorization", "Bearer $ACME_API_KEY") in openai.headers
    assert json.loads(openai.body)["model"] == "acme-large"
    bedrock = by_provider["rockbed"].example
    assert bedrock is not None and bedrock.url.endswith("/model/acme.large-v1:0/converse")
    assert bedrock.note is not None and "Signature Version 4" in bedrock.note
    small = build_profile(variety, variety.model("acme-small"))
    small_access = {a.route.provider_id: a for a in small.access}
    azure = small_access["cloudco"].example
    assert azure is not None and "YOUR-RESOURCE.openai.azure.com/openai/deployments/" in azure.url
    assert small_access["devsuite"].example is None
    assert "subscription" in (small_access["devsuite"].no_example_reason or "")
    twin = build_profile(variety, variety.model("beta-twin"))
    google = twin.access[0].example
    assert google is not None and google.url.endswith("/models/beta-twin:generateContent")
    ref = build_profile(reference, reference.model("gpt-4o-mini"))
    assert [a.route.provider_id for a in ref.access] == ["openai", "azure", "openrouter", "vercel"]
    assert all(a.example is not None for a in ref.access)


def test_request_example_without_a_known_api() -> None:
    day = date(2026, 1, 1)
    plain = Provider("plain", "Plain", None, "inference", "https://x.example", day)
    assert request_example(plain, "m") == "the API style of Plain is not tracked"
    no_base = Provider(
        "nb", "No Base", None, "inference", "https://x.example", day, api_style="openai"
    )
    assert request_example(no_base, "m") == "no API base URL is tracked for No Base"
    anthropic = Provider(
        "an", "An", None, "first-party", "https://x.example", day, api_style="anthropic"
    )
    example = request_example(anthropic, "claude-x")
    assert isinstance(example, RequestExample)
    assert example.url == "https://api.anthropic.com/v1/messages"
    assert ("anthropic-version", "2023-06-01") in example.headers


def test_profile_of_an_unpriced_model() -> None:
    catalog = load_catalog_dir(CATALOGS / "missing-price")
    p = build_profile(catalog, catalog.model("zeta-preview"))
    assert p.side.monthly_cost is None
    assert p.price_comparisons == ()
    assert all(isinstance(pc.route, Unavailable) for pc in p.presets)
    assert "unpriced" in [x.kind for x in p.limitations]
    assert prose.profile_text(p).presets[0] == (
        "Small request (500 in / 200 out): unavailable, because no price is tracked for "
        "zeta-preview on zeta-labs."
    )


def test_presets_value_and_snapshots(variety: Catalog) -> None:
    p = build_profile(variety, variety.model("acme-large"))
    assert [s.id for s in p.snapshots] == ["acme-large-2024-05-13"]
    assert (
        prose.profile_text(p).presets[1]
        == "Medium request (5,000 in / 1,000 out): $0.0225 on Acme API."
    )
    assert prose.profile_text(p).value.endswith("that is $0.001301 per point.")  # 0.0225 / 17.3
    context = next(r for r in p.specs if r.id == "context-window")
    assert (context.label, context.cells[0].text, context.cells[0].value) == (
        "Context window",
        "1M",
        1_000_000,
    )
    capabilities = next(r for r in p.specs if r.id == "capabilities")
    assert capabilities.cells[0].value == (
        "Vision",
        "Multimodal",
        "Function calling",
        "Tool use",
        "Structured outputs",
    )


# ---- competitors from the price ladder against a scan of the whole catalogue ---------------


LADDER_DAY = date(2026, 1, 1)
OLD, NEW = date(2025, 1, 1), date(2025, 6, 1)
# (input, output) prices: few distinct blends, so ties are common, and $0/$0 listings (distance
# 0 to everything) are frequent; (None, "1") has no blend.
PRICES = st.sampled_from(
    [
        ("0", "0"),
        ("0", "0"),
        ("0.1", "0.3"),
        ("0.3", "0.1"),
        ("1", "1"),
        ("1.0", "1"),
        ("0", "1"),
        ("4", "12"),
        (None, "1"),
        ("0.1", "0.3"),
    ]
)


@st.composite
def _catalogs(draw: st.DrawFn) -> Catalog:
    src = "https://example.test/competitors"
    n = draw(st.integers(min_value=1, max_value=12))
    models: list[Model] = []
    offerings: list[Offering] = []
    for i in range(n):
        canonical = [m.id for m in models if m.family_id is None]
        family = draw(st.sampled_from([None, *canonical])) if canonical else None
        vendor = draw(st.sampled_from([None, "v", "w", "x"]))
        models.append(Model(f"m{i}", f"M{i}", vendor, family, (), {}))
        chosen = st.sets(st.sampled_from(["p", "q", "sub", "gone"]), min_size=1, max_size=3)
        for provider in draw(chosen):
            prices = []
            for start in draw(st.sets(st.sampled_from([None, OLD, NEW]), min_size=1, max_size=2)):
                inp, out = draw(PRICES)
                prices.append(
                    PricePoint(
                        start,
                        None,
                        None if inp is None else D(inp),
                        None if out is None else D(out),
                        None,
                        None,
                        None,
                        None,
                        None,
                        (),
                        src,
                        LADDER_DAY,
                    )
                )
            prices.sort(key=lambda p: p.effective_from or date.min)
            paid = draw(st.booleans()) or provider == "p"
            offerings.append(Offering(f"m{i}", provider, None, paid, tuple(prices)))
    return Catalog.create(
        version="competitors",
        built=LADDER_DAY,
        vendors=[Vendor(v, v.upper(), None, src, LADDER_DAY) for v in ("v", "w", "x")],
        providers=[
            Provider("p", "P", None, "inference", src, LADDER_DAY),
            Provider("q", "Q", None, "cloud", src, LADDER_DAY),
            Provider("sub", "Sub", None, "subscription", src, LADDER_DAY),
        ],
        models=models,
        offerings=offerings,
        benchmarks=(),
        conflicts=(),
        sources=(),
    )


@settings(max_examples=150, deadline=None)
@given(
    catalog=_catalogs(),
    as_of=st.sampled_from([None, date(2024, 6, 1), date(2025, 3, 1), date(2026, 1, 1)]),
    limit=st.integers(min_value=2, max_value=6),
)
def test_alternatives_keep_their_invariants(
    catalog: Catalog, as_of: date | None, limit: int
) -> None:
    # These providers are unclassified, which the default ("trusted") policy sets aside: the
    # invariants are checked under "all", against the ladder of that policy.
    ladder = blended_ladder(catalog, as_of, "all")
    for model in catalog.models.values():
        chosen = choose_competitors(catalog, model, as_of, limit, policy="all")
        ids = [c.id for c in chosen]
        assert len(ids) == len(set(ids)) <= limit
        mine = ladder.blended.get(model.id)
        for c in chosen:
            other = catalog.models[c.id]
            assert c.id not in (model.id, model.family_id) and not other.is_snapshot
            assert c.blended == ladder.blended[c.id]  # priced on the day asked
            assert c.name == other.name
            assert c.vendor_name == (other.vendor_id.upper() if other.vendor_id else None)
            if c.why in ("next tier up", "next tier down"):
                assert other.vendor_id == model.vendor_id and mine is not None
                assert (c.blended > mine) if c.why == "next tier up" else (c.blended < mine)
        # every priced canonical model of the same class can fill the list
        pool = {
            i
            for i in ladder.blended
            if i not in (model.id, model.family_id) and not catalog.models[i].is_snapshot
        }
        assert len(chosen) == min(limit, len(pool))
