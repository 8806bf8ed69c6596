"""The comparison of two models, ``/compare/<a>-vs-<b>``: the verdict and bottom line, the cost
picture at the traffic in the URL (``?requests=&input=&output=``, as the CLI's options), the
tables and where to run each model.

:func:`build_compare` resolves the URL, asks :mod:`llmref.compare` for the comparison and
:mod:`llmref.prose` for its sentences, and returns a :class:`ComparePage`: data and formatted
strings only; ``compare.html`` renders it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from llmref import compare, pricing, prose
from llmref import formatting as fmt
from llmref.alternatives import RULE_PHRASES
from llmref.catalog import Catalog, Model, UnknownIdError
from llmref.prose import ComparisonText
from llmref.web.chart_page import chart_svg
from llmref.web.fragments import comparison_json, side_key
from llmref.web.page import Env, Page, Redirect
from llmref.web.pages.parts import Link, Provenance, TableRow, provenance, table_rows
from llmref.web.urls import PATHS, pair_ids, split_pair

# ---- the URL ---------------------------------------------------------------------------------


def resolve_pair(catalog: Catalog, slug: str) -> tuple[Model, Model]:
    """The two models a ``<a>-vs-<b>`` slug names. Ids may contain ``-vs-`` themselves, so every
    split is tried; a split naming two exact ids wins over one that needs an alias."""
    candidates = split_pair(slug)
    best: tuple[int, Model, Model] | None = None
    for left, right in candidates:
        a, b = catalog.find_model(left), catalog.find_model(right)
        if a is None or b is None:
            continue
        exact = (a.id == left) + (b.id == right)
        if best is None or exact > best[0]:
            best = (exact, a, b)
    if best is not None:
        return best[1], best[2]
    if not candidates:
        raise UnknownIdError("model pair", slug, catalog.closest_model_ids(slug))
    left, right = candidates[0]
    missing = left if catalog.find_model(left) is None else right
    raise UnknownIdError("model", missing, catalog.closest_model_ids(missing))


def query_of(env: Env) -> str:
    """The page's query string with its ``?`` ("" when there is none)."""
    _, sep, query = env.links.current.partition("?")
    return sep + query if query else ""


def canonical_pair(env: Env, slug: str) -> tuple[Model, Model]:
    """The pair in canonical order; a redirect when the URL used an alias or the other order
    (the query string, the traffic, goes along)."""
    a, b = resolve_pair(env.catalog, slug)
    if a.id == b.id:
        raise Redirect((PATHS.model(a.id) or "/") + query_of(env), 302)
    first, second = (a, b) if (a.id, b.id) == pair_ids(a.id, b.id) else (b, a)
    wanted = PATHS.compare_pair(first.id, second.id) or "/"
    if wanted != f"/compare/{slug}":
        raise Redirect(wanted + query_of(env))
    return first, second


TRAFFIC_FIELDS = {"requests": 1_000_000, "input": 800, "output": 250}
"""The comparison page's traffic parameters and their defaults (as in the CLI)."""


def traffic_from(params: Mapping[str, Any] | None) -> tuple[pricing.Traffic, dict[str, str]]:
    """The traffic in ``?requests=&input=&output=`` (defaults for what is missing), and an
    error message per field that is not a whole number in range."""
    errors: dict[str, str] = {}
    values = dict(TRAFFIC_FIELDS)
    for name in TRAFFIC_FIELDS:
        raw = str(params.get(name) or "").strip() if params is not None else ""
        if not raw:
            continue
        text = raw.replace(",", "").replace("_", "")
        if not text.isdigit():
            errors[name] = f"{name} must be a whole number of 0 or more (got {raw[:40]!r})."
            continue
        values[name] = int(text)
    if values["requests"] < 1 and "requests" not in errors:
        errors["requests"] = "requests must be at least 1."
    if errors:
        return pricing.DEFAULT_TRAFFIC, errors
    try:
        traffic = pricing.Traffic.per_request(values["requests"], values["input"], values["output"])
    except pricing.InvalidWorkload as exc:
        return pricing.DEFAULT_TRAFFIC, {exc.field: str(exc)}
    return traffic, errors


# ---- the page --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RouteRow:
    """One place to run a model, costed at the page's traffic."""

    provider: Link
    api_id: str
    """The model's id on the provider's API."""
    input: str
    """Price per 1M input tokens ("—" when no price is tracked)."""
    output: str
    prov: Provenance | None
    """The price's source and review date."""
    monthly: str
    """The traffic's monthly cost there, or why there is none."""
    note: str
    """"vendor's own API", "subscription product" or ""."""


@dataclass(frozen=True, slots=True)
class MonthlyCard:
    """One model's monthly cost at the traffic."""

    name: str
    amount: str
    """"$1,234.56" or "unavailable"."""
    route: str | None
    """The provider of the cheapest route the policy allows."""
    reason: str | None
    """Why there is no figure."""
    lower: bool
    """The lower of the two."""


@dataclass(frozen=True, slots=True)
class ScoreCell:
    text: str
    prov: Provenance


@dataclass(frozen=True, slots=True)
class BenchmarkLine:
    """A benchmark version both models have a score on."""

    name: str
    scores: tuple[ScoreCell, ScoreCell]
    lead: str
    """Who leads by more than the verdict's threshold, with the gap, or "level (within 5%)"."""


@dataclass(frozen=True, slots=True)
class PresetLine:
    """One request size, priced on each model's cheapest route for it."""

    name: str
    costs: tuple[str, str]


@dataclass(frozen=True, slots=True)
class TrafficForm:
    """The traffic form's values (the URL's, or the defaults)."""

    requests: str
    input: str
    output: str


@dataclass(frozen=True, slots=True)
class ComparePage:
    """Everything ``compare.html`` prints."""

    t: ComparisonText
    """The sentences (:func:`llmref.prose.comparison_text`)."""
    names: tuple[str, str]
    model_links: tuple[Link, Link]
    scorecard: tuple[TableRow, ...]
    specs: tuple[TableRow, ...]
    pricing: tuple[TableRow, ...]
    capabilities: tuple[TableRow, ...]
    monthly: tuple[MonthlyCard, MonthlyCard]
    benchmarks: tuple[BenchmarkLine, ...]
    presets: tuple[PresetLine, ...]
    errors: Mapping[str, str]
    """Field name -> what is wrong with it (the traffic form)."""
    traffic: TrafficForm
    routes: tuple[tuple[RouteRow, ...], tuple[RouteRow, ...]]
    """Where to run each model."""
    route_keys: tuple[Hashable, Hashable]
    """What each side's rendered route rows are a function of: the template renders them once
    per key and catalogue snapshot (``shared`` in :mod:`llmref.web.render`)."""
    related: tuple[tuple[Link, str | None], ...]
    """Related comparisons, each with the rule that picked it (:mod:`llmref.alternatives`)."""
    chart: str | None
    """The pair's chart (SVG) URL."""
    chart_benchmark: str
    """The benchmark version the chart plots (the chart's default, as the lists' score column)."""
    calculator: str | None
    as_of: str
    """The date prices are read on, ISO."""


def route_rows(
    env: Env, side: compare.Side, c: compare.Comparison | None = None
) -> tuple[RouteRow, ...]:
    """Where to run a model: every provider with its prices and their source, and the cost at
    the page's traffic (or why there is none). Within comparison `c` the rows are made once per
    side and reused by the model's other comparisons (see :mod:`llmref.web.fragments`)."""
    if c is None:
        return _route_rows(env, side)
    return env.derived.fragments.get(
        ("route-rows", *_route_key(env, side, c)), lambda: _route_rows(env, side)
    )


def _route_key(env: Env, side: compare.Side, c: compare.Comparison) -> tuple[Hashable, ...]:
    """What a side's route rows (and their rendered HTML) are a function of."""
    return (
        side_key(side, c.traffic, c.input_share, c.as_of),
        env.links.shared_key("providers", "sources"),
    )


def _route_rows(env: Env, side: compare.Side) -> tuple[RouteRow, ...]:
    links = env.links
    out = []
    for r in side.routes:
        point = r.price
        cost = r.cost
        out.append(
            RouteRow(
                provider=Link(r.provider_name, links.provider(r.provider_id)),
                api_id=r.provider_model_id or side.id,
                input=fmt.price(point.input) if point else fmt.MISSING,
                output=fmt.price(point.output) if point else fmt.MISSING,
                prov=provenance(links, point.source, point.reviewed) if point else None,
                monthly=fmt.usd(cost.total)
                if isinstance(cost, pricing.Cost)
                else f"unavailable: {cost.reason}",
                note="vendor's own API"
                if r.first_party
                else ("subscription product" if not r.pay_per_token else ""),
            )
        )
    return tuple(out)


def _lead(c: compare.Comparison, benchmark: str) -> str:
    """Who leads on a shared benchmark by the verdict's threshold, or "level"."""
    for lead in c.verdict.leads:
        if lead.benchmark == benchmark:
            name = (c.a.name, c.b.name)[lead.leader]
            return f"{name} (+{fmt.pct(lead.gap_share)})"
    return f"level (within {fmt.pct(c.verdict.threshold)})"


def _monthly(c: compare.Comparison) -> tuple[MonthlyCard, MonthlyCard]:
    a, b = (
        MonthlyCard(
            name=side.name,
            amount=fmt.usd(side.monthly_cost) if side.monthly_cost is not None else "unavailable",
            route=side.monthly_route_name,
            reason=side.monthly_reason,
            lower=c.monthly.lower == i,
        )
        for i, side in enumerate((c.a, c.b))
    )
    return a, b


def _benchmarks(env: Env, c: compare.Comparison) -> tuple[BenchmarkLine, ...]:
    links = env.links
    out = []
    for p in c.benchmarks:
        sa, sb = (
            ScoreCell(
                f"{fmt.number(v)}{p.unit if p.unit == '%' else ''}",
                provenance(links, r.source, r.reviewed),
            )
            for v, r in zip(p.values, p.results, strict=True)
        )
        out.append(BenchmarkLine(p.name, (sa, sb), _lead(c, p.benchmark)))
    return tuple(out)


def _presets(c: compare.Comparison) -> tuple[PresetLine, ...]:
    out = []
    for pa, pb in zip(c.costs.a.presets, c.costs.b.presets, strict=True):
        name = (
            f"{pa.preset.name} ({fmt.count(pa.preset.input_tokens)} in / "
            f"{fmt.count(pa.preset.output_tokens)} out)"
        )
        ca, cb = (
            f"{fmt.usd(x.cost)} on {x.provider_name}" if x.cost is not None else "unavailable"
            for x in (pa, pb)
        )
        out.append(PresetLine(name, (ca, cb)))
    return tuple(out)


def compare_page(
    env: Env, c: compare.Comparison, t: ComparisonText, errors: Mapping[str, str]
) -> ComparePage:
    """The page of comparison `c` (already built at the page's traffic) with its sentences."""
    links = env.links
    a, b = c.a, c.b
    return ComparePage(
        t=t,
        names=(a.name, b.name),
        model_links=(Link(a.name, links.model(a.id)), Link(b.name, links.model(b.id))),
        scorecard=table_rows(links, c.scorecard),
        specs=table_rows(links, c.specs),
        pricing=table_rows(links, c.pricing),
        capabilities=table_rows(links, c.capabilities),
        monthly=_monthly(c),
        benchmarks=_benchmarks(env, c),
        presets=_presets(c),
        errors=errors,
        traffic=TrafficForm(
            str(c.traffic.requests or ""),
            str(c.traffic.request_input_tokens or ""),
            str(c.traffic.request_output_tokens or ""),
        ),
        routes=(route_rows(env, a, c), route_rows(env, b, c)),
        route_keys=(("route-html", *_route_key(env, a, c)), ("route-html", *_route_key(env, b, c))),
        related=tuple(
            (
                Link(f"{r.a_name} vs {r.b_name}", links.compare_pair(r.a_id, r.b_id)),
                RULE_PHRASES.get(r.reason) if r.reason else None,
            )
            for r in c.related
        ),
        chart=links.compare_chart(a.id, b.id),
        chart_benchmark=env.dated.headline_head,
        calculator=links.calculator({"models": f"{a.id},{b.id}"}),
        as_of=env.as_of.isoformat(),
    )


def build_compare(env: Env, slug: str, params: Mapping[str, Any] | None = None) -> Page:
    """The comparison page of the pair `slug` at the traffic in `params` (the URL's query):
    a redirect to the canonical URL, or the page (422 with the form's errors when a traffic
    field is not a whole number in range; the page then shows the default traffic)."""
    a, b = canonical_pair(env, slug)
    traffic, errors = traffic_from(params)
    c = compare.build_comparison(
        env.catalog, a, b, traffic, as_of=env.as_of, policy=pricing.check_policy(env.routes)
    )
    t = prose.comparison_text(c)
    memo = env.derived.fragments
    return Page(
        "compare.html",
        t.title,
        c,
        compare_page(env, c, t, errors),
        description=t.verdict,
        encode=lambda: comparison_json(memo, c, t),
        status=422 if errors else 200,
    )


def pair_chart(env: Env, slug: str) -> str:
    """The SVG chart with the pair highlighted."""
    a, b = resolve_pair(env.catalog, slug)
    return chart_svg(env, highlight=(a.id, b.id))
