"""The list of every model (``/models``), sorted and paged, and the model row every list of
models shares (search results, a vendor's models)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from llmref import formatting as fmt
from llmref.web.page import Env, Page
from llmref.web.pages.listing import Link, Listing, SortKey, list_page, sort_by
from llmref.web.precomputed import ModelSummary

_LAST = Decimal("Infinity")


def _price(quote: Any) -> Decimal:
    return _LAST if quote is None else Decimal(quote.price)


ModelSort = Literal[
    "vendor", "name", "price", "output-price", "context", "routes", "score", "released", "index"
]
"""The keys of :data:`MODEL_SORTS` and their aliases, for the API's schema (a test keeps them
equal)."""

MODEL_SORTS: dict[str, SortKey] = {
    "vendor": SortKey(
        "by vendor, then name", lambda s: ((s.vendor_name or "").lower(), s.name.lower(), s.id)
    ),
    "name": SortKey("by name", lambda s: (s.name.lower(), s.id)),
    "price": SortKey(
        "cheapest input price first (unpriced last)",
        lambda s: (_price(s.cheapest_input), _price(s.cheapest_output), s.id),
    ),
    "output-price": SortKey(
        "cheapest output price first (unpriced last)",
        lambda s: (_price(s.cheapest_output), _price(s.cheapest_input), s.id),
    ),
    "context": SortKey(
        "largest context window first",
        lambda s: (s.context_window is None, -(s.context_window or 0), s.id),
    ),
    "routes": SortKey("most priced routes first", lambda s: (-s.providers, s.id)),
    "score": SortKey(
        "highest benchmark score first (the score column's version; unscored last)",
        lambda s: (s.intelligence_index is None, -(s.intelligence_index or 0), s.id),
    ),
    "released": SortKey(
        "newest release first",
        lambda s: (s.released is None, -(s.released or date.min).toordinal(), s.id),
    ),
}
"""The ``?sort=`` keys of every list of models (documented in docs/web.md)."""


@dataclass(frozen=True, slots=True)
class ModelRow:
    """One model in a list: figures already formatted."""

    model: Link
    id: str
    vendor: Link | None
    context: str
    input: str
    """Cheapest input price per 1M tokens on a trusted route, with the provider."""
    output: str
    routes: str
    """Priced pay-per-token routes."""
    index: str
    """The score on the lists' headline benchmark version (— when not measured): the chart's
    default version, named by the page's ``score_head``."""
    matched: str = ""
    """For a search result: what the query matched on."""


def _quote(quote: Any) -> str:
    if quote is None:
        return fmt.MISSING
    return f"{fmt.price(quote.price)} ({quote.provider_name})"


def model_row(env: Env, s: ModelSummary, matched: str = "") -> ModelRow:
    links = env.links
    vendor = None
    if s.vendor_id:
        vendor = Link(s.vendor_name or s.vendor_id, links.vendor(s.vendor_id))
    return ModelRow(
        model=Link(s.name, links.model(s.id)),
        id=s.id,
        vendor=vendor,
        context=fmt.context(s.context_window),
        input=_quote(s.cheapest_input),
        output=_quote(s.cheapest_output),
        routes=str(s.providers),
        index=fmt.number(env.dated.headline_score(s.id)),
        matched=matched,
    )


def canonical_summaries(env: Env) -> list[ModelSummary]:
    """Every model but dated snapshots (listed on their family's page)."""
    return [s for s in env.dated.summaries.values() if s.family_id is None]


@dataclass(frozen=True, slots=True)
class ModelsPage:
    """``/models``: one page of every model, in the order asked for."""

    rows: tuple[ModelRow, ...]
    listing: Listing
    count: str
    """For example: 1,234 models; 1–100 shown (page 1 of 13)."""
    score_head: str = "Benchmark score"
    """The score column's header: the benchmark version it shows, with unit and direction."""


@dataclass(frozen=True, slots=True)
class ModelListData:
    as_of: date
    models: list[ModelSummary]
    total: int | None = None
    """How many models the whole list has (`models` may be one page of it)."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: this is the last page, or the list is whole)."""


def sorted_models(env: Env, sort: str) -> list[ModelSummary]:
    """Every canonical model in the order of ``MODEL_SORTS[sort]`` (or of the key `sort` is an
    alias of)."""
    return sort_by(canonical_summaries(env), MODEL_SORTS, sort)


def build_models(env: Env, params: Mapping[str, str] | None = None) -> Page:
    links = env.links
    page = list_page(
        env,
        params,
        MODEL_SORTS,
        "vendor",
        lambda sort: sorted_models(env, sort),
        lambda p: links.models(params=p),
        "model",
    )
    view = ModelsPage(
        rows=tuple(model_row(env, s) for s in page.items),
        listing=page.listing,
        count=page.count,
        score_head=env.dated.headline_head,
    )
    data = ModelListData(env.as_of, page.items, page.listing.paging.total)
    return Page("models.html", "All models", data, view)
