"""Context functions for the decision pages: the pairwise comparison, the N-way table and the
chart of a pair. The engines (:mod:`llmref.compare`, :mod:`llmref.prose`) do the work; these
functions resolve the URL, call them, and turn their rows into display cells with a source link
and review date on every fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from llmref import compare, pricing, prose
from llmref import formatting as fmt
from llmref.catalog import Catalog, Model, UnknownIdError
from llmref.web.chart_page import chart_svg
from llmref.web.fragments import comparison_json, side_key, with_text
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.urls import PATHS, many_ids, pair_ids, split_pair
from llmref.web.views import esc, link, provenance

# Comparison rows whose cells are one model fact each: the fact's source is the cell's source.
ROW_FACTS = {
    "released": "release_date",
    "context-window": "context_window",
    "max-output": "max_output_tokens",
    "parameters": "parameters_total",
    "architecture": "architecture",
    "license": "license",
    "open-weights": "open_weights",
    "knowledge-cutoff": "knowledge_cutoff",
    "input-modalities": "input_modalities",
    "output-modalities": "output_modalities",
}
# Rows whose cells are a price: the source is the price point of the route that offers it.
ROW_QUOTES = {
    "input-price": "cheapest_input",
    "output-price": "cheapest_output",
    "cheapest-output": "cheapest_output",
    "blended-price": "blended",
}
ROW_MONTHLY = ("monthly-cost", "cheapest-route")


# ---- resolving URLs --------------------------------------------------------------------------


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


def _query_of(env: Env) -> str:
    _, sep, query = env.links.current.partition("?")
    return sep + query if query else ""


def canonical_pair(env: Env, slug: str) -> tuple[Model, Model]:
    """The pair in canonical order; a redirect when the URL used an alias or the other order."""
    a, b = resolve_pair(env.catalog, slug)
    if a.id == b.id:
        raise Redirect((PATHS.model(a.id) or "/") + _query_of(env), 302)
    first, second = (a, b) if (a.id, b.id) == pair_ids(a.id, b.id) else (b, a)
    wanted = PATHS.compare_pair(first.id, second.id) or "/"
    if wanted != f"/compare/{slug}":
        raise Redirect(wanted + _query_of(env))
    return first, second


# ---- display cells ---------------------------------------------------------------------------


def _route_price(side: compare.Side, provider_id: str) -> Any:
    for route in side.routes:
        if route.provider_id == provider_id:
            return route.price
    return None


def _cell_prov(env: Env, row_id: str, side: compare.Side, model: Model) -> Markup:
    """The source and review date behind one comparison cell ("" when the cell is derived)."""
    name = ROW_FACTS.get(row_id, row_id if row_id in model.facts else None)
    if name is not None:
        fact = model.facts.get(name)
        return provenance(env.links, fact.source, fact.reviewed) if fact else Markup("")
    quote_field = ROW_QUOTES.get(row_id)
    point = None
    if quote_field is not None:
        quote = getattr(side, quote_field)
        point = _route_price(side, quote.provider_id) if quote else None
    elif row_id in ROW_MONTHLY and isinstance(side.monthly, pricing.Route):
        point = side.monthly.price
    if point is None:
        return Markup("")
    return provenance(env.links, point.source, point.reviewed)


def rows_html(
    env: Env, rows: Sequence[compare.Row], sides: Sequence[compare.Side], models: Sequence[Model]
) -> Markup:
    """The ``<tr>`` rows of a comparison table: each cell's value (escaped), a star on the best
    one, and the value's source and review date. Built as one string: this is the hot path of
    the comparison page, and one Markup beats hundreds of template calls."""
    out = []
    for row in rows:
        out.append(f'<tr><th scope="row">{esc(row.label)}</th>')
        for i, cell in enumerate(row.cells):
            prov = _cell_prov(env, row.id, sides[i], models[i])
            if row.best == i:
                out.append(f'<td class="best">{esc(cell.text)} ★{prov}</td>')
            else:
                out.append(f"<td>{esc(cell.text)}{prov}</td>")
        out.append("</tr>\n")
    return Markup("".join(out))


def routes_html(env: Env, side: compare.Side, c: compare.Comparison | None = None) -> Markup:
    """Where to run a model, as table rows: every provider with its prices, their source, and
    the cost at the page's traffic (or why there is none). One string, like :func:`rows_html`:
    a popular model has dozens of routes. Within comparison `c` the rows are made once per side
    and reused by the model's other comparisons (see :mod:`llmref.web.fragments`)."""
    if c is None:
        return _routes_html(env, side)
    key = (
        "routes-html",
        side_key(side, c.traffic, c.input_share, c.as_of),
        env.links.shared_key("providers", "sources"),
    )
    return env.derived.fragments.get(key, lambda: _routes_html(env, side))


def _routes_html(env: Env, side: compare.Side) -> Markup:
    links = env.links
    out = []
    for r in side.routes:
        point = r.price
        cost = r.cost
        monthly = (
            esc(fmt.usd(cost.total))
            if isinstance(cost, pricing.Cost)
            else f"unavailable: {esc(cost.reason)}"
        )
        note = (
            "vendor's own API"
            if r.first_party
            else ("subscription product" if not r.pay_per_token else "")
        )
        prices = (
            f'<td class="num">{esc(fmt.price(point.input))}</td>'
            f'<td class="num">{esc(fmt.price(point.output))}'
            f"{provenance(links, point.source, point.reviewed)}</td>"
            if point
            else f"<td>{fmt.MISSING}</td><td>{fmt.MISSING}</td>"
        )
        out.append(
            f'<tr><th scope="row">{link(links.provider(r.provider_id), r.provider_name)}</th>'
            f"<td><code>{esc(r.provider_model_id or side.id)}</code></td>{prices}"
            f"<td>{monthly}</td><td>{note}</td></tr>\n"
        )
    return Markup("".join(out))


def _calculator_link(env: Env, ids: Sequence[str]) -> str | None:
    return env.links.calculator({"models": ",".join(ids)})


# ---- the pairwise comparison -----------------------------------------------------------------


def compare_pair(env: Env, slug: str) -> Page:
    a, b = canonical_pair(env, slug)
    c = compare.build_comparison(env.catalog, a, b, as_of=env.as_of)
    t = prose.comparison_text(c)
    links = env.links
    sides = (c.a, c.b)
    models = (a, b)
    monthly = []
    for i, side in enumerate(sides):
        monthly.append(
            {
                "name": side.name,
                "amount": fmt.usd(side.monthly_cost)
                if side.monthly_cost is not None
                else "unavailable",
                "route": side.monthly_route_name,
                "reason": side.monthly_reason,
                "lower": c.monthly.lower == i,
                "line": t.monthly_a if i == 0 else t.monthly_b,
            }
        )
    benchmarks = [
        {
            "name": p.name,
            "scores": [
                Markup(f"{escape(fmt.number(v))}{escape(p.unit if p.unit == '%' else '')}")
                + provenance(links, r.source, r.reviewed)
                for v, r in zip(p.values, p.results, strict=True)
            ],
            "ratio": fmt.times(p.ratio) if p.ratio is not None else fmt.MISSING,
        }
        for p in c.benchmarks
    ]
    view = {
        "t": t,
        "names": (c.a.name, c.b.name),
        "model_links": (link(links.model(a.id), c.a.name), link(links.model(b.id), c.b.name)),
        "scorecard": rows_html(env, c.scorecard, sides, models),
        "specs": rows_html(env, c.specs, sides, models),
        "pricing": rows_html(env, c.pricing, sides, models),
        "capabilities": rows_html(env, c.capabilities, sides, models),
        "monthly": monthly,
        "benchmarks": benchmarks,
        "routes": (routes_html(env, c.a, c), routes_html(env, c.b, c)),
        "related": [
            link(links.compare_pair(r.a_id, r.b_id), f"{r.a_name} vs {r.b_name}") for r in c.related
        ],
        "chart": links.compare_chart(a.id, b.id),
        "calculator": _calculator_link(env, (a.id, b.id)),
        "as_of": env.as_of.isoformat(),
    }
    memo = env.derived.fragments
    return Page(
        "compare.html",
        t.title,
        c,
        view,
        description=t.verdict,
        encode=lambda: comparison_json(memo, c, t),
    )


def pair_chart(env: Env, slug: str) -> str:
    a, b = resolve_pair(env.catalog, slug)
    return chart_svg(env, highlight=(a.id, b.id))


# ---- N-way -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComparePickData:
    """The model picker, with what was wrong with the ids given (if anything)."""

    models: tuple[str, ...]
    errors: Mapping[str, str]


def _ids_from(params: Mapping[str, Any]) -> list[str]:
    raw = params.getlist("models") if hasattr(params, "getlist") else [params.get("models", "")]
    return [part.strip() for value in raw for part in str(value).split(",") if part.strip()]


def compare_many(env: Env, params: Mapping[str, Any]) -> Page:
    wanted = _ids_from(params)
    catalog = env.catalog
    errors: dict[str, str] = {}
    found: list[Model] = []
    for raw in wanted:
        model = catalog.find_model(raw)
        if model is None:
            near = catalog.closest_model_ids(raw)
            hint = f" Closest ids: {', '.join(near)}." if near else ""
            errors[raw] = f"No model {raw!r} in the catalogue.{hint}"
        elif model not in found:
            found.append(model)
    ids = many_ids(m.id for m in found)
    if not errors and wanted:
        if not 2 <= len(ids) <= 5:
            errors["models"] = f"Pick 2 to 5 different models (got {len(ids)})."
        else:
            canonical = PATHS.compare_many(ids) or "/"
            given = params.getlist("models") if hasattr(params, "getlist") else []
            if len(ids) == 2 or given != [",".join(ids)]:
                query = _query_without_models(env)
                sep = "&" if "?" in canonical else "?"
                raise Redirect(canonical + (sep + query if query else ""))
            return table_page(env, [catalog.models[i] for i in ids])
    return _picker(env, wanted, errors)


def _query_without_models(env: Env) -> str:
    from urllib.parse import parse_qsl, urlencode

    query = env.links.current.partition("?")[2]
    return urlencode([(k, v) for k, v in parse_qsl(query) if k != "models"])


def _picker(env: Env, wanted: list[str], errors: dict[str, str]) -> Page:
    top = env.dated.top_models[:200]
    names = env.dated.summaries
    view = {
        "wanted": wanted + [""] * max(0, 3 - len(wanted)),
        "errors": errors,
        "choices": [(m, names[m].name) for m in top],
    }
    status = 422 if errors else 200
    data = ComparePickData(tuple(wanted), errors)
    return Page("compare_pick.html", "Compare models", data, view, status=status)


def table_page(env: Env, models: list[Model]) -> Page:
    table = compare.build_table(env.catalog, tuple(models), as_of=env.as_of)
    text = prose.table_text(table)
    links = env.links
    sides = table.sides
    pairs = [
        link(links.compare_pair(x.id, y.id), f"{x.name} vs {y.name}")
        for i, x in enumerate(models)
        for y in models[i + 1 :]
    ]
    view = {
        "t": text,
        "heads": [link(links.model(m.id), s.name) for m, s in zip(models, sides, strict=True)],
        "scorecard": rows_html(env, table.scorecard, sides, models),
        "specs": rows_html(env, table.specs, sides, models),
        "pricing": rows_html(env, table.pricing, sides, models),
        "capabilities": rows_html(env, table.capabilities, sides, models),
        "benchmarks": rows_html(env, table.benchmarks, sides, models),
        "pairs": pairs,
        "calculator": _calculator_link(env, [m.id for m in models]),
    }
    return Page(
        "compare_many.html",
        text.title,
        table,
        view,
        description=text.summary,
        encode=lambda: with_text(to_json(table), text),
    )
