"""Route policy: which routes may be named the cheapest, outliers and their causes, and the same
rules on the real bundled catalogue.

Figures are per 1M requests of 800 input / 250 output tokens unless a test says otherwise; the
blended price is 70% input + 30% output (prices per 1M tokens)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from llmref.catalog import (
    Catalog,
    Fact,
    Model,
    Offering,
    PricePoint,
    Provider,
    ProviderClass,
    Vendor,
    load_catalog_dir,
)
from llmref.pricing import (
    DEFAULT_TRAFFIC,
    Route,
    Unavailable,
    Usage,
    assess_routes,
    cheapest_route,
    check_policy,
    estimate,
    vendor_undercuts,
)
from llmref.prose import route_policy_sentence

D = Decimal
DAY = date(2026, 1, 1)
SRC = "https://example.test/policy"
USAGE = Usage(1_000_000, 0)
"""One million input tokens: a route's cost is its input price."""


def _point(inp: str, out: str, reviewed: date = DAY) -> PricePoint:
    return PricePoint(None, None, D(inp), D(out), None, None, None, None, None, (), SRC, reviewed)


def _catalog(
    offers: list[tuple[str, str, str, str]],
    *,
    open_weights: bool | None = False,
    prefixes: tuple[str, ...] = (),
    pmids: dict[str, str] | None = None,
) -> tuple[Catalog, Model]:
    """``offers``: (provider id, route class or "", input, output). Provider "vendor" is the
    model's vendor's own API."""
    providers = []
    for pid, cls, _, _ in offers:
        classified = ProviderClass(cls, SRC, DAY, None, prefixes) if cls else None
        vendor = "v" if pid == "vendor" else None
        providers.append(
            Provider(
                pid, pid.title(), None, "inference", SRC, DAY, vendor=vendor, classified=classified
            )
        )
    facts = {} if open_weights is None else {"open_weights": Fact(open_weights, SRC, DAY)}
    model = Model("m", "M", "v", None, (), facts)
    offerings = [
        Offering("m", pid, (pmids or {}).get(pid), True, (_point(i, o),), {}, SRC, DAY)
        for pid, _, i, o in offers
    ]
    catalog = Catalog.create(
        version="t",
        built=DAY,
        vendors=[Vendor("v", "V", None, SRC, DAY)],
        providers=providers,
        models=[model],
        offerings=offerings,
        benchmarks=(),
        conflicts=(),
        sources=(),
    )
    return catalog, model


def _reasons(catalog: Catalog, model: Model, policy: str = "trusted") -> dict[str, str | None]:
    found = assess_routes(catalog, model, USAGE, policy=check_policy(policy))
    return {a.route.provider_id: a.excluded_reason for a in found.routes}


def test_trusted_sets_aside_resellers_consumer_apps_and_unclassified_providers() -> None:
    catalog, model = _catalog(
        [
            ("vendor", "vendor-api", "10", "30"),
            ("resell", "reseller", "8", "24"),
            ("app", "consumer", "9", "27"),
            ("anon", "", "9.5", "28"),
            ("cloud", "cloud", "10", "30"),
        ]
    )
    reasons = _reasons(catalog, model)
    assert reasons == {
        "resell": "reseller",
        "app": "consumer app or subscription",
        "anon": "unclassified provider",
        "vendor": None,
        "cloud": None,
    }
    best = cheapest_route(catalog, model, USAGE)
    # vendor and cloud both cost $10 for 1M input tokens; the tie goes to the vendor's own API.
    assert isinstance(best, Route) and best.provider_id == "vendor"
    # Under "all" the $8 reseller is the cheapest again.
    wide = cheapest_route(catalog, model, USAGE, policy="all")
    assert isinstance(wide, Route) and wide.provider_id == "resell"
    assert _reasons(catalog, model, "all") == dict.fromkeys(reasons)


def test_inference_hosts_are_trusted_for_open_weights_only() -> None:
    offers = [("vendor", "vendor-api", "1", "2"), ("host", "inference-host", "0.8", "1.6")]
    closed, closed_model = _catalog(offers, open_weights=False)
    assert _reasons(closed, closed_model)["host"] == "closed-weights model on an open-weights host"
    for weights in (True, None):  # unknown weights are not held against the host
        open_, open_model = _catalog(offers, open_weights=weights)
        assert _reasons(open_, open_model)["host"] is None
        best = cheapest_route(open_, open_model, USAGE)
        assert isinstance(best, Route) and best.provider_id == "host"


def test_outliers_against_the_vendor_price_name_their_cause() -> None:
    # Vendor blended: 10 × 0.7 + 30 × 0.3 = 16.
    catalog, model = _catalog(
        [
            ("vendor", "vendor-api", "10", "30"),
            ("cny", "router", "1.3889", "4.1667"),  # 16 / 7.2 = 2.2222: a yuan price
            ("cheap", "router", "2.5", "7.5"),  # 4 = 25% of 16
            ("dear", "router", "50", "90"),  # 62 = 388% of 16
            ("edge", "router", "5", "15"),  # 8 = exactly 50%: kept
        ]
    )
    found = assess_routes(catalog, model, USAGE)
    by_id = {a.route.provider_id: a for a in found.routes}
    assert found.reference is not None and found.reference.price == D(16)
    assert found.reference.basis == "vendor"
    cny = by_id["cny"].outlier
    assert cny is not None and cny.cause == "unit-error"
    assert by_id["cny"].excluded_reason == (
        "unit error: the vendor's list price ÷ 7.2 (a CNY price in a USD field?)"
    )
    assert by_id["cheap"].excluded_reason == (
        "outlier: 25% of the vendor's list price (discount or stale record?)"
    )
    assert by_id["dear"].excluded_reason == (
        "outlier: 388% of the vendor's list price (markup or stale record?)"
    )
    assert by_id["edge"].included and by_id["edge"].outlier is None
    best = found.cheapest
    assert isinstance(best, Route) and best.provider_id == "edge"
    # "all" includes outliers but still flags them.
    wide = assess_routes(catalog, model, USAGE, policy="all")
    flagged = {a.route.provider_id for a in wide.routes if a.outlier is not None}
    assert flagged == {"cny", "cheap", "dear"}
    assert all(a.included for a in wide.routes)


def test_without_a_vendor_route_the_reference_is_the_median_of_trusted_routes() -> None:
    catalog, model = _catalog(
        [
            ("a", "router", "1", "1"),
            ("b", "cloud", "2", "2"),
            ("c", "router", "3", "3"),
            ("low", "router", "0.9", "0.9"),  # 0.9 / 2 = 45% of the median 2 (a, b, c, low)
            ("resell", "reseller", "0.1", "0.1"),  # not counted in the median
        ],
        open_weights=True,
    )
    found = assess_routes(catalog, model, USAGE)
    assert found.reference is not None
    # median of 1, 2, 3 and 0.9 = (1 + 2) / 2 = 1.5: 0.9 / 1.5 = 60%, kept
    assert found.reference.basis == "median" and found.reference.price == D("1.5")
    assert found.reference.routes == 4
    best = found.cheapest
    assert isinstance(best, Route) and best.provider_id == "low"
    assert found.considered == 5 and len(found.excluded) == 1


def test_vendor_policy_and_a_model_without_any_allowed_route() -> None:
    catalog, model = _catalog([("vendor", "vendor-api", "10", "30"), ("cloud", "cloud", "8", "20")])
    only = cheapest_route(catalog, model, USAGE, policy="vendor")
    assert isinstance(only, Route) and only.provider_id == "vendor"
    resold, resold_model = _catalog([("resell", "reseller", "1", "2")])
    none = cheapest_route(resold, resold_model, USAGE)
    assert isinstance(none, Unavailable)
    assert none.reason == (
        "no trusted route for m: 1 priced route set aside (Resell: reseller); "
        "the 'all' route policy includes them"
    )
    with pytest.raises(ValueError, match="routes: 'cheapest' is not a route policy"):
        check_policy("cheapest")


def test_resold_prefixes_make_one_offering_a_resale() -> None:
    catalog, model = _catalog(
        [("vendor", "vendor-api", "10", "30"), ("gate", "router", "8", "24")],
        prefixes=("stealth/",),
        pmids={"gate": "stealth/m"},
    )
    assert _reasons(catalog, model)["gate"] == "reseller"
    assert (
        next(
            r for r in assess_routes(catalog, model, USAGE).routes if r.route.provider_id == "gate"
        ).route_class
        == "reseller"
    )


def test_estimate_follows_the_policy_unless_a_provider_is_named() -> None:
    catalog, model = _catalog(
        [("vendor", "vendor-api", "10", "30"), ("resell", "reseller", "8", "24")]
    )
    result = estimate(catalog, model, USAGE)
    assert isinstance(result.cheapest, Route) and result.cheapest.provider_id == "vendor"
    named = estimate(catalog, model, USAGE, provider_id="resell")
    assert isinstance(named.cheapest, Route) and named.cheapest.provider_id == "resell"
    assert route_policy_sentence(result.assessment) == (
        "Chosen among 1 of 2 priced routes (trusted route policy); set aside as "
        "cheaper-looking: Resell (reseller)."
    )


# ---- the real bundled catalogue -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


def test_every_provider_class_names_a_provider_of_the_bundled_catalogue(bundled: Catalog) -> None:
    import tomllib

    from llmref.catalog import bundled_data_dir

    with (bundled_data_dir() / "provider-classes.toml").open("rb") as handle:
        listed = set(tomllib.load(handle)["providers"])
    assert listed <= set(bundled.providers), sorted(listed - set(bundled.providers))
    assert bundled.providers["poe"].route_class == "consumer"
    assert bundled.providers["quicksilverpro"].route_class == "reseller"
    assert bundled.providers["openai"].route_class == "vendor-api"


def test_no_default_route_undercuts_a_vendor_by_half_on_the_bundled_catalogue(
    bundled: Catalog,
) -> None:
    closed = [m for m in bundled.models.values() if m.value("open_weights") is False]
    assert len(closed) > 100  # the check covers the catalogue, not a handful
    assert vendor_undercuts(bundled, closed, DEFAULT_TRAFFIC) == ()
    # The same check under "all" finds the artifacts the policy sets aside.
    assert len(vendor_undercuts(bundled, closed, DEFAULT_TRAFFIC, policy="all")) > 10


def test_headline_models_use_list_price_routes_on_the_bundled_catalogue(bundled: Catalog) -> None:
    mini = assess_routes(bundled, bundled.model("gpt-4o-mini"), DEFAULT_TRAFFIC)
    chosen = mini.cheapest
    # 1M × (800 × $0.15 + 250 × $0.60) / 1M = $120 + $150 = $270
    assert isinstance(chosen, Route) and chosen.route_class in {"vendor-api", "cloud"}
    assert chosen.cost.total == D(270)  # type: ignore[union-attr]
    assert "poe" in {a.route.provider_id for a in mini.set_aside_cheaper}
    big = cheapest_route(bundled, bundled.model("gpt-5.5"), DEFAULT_TRAFFIC)
    # 1M × (800 × $5 + 250 × $30) / 1M = $4,000 + $7,500 = $11,500
    assert isinstance(big, Route) and big.provider_id == "openai"
    assert big.cost.total == D(11500)  # type: ignore[union-attr]


def test_price_request_takes_names_as_a_user_types_them(bundled: Catalog) -> None:
    from llmref.catalog import UnknownIdError
    from llmref.pricing import price_request

    usage = Usage(1000, 1000)
    # 1,000 × $0.15 / 1M + 1,000 × $0.60 / 1M = $0.00015 + $0.0006 = $0.00075
    for model, provider in (("gpt-4o-mini", "openai"), ("GPT-4o-mini", "OpenAI API")):
        cost = price_request(bundled, model, provider, usage)
        assert getattr(cost, "total", None) == D("0.00075"), (model, provider)
    offering = bundled.offering("gpt-4o-mini", "openai")
    assert offering is not None and offering.key == "gpt-4o-mini@openai"
    assert bundled.offering("gpt-4o-mini", "openai") is offering  # resolved once, then cached
    missing = price_request(bundled, "gpt-4o-mini", "anthropic", usage)
    assert isinstance(missing, Unavailable) and missing.reason == (
        "anthropic does not list gpt-4o-mini"
    )
    with pytest.raises(UnknownIdError, match="Unknown model 'no-such-model'"):
        price_request(bundled, "no-such-model", "openai", usage)
    with pytest.raises(UnknownIdError, match="Unknown provider 'nowhere'"):
        price_request(bundled, "gpt-4o-mini", "nowhere", usage)


def test_an_outlier_checked_long_before_the_vendor_price_is_a_stale_record() -> None:
    catalog, model = _catalog([("vendor", "vendor-api", "10", "30"), ("old", "router", "3", "9")])
    # The same catalogue with the router's price checked 2025-01-01 and the vendor's
    # 2026-01-01: 365 days ≥ 180, so the 30% price (4.8 / 16) is a stale record.
    stale = [
        o if o.provider_id == "vendor" else replace(o, prices=(_point("3", "9", date(2025, 1, 1)),))
        for o in catalog.offerings
    ]
    catalog = replace(catalog, offerings=tuple(stale), _offerings_by_model={"m": tuple(stale)})
    found = {a.route.provider_id: a for a in assess_routes(catalog, model, USAGE).routes}
    outlier = found["old"].outlier
    assert outlier is not None and outlier.cause == "stale-record"
    assert found["old"].excluded_reason == (
        "outlier: 30% of the vendor's list price (stale record? its price was checked 2025-01-01)"
    )
