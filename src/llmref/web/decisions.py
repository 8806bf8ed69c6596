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
from llmref.alternatives import RULE_PHRASES
from llmref.catalog import Catalog, Model, UnknownIdError
from llmref.web.chart_page import chart_svg
from llmref.web.fragments import comparison_json, side_key, with_text
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.urls import PATHS, many_ids, pair_ids, split_pair
from llmref.web.views import esc, link, provenance

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


def _cell_prov(env: Env, cell: compare.Cell) -> Markup:
    """The source and review date a cell carries ("" when the cell is derived)."""
    if cell.source is None or cell.reviewed is None:
        return Markup("")
    return provenance(env.links, cell.source, cell.reviewed)


def rows_html(env: Env, rows: Sequence[compare.Row]) -> Markup:
    """The ``<tr>`` rows of a comparison table: each cell's value (escaped), a star on the best
    one, and the value's source and review date. Built as one string: this is the hot path of
    the comparison page, and one Markup beats hundreds of template calls."""
    out = []
    for row in rows:
        out.append(f'<tr><th scope="row">{esc(row.label)}</th>')
        for i, cell in enumerate(row.cells):
            prov = _cell_prov(env, cell)
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


def compare_pair(env: Env, slug: str, params: Mapping[str, Any] | None = None) -> Page:
    a, b = canonical_pair(env, slug)
    traffic, errors = traffic_from(params)
    c = compare.build_comparison(
        env.catalog, a, b, traffic, as_of=env.as_of, policy=pricing.check_policy(env.routes)
    )
    t = prose.comparison_text(c)
    links = env.links
    sides = (c.a, c.b)
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
            "lead": _lead(c, p.benchmark),
        }
        for p in c.benchmarks
    ]
    presets = [
        {
            "name": f"{pa.preset.name} ({fmt.count(pa.preset.input_tokens)} in / "
            f"{fmt.count(pa.preset.output_tokens)} out)",
            "costs": [
                f"{fmt.usd(x.cost)} on {x.provider_name}" if x.cost is not None else "unavailable"
                for x in (pa, pb)
            ],
        }
        for pa, pb in zip(c.costs.a.presets, c.costs.b.presets, strict=True)
    ]
    view = {
        "t": t,
        "names": (c.a.name, c.b.name),
        "model_links": (link(links.model(a.id), c.a.name), link(links.model(b.id), c.b.name)),
        "scorecard": rows_html(env, c.scorecard),
        "specs": rows_html(env, c.specs),
        "pricing": rows_html(env, c.pricing),
        "capabilities": rows_html(env, c.capabilities),
        "monthly": monthly,
        "benchmarks": benchmarks,
        "presets": presets,
        "errors": errors,
        "traffic": {
            "requests": c.traffic.requests or "",
            "input": c.traffic.request_input_tokens or "",
            "output": c.traffic.request_output_tokens or "",
        },
        "routes": (routes_html(env, c.a, c), routes_html(env, c.b, c)),
        "related": [
            # The rule that picked the pair travels with it (llmref.alternatives).
            Markup("{} ({})").format(
                link(links.compare_pair(r.a_id, r.b_id), f"{r.a_name} vs {r.b_name}"),
                RULE_PHRASES[r.reason],
            )
            if r.reason in RULE_PHRASES
            else link(links.compare_pair(r.a_id, r.b_id), f"{r.a_name} vs {r.b_name}")
            for r in c.related
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
        status=422 if errors else 200,
    )


def _lead(c: compare.Comparison, benchmark: str) -> str:
    """Who leads on a shared benchmark by the verdict's threshold, or "level"."""
    for lead in c.verdict.leads:
        if lead.benchmark == benchmark:
            name = (c.a.name, c.b.name)[lead.leader]
            return f"{name} (+{fmt.pct(lead.gap_share)})"
    return f"level (within {fmt.pct(c.verdict.threshold)})"


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
    table = compare.build_table(
        env.catalog, tuple(models), as_of=env.as_of, policy=pricing.check_policy(env.routes)
    )
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
        "scorecard": rows_html(env, table.scorecard),
        "specs": rows_html(env, table.specs),
        "pricing": rows_html(env, table.pricing),
        "capabilities": rows_html(env, table.capabilities),
        "benchmarks": rows_html(env, table.benchmarks),
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
