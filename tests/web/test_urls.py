"""The one URL builder: canonical paths, relative links, static-export file links."""

from __future__ import annotations

from llmref.web.urls import (
    PATHS,
    Links,
    _relative,
    file_for,
    many_ids,
    relative_link,
    split_pair,
    twin_path,
)


def test_pair_paths_are_alphabetical_whatever_the_order_given() -> None:
    assert PATHS.compare_pair("step-3.5-flash", "gpt-4o-mini") == (
        "/compare/gpt-4o-mini-vs-step-3.5-flash"
    )
    assert PATHS.compare_pair("gpt-4o-mini", "step-3.5-flash", fmt="json") == (
        "/compare/gpt-4o-mini-vs-step-3.5-flash.json"
    )


def test_many_ids_dedupe_and_sort_and_two_ids_make_a_pair_url() -> None:
    assert many_ids(["c", "a", "b", "a"]) == ("a", "b", "c")
    assert PATHS.compare_many(["c", "a", "b"]) == "/compare?models=a,b,c"
    assert PATHS.compare_many(["b", "a"]) == "/compare/a-vs-b"


def test_split_pair_offers_every_reading_of_ids_containing_vs() -> None:
    assert split_pair("duel-vs-mode-vs-rocket") == [
        ("duel", "mode-vs-rocket"),
        ("duel-vs-mode", "rocket"),
    ]
    assert split_pair("no-separator") == []
    assert split_pair("-vs-x") == []


def test_links_are_relative_to_the_current_page() -> None:
    links = Links("/compare/a-vs-b")
    assert links.model("gpt-4o-mini") == "../models/gpt-4o-mini"
    assert links.compare_pair("c", "d") == "c-vs-d"
    assert links.compare_chart("a", "b") == "a-vs-b/chart.svg"
    assert links.home() == "../"
    assert Links("/").home() == "./"
    assert Links("/").models() == "models"
    assert Links("/models/x").calculator({"models": "x"}) == "../calculator?models=x"


def test_an_id_with_a_colon_is_not_read_as_a_url_scheme() -> None:
    assert Links("/models/a").model("ns:model") == "./ns:model"


def test_static_links_name_the_written_files_and_drop_missing_pages() -> None:
    exported = {"/", "/models", "/models/a", "/compare/a-vs-b", "/static/site.css"}
    links = Links("/models/a", exported=exported.__contains__)
    assert links.home() == "../../index.html"
    assert links.models() == "../index.html"
    assert links.compare_pair("b", "a") == "../../compare/a-vs-b/index.html"
    assert links.static("site.css") == "../../static/site.css"
    assert links.model("zzz") is None  # not exported
    assert links.calculator({"models": "a"}) is None  # query strings have no file


def test_file_for_and_twin_path() -> None:
    assert file_for("/") == "index.html"
    assert file_for("/models/a") == "models/a/index.html"
    assert file_for("/models/a.json") == "models/a.json"
    assert file_for("/compare/a-vs-b/chart.svg") == "compare/a-vs-b/chart.svg"
    assert file_for("/models/step-3.5-flash") == "models/step-3.5-flash/index.html"
    assert twin_path("/") == "/index.json"
    assert twin_path("/search?q=x") == "/search.json?q=x"
    assert relative_link("/compare/a-vs-b", "/compare/b-vs-a") == "a-vs-b"


def _relative_by_hand(target: str, base: tuple[str, ...]) -> str:
    """Relative links worked out the long way: climb out of the folders not shared, then down."""
    path, sep, rest = target.partition("?")
    if not sep:
        path, sep, rest = target.partition("#")
    parts = path.split("/")[1:]
    common = 0
    while common < min(len(base), len(parts) - 1) and parts[common] == base[common]:
        common += 1
    link = "../" * (len(base) - common) + "/".join(parts[common:])
    if not link:
        link = "./"
    elif not link.startswith("../") and ":" in link.split("/", 1)[0]:
        link = "./" + link
    return link + sep + rest if sep else link


def test_relative_links_match_the_long_way_for_every_shape_of_path() -> None:
    segments = ["compare", "models", "a-vs-b", "x", "index.html", "a:b", "", "static", "comp"]
    checked = 0
    for first in segments:
        for second in [*segments, None]:
            target = "/" + first + ("" if second is None else "/" + second)
            for suffix in ("", "?q=a/b", "#f"):
                for base in [(), ("compare",), ("compare", "a-vs-b"), ("models", "x"), ("",)]:
                    got = _relative(target + suffix, base)
                    assert got == _relative_by_hand(target + suffix, base), (target, base)
                    checked += 1
    assert checked == 9 * 10 * 3 * 5


def test_shared_key_is_the_same_for_pages_that_get_the_same_links() -> None:
    exported = {"/compare/a-vs-b", "/compare/c-vs-d", "/models/a", "/providers/p"}
    one, two = (Links(p, exported.__contains__) for p in ("/compare/a-vs-b", "/compare/c-vs-d"))
    assert one.shared_key("providers") == two.shared_key("providers")
    assert one.provider("p") == two.provider("p") == "../../providers/p/index.html"
    # Inside the folder the fragment links into, the page's own place matters.
    inside = Links("/providers/p", exported.__contains__)
    assert inside.shared_key("providers") != Links("/providers/q").shared_key("providers")
    # A live page and an exported one never share (their links differ).
    assert Links("/compare/a-vs-b").shared_key("providers") != one.shared_key("providers")


def test_links_sharing_an_export_memo_answer_as_fresh_ones() -> None:
    exported = {"/", "/models", "/models/a", "/compare/a-vs-b", "/sources"}
    memo: dict[str, str | None] = {}
    for page in ("/models/a", "/compare/a-vs-b", "/"):
        shared = Links(page, exported.__contains__, memo)
        fresh = Links(page, exported.__contains__)
        for build in ("home", "models", "sources"):
            assert getattr(shared, build)() == getattr(fresh, build)()
        assert shared.model("zzz") is fresh.model("zzz") is None
        assert shared.source_anchor("dataset:x") == fresh.source_anchor("dataset:x")
    assert memo["/models"] == "/models/index.html" and memo["/models/zzz"] is None
