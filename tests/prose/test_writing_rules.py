"""The writing rules, checked on every comparison of the bundled catalogue's top 50 models
(1,225 pages, as Markdown) and their 50 profiles: no list of more than five names in a
sentence, no "1.0x", no internal id in a sentence, one format for context sizes, and no `<`
from the data outside code blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from llmref import blocks
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import build_comparison
from llmref.profile import build_profile
from llmref.web.precomputed import Derived

AS_OF = date(2026, 11, 20)
TOP = 50

# Six or more items joined as "a, b, c, d, e and f" (a cut list ends "and N more").
_ITEM = r"(?:(?! and | or )[^,.;:()\n]){1,60}"
LONG_LIST = re.compile(rf"(?:{_ITEM}, ){{4,}}{_ITEM} (?:and|or) (?!\d+ more)")
# Sizes print as 128K / 262K / 1.05M: never "1,050K", "131,072 tokens of context" or "128k".
MIXED_SIZE = re.compile(r"\d,\d{3}K\b|(?<![\w-])\d+k\b(?!-)|\d{1,3}(?:,\d{3})+ tokens of context")


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


@pytest.fixture(scope="module")
def top(bundled: Catalog) -> list[str]:
    ids = Derived(bundled).on(AS_OF).top_models[:TOP]
    assert len(ids) == TOP
    return sorted(ids)


def _sentences(markdown: str) -> Iterator[str]:
    """The prose lines of a page: no table rows, no code, no source list."""
    text = re.sub(r"(`{3,})\n.*?\n\1", "", markdown, flags=re.S)
    text = text.split("### Sources")[0]
    for line in text.splitlines():
        if line and not line.startswith("|"):
            yield line


def _check(markdown: str, ids: set[str], where: str) -> None:
    outside_code = re.sub(r"(`{3,})\n.*?\n\1", "", markdown, flags=re.S)
    assert "<" not in outside_code, where
    for line in _sentences(markdown):
        assert not re.search(r"(?<![\d.])1\.0x", line), (where, line)
        assert not LONG_LIST.search(line), (where, line)
        assert not MIXED_SIZE.search(line), (where, line)
        words = set(re.findall(r"[\w.-]+", line))
        leaked = {i for i in ids if i in words}
        assert not leaked, (where, leaked, line)
    for row in re.findall(r"^\| Context window \|(.*)\|$", markdown, flags=re.M):
        for cell in row.split("|"):
            assert re.fullmatch(r"\d+(\.\d+)?[KM]|\d{1,3}|—", cell.strip()), (where, row)


def _ids(bundled: Catalog, *model_ids: str) -> set[str]:
    """Ids that differ from what a person reads: an id that is also a word of a name on the page
    (the provider "kyma", "HuggingFace (together)") is not a leak."""
    ids, names = set(), set()
    for model_id in model_ids:
        model = bundled.models[model_id]
        ids.add(model.id)
        names.add(model.name)
        for offering in bundled.offerings_of(model_id):
            provider = bundled.providers.get(offering.provider_id)
            if provider is not None:
                ids.add(provider.id)
                names.add(provider.name)
    words = {w for n in names for w in re.findall(r"[\w.-]+", n)}
    return ids - words


def test_every_top_comparison_follows_the_writing_rules(bundled: Catalog, top: list[str]) -> None:
    pairs = [(a, b) for i, a in enumerate(top) for b in top[i + 1 :]]
    assert len(pairs) == 1225
    for a, b in pairs:
        c = build_comparison(bundled, bundled.models[a], bundled.models[b], as_of=AS_OF)
        _check(blocks.to_markdown(blocks.comparison_blocks(c)), _ids(bundled, a, b), f"{a}-vs-{b}")


def test_every_top_profile_follows_the_writing_rules(bundled: Catalog, top: list[str]) -> None:
    for model_id in top:
        p = build_profile(bundled, bundled.models[model_id], AS_OF)
        ids = _ids(bundled, model_id, *(c.id for c in p.competitors))
        _check(blocks.to_markdown(blocks.profile_blocks(p)), ids, model_id)


def test_the_checks_catch_what_they_look_for() -> None:
    bad = "Run it on A, B, C, D, E and F.\n"
    with pytest.raises(AssertionError):
        _check(bad, set(), "list")
    _check("Run it on A, B, C, D, E and 3 more.\n", set(), "cut list")
    for text, ids in (
        ("It costs 1.0x as much.\n", set()),
        ("It reads 1,050K tokens.\n", set()),
        ("No price for gpt-4o on poe.\n", {"gpt-4o"}),
        ("A <img> name\n", set()),
    ):
        with pytest.raises(AssertionError):
            _check(text, ids, text)
