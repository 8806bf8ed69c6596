"""Sorting and paging of the long lists: the query read, the page cut, the links built."""

from __future__ import annotations

from llmref.web.pages.listing import SortKey, count_text, paginate, read_list_query

SORTS = {
    "up": SortKey("smallest first", lambda n: n),
    "down": SortKey("largest first", lambda n: -n),
}


def _href(params: dict[str, object]) -> str:
    pairs = [f"{k}={v}" for k, v in params.items() if v is not None]
    return "/list" + ("?" + "&".join(pairs) if pairs else "")


def test_an_unknown_sort_key_gives_the_default_order_and_names_the_field() -> None:
    query = read_list_query({"sort": "bogus"}, SORTS, "up")
    assert query.sort == "up"
    assert query.notices == (
        "sort: “bogus” is not a sort key of this list; it is shown smallest first instead"
        " (keys: up, down).",
    )


def test_a_page_that_is_not_a_positive_number_gives_page_one_with_a_notice() -> None:
    for raw in ("0", "-1", "abc", "1e3", "9999999"):
        query = read_list_query({"page": raw}, SORTS, "up")
        assert query.page == 1, raw
        assert query.notices[0].startswith("page: "), raw
    assert read_list_query({"page": "3"}, SORTS, "up") == read_list_query(
        {"page": "3", "sort": "up"}, SORTS, "up"
    )


def test_pages_of_a_list_of_250_cover_it_once_with_links_both_ways() -> None:
    items = list(range(1, 251))
    seen = []
    for number in (1, 2, 3):
        query = read_list_query({"page": str(number)}, SORTS, "up")
        chunk, listing = paginate(items, query, SORTS, "up", _href, per_page=100)
        seen += chunk
        paging = listing.paging
        assert (paging.page, paging.pages, paging.total) == (number, 3, 250)
        assert paging.first == (number - 1) * 100 + 1
        assert paging.last == min(number * 100, 250)
    assert seen == items  # every item once, in order
    # Page 1 is the list's own URL (no ?page=1), so each page has one address.
    _, second = paginate(items, read_list_query({"page": "2"}, SORTS, "up"), SORTS, "up", _href)
    assert second.paging.previous == "/list"
    assert second.paging.next == "/list?page=3"


def test_links_keep_the_sort_and_leave_the_default_out() -> None:
    query = read_list_query({"sort": "down"}, SORTS, "up")
    chunk, listing = paginate([3, 2, 1], query, SORTS, "up", _href, per_page=2)
    assert chunk == [3, 2]  # paginate cuts; the caller sorted
    assert listing.paging.next == "/list?sort=down&page=2"
    assert [(c.key, c.href, c.current) for c in listing.sorts] == [
        ("up", "/list", False),
        ("down", "/list?sort=down", True),
    ]
    assert listing.sort_label == "largest first"


def test_a_page_past_the_end_shows_the_last_page_and_says_so() -> None:
    query = read_list_query({"page": "9"}, SORTS, "up")
    chunk, listing = paginate(list(range(150)), query, SORTS, "up", _href, per_page=100)
    assert listing.paging.page == 2 and len(chunk) == 50
    assert listing.notices == (
        "page: there is no page 9; the list has 2 pages, and page 2 is shown.",
    )


def test_a_static_export_gets_the_whole_list_on_one_page() -> None:
    def only_the_list(params: dict[str, object]) -> str | None:
        return None if any(v is not None for v in params.values()) else "/list"

    query = read_list_query({}, SORTS, "up")
    chunk, listing = paginate(list(range(250)), query, SORTS, "up", only_the_list, exported=True)
    assert len(chunk) == 250 and listing.paging.pages == 1 and listing.paging.next is None


def test_a_static_export_that_writes_the_pages_of_a_list_pages_it() -> None:
    def pages_only(params: dict[str, object]) -> str | None:
        return None if params.get("sort") else _href(params)  # pages written, orders not

    query = read_list_query({"page": "3"}, SORTS, "up")
    chunk, listing = paginate(list(range(250)), query, SORTS, "up", pages_only, exported=True)
    assert chunk == list(range(200, 250))
    assert listing.paging.previous == "/list?page=2" and listing.paging.next is None
    assert [c.key for c in listing.sorts] == ["up"]


def test_count_text_reads_from_the_figures() -> None:
    query = read_list_query({"page": "2"}, SORTS, "up")
    _, listing = paginate(list(range(1234)), query, SORTS, "up", _href, per_page=100)
    assert count_text(listing.paging, "model") == "1,234 models; 101–200 shown (page 2 of 13)."
    _, one = paginate([1], read_list_query({}, SORTS, "up"), SORTS, "up", _href)
    assert count_text(one.paging, "model", (" matches “x”", " match “x”")) == (
        "1 model matches “x”."
    )


def test_an_export_offers_no_order_it_cannot_link_to() -> None:
    def exported_href(params: dict[str, object]) -> str | None:
        return None if any(v is not None for v in params.values()) else "/list"

    query = read_list_query({}, SORTS, "up")
    _, listing = paginate([1, 2], query, SORTS, "up", exported_href, exported=True)
    assert [c.key for c in listing.sorts] == ["up"]  # "down" has no page in the export


def test_list_page_reads_the_query_sorts_cuts_and_counts() -> None:
    """The one builder every list page uses: the page declares its rows (by sort key), its
    link and its noun; the query, the order, the cut and the count line come from here."""
    from types import SimpleNamespace

    from llmref.web.pages.listing import list_page, sort_by

    env = SimpleNamespace(links=SimpleNamespace(exported=None))
    asked: list[str] = []

    def rows(sort: str) -> list[int]:
        asked.append(sort)
        return sort_by(range(1, 251), SORTS, sort)

    page = list_page(env, {"sort": "down", "page": "2"}, SORTS, "up", rows, _href, "item")
    assert asked == ["down"]
    assert page.items == list(range(150, 50, -1))
    assert page.listing.paging.next == "/list?sort=down&page=3"
    assert page.count == "250 items; 101–200 shown (page 2 of 3)."
    bad = list_page(env, {"sort": "sideways"}, SORTS, "up", rows, _href, "item", per_page=None)
    assert bad.items == list(range(1, 251)) and bad.listing.notices[0].startswith("sort: ")
    # An old key is read as the key it names (?sort=index is ?sort=score on the model lists).
    scored = {"score": SortKey("best first", lambda n: -n)}
    assert sort_by([1, 3, 2], scored, "index") == [3, 2, 1]
