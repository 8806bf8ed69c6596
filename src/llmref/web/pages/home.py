"""The home page, ``/``: search, the most widely served models (the summary engine's ranking,
:func:`llmref.summary.top_models`), popular comparisons, recent price changes with their source,
and the newest models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from llmref import formatting as fmt
from llmref import labels
from llmref.facts import CAPABILITIES
from llmref.web.contexts import CatalogInfo, catalog_info
from llmref.web.page import Env, Page
from llmref.web.pages.models import ModelRow, model_row
from llmref.web.pages.parts import Link, Provenance, provenance
from llmref.web.precomputed import ModelSummary, PriceChange


@dataclass(frozen=True, slots=True)
class HomeData:
    """The home page's JSON twin (``/index.json``)."""

    catalog: CatalogInfo
    top_models: list[ModelSummary]
    popular_pairs: list[tuple[str, str]]
    recent_price_changes: list[PriceChange]
    newest_models: list[ModelSummary]


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """A dated price change."""

    day: str
    model: Link
    provider: Link
    prices: str
    """"$0.15/1M in · $0.60/1M out"."""
    prov: Provenance


@dataclass(frozen=True, slots=True)
class HomePage:
    """Everything ``home.html`` prints."""

    info: CatalogInfo
    top: tuple[ModelRow, ...]
    """The ten most widely served canonical models."""
    pairs: tuple[Link, ...]
    """Comparisons among the top five."""
    changes: tuple[ChangeLine, ...]
    newest: tuple[ModelRow, ...]
    capabilities: tuple[Link, ...]
    """A search per capability."""
    score_head: str = "Benchmark score"
    """The score column's header: the chart's default benchmark version, named."""


def build_home(env: Env) -> Page:
    dated = env.dated
    summaries = dated.summaries
    top = [summaries[i] for i in dated.top_models[:10] if i in summaries]
    pairs = [(a.id, b.id) for i, a in enumerate(top[:5]) for b in top[i + 1 : 5]][:8]
    changes = list(env.derived.price_changes[:8])
    canonical = [s for s in summaries.values() if s.family_id is None and s.released]
    newest = sorted(canonical, key=lambda s: (s.released or date.min, s.id), reverse=True)[:8]
    links = env.links
    info = catalog_info(env)
    view = HomePage(
        info=info,
        top=tuple(model_row(env, s) for s in top),
        pairs=tuple(
            Link(f"{summaries[a].name} vs {summaries[b].name}", links.compare_pair(a, b))
            for a, b in pairs
        ),
        changes=tuple(
            ChangeLine(
                day=c.effective_from.isoformat(),
                model=Link(c.model_name, links.model(c.model_id)),
                provider=Link(c.provider_name, links.provider(c.provider_id)),
                prices=f"{fmt.per_million(c.input)} in · {fmt.per_million(c.output)} out",
                prov=provenance(links, c.source, c.reviewed),
            )
            for c in changes
        ),
        newest=tuple(model_row(env, s) for s in newest),
        capabilities=tuple(
            Link(labels.CAPABILITY_LABELS[c], links.search(labels.CAPABILITY_LABELS[c].lower()))
            for c in CAPABILITIES
        ),
        score_head=dated.headline_head,
    )
    return Page(
        "home.html",
        "llmref — LLM reference",
        HomeData(info, top, pairs, changes, newest),
        view,
        description="Find, compare and price large language models, with sources.",
    )
