"""The side-by-side table of three to five models, ``/compare?models=a,b,c``: the ranking with
a choose-when line per model, and the scorecard, price, spec, capability and benchmark tables.

:func:`build_compare_many` reads ``?models=``: a canonical list gives the table, anything else a
redirect to it or the picker (:mod:`llmref.web.pages.compare_pick`) with the errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from llmref import compare, pricing, prose
from llmref.catalog import Model
from llmref.prose import TableText
from llmref.web.fragments import with_text
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.pages.compare_pick import build_compare_pick
from llmref.web.pages.parts import Link, TableRow, table_rows
from llmref.web.urls import PATHS, many_ids


@dataclass(frozen=True, slots=True)
class CompareManyPage:
    """Everything ``compare_many.html`` prints."""

    t: TableText
    """The sentences (:func:`llmref.prose.table_text`)."""
    heads: tuple[Link, ...]
    """The models, in the table's order."""
    scorecard: tuple[TableRow, ...]
    specs: tuple[TableRow, ...]
    pricing: tuple[TableRow, ...]
    capabilities: tuple[TableRow, ...]
    benchmarks: tuple[TableRow, ...]
    pairs: tuple[Link, ...]
    """Each pair's own comparison page."""
    calculator: str | None


def _ids_from(params: Mapping[str, Any]) -> list[str]:
    raw = params.getlist("models") if hasattr(params, "getlist") else [params.get("models", "")]
    return [part.strip() for value in raw for part in str(value).split(",") if part.strip()]


def _query_without_models(env: Env) -> str:
    query = env.links.current.partition("?")[2]
    return urlencode([(k, v) for k, v in parse_qsl(query) if k != "models"])


def build_compare_many(env: Env, params: Mapping[str, Any]) -> Page:
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
            return build_table(env, [catalog.models[i] for i in ids])
    return build_compare_pick(env, wanted, errors)


def build_table(env: Env, models: list[Model]) -> Page:
    """The table page of `models` (already canonical: 3 to 5, sorted by id)."""
    table = compare.build_table(
        env.catalog, tuple(models), as_of=env.as_of, policy=pricing.check_policy(env.routes)
    )
    text = prose.table_text(table)
    links = env.links
    view = CompareManyPage(
        t=text,
        heads=tuple(
            Link(s.name, links.model(m.id)) for m, s in zip(models, table.sides, strict=True)
        ),
        scorecard=table_rows(links, table.scorecard),
        specs=table_rows(links, table.specs),
        pricing=table_rows(links, table.pricing),
        capabilities=table_rows(links, table.capabilities),
        benchmarks=table_rows(links, table.benchmarks),
        pairs=tuple(
            Link(f"{x.name} vs {y.name}", links.compare_pair(x.id, y.id))
            for i, x in enumerate(models)
            for y in models[i + 1 :]
        ),
        calculator=links.calculator({"models": ",".join(m.id for m in models)}),
    )
    return Page(
        "compare_many.html",
        text.title,
        table,
        view,
        description=text.summary,
        encode=lambda: with_text(to_json(table), text),
    )
