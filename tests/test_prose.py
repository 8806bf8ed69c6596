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

from llmref import blocks
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import build_comparison, build_table
from llmref.profile import build_profile
from tests.conftest import CATALOGS

SNAPSHOTS = Path(__file__).parent / "snapshots"
D = Decimal


def _catalog(name: str) -> Catalog:
    return load_catalog_dir(CATALOGS / name)


def _compare(catalog: str, a: str, b: str, as_of: date | None = None) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return blocks.to_markdown(
            blocks.comparison_blocks(build_comparison(c, c.model(a), c.model(b), as_of=as_of))
        )

    return page


def _profile(catalog: str, model: str) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return blocks.to_markdown(blocks.profile_blocks(build_profile(c, c.model(model))))

    return page


def _table(catalog: str, *models: str) -> Callable[[], str]:
    def page() -> str:
        c = _catalog(catalog)
        return blocks.to_markdown(
            blocks.table_blocks(build_table(c, tuple(c.model(m) for m in models)))
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
