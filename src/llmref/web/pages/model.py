"""The model page (``/models/<id>``): a summary card first (vendor, class, context, the cheapest
route the route policy allows and its monthly cost at the default traffic, best benchmark
standing, open weights, release and retirement dates), then the profile of
:mod:`llmref.profile` with every fact's source and review date once per row, the routes sorted
by price, the benchmarks, how to call it and its comparisons.

Aliases and the facts sources disagree on are collapsed below the card (a count that opens the
list); the disagreements link to ``/conflicts?model=<id>``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from llmref import formatting as fmt
from llmref import labels, pricing, profile, prose
from llmref.catalog import Model
from llmref.facts import CAPABILITIES, MODEL_FACT_FIELDS
from llmref.prose.profile import ProfileText
from llmref.web.conflict_links import conflict_href
from llmref.web.fragments import with_text
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.pages.listing import Link, Provenance, provenance
from llmref.web.pages.prices import PriceRow, route_rows
from llmref.web.pages.summary_card import SummaryCard, summary_card
from llmref.web.urls import PATHS

SPEC_FIELDS = tuple(f for f in MODEL_FACT_FIELDS if f not in CAPABILITIES and f != "name")


@dataclass(frozen=True, slots=True)
class FactRow:
    """One fact of the model: its value, where it comes from, and a link to the disagreement
    when sources give other values."""

    label: str
    value: str
    prov: Provenance
    conflict: Link | None
    marked: bool = True
    """Its source is shown on its row: it differs from its table's footnote (or the table has
    none). False: the footnote under the table is this row's source and review date."""


@dataclass(frozen=True, slots=True)
class FactTable:
    """A table of facts whose shared source is said once, under it."""

    rows: tuple[FactRow, ...]
    source: Provenance | None
    """The source and review date of most rows, when two or more share it (the footnote);
    rows with another one are marked with their own."""
    footnote: str
    """"Source for every row unless marked:" (or "Source for every row:" when none is)."""


@dataclass(frozen=True, slots=True)
class PresetRow:
    name: str
    tokens: str
    cost: str
    where: str


@dataclass(frozen=True, slots=True)
class BenchmarkRow:
    name: str
    """The benchmark version's title."""
    value: str
    prov: Provenance
    rivals: tuple[str, ...]
    """The alternatives' results on the same version, in the order of ``rival_names``."""
    rank: str
    per_point: str


@dataclass(frozen=True, slots=True)
class AccessRow:
    provider: Link
    request: str | None
    """A minimal HTTP request (placeholders in capitals), or None."""
    note: str


@dataclass(frozen=True, slots=True)
class CompareRow:
    pair: Link
    reason: str
    """Why this alternative (its selection rule and figures)."""


@dataclass(frozen=True, slots=True)
class ModelPage:
    """Everything the model page prints; formatted strings and links, no HTML."""

    text: ProfileText
    """The page's sentences (:func:`llmref.prose.profile_text`)."""
    model: Model
    card: SummaryCard
    family: Link | None
    """For a dated snapshot: the model it is a snapshot of."""
    aliases: tuple[str, ...]
    aliases_label: str
    """"12 aliases": the collapsed list's summary."""
    snapshots: tuple[Link, ...]
    snapshots_label: str
    disputed: tuple[Link, ...]
    """Facts sources disagree on, each linking to its row on the conflicts page."""
    disputed_label: str
    """"Sources disagree on 15 facts"."""
    conflicts: Link | None
    """The model's disagreements on the conflicts page (None when there are none)."""
    specs: tuple[FactRow, ...]
    capabilities: tuple[FactRow, ...]
    specs_table: FactTable
    """`specs` with their shared source once (what the page prints)."""
    capabilities_table: FactTable
    routes: tuple[PriceRow, ...]
    """Where to run it: counted routes cheapest first, then set aside ones with their reason,
    then places that are not pay-per-token routes."""
    traffic: str
    """The traffic the routes' monthly column prices ("1M req × 800/250")."""
    route_policy: str
    presets: tuple[PresetRow, ...]
    presets_unavailable: str | None
    """When no request size has a cost, for one reason: one sentence saying so, in place of
    the table (three rows of the same reason)."""
    benchmarks: tuple[BenchmarkRow, ...]
    rival_names: tuple[str, ...]
    access: tuple[AccessRow, ...]
    """Where to call it: a request example, or why there is none (the providers whose API
    style is not tracked are in `untracked`, when there are two or more)."""
    untracked: tuple[Link, ...]
    """Providers with no request example because their API style is not tracked: said once
    for them all instead of a heading and the same sentence for each."""
    compare: tuple[CompareRow, ...]
    calculator: str | None
    as_of: str


def alternative_reason(c: profile.Competitor, same_vendor: bool) -> str:
    """Why an alternative was picked, from its rule and figures (:mod:`llmref.alternatives`)."""
    price = f"{fmt.usd(c.blended)} per 1M tokens blended" if c.blended is not None else ""
    if c.why in ("next tier up", "next tier down"):
        return f"the same vendor's {c.why} ({price})"
    if c.why in ("better score", "open weights") and c.benchmark and c.score is not None:
        figures = f"{fmt.number(c.score)} against {fmt.number(c.mine)} on {c.benchmark}"
        if c.why == "better score":
            return f"a better score at the closest price: {figures} ({price})"
        return f"the open-weights model nearest in score: {figures}"
    if c.why == "same class":
        return f"a priced model of the same class ({price})"
    if c.why == "closest price":
        where = "the same vendor" if same_vendor else "another vendor"
        return f"the closest price in the same class, from {where} ({price})"
    return c.why


def _conflicts_href(env: Env, model_id: str) -> str | None:
    """The model's disagreements: its own list (``/conflicts?model=<id>``); in a static export
    (no query URLs) the page of the full list that holds its first."""
    found = env.catalog.conflicts_of(model_id)
    if env.links.conflicts(params={"model": model_id}) is None and found:
        href = conflict_href(env.links, env.catalog, found[0].subject, found[0].field)
        return None if href is None else href.partition("#")[0]
    return env.links.conflicts(params={"model": model_id}) or env.links.conflicts()


def _row_href(env: Env, subject: str, field: str) -> str | None:
    """A disagreement's row on the conflicts page that holds it."""
    return conflict_href(env.links, env.catalog, subject, field)


def _fact_rows(env: Env, model: Model, fields: tuple[str, ...]) -> tuple[FactRow, ...]:
    rows = []
    subject = f"model:{model.id}"
    for name in fields:
        fact = model.facts.get(name)
        if fact is None:
            continue
        conflict = None
        if env.catalog.conflict_for(subject, name) is not None:
            conflict = Link("sources disagree", _row_href(env, subject, name))
        rows.append(
            FactRow(
                labels.field_label(name),
                fmt.fact_value(name, fact.value),
                provenance(env.links, fact.source, fact.reviewed),
                conflict,
            )
        )
    return tuple(rows)


def fact_table(rows: tuple[FactRow, ...]) -> FactTable:
    """`rows` with the source and review date most of them share said once: the first of the
    most common (source, date) pairs, when at least two rows have it; every other row marked
    with its own."""
    counts = Counter((r.prov.source, r.prov.reviewed) for r in rows)
    best = max(counts.values(), default=0)
    if best < 2:
        return FactTable(rows, None, "")
    shared = next(r.prov for r in rows if counts[(r.prov.source, r.prov.reviewed)] == best)
    out = tuple(replace(r, marked=r.prov != shared) for r in rows)
    unless = " unless marked" if any(r.marked for r in out) else ""
    return FactTable(out, shared, f"Source for every row{unless}:")


def _presets(p: profile.Profile) -> tuple[PresetRow, ...]:
    out = []
    for pc in p.presets:
        route = pc.route
        if isinstance(route, pricing.Route) and isinstance(route.cost, pricing.Cost):
            cost, where = fmt.usd(route.cost.total), route.provider_name
        else:
            cost, where = "unavailable", getattr(route, "reason", "")
        tokens = f"{pc.preset.input_tokens:,} in / {pc.preset.output_tokens:,} out"
        out.append(PresetRow(pc.preset.name, tokens, cost, where))
    return tuple(out)


def _presets_unavailable(p: profile.Profile, rows: tuple[PresetRow, ...]) -> str | None:
    """ "Cost of one request (small, 500 in / 200 out; ...): unavailable, because <reason>."
    when every preset lacks a cost for the same reason; else None (the table says each)."""
    reasons = {pc.reason for pc in p.presets}
    if not rows or any(pc.cost is not None for pc in p.presets) or len(reasons) != 1:
        return None
    sizes = "; ".join(f"{r.name.lower()}, {r.tokens}" for r in rows)
    return f"Cost of one request ({sizes}): unavailable, because {reasons.pop()}."


def _benchmarks(env: Env, p: profile.Profile) -> tuple[BenchmarkRow, ...]:
    return tuple(
        BenchmarkRow(
            name=row.name,
            value=fmt.number(row.value) + ("%" if row.unit == "%" else ""),
            prov=provenance(env.links, row.result.source, row.result.reviewed),
            rivals=tuple(fmt.number(c.value) for c in row.competitors),
            # Ranks count only models with a result on this benchmark version.
            rank=f"{row.overall.position} of {row.overall.total}"
            if row.overall
            else f"{row.rank} of {row.ranked}",
            per_point=fmt.usd(row.value_per_point) if row.value_per_point else "—",
        )
        for row in p.benchmarks
    )


def _access(env: Env, p: profile.Profile) -> tuple[tuple[AccessRow, ...], tuple[Link, ...]]:
    """The rows of "How to call it", and the providers whose API style is not tracked (two or
    more: listed once, not a row each)."""
    rows: list[AccessRow] = []
    untracked: list[int] = []
    for a in p.access:
        ex = a.example
        request = None
        if ex is not None:
            lines = [f"{ex.method} {ex.url}", *(f"{k}: {v}" for k, v in ex.headers), "", ex.body]
            request = "\n".join(lines)
        provider = Link(a.route.provider_name, env.links.provider(a.route.provider_id))
        row = AccessRow(provider, request, (ex.note if ex else a.no_example_reason) or "")
        record = env.catalog.providers.get(a.route.provider_id)
        if ex is None and record and a.no_example_reason == profile.untracked_style(record):
            untracked.append(len(rows))
        rows.append(row)
    if len(untracked) < 2:
        return tuple(rows), ()
    listed = set(untracked)
    return (
        tuple(r for i, r in enumerate(rows) if i not in listed),
        tuple(rows[i].provider for i in untracked),
    )


def build_model(env: Env, model_id: str) -> Page:
    model = env.catalog.model(model_id)
    if model.id != model_id:
        query = env.links.current.partition("?")[2]
        raise Redirect((PATHS.model(model.id) or "/") + (f"?{query}" if query else ""))
    policy = pricing.check_policy(env.routes)
    p = profile.build_profile(env.catalog, model, as_of=env.as_of, policy=policy)
    t = prose.profile_text(p)
    links, catalog, side = env.links, env.catalog, p.side
    family = catalog.models.get(p.family_id) if p.family_id else None
    base = _conflicts_href(env, model.id)
    disputed = tuple(
        Link(
            labels.field_label(c.field)
            + (f" on {c.subject.partition('@')[2]}" if "@" in c.subject else ""),
            _row_href(env, c.subject, c.field),
        )
        for c in catalog.conflicts_of(model.id)
    )
    presets = _presets(p)
    access, untracked = _access(env, p)
    specs = _fact_rows(env, model, SPEC_FIELDS)
    capabilities = _fact_rows(env, model, CAPABILITIES)
    view = ModelPage(
        text=t,
        model=model,
        card=summary_card(env, model, p),
        family=Link(family.name, links.model(family.id)) if family else None,
        aliases=model.aliases,
        aliases_label=fmt.plural(len(model.aliases), "alias", "aliases"),
        snapshots=tuple(Link(s.id, links.model(s.id)) for s in p.snapshots),
        snapshots_label=fmt.plural(len(p.snapshots), "dated snapshot"),
        disputed=disputed,
        disputed_label=f"Sources disagree on {fmt.plural(len(disputed), 'fact')}",
        conflicts=Link(fmt.plural(len(disputed), "disagreement"), base) if disputed else None,
        specs=specs,
        capabilities=capabilities,
        specs_table=fact_table(specs),
        capabilities_table=fact_table(capabilities),
        routes=route_rows(links, catalog, side.assessment),
        traffic=fmt.traffic_label(p.traffic),
        route_policy=prose.route_policy_sentence(side.assessment),
        presets=presets,
        presets_unavailable=_presets_unavailable(p, presets),
        benchmarks=_benchmarks(env, p),
        rival_names=tuple(c.name for c in p.competitors),
        access=access,
        untracked=untracked,
        compare=tuple(
            CompareRow(
                Link(f"{model.name} vs {c.name}", links.compare_pair(model.id, c.id)),
                alternative_reason(c, model.vendor_id == catalog.models[c.id].vendor_id),
            )
            for c in p.competitors
        ),
        calculator=links.calculator({"models": model.id}),
        as_of=env.as_of.isoformat(),
    )
    return Page(
        "model.html",
        t.title,
        p,
        view,
        description=t.overview,
        encode=lambda: with_text(to_json(p), t),
    )
