"""Generated prose: number formatting, and byte-for-byte snapshots of whole pages (as Markdown)
for every combination the fixtures cover: one provider or several, a missing price, no price at
all, no provider, no benchmarks, equal prices, the same vendor.

The snapshots in tests/snapshots/ were written once, read by a person for truth and grammar, and
are compared byte for byte. After an intended wording change, regenerate them with
``LLMREF_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_prose.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from llmref import prose, render
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import build_comparison, build_table
from llmref.pricing import Traffic
from llmref.profile import build_profile
from tests.conftest import CATALOGS

SNAPSHOTS = Path(__file__).parent / "snapshots"
D = Decimal


def _catalog(name: str) -> Catalog:
    return load_catalog_dir(CATALOGS / name)


def _compare(catalog: str, a: str, b: str, as_of: date | None = None) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return render.to_markdown(
            render.comparison_blocks(build_comparison(c, c.model(a), c.model(b), as_of=as_of))
        )

    return page


def _profile(catalog: str, model: str) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return render.to_markdown(render.profile_blocks(build_profile(c, c.model(model))))

    return page


def _table(catalog: str, *models: str) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return render.to_markdown(
            render.table_blocks(build_table(c, tuple(c.model(m) for m in models)))
        )

    return page


PAGES: dict[str, Callable[[], str]] = {
    # Several providers against one; no benchmarks; the reference page's facts.
    "compare-reference-pair": _compare("reference-pair", "gpt-4o-mini", "step-3.5-flash"),
    # One side has no price (and only a subscription product besides an unpriced listing).
    "compare-missing-price": _compare("missing-price", "acme-large", "zeta-preview"),
    # Same vendor, shared benchmarks, speed measured on both sides.
    "compare-same-vendor": _compare("variety", "acme-large", "acme-small"),
    # Equal prices, one provider against two, speed measured on one side only.
    "compare-equal-prices": _compare("variety", "acme-small", "beta-twin"),
    # Neither side priced on the date asked.
    "compare-no-prices": _compare("variety", "acme-large", "acme-small", date(2024, 1, 1)),
    # A model with no provider and no tracked capabilities.
    "compare-no-provider": _compare("variety", "beta-lab", "beta-twin"),
    "table-three": _table("variety", "acme-large", "acme-small", "beta-twin"),
    "profile-gpt-4o-mini": _profile("reference-pair", "gpt-4o-mini"),
    "profile-acme-large": _profile("variety", "acme-large"),
    "profile-zeta-preview": _profile("missing-price", "zeta-preview"),
    "profile-beta-lab": _profile("variety", "beta-lab"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_snapshot(name: str) -> None:
    text = PAGES[name]()
    path = SNAPSHOTS / f"{name}.md"
    if os.environ.get("LLMREF_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_bytes() == text.encode("utf-8")
    assert PAGES[name]() == text  # deterministic


BAD_PATTERNS = {
    r"  ": "double space",
    r" [.,;:]": "space before punctuation",
    r"\.\.": "double full stop",
    r"\b1 (providers|rows|benchmarks|scores|routes)\b": "plural after 1",
    r"\b([02-9]|\d\d+) (provider|row|benchmark|score)\b(?![-s])": "singular after a count",
    r"\b(None|Decimal\(|True|False)\b": "a Python value leaked into text",
    r"\$-": "negative money",
    r"\ba ([aeiou])": "a before a vowel",
    r"\b(\w+) \1\b": "repeated word",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_read_cleanly(name: str) -> None:
    text = PAGES[name]()
    prose_lines = [
        line
        for line in text.splitlines()
        if line and not line.startswith(("|", "```", " ", "{", "}", '"'))
    ]
    for line in prose_lines:
        for pattern, problem in BAD_PATTERNS.items():
            assert not re.search(pattern, line), f"{problem}: {line!r}"


def test_money_formatting() -> None:
    assert prose.usd(D("270.00000000")) == "$270"
    assert prose.usd(D("155.5")) == "$155.50"
    assert prose.usd(D("4500")) == "$4,500"
    assert prose.usd(D("0.000195")) == "$0.000195"
    assert prose.usd(D("0.0002625")) == "$0.0002625"
    assert prose.usd(D("0.0225")) == "$0.0225"
    assert prose.usd(D("0")) == "$0"
    assert prose.price(D("0.15")) == "$0.15"
    assert prose.price(D("0.075")) == "$0.075"
    assert prose.price(D("2.5")) == "$2.50"
    assert prose.per_million(D("0.60")) == "$0.60/1M"
    assert prose.cents_about(D("0.125")) == "about $0.13"  # half up, not half even
    assert prose.cents_about(D("0.13")) == "$0.13"
    assert prose.cents_about(D("0.001")) == "less than $0.01"


def test_other_formatting() -> None:
    assert prose.pct(D(115) / D(270)) == "43%"
    assert prose.pct(D("0.001")) == "less than 1%"
    assert prose.times(D("2.50") / D("0.15")) == "16.7x"
    assert prose.times(D(250)) == "250x"
    assert prose.tokens_short(128_000) == "128K"
    assert prose.tokens_short(1_000_000) == "1M"
    assert prose.tokens_short(131_072) == "131,072"
    assert prose.big_count(800_000_000) == "800M"
    assert prose.big_count(2_500_000_000) == "2.5B"
    assert prose.parameters(196_000_000_000, 11_000_000_000) == "196B (11B active)"
    assert prose.join_and(["a"]) == "a"
    assert prose.join_and(["a", "b", "c"]) == "a, b and c"
    assert prose.join_or(["a", "b"]) == "a or b"
    assert prose.plural(1, "provider") == "1 provider"
    assert prose.plural(4, "provider") == "4 providers"
    assert prose.split_label(D("0.7")) == "70/30"
    assert prose.traffic_sentence(Traffic.from_total_tokens(1_050_000_000)) == (
        "800M input and 250M output tokens a month"
    )
    assert prose.traffic_sentence(
        Traffic.per_request(1, 10, 5, cached_share=D("0.5"), batch=True)
    ) == (
        "1 request a month of 10 input and 5 output tokens (50% of input read from the prompt "
        "cache and all through the batch API)"
    )
