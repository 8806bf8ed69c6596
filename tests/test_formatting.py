"""The one formatter: every rule in the module docstring of :mod:`llmref.formatting`, checked
by hand."""

from __future__ import annotations

from decimal import Decimal as D

from llmref import formatting
from llmref.pricing import Traffic


def test_money_formatting() -> None:
    assert formatting.usd(D("270.00000000")) == "$270"
    assert formatting.usd(D("155.5")) == "$156"  # whole dollars from $100 up
    assert formatting.usd(D("1522.90")) == "$1,523"
    assert formatting.usd(D("19.6")) == "$19.60"
    assert formatting.usd(D("4500")) == "$4,500"
    assert formatting.usd(D("0.000195")) == "$0.000195"
    assert formatting.usd(D("0.0002625")) == "$0.0002625"
    assert formatting.usd(D("0.0225")) == "$0.0225"
    assert formatting.usd(D("0")) == "$0"
    assert formatting.price(D("0.15")) == "$0.15"
    assert formatting.price(D("0.075")) == "$0.075"
    assert formatting.price(D("2.5")) == "$2.50"
    assert formatting.per_million(D("0.60")) == "$0.60/1M"
    assert formatting.cents_about(D("0.125")) == "about $0.13"  # half up, not half even
    assert formatting.cents_about(D("0.13")) == "$0.13"
    assert formatting.cents_about(D("0.001")) == "less than $0.01"


def test_other_formatting() -> None:
    assert formatting.pct(D(115) / D(270)) == "43%"
    assert formatting.pct(D("0.001")) == "less than 1%"
    assert formatting.times(D("2.50") / D("0.15")) == "16.7x"
    assert formatting.times(D(250)) == "250x"
    assert formatting.context(128_000) == "128K"
    assert formatting.context(1_000_000) == "1M"
    assert formatting.context(131_072) == "131K"
    assert formatting.big_count(800_000_000) == "800M"
    assert formatting.big_count(2_500_000_000) == "2.5B"
    assert formatting.parameters(196_000_000_000, 11_000_000_000) == "196B (11B active)"
    assert formatting.join_and(["a"]) == "a"
    assert formatting.join_and(["a", "b", "c"]) == "a, b and c"
    assert formatting.join_or(["a", "b"]) == "a or b"
    assert formatting.plural(1, "provider") == "1 provider"
    assert formatting.plural(4, "provider") == "4 providers"
    assert formatting.split_label(D("0.7")) == "70/30"
    assert formatting.traffic_sentence(Traffic.from_total_tokens(1_050_000_000)) == (
        "800M input and 250M output tokens a month"
    )
    assert formatting.traffic_sentence(
        Traffic.per_request(1, 10, 5, cached_share=D("0.5"), batch=True)
    ) == (
        "1 request a month of 10 input and 5 output tokens (50% of input read from the prompt "
        "cache and all through the batch API)"
    )


def test_sub_cent_money_never_prints_as_zero() -> None:
    assert formatting.usd(D("0.00005")) == "$0.00005"
    assert formatting.price(D("0.00005")) == "$0.00005"
    assert formatting.usd(D("-0.00005")) == "-$0.00005"
    assert formatting.usd(None) == "—"


def test_context_sizes_follow_one_rule() -> None:
    # 262,144 (a binary size) and 256,000 (a decimal one) both print in decimal thousands.
    assert formatting.context(262_144) == "262K"
    assert formatting.context(256_000) == "256K"
    assert formatting.context(1_050_000) == "1.05M"
    assert formatting.context(65_536) == "66K"
    assert formatting.context(8_192) == "8.2K"
    assert formatting.context(4_000) == "4K"
    assert formatting.context(512) == "512"
    assert formatting.context(None) == "—"
    assert formatting.count(16_384) == "16,384"


def test_ratios_and_percentages() -> None:
    assert formatting.is_about_one(D("1.04"))
    assert not formatting.is_about_one(D("1.05"))
    assert not formatting.is_about_one(D(100))
    assert formatting.pct(D("0.872"), 1) == "87.2%"
    assert formatting.pct(D("0.12"), 1) == "12%"
    assert formatting.pct(D("0.0004"), 1) == "less than 0.1%"
    assert formatting.big_count(1_760_000_000_000) == "1.76T"


def test_short_list_cuts_after_five() -> None:
    names = [f"p{i}" for i in range(8)]
    assert formatting.short_list(names) == "p0, p1, p2, p3, p4 and 3 more"
    assert formatting.short_list(names[:5]) == "p0, p1, p2, p3 and p4"
    assert formatting.short_list([]) == ""
