"""Where sources disagree (``/conflicts``): every disagreement, or one model's
(``?model=<id or alias>``, its own facts and its offerings'), paged (``?page=``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from llmref import formatting as fmt
from llmref import labels
from llmref.catalog import Conflict
from llmref.web import conflict_links
from llmref.web.conflict_links import conflict_anchor
from llmref.web.page import Env, Page
from llmref.web.pages.listing import (
    Link,
    Listing,
    Provenance,
    SortKey,
    list_page,
    provenance,
    sort_by,
)

ConflictSort = Literal["subject", "field"]
"""The keys of :data:`CONFLICT_SORTS`, for the API's schema."""

CONFLICT_SORTS: dict[str, SortKey] = {
    "subject": SortKey("by subject, as catalogued", lambda ic: ic[0]),
    "field": SortKey("by field, then subject", lambda ic: (ic[1].field, ic[1].subject, ic[0])),
}
"""The ``?sort=`` keys of ``/conflicts``."""


@dataclass(frozen=True, slots=True)
class ConflictValue:
    value: str
    prov: Provenance
    chosen: bool


@dataclass(frozen=True, slots=True)
class ConflictRow:
    anchor: str
    """The row's HTML id (model pages link to it)."""
    model: Link
    provider: Link | None
    """For a disagreement about an offering: the provider."""
    field: str
    values: tuple[ConflictValue, ...]
    chosen: str
    rule: str


@dataclass(frozen=True, slots=True)
class ConflictsPage:
    """``/conflicts``: one page of the disagreements, all or one model's."""

    model: Link | None
    """The model the list is filtered to, if any."""
    everything: str | None
    """Link to the unfiltered list (when filtered)."""
    rows: tuple[ConflictRow, ...]
    listing: Listing
    count: str


@dataclass(frozen=True, slots=True)
class ConflictsData:
    conflicts: list[Conflict]
    total: int | None = None
    """Disagreements in the whole (filtered) list; `conflicts` may be one page of them."""
    next_cursor: str | None = None
    """The API's cursor of the next page (None: the last page, or the list is whole)."""
    model: str | None = None
    """The model the list is filtered to."""


def find_conflicts(env: Env, model: str | None, sort: str = "subject") -> list[Conflict]:
    """Every disagreement, or `model`'s (an id or alias; an unknown one raises
    :class:`~llmref.catalog.UnknownIdError`), in the order of ``CONFLICT_SORTS[sort]``."""
    catalog = env.catalog
    items = catalog.conflicts_of(catalog.model(model).id) if model else catalog.conflicts
    return [c for _, c in sort_by(enumerate(items), CONFLICT_SORTS, sort)]


def _row(env: Env, c: Conflict) -> ConflictRow:
    links, catalog = env.links, env.catalog
    body = c.subject.partition(":")[2]
    model_id, _, provider_id = body.partition("@")
    model = catalog.models.get(model_id)
    provider = None
    if provider_id:
        record = catalog.providers.get(provider_id)
        provider = Link(record.name if record else provider_id, links.provider(provider_id))
    return ConflictRow(
        anchor=conflict_anchor(c.subject, c.field),
        model=Link(model.name if model else model_id, links.model(model_id)),
        provider=provider,
        field=labels.field_label(c.field),
        values=tuple(
            ConflictValue(
                fmt.fact_value(c.field, v.value),
                provenance(links, v.source, v.reviewed),
                v == c.chosen,
            )
            for v in c.values
        ),
        chosen=fmt.fact_value(c.field, c.chosen.value),
        rule=c.rule,
    )


def build_conflicts(env: Env, params: Mapping[str, str] | None = None) -> Page:
    params = params or {}
    wanted = (params.get("model") or "").strip() or None
    model = env.catalog.model(wanted) if wanted else None
    links = env.links
    page = list_page(
        env,
        params,
        CONFLICT_SORTS,
        "subject",
        lambda sort: find_conflicts(env, model.id if model else None, sort),
        lambda p: links.conflicts(params={"model": model.id if model else None, **p}),
        "disagreement",
        per_page=conflict_links.PER_PAGE,
    )
    view = ConflictsPage(
        model=Link(model.name, links.model(model.id)) if model else None,
        everything=links.conflicts() if model else None,
        rows=tuple(_row(env, c) for c in page.items),
        listing=page.listing,
        count=page.count,
    )
    total = page.listing.paging.total
    data = ConflictsData(page.items, total, None, model.id if model else None)
    title = f"Where sources disagree on {model.name}" if model else "Where sources disagree"
    return Page("conflicts.html", title, data, view)
