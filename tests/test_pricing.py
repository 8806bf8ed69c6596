"""Cost maths: request and monthly cost, tiers, cache, batch, history, routes, quotes, estimates.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmref.catalog import (
    Catalog,
    Model,
    Offering,
    PricePoint,
    PriceTier,
    Provider,
    UnknownIdError,
    Vendor,
    load_catalog_dir,
)
from llmref.pricing import (
    DEFAULT_TRAFFIC,
    Billing,
    Cost,
    InvalidWorkload,
    Route,
    Traffic,
    Unavailable,
    Usage,
    blended_price,
    cheapest_quote,
    cheapest_quotes,
    cheapest_route,
    estimate,
    monthly_cost,
    price_multiple,
    request_cost,
    routes,
    workload_cost,
)
from tests.conftest import CATALOGS

D = Decimal
DAY = date(2026, 1, 1)
SRC = "https://example.test/pricing"


def point(
    inp: str | None = "1",
    out: str | None = "2",
    *,
    cache_read: str | None = None,
    cache_write: str | None = None,
    batch: tuple[str, str] | None = None,
    tiers: tuple[PriceTier, ...] = (),
    start: date | None = None,
    end: date | None = None,
) -> PricePoint:
    return PricePoint(
        effective_from=start,
        effective_to=end,
        input=None if inp is None else D(inp),
        output=None if out is None else D(out),
        cache_read=None if cache_read is None else D(cache_read),
        cache_write=None if cache_write is None else D(cache_write),
        cache_write_1h=None,
        batch_input=None if batch is None else D(batch[0]),
        batch_output=None if batch is None else D(batch[1]),
        tiers=tiers,
        source=SRC,
        reviewed=DAY,
    )


def offering(*points: PricePoint, provider: str = "p", pay_per_token: bool = True) -> Offering:
    return Offering("m", provider, None, pay_per_token, tuple(points), {}, SRC, DAY)


@pytest.fixture(scope="module")
def reference() -> Catalog:
    return load_catalog_dir(CATALOGS / "reference-pair")


@pytest.fixture(scope="module")
def variety() -> Catalog:
    return load_catalog_dir(CATALOGS / "variety")


# ---- one request ----------------------------------------------------------------------------


def test_request_cost_splits_input_cached_written_and_output() -> None:
    o = offering(point("3", "15", cache_read="0.30", cache_write="3.75"))
    cost = request_cost(
        o, Usage(10_000, 2_000, cached_input_tokens=4_000, cache_write_tokens=1_000)
    )
    assert isinstance(cost, Cost)
    assert cost.input == D("0.015")  # 5,000 uncached × $3 / 1M
    assert cost.cached_input == D("0.0012")  # 4,000 × $0.30 / 1M
    assert cost.cache_write == D("0.00375")  # 1,000 × $3.75 / 1M
    assert cost.output == D("0.03")  # 2,000 × $15 / 1M
    assert cost.total == D("0.04995")
    assert cost.notes == ()


def test_fast_cost_construction_builds_an_ordinary_frozen_cost() -> None:
    p = point("3", "15")
    cost = request_cost(offering(p), Usage(1_000, 100))
    same = Cost(D("0.003") + D("0.0015"), D("0.003"), D(0), D(0), D("0.0015"), "m", "p", p)
    assert cost == same
    rebuilt = Cost(**{name: getattr(cost, name) for name in Cost.__dataclass_fields__})
    assert repr(rebuilt) == repr(cost)  # every slot is set
    with pytest.raises(dataclasses.FrozenInstanceError):
        cost.total = D(0)  # type: ignore[misc]


def test_missing_cache_prices_bill_the_input_price_and_say_so() -> None:
    cost = request_cost(offering(point("2", "8")), Usage(1_000, 0, cached_input_tokens=400))
    assert isinstance(cost, Cost)
    assert cost.total == D("0.002")  # all 1,000 tokens at $2 / 1M
    assert any("cache-read" in n for n in cost.notes)


def test_missing_output_price_is_unavailable_unless_no_output_is_asked() -> None:
    embedding = offering(point("0.02", None))
    missing = request_cost(embedding, Usage(1_000, 10))
    assert isinstance(missing, Unavailable)
    assert missing.reason == "no output price is listed for m on p"
    assert missing.available is False
    ok = request_cost(embedding, Usage(1_000, 0))
    assert isinstance(ok, Cost) and ok.total == D("0.00002")


def test_long_context_tier_prices_the_whole_request_field_by_field() -> None:
    tier = PriceTier(200_000, D("6"), D("22.5"), None, None)
    o = offering(point("3", "15", cache_read="0.30", tiers=(tier,)))
    at_threshold = request_cost(o, Usage(200_000, 1_000))
    assert isinstance(at_threshold, Cost) and at_threshold.tier is None
    assert at_threshold.total == D("0.615")  # 200K × $3 + 1K × $15, per 1M
    over = request_cost(o, Usage(200_001, 1_000, cached_input_tokens=1))
    assert isinstance(over, Cost) and over.tier == 200_000
    # 200,000 uncached × $6 + 1 cached at the base $0.30 (the tier does not restate it)
    # + 1,000 × $22.5, per 1M
    assert over.total == D("1.2") + D("0.0000003") + D("0.0225")


def test_batch_uses_batch_prices_and_refuses_what_it_cannot_price() -> None:
    o = offering(point("1", "4", batch=("0.5", "2")))
    cost = request_cost(o, Usage(1_000_000, 1_000_000, batch=True))
    assert isinstance(cost, Cost) and cost.total == D("2.5") and cost.batch
    no_batch = request_cost(offering(point("1", "4")), Usage(10, 10, batch=True))
    assert isinstance(no_batch, Unavailable) and "no batch price" in no_batch.reason
    tiered = offering(point("1", "4", batch=("0.5", "2"), tiers=(PriceTier(100, D(2), D(8)),)))
    over = request_cost(tiered, Usage(101, 1, batch=True))
    assert isinstance(over, Unavailable) and "over 100 input tokens" in over.reason


def test_price_history_answers_as_of_a_date(variety: Catalog) -> None:
    acme_api = next(o for o in variety.offerings_of("acme-large") if o.provider_id == "acme-api")
    usage = Usage(100_000, 100_000)  # below the 200K-token tier of the newer price
    launch = request_cost(acme_api, usage, date(2024, 6, 1))
    later = request_cost(acme_api, usage, date(2025, 1, 1))
    newest = request_cost(acme_api, usage)
    assert isinstance(launch, Cost) and launch.total == D("2")  # 0.1M × $5 + 0.1M × $15
    assert isinstance(later, Cost) and later.total == D("1.25")  # 0.1M × $2.50 + 0.1M × $10
    assert isinstance(newest, Cost) and newest.price is later.price
    before = request_cost(acme_api, usage, date(2024, 1, 1))
    assert isinstance(before, Unavailable)
    assert "tracked from 2024-05-13" in before.reason


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"input_tokens": -1}, "input_tokens"),
        ({"input_tokens": 10, "output_tokens": -5}, "output_tokens"),
        ({"input_tokens": 10**9}, "input_tokens"),
        ({"input_tokens": 10, "cached_input_tokens": 11}, "cached_input_tokens"),
        ({"input_tokens": 1.5}, "input_tokens"),
    ],
)
def test_bad_usage_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidWorkload) as caught:
        Usage(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(field)


# ---- a month --------------------------------------------------------------------------------


def test_default_traffic_is_800m_in_and_250m_out() -> None:
    assert (DEFAULT_TRAFFIC.input_tokens, DEFAULT_TRAFFIC.output_tokens) == (
        800_000_000,
        250_000_000,
    )
    assert DEFAULT_TRAFFIC.requests == 1_000_000
    assert DEFAULT_TRAFFIC.request_input_tokens == 800


def test_traffic_from_total_tokens_keeps_the_default_shape() -> None:
    t = Traffic.from_total_tokens(2_100_000_000)
    assert (t.input_tokens, t.output_tokens) == (1_600_000_000, 500_000_000)
    assert t.requests is None and t.request_input_tokens is None
    with pytest.raises(InvalidWorkload, match="total_tokens"):
        Traffic.from_total_tokens(-1)
    with pytest.raises(InvalidWorkload, match="cached_share"):
        Traffic.per_request(10, 10, 10, cached_share=D("1.5"))


def test_reference_pair_monthly_costs(reference: Catalog) -> None:
    mini = reference.model("gpt-4o-mini")
    step = reference.model("step-3.5-flash")
    a = cheapest_route(reference, mini, DEFAULT_TRAFFIC)
    b = cheapest_route(reference, step, DEFAULT_TRAFFIC)
    assert isinstance(a, Route) and isinstance(a.cost, Cost)
    assert isinstance(b, Route) and isinstance(b.cost, Cost)
    assert a.cost.total == D(270)  # 800M × $0.15 + 250M × $0.60, per 1M
    assert b.cost.total == D(155)  # 800M × $0.10 + 250M × $0.30, per 1M
    # Four equal routes: the tie goes to OpenAI's own API.
    assert (a.provider_id, a.provider_name, a.first_party) == ("openai", "OpenAI API", True)
    assert b.provider_name == "OpenRouter"


def test_monthly_cost_with_cache_share_and_unknown_request_size(variety: Catalog) -> None:
    acme_api = next(o for o in variety.offerings_of("acme-small") if o.provider_id == "acme-api")
    cached = monthly_cost(acme_api, Traffic.per_request(1_000_000, 800, 250, cached_share=D("0.5")))
    # 400M uncached × $0.15 + 400M cached × $0.075 + 250M × $0.60, per 1M
    assert isinstance(cached, Cost) and cached.total == D(60) + D(30) + D(150)
    large = next(o for o in variety.offerings_of("acme-large") if o.provider_id == "acme-api")
    totals = monthly_cost(large, Traffic.from_total_tokens(1_050_000_000))
    assert isinstance(totals, Cost) and totals.tier is None
    assert "request size unknown" in totals.notes[0]
    long_requests = monthly_cost(large, Traffic.per_request(1_000, 300_000, 1_000))
    # 300M × $5 + 1M × $15 (the tier above 200K input tokens), per 1M
    assert isinstance(long_requests, Cost) and long_requests.total == D(1515)


# ---- routes and quotes ----------------------------------------------------------------------


def test_subscription_routes_are_listed_but_never_cheapest(variety: Catalog) -> None:
    small = variety.model("acme-small")
    found = routes(variety, small, DEFAULT_TRAFFIC)
    assert [r.provider_id for r in found] == ["acme-api", "cloudco", "devsuite"]
    devsuite = found[-1]
    assert devsuite.pay_per_token is False and devsuite.price is not None
    assert devsuite.price.input == 0
    assert isinstance(devsuite.cost, Unavailable) and "subscription" in devsuite.cost.reason
    best = cheapest_route(variety, small, DEFAULT_TRAFFIC)
    assert isinstance(best, Route) and best.provider_id == "acme-api"


def test_a_model_with_no_price_has_an_unavailable_cheapest_route() -> None:
    catalog = load_catalog_dir(CATALOGS / "missing-price")
    found = cheapest_route(catalog, catalog.model("zeta-preview"), DEFAULT_TRAFFIC)
    assert isinstance(found, Unavailable)
    assert found.reason == "no price is tracked for zeta-preview on zeta-labs"


def test_blended_and_cheapest_quotes(reference: Catalog) -> None:
    found = routes(reference, reference.model("gpt-4o-mini"), DEFAULT_TRAFFIC)
    blended = cheapest_quote(found, "blended")
    assert blended is not None and blended.price == D("0.285")  # 0.7 × 0.15 + 0.3 × 0.60
    assert blended.provider_id == "openai"
    out = cheapest_quote(found, "output")
    assert out is not None and out.price == D("0.60")
    assert cheapest_quote(found, "cache_read") is None
    p = point("0.10", "0.30")
    assert blended_price(p) == D("0.16")
    assert blended_price(p, D(1)) == D("0.10")
    assert blended_price(point("0.1", None), D(1)) == D("0.1")
    assert blended_price(point("0.1", None)) is None


def test_cheapest_quotes_in_one_pass_equal_one_kind_at_a_time(
    reference: Catalog, variety: Catalog
) -> None:
    kinds = ("input", "output", "blended", "cache_read")
    for catalog in (reference, variety):
        for model in catalog.models.values():
            found = routes(catalog, model, DEFAULT_TRAFFIC)
            for share in (D("0.7"), D(1), D(0)):
                assert cheapest_quotes(found, kinds, share) == tuple(
                    cheapest_quote(found, k, share) for k in kinds
                )
    mini = routes(reference, reference.model("gpt-4o-mini"), DEFAULT_TRAFFIC)
    quotes = cheapest_quotes(mini, ("input", "blended"))
    assert [q.price if q else None for q in quotes] == [D("0.15"), D("0.285")]
    with pytest.raises(InvalidWorkload):
        cheapest_quotes(mini, ("blended",), D("1.5"))
    assert cheapest_quotes((), ("blended",), D("1.5")) == (None,)  # nothing to blend


def test_fast_route_construction_builds_an_ordinary_frozen_route(variety: Catalog) -> None:
    for route in routes(variety, variety.model("acme-small"), DEFAULT_TRAFFIC):
        rebuilt = Route(**{name: getattr(route, name) for name in Route.__dataclass_fields__})
        assert rebuilt == route
        assert repr(rebuilt) == repr(route)  # every slot is set
    with pytest.raises(dataclasses.FrozenInstanceError):
        route.provider_id = "x"  # type: ignore[misc]


def test_billing_once_per_workload_costs_like_workload_cost(variety: Catalog) -> None:
    workloads = (
        DEFAULT_TRAFFIC,
        Traffic.from_total_tokens(10**9, cached_share=D("0.5")),  # no request size: a note
        Traffic.per_request(1_000, 300_000, 1_000, batch=True),
        Usage(300_000, 1_000),
        Usage(1_000, 10, cached_input_tokens=200, cache_write_tokens=100, batch=True),
    )
    checked = 0
    for day in (None, date(2025, 1, 1)):
        for o in variety.offerings:
            p = o.price_on(day)
            if p is None:
                continue
            for workload in workloads:
                assert Billing.of(workload).cost(o, p) == workload_cost(o, workload, day)
                checked += 1
    assert checked >= 50
    tiered = next(o for o in variety.offerings if o.prices[-1].tiers)
    unsized = Billing.of(Traffic.from_total_tokens(10**9)).cost(tiered, tiered.prices[-1])
    assert isinstance(unsized, Cost)
    assert unsized.notes == ("request size unknown: long-context tiers not applied",)


def test_price_multiple() -> None:
    m = price_multiple(D("0.15"), D("2.50"))
    assert m.relation == "cheaper" and m.factor is not None
    assert m.factor.quantize(D("0.01")) == D("16.67")
    assert price_multiple(D(3), D(1)).relation == "pricier"
    assert price_multiple(D(1), D(1)).relation == "same"
    assert price_multiple(D(0), D(1)).factor is None


def test_estimate_per_provider_and_errors(reference: Catalog) -> None:
    mini = reference.model("gpt-4o-mini")
    result = estimate(reference, mini, Usage(1_000, 200), requests=1_000)
    assert [line.route.provider_id for line in result.lines] == [
        "openai",
        "azure",
        "openrouter",
        "vercel",
    ]
    first = result.lines[0]
    assert first.per_request == D("0.00027")  # 1,000 × 0.15 + 200 × 0.60, per 1M
    assert first.total == D("0.27")
    only = estimate(reference, mini, Usage(1_000, 200), provider_id="OpenRouter")
    assert [line.route.provider_id for line in only.lines] == ["openrouter"]
    step = reference.model("step-3.5-flash")
    with pytest.raises(ValueError, match="not offered on azure"):
        estimate(reference, step, Usage(1, 1), provider_id="azure")
    with pytest.raises(UnknownIdError):
        estimate(reference, step, Usage(1, 1), provider_id="nowhere-at-all")


# ---- properties -----------------------------------------------------------------------------

prices = st.decimals(min_value=0, max_value=200, places=3, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=2_000_000)


@st.composite
def priced_usage(draw: st.DrawFn) -> tuple[PricePoint, Usage]:
    base_in, base_out = draw(prices), draw(prices)
    p = PricePoint(
        None,
        None,
        base_in,
        base_out,
        draw(st.none() | prices),
        draw(st.none() | prices),
        None,
        None,
        None,
        # A tier never lowers a price, as with every provider llmref tracks.
        (
            PriceTier(
                draw(st.integers(1, 3_000_000)), base_in + draw(prices), base_out + draw(prices)
            ),
        ),
        SRC,
        DAY,
    )
    total = draw(counts)
    cached = draw(st.integers(0, total))
    written = draw(st.integers(0, total - cached))
    return p, Usage(total, draw(counts), cached_input_tokens=cached, cache_write_tokens=written)


@settings(max_examples=200, deadline=None)
@given(priced_usage())
def test_costs_are_never_negative(case: tuple[PricePoint, Usage]) -> None:
    p, usage = case
    cost = request_cost(offering(p), usage)
    assert isinstance(cost, Cost)
    assert cost.total >= 0
    assert cost.total == cost.input + cost.cached_input + cost.cache_write + cost.output


@settings(max_examples=200, deadline=None)
@given(prices, prices, st.integers(0, 10_000), st.integers(0, 10_000), st.integers(1, 20))
def test_cost_is_linear_in_tokens_below_the_threshold(
    inp: Decimal, out: Decimal, n_in: int, n_out: int, k: int
) -> None:
    tier = PriceTier(200_000, inp + 1, out + 1)
    o = offering(point(str(inp), str(out), tiers=(tier,)))
    one = request_cost(o, Usage(n_in, n_out))
    many = request_cost(o, Usage(n_in * k, n_out * k))
    assert isinstance(one, Cost) and isinstance(many, Cost)
    assert many.total == one.total * k


@settings(max_examples=200, deadline=None)
@given(priced_usage(), st.integers(0, 500_000), st.integers(0, 500_000))
def test_more_tokens_never_cost_less(
    case: tuple[PricePoint, Usage], extra_in: int, extra_out: int
) -> None:
    p, usage = case
    o = offering(p)
    bigger = Usage(
        usage.input_tokens + extra_in,
        usage.output_tokens + extra_out,
        cached_input_tokens=usage.cached_input_tokens,
        cache_write_tokens=usage.cache_write_tokens,
    )
    small, large = request_cost(o, usage), request_cost(o, bigger)
    assert isinstance(small, Cost) and isinstance(large, Cost)
    assert large.total >= small.total


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(prices, prices, st.booleans()), min_size=1, max_size=6), counts, counts)
def test_cheapest_route_is_never_dearer_than_any_route(
    offers: list[tuple[Decimal, Decimal, bool]], n_in: int, n_out: int
) -> None:
    providers = [
        Provider(f"p{i}", f"P{i}", None, "inference", SRC, DAY, vendor="v" if first else None)
        for i, (_, _, first) in enumerate(offers)
    ]
    model = Model("m", "M", "v", None, (), {})
    catalog = Catalog.create(
        version="t",
        built=DAY,
        vendors=[Vendor("v", "V", None, SRC, DAY)],
        providers=providers,
        models=[model],
        offerings=[
            offering(point(str(i_p), str(o_p)), provider=f"p{i}")
            for i, (i_p, o_p, _) in enumerate(offers)
        ],
        benchmarks=(),
        conflicts=(),
        sources=(),
    )
    usage = Usage(n_in, n_out)
    # "all": every priced route may be chosen (the trusted policy has its own tests).
    best = cheapest_route(catalog, model, usage, policy="all")
    if all(i_p == 0 and o_p == 0 for i_p, o_p, _ in offers):
        # Only $0 free tiers: no pay-per-token route, and the figure says so instead of $0.
        assert isinstance(best, Unavailable) and "free tier" in best.reason
        return
    assert isinstance(best, Route) and isinstance(best.cost, Cost)
    for route in routes(catalog, model, usage):
        if not route.pay_per_token:
            assert isinstance(route.cost, Unavailable) and "free tier" in route.cost.reason
            continue
        assert isinstance(route.cost, Cost)
        assert best.cost.total <= route.cost.total
        if route.cost.total == best.cost.total and route.first_party:
            assert best.first_party


def test_a_zero_price_free_tier_is_listed_but_never_cheapest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(CATALOGS / "reference-pair", data)
    free = data / "providers" / "freebies"
    (free / "models").mkdir(parents=True)
    (free / "provider.toml").write_text(
        'name = "Freebies"\nsource = "https://free.example"\nreviewed = 2026-01-01\n'
    )
    (free / "models" / "gpt-4o-mini.toml").write_text(
        'source = "https://free.example/p"\nreviewed = 2026-01-01\n'
        "[[prices]]\ninput = 0\noutput = 0\n"
    )
    catalog = load_catalog_dir(data)
    mini = catalog.model("gpt-4o-mini")
    found = {r.provider_id: r for r in routes(catalog, mini, DEFAULT_TRAFFIC)}
    assert found["freebies"].pay_per_token is False
    assert isinstance(found["freebies"].cost, Unavailable)
    assert "free tier" in found["freebies"].cost.reason
    best = cheapest_route(catalog, mini, DEFAULT_TRAFFIC)
    assert isinstance(best, Route) and best.provider_id == "openai"
    assert isinstance(best.cost, Cost) and best.cost.total == D(270)
