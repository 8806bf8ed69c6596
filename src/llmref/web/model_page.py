"""The model page: the :class:`~llmref.profile.Profile` of one model, with every fact's source
and review date, where to run it (and how to call it), and links to its comparisons."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from llmref import formatting as fmt
from llmref import labels, pricing, profile, prose
from llmref.facts import CAPABILITIES, MODEL_FACT_FIELDS
from llmref.web.fragments import with_text
from llmref.web.json_twin import to_json
from llmref.web.page import Env, Page, Redirect
from llmref.web.urls import PATHS
from llmref.web.views import (
    conflict_anchor,
    link,
    offering_row,
    offerings_body,
    provenance,
    rows_body,
    spec_rows,
)

SPEC_FIELDS = tuple(f for f in MODEL_FACT_FIELDS if f not in CAPABILITIES and f != "name")


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


def model_page(env: Env, model_id: str) -> Page:
    model = env.catalog.model(model_id)
    if model.id != model_id:
        query = env.links.current.partition("?")[2]
        raise Redirect((PATHS.model(model.id) or "/") + (f"?{query}" if query else ""))
    p = profile.build_profile(
        env.catalog, model, as_of=env.as_of, policy=pricing.check_policy(env.routes)
    )
    t = prose.profile_text(p)
    links = env.links
    catalog = env.catalog
    side = p.side
    conflicts_href = links.conflicts()
    verdicts = {a.route.provider_id: a for a in side.assessment.routes}
    family = catalog.models.get(p.family_id) if p.family_id else None
    presets = []
    for pc in p.presets:
        route = pc.route
        if isinstance(route, pricing.Route) and isinstance(route.cost, pricing.Cost):
            cost, where = fmt.usd(route.cost.total), route.provider_name
        else:
            cost, where = "unavailable", getattr(route, "reason", "")
        presets.append(
            {
                "name": pc.preset.name,
                "tokens": f"{pc.preset.input_tokens:,} in / {pc.preset.output_tokens:,} out",
                "cost": cost,
                "where": where,
            }
        )
    benchmarks = [
        {
            "name": row.name,
            "value": Markup(fmt.number(row.value) + ("%" if row.unit == "%" else ""))
            + provenance(links, row.result.source, row.result.reviewed),
            "rivals": [fmt.number(c.value) for c in row.competitors],
            # Ranks count only models with a result on this benchmark version.
            "rank": f"{row.overall.position} of {row.overall.total}"
            if row.overall
            else f"{row.rank} of {row.ranked}",
            "per_point": fmt.usd(row.value_per_point) if row.value_per_point else "—",
        }
        for row in p.benchmarks
    ]
    access = []
    for a in p.access:
        ex = a.example
        access.append(
            {
                "provider": link(links.provider(a.route.provider_id), a.route.provider_name),
                "request": None
                if ex is None
                else "\n".join(
                    [f"{ex.method} {ex.url}", *(f"{k}: {v}" for k, v in ex.headers), "", ex.body]
                ),
                "note": (ex.note if ex else a.no_example_reason) or "",
            }
        )
    view: dict[str, Any] = {
        "t": t,
        "model": model,
        "vendor": link(links.vendor(model.vendor_id), side.vendor_name or model.vendor_id)
        if model.vendor_id
        else None,
        "family": link(links.model(family.id), family.name) if family else None,
        "snapshots": [link(links.model(s.id), s.id) for s in p.snapshots],
        "specs": rows_body(spec_rows(links, catalog, [model], SPEC_FIELDS)),
        "capabilities": rows_body(spec_rows(links, catalog, [model], CAPABILITIES)),
        "offerings": offerings_body(
            offering_row(links, catalog, o, env.as_of, verdicts.get(o.provider_id))
            for o in catalog.offerings_of(model.id)
        ),
        "route_policy": prose.route_policy_sentence(side.assessment),
        "presets": presets,
        "benchmarks": benchmarks,
        "rival_names": [c.name for c in p.competitors],
        "access": access,
        "compare": [
            link(links.compare_pair(model.id, c.id), f"{model.name} vs {c.name}")
            + Markup(" — ")
            + alternative_reason(c, model.vendor_id == catalog.models[c.id].vendor_id)
            for c in p.competitors
        ],
        "calculator": links.calculator({"models": model.id}),
        "disputed": [
            link(
                f"{conflicts_href}#{conflict_anchor(c.subject, c.field)}"
                if conflicts_href
                else None,
                labels.field_label(c.field)
                + (f" on {c.subject.partition('@')[2]}" if "@" in c.subject else ""),
            )
            for c in catalog.conflicts_of(model.id)
        ],
        "as_of": env.as_of.isoformat(),
    }
    return Page(
        "model.html",
        t.title,
        p,
        view,
        description=t.overview,
        encode=lambda: with_text(to_json(p), t),
    )
