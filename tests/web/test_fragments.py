"""Page pieces made once per catalogue snapshot: the same bytes as made fresh, shared only where
the pages would make the same thing."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Any

import pytest
from markupsafe import Markup

from llmref import compare
from llmref.catalog import Catalog
from llmref.pricing import DEFAULT_TRAFFIC, Traffic
from llmref.web.app import create_app
from llmref.web.fragments import Memo, comparison_json, side_key, splice_json
from llmref.web.pages.compare import build_compare, route_rows
from llmref.web.render import once, render_html, to_json
from tests.web.conftest import TODAY, load


def canonical_ids(catalog: Catalog) -> list[str]:
    return sorted(m.id for m in catalog.models.values() if not m.is_snapshot)


@pytest.mark.parametrize("name", ["variety", "hostile"])
def test_comparison_json_is_to_json_byte_for_byte_with_sides_reused(name: str) -> None:
    catalog = load(name)
    ids = canonical_ids(catalog)
    memo = Memo()
    pairs = list(combinations(ids, 2))
    for a, b in pairs:
        c = compare.build_comparison(catalog, catalog.models[a], catalog.models[b], as_of=TODAY)
        assert comparison_json(memo, c) == to_json(c), (a, b)
    # One serialised side per model, not two per pair (4 models in 6 pairs; 5 in 10).
    assert len(memo) == len(ids) < 2 * len(pairs)


def test_side_key_separates_traffic_share_and_date() -> None:
    catalog = load("variety")
    side = compare.build_side(catalog, catalog.models["acme-small"], as_of=TODAY)
    heavier = Traffic.per_request(2_000_000, 800, 250)
    keys = {
        side_key(side, DEFAULT_TRAFFIC, Decimal("0.7"), TODAY),
        side_key(side, heavier, Decimal("0.7"), TODAY),
        side_key(side, DEFAULT_TRAFFIC, Decimal("0.5"), TODAY),
        side_key(side, DEFAULT_TRAFFIC, Decimal("0.7"), date(2025, 1, 1)),
    }
    assert len(keys) == 4


def test_splice_json_replaces_only_top_level_nulls() -> None:
    body = to_json({"x": 1, "a": None, "inner": {"a": None}, "b": None})[:-1]
    spliced = splice_json(body, {"b": b"[\n  2\n]", "a": b'{\n  "k": 1\n}'})
    assert json.loads(spliced) == {"x": 1, "a": {"k": 1}, "inner": {"a": None}, "b": [2]}
    assert spliced == to_json({"x": 1, "a": {"k": 1}, "inner": {"a": None}, "b": [2]})[:-1]


def test_memo_builds_once_and_starts_again_when_full() -> None:
    memo = Memo(limit=2)
    calls: list[str] = []

    def build(value: str) -> str:
        calls.append(value)
        return value.upper()

    assert memo.get("a", lambda: build("a")) == "A"
    assert memo.get("a", lambda: build("a")) == "A"
    assert calls == ["a"]
    memo.get("b", lambda: build("b"))
    memo.get("c", lambda: build("c"))  # full: emptied, then holds c
    assert len(memo) == 1
    assert memo.get("a", lambda: build("a")) == "A"
    assert calls == ["a", "b", "c", "a"]


def test_memo_is_bounded_by_the_size_of_what_it_holds() -> None:
    memo = Memo(max_bytes=10)
    memo.get("a", lambda: b"x" * 6)
    memo.get("b", lambda: "y" * 4)  # 10 bytes: still fits
    assert len(memo) == 2
    memo.get("c", lambda: b"z")  # 11 would not fit: emptied, then holds c
    assert len(memo) == 1 and memo.get("c", lambda: b"other") == b"z"


def _routes_tables(catalog: Catalog, exported: set[str] | None) -> tuple[Any, Any, int]:
    """The "where to run" rows of the first model on its comparisons with the next two."""
    app = create_app(
        lambda: catalog,
        today=lambda: TODAY,
        exported=None if exported is None else exported.__contains__,
    )
    state = app.state.site
    first, second, third = canonical_ids(catalog)[:3]
    out = []
    for other in (second, third):
        slug = "-vs-".join(sorted((first, other)))
        env = state.env(f"/compare/{slug}")
        page = build_compare(env, slug)
        index = 0 if page.data.a.id == first else 1
        out.append(page.view.routes[index])
        fresh = route_rows(env, page.data.a if index == 0 else page.data.b)
        assert fresh == out[-1]  # the same rows as made without the memo
    return out[0], out[1], len(state.derived(catalog).fragments)


def test_routes_rows_are_shared_between_comparisons_and_link_like_fresh_ones() -> None:
    catalog = load("variety")
    live_a, live_b, kept = _routes_tables(catalog, None)
    assert live_a == live_b and live_a[0].provider.href.startswith("../providers/")
    assert kept == 3  # one row set per model shown (the first model's reused)
    exported = {"/providers/" + p for p in catalog.providers} | {"/sources"}
    file_a, file_b, _ = _routes_tables(catalog, exported)
    href = file_a[0].provider.href
    assert file_a == file_b and href.startswith("../../providers/") and href.endswith("/index.html")


def test_rendered_route_tables_are_made_once_per_side_and_equal_a_fresh_render() -> None:
    catalog = load("variety")
    state = create_app(lambda: catalog, today=lambda: TODAY).state.site
    ids = canonical_ids(catalog)
    slugs = [f"{ids[0]}-vs-{ids[1]}", f"{ids[0]}-vs-{ids[2]}"]

    def render(slug: str) -> bytes:
        env = state.env(f"/compare/{slug}")
        return render_html(state.templates, env, build_compare(env, slug)).body

    first = [render(s) for s in slugs]
    fragments = state.derived(catalog).fragments
    html_keys = [k for k in fragments._entries if isinstance(k, tuple) and k[0] == "route-html"]
    # Three models on two pages: the shared first model's table is rendered once.
    assert len(html_keys) == 3
    assert [render(s) for s in slugs] == first  # from the memo
    fragments.clear()
    state.templates.globals["once"] = once()
    assert [render(s) for s in slugs] == first  # made again from nothing: the same bytes
    assert b"Where to run" in first[0] and first[0].count(b'class="prov"') > 0


def test_once_renders_a_piece_once_per_key_and_starts_again_when_full() -> None:
    calls: list[str] = []

    def piece(x: str) -> Markup:
        calls.append(x)
        return Markup("<b>{}</b>").format(x)

    render = once(limit=2)
    assert render("a", piece, "a") == render("a", piece, "a") == Markup("<b>a</b>")
    assert calls == ["a"]
    render("b", piece, "b")
    render("c", piece, "c")  # full: starts again with only "c"
    render("a", piece, "a")
    assert calls == ["a", "b", "c", "a"]
    assert render("<", piece, "<") == Markup("<b>&lt;</b>")  # the macro's own escaping stays
