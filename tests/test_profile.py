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
from llmref.pricing import Unavailable, lowest_blended
from llmref.profile import RequestExample, build_profile, choose_competitors, request_example
from tests.conftest import CATALOGS

D = Decimal


@pytest.fixture(scope="module")
def reference() -> Catalog:
    return load_catalog_dir(CATALOGS / "reference-pair")


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


def test_competitors_same_vendor_first_then_closest_price(variety: Catalog) -> None:
    rivals = choose_competitors(variety, variety.model("acme-small"))
    assert [(r.id, r.why) for r in rivals] == [
        ("acme-large", "same vendor"),
        ("beta-twin", "closest price"),
    ]
    assert rivals[0].blended == D("4.75")  # 0.7 × 2.50 + 0.3 × 10
    # The dated snapshot of acme-large is not a competitor of acme-large.
    assert [r.id for r in choose_competitors(variety, variety.model("acme-large"))] == [
        "acme-small",
        "beta-twin",
    ]


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


def _scan_competitors(
    catalog: Catalog, model: Model, as_of: date | None, limit: int
) -> list[tuple[str, str, Decimal]]:
    """The definition: price every other model, split by vendor, sort each group by ratio
    distance then id (this was choose_competitors before the ladder)."""
    mine = lowest_blended(catalog, model, as_of)
    same: list[tuple[Decimal, str, Decimal]] = []
    other: list[tuple[Decimal, str, Decimal]] = []
    for cand in catalog.models.values():
        if cand.id == model.id or cand.is_snapshot or cand.id == model.family_id:
            continue
        theirs = lowest_blended(catalog, cand, as_of)
        if theirs is None:
            continue
        if mine is None or mine == 0 or theirs == 0:
            distance = Decimal(0)
        else:
            distance = max(mine, theirs) / min(mine, theirs)
        group = same if model.vendor_id and cand.vendor_id == model.vendor_id else other
        group.append((distance, cand.id, theirs))
    same.sort(key=lambda x: (x[0], x[1]))
    other.sort(key=lambda x: (x[0], x[1]))
    picked = [(c, "same vendor", b) for _, c, b in same[:2]]
    picked += [(c, "closest price", b) for _, c, b in other[: limit - len(picked)]]
    if len(picked) < limit:
        picked += [(c, "same vendor", b) for _, c, b in same[2 : 2 + limit - len(picked)]]
    return picked


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
def test_competitors_equal_a_scan_of_the_catalogue(
    catalog: Catalog, as_of: date | None, limit: int
) -> None:
    for model in catalog.models.values():
        chosen = choose_competitors(catalog, model, as_of, limit)
        assert [(c.id, c.why, c.blended) for c in chosen] == _scan_competitors(
            catalog, model, as_of, limit
        )
        for c in chosen:
            assert c.name == catalog.models[c.id].name
            vendor = catalog.models[c.id].vendor_id
            assert c.vendor_name == (vendor.upper() if vendor else None)
