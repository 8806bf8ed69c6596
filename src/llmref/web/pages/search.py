"""The search page (``/search?q=``): matches ranked by relevance, then usefulness, and paged.

Relevance first: the model whose id, alias or name *is* the query, then those whose id, alias
or name starts with it, then the rest (:attr:`llmref.web.search.SearchHit.tier`). Within each
tier, models with a price on a trusted route come before unpriced ones, then the closer match
(the index's score), then the more widely served (more priced routes). So ``vision`` lists
served vision models before catalogue entries nobody sells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link, Listing, SortKey, list_page, sort_by
from llmref.web.pages.models import MODEL_SORTS, ModelRow, model_row
from llmref.web.precomputed import ModelSummary
from llmref.web.search import SearchHit

API_LIMIT = 100
"""Results /api/v1/search returns when no `limit` is given (a page of the search page)."""

MAX_QUERY = 200
"""Characters of the query read (the rest is ignored)."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    model: ModelSummary
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Found:
    hit: SearchHit
    summary: ModelSummary


def _relevance(f: _Found) -> tuple[int, bool, int, int, str]:
    s = f.summary
    return (f.hit.tier, s.cheapest_input is None, -f.hit.score, -s.providers, s.id)


SearchSort = Literal[
    "relevance",
    "vendor",
    "name",
    "price",
    "output-price",
    "context",
    "routes",
    "score",
    "released",
    "index",
]
"""The keys of :data:`SEARCH_SORTS`, for the API's schema."""

SEARCH_SORTS: dict[str, SortKey] = {
    "relevance": SortKey(
        "by relevance (exact id, alias or name first; then priced models, most routes first)",
        _relevance,
    ),
    **{
        key: SortKey(s.label, lambda f, k=s.key: k(f.summary))  # type: ignore[misc]
        for key, s in MODEL_SORTS.items()
    },
}
"""The ``?sort=`` keys of the search page and ``/api/v1/search``."""


@dataclass(frozen=True, slots=True)
class SearchData:
    query: str
    total: int
    results: list[SearchResult]
    suggestions: tuple[str, ...]
    """Closest model ids when nothing matched."""
    next_cursor: str | None = None
    """The API's cursor of the next page of results (None: the last page)."""


@dataclass(frozen=True, slots=True)
class SearchPage:
    """``/search``: the query, one page of results and how to reach the others."""

    query: str
    rows: tuple[ModelRow, ...]
    listing: Listing
    count: str
    """For example: 212 models match “vision”; 1–100 shown (page 1 of 3)."""
    suggestions: tuple[Link, ...]
    score_head: str = "Benchmark score"
    """The score column's header: the benchmark version it shows, with unit and direction."""


def ranked(env: Env, query: str, sort: str = "relevance") -> list[_Found]:
    """Every match of `query`, in the order of ``SEARCH_SORTS[sort]``."""
    hits, _ = env.derived.search.search(query, limit=None)
    summaries = env.dated.summaries
    found = [_Found(h, summaries[h.model_id]) for h in hits if h.model_id in summaries]
    return sort_by(found, SEARCH_SORTS, sort)


def result(f: _Found) -> SearchResult:
    return SearchResult(f.summary, f.hit.matched)


def build_search(env: Env, params: Mapping[str, str]) -> Page:
    query = params.get("q", "").strip()[:MAX_QUERY]
    links = env.links
    page = list_page(
        env,
        params,
        SEARCH_SORTS,
        "relevance",
        lambda sort: ranked(env, query, sort) if query else [],
        lambda p: links.search(query, params=p),
        "model",
        verb=(f" matches “{query}”", f" match “{query}”"),
    )
    chunk, listing, count = page.items, page.listing, page.count
    total = listing.paging.total
    suggestions: tuple[str, ...] = ()
    if query and not total:
        suggestions = env.catalog.closest_model_ids(query)
    view = SearchPage(
        query=query,
        rows=tuple(model_row(env, f.summary, ", ".join(f.hit.matched)) for f in chunk),
        listing=listing,
        count=count,
        suggestions=tuple(Link(m, links.model(m)) for m in suggestions),
        score_head=env.dated.headline_head,
    )
    data = SearchData(query, total, [result(f) for f in chunk], suggestions)
    title = f"Search: {query}" if query else "Search"
    return Page("search.html", title, data, view)
