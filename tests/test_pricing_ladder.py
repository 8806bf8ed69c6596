"""The blended-price ladder (llmref.pricing.ladder) and the per-snapshot memo behind it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from llmref.catalog import Catalog, Model, Offering, PricePoint, Provider, Vendor
from llmref.pricing import (
    Ladder,
    blended_ladder,
    closest,
    lowest_blended,
    pay_per_token_points,
    price_distance,
)
from llmref.pricing.memo import MAX_KEYS, per_snapshot

D = Decimal
DAY = date(2026, 1, 1)
SRC = "https://example.test/ladder"


def _point(inp: str | None, out: str | None, start: date | None = None) -> PricePoint:
    return PricePoint(
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
        SRC,
        DAY,
    )


def _catalog() -> Catalog:
    providers = [
        Provider("api", "API", None, "inference", SRC, DAY),
        Provider("sub", "Sub", None, "subscription", SRC, DAY),
    ]
    models = [
        Model("a", "A", "v", None, (), {}),
        Model("a-2025", "A 2025", "v", "a", (), {}),
        Model("b", "B", "w", None, (), {}),
        Model("c", "C", None, None, (), {}),
        Model("free", "Free", "w", None, (), {}),
        Model("unpriced", "Unpriced", "v", None, (), {}),
    ]
    offerings = [
        # 0.7 × 1 + 0.3 × 2 = 1.3 now; 0.7 × 2 + 0.3 × 4 = 2.6 before 2025-06-01.
        Offering("a", "api", None, True, (_point("2", "4"), _point("1", "2", date(2025, 6, 1)))),
        # The subscription's $0 is not what the model is sold at.
        Offering("a", "sub", None, True, (_point("0", "0"),)),
        Offering("a-2025", "api", None, True, (_point("3", "3"),)),
        Offering("b", "api", None, True, (_point("0.5", "1.5"),)),  # 0.35 + 0.45 = 0.8
        Offering("b", "api2", None, False, (_point("0", "0"),)),  # not pay-per-token
        Offering("c", "api", None, True, (_point("4", None),)),  # no output price: no blend
        Offering("free", "api", None, True, (_point("0", "0"),)),  # a free tier: listed at 0
    ]
    return Catalog.create(
        version="ladder",
        built=DAY,
        vendors=[Vendor("v", "V", None, SRC, DAY), Vendor("w", "W", None, SRC, DAY)],
        providers=providers,
        models=models,
        offerings=offerings,
        benchmarks=(),
        conflicts=(),
        sources=(),
    )


def test_lowest_blended_reads_pay_per_token_prices_on_the_date() -> None:
    c = _catalog()
    a = c.models["a"]
    assert [p.input for p in pay_per_token_points(c, a, None)] == [D(1)]  # not the subscription
    assert lowest_blended(c, a, None) == D("1.3")
    assert lowest_blended(c, a, date(2025, 1, 1)) == D("2.6")
    assert lowest_blended(c, c.models["b"], None) == D("0.8")
    assert lowest_blended(c, c.models["c"], None) is None
    # A $0/$0 free tier is a place to try a model, not its price.
    assert lowest_blended(c, c.models["free"], None) is None
    assert lowest_blended(c, c.models["unpriced"], None) is None


def test_ladder_holds_priced_canonical_models_in_price_order() -> None:
    c = _catalog()
    ladder = blended_ladder(c, None)
    assert dict(ladder.blended) == {
        "a": D("1.3"),
        "a-2025": D("3.0"),
        "b": D("0.8"),
    }
    # The snapshot has a price but is no competitor: its family stands for it.
    assert ladder.canonical.ids == ("b", "a")
    assert ladder.canonical.prices == (D("0.8"), D("1.3"))
    assert ladder.canonical.vendors == ("w", "v")
    assert ladder.canonical.id_order == (1, 0)  # a, b
    assert sorted(ladder.by_vendor) == ["v", "w"]
    assert ladder.by_vendor["w"].ids == ("b",)


def test_ladder_is_built_once_per_snapshot_and_date() -> None:
    c = _catalog()
    assert blended_ladder(c, None) is blended_ladder(c, None)
    earlier = blended_ladder(c, date(2025, 1, 1))
    assert earlier is not blended_ladder(c, None)
    assert earlier.blended["a"] == D("2.6")
    # A new snapshot, even with equal content, starts afresh.
    assert blended_ladder(_catalog(), None) is not blended_ladder(c, None)


def test_memo_keeps_the_newest_keys_only() -> None:
    c = _catalog()
    built: list[int] = []

    def build(n: int) -> int:
        built.append(n)
        return n * 10

    for n in range(MAX_KEYS + 2):
        assert per_snapshot(c, "test", n, lambda n=n: build(n)) == n * 10
    assert per_snapshot(c, "test", MAX_KEYS + 1, lambda: build(-1)) == (MAX_KEYS + 1) * 10
    assert built == list(range(MAX_KEYS + 2))  # the newest key was not built again
    assert per_snapshot(c, "test", 0, lambda: build(0)) == 0  # the oldest had been dropped
    assert built[-1] == 0
    assert len(c._lazy["engine:test"]) == MAX_KEYS


def test_price_distance_is_a_ratio_either_way() -> None:
    assert price_distance(D(2), D(6)) == 3
    assert price_distance(D(6), D(2)) == 3
    assert price_distance(D(2), D(2)) == 1
    assert price_distance(None, D(2)) == 0
    assert price_distance(D(0), D(2)) == 0
    assert price_distance(D(2), D(0)) == 0


PRICES = st.sampled_from([D(0), D("0.1"), D("0.3"), D("0.30"), D(1), D("1.3"), D(3), D(9)])


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(st.tuples(PRICES, st.sampled_from(["v", "w", None])), min_size=0, max_size=14),
    mine=st.one_of(st.none(), PRICES, st.sampled_from([D("0.2"), D(2), D(20)])),
    k=st.integers(min_value=0, max_value=5),
    skipped=st.sets(st.integers(min_value=0, max_value=13)),
    skip_vendor=st.sampled_from(["v", None]),
)
def test_closest_equals_sorting_every_entry(
    entries: list[tuple[Decimal, str | None]],
    mine: Decimal | None,
    k: int,
    skipped: set[int],
    skip_vendor: str | None,
) -> None:
    ladder = Ladder.of([(price, f"m{i:02d}", vendor) for i, (price, vendor) in enumerate(entries)])

    def skip(model_id: str, vendor: str | None) -> bool:
        return int(model_id[1:]) in skipped or (skip_vendor is not None and vendor == skip_vendor)

    expected = sorted(
        (price_distance(mine, price), f"m{i:02d}", price)
        for i, (price, vendor) in enumerate(entries)
        if not skip(f"m{i:02d}", vendor)
    )[:k]
    assert closest(ladder, mine, k, skip) == expected


def test_under_the_trusted_policy_a_reseller_discount_is_not_the_price() -> None:
    from tests.test_pricing_policy import _catalog

    catalog, model = _catalog(
        [
            ("vendor", "vendor-api", "10", "30"),
            ("resell", "reseller", "2", "6"),
            ("cloud", "cloud", "9", "30"),
        ]
    )
    # Every pay-per-token price: the reseller's 0.7 x 2 + 0.3 x 6 = 3.2.
    assert lowest_blended(catalog, model, None) == D("3.2")
    # Trusted routes only (the vendor and the cloud): 0.7 x 9 + 0.3 x 30 = 15.3.
    assert lowest_blended(catalog, model, None, "trusted") == D("15.3")
    assert blended_ladder(catalog, None, "trusted").blended == {"m": D("15.3")}
    assert blended_ladder(catalog, None).blended == {"m": D("3.2")}  # kept apart in the memo
