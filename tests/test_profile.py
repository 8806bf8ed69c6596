"""Model profiles: competitors, price multiples with their date, access examples, strengths."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from llmref.catalog import Catalog, Provider, load_catalog_dir
from llmref.pricing import Unavailable
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
    assert p.text.price_lines[0] == (
        "Acme Small is 16.7x cheaper than Acme Large on input ($0.15 against $2.50 per 1M input "
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
    assert p.text.presets[0] == (
        "Small request (500 in / 200 out): unavailable, because no price is tracked for "
        "zeta-preview on zeta-labs."
    )


def test_presets_value_and_snapshots(variety: Catalog) -> None:
    p = build_profile(variety, variety.model("acme-large"))
    assert [s.id for s in p.snapshots] == ["acme-large-2024-05-13"]
    assert p.text.presets[1] == "Medium request (5K in / 1K out): $0.0225 on Acme API."
    assert p.text.value.endswith("that is $0.001301 per point.")  # 0.0225 / 17.3
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
