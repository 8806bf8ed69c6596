"""What the OpenAPI document tells a client developer beyond the schema: a tag, a description
and an example answer for every operation under ``/api/v1``.

Kept apart from the routes so each route stays one screen. :func:`annotate` fills in what a
route does not declare itself (a route's own ``description`` or ``tags`` win). The examples are
abridged answers of the bundled catalogue (lists cut to one item, ``…`` where more follows);
the schema beside each gives every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from llmref.web.json_twin import to_json

TAGS: list[dict[str, str]] = [
    {"name": "catalogue", "description": "The catalogue itself: version, sources, disagreements."},
    {"name": "models", "description": "Models, their profiles, offerings and search."},
    {"name": "vendors and providers", "description": "Who makes models and who serves them."},
    {"name": "decisions", "description": "Comparisons, costs and the intelligence-vs-price chart."},
    {"name": "feed", "description": "News items scored for signal, and the catalogue's changes."},
    {"name": "export", "description": "Bulk CSV and NDJSON of models, offerings and results."},
]

_TAG_OF: list[tuple[str, str]] = [
    ("/api/v1/export/", "export"),
    ("/api/v1/feed", "feed"),
    ("/api/v1/vendors", "vendors and providers"),
    ("/api/v1/providers", "vendors and providers"),
    ("/api/v1/models", "models"),
    ("/api/v1/offerings", "models"),
    ("/api/v1/search", "models"),
    ("/api/v1/compare", "decisions"),
    ("/api/v1/cost", "decisions"),
    ("/api/v1/chart", "decisions"),
    ("/api/v1/", "catalogue"),
]

_MINI = {"id": "gpt-4o-mini", "name": "GPT-4o mini", "vendor_id": "openai"}
DESCRIPTIONS: dict[str, tuple[str, Any]] = {
    "/api/v1/catalog": (
        "The catalogue's content hash (`version`, part of every ETag), its last review date, "
        "the date prices are read on, and how many models, providers, vendors, offerings and "
        "conflicts it holds.",
        None,  # from the served catalogue: see _live_examples
    ),
    "/api/v1/models": (
        "Every model with its cheapest input and output prices in force on `as_of`.",
        {"as_of": "2026-11-21", "models": [_MINI, "…"], "next_cursor": None},
    ),
    "/api/v1/models/{model_id}": (
        "A model's profile, as on its page: specs with sources, benchmarks, competitors, "
        "prices compared, strengths, limitations and disputed fields. An alias answers for "
        "the model it names.",
        {"as_of": "2026-11-21", "aliases": ["openai/gpt-4o-mini"], "specs": "…"},
    ),
    "/api/v1/models/{model_id}/offerings": (
        "Every provider serving the model, with each offering's full price history (past, "
        "current and announced prices, each with its source and review date).",
        None,
    ),
    "/api/v1/offerings": (
        "Offerings filtered by `model` and/or `provider` (both optional; without either, all "
        "of them), `limit` at a time (default 100): `next_cursor` gives the next page.",
        None,
    ),
    "/api/v1/vendors": (
        "Every vendor: name, site, aliases, source and review date.",
        {"vendors": [{"id": "openai", "name": "OpenAI"}, "…"]},
    ),
    "/api/v1/vendors/{vendor_id}": (
        "A vendor, its models and the providers that serve them.",
        {"vendor": {"id": "openai", "name": "OpenAI"}, "models": ["…"], "providers": ["…"]},
    ),
    "/api/v1/providers": (
        "Every provider: kind, site, API base, aliases, source and review date.",
        {"providers": ["…"]},
    ),
    "/api/v1/providers/{provider_id}": (
        "A provider and the prices of every model it serves, on `as_of`.",
        {
            "provider": {"id": "openai", "name": "OpenAI API"},
            "as_of": "2026-11-21",
            "offerings": ["…"],
        },
    ),
    "/api/v1/search": (
        "Models matching `q` (id, alias, name, vendor or capability), exact ids and aliases "
        "first, with what each result matched on.",
        {
            "query": "gpt-4o-mini",
            "results": [{"model": _MINI, "matched": ["…"]}, "…"],
            "suggestions": [],
        },
    ),
    "/api/v1/compare": (
        "Two models: a comparison with a verdict; three to five: a comparison table. Ids "
        "are given as `models=a,b[,c…]`.",
        {"slug": "gpt-4o-vs-gpt-4o-mini", "a": "…", "b": "…", "scorecard": ["…"]},
    ),
    "/api/v1/cost": (
        "The calculator: the monthly cost of a workload on each model's routes, the cheapest "
        "route and a routing split, with the same parameters as `/calculator`.",
        {
            "inputs": "…",
            "errors": {},
            "results": [{"model_id": "gpt-4o-mini"}, "…"],
            "cheapest": None,
        },
    ),
    "/api/v1/chart": (
        "The chart's points: one benchmark version's scores against the price of a typical "
        "request, and how many models are left out.",
        {"as_of": "2026-11-21", "benchmark": "…", "points": ["…"], "problems": []},
    ),
    "/api/v1/conflicts": (
        "Every disagreement between sources: the values each gives, the one shown and the rule "
        "that chose it.",
        {"conflicts": ["…"]},
    ),
    "/api/v1/sources": (
        "The datasets (versions, licences) and curated URLs the catalogue cites.",
        {"datasets": ["…"], "urls": ["…"]},
    ),
    "/api/v1/feed": (
        "News items from the followed feeds, filtered and scored for signal and hype.",
        {"filters": {}, "errors": {}, "items": ["…"], "catalog_events": ["…"]},
    ),
    "/api/v1/feed/catalog": (
        "The catalogue's own changes: new models, price changes, retirements.",
        ["…"],
    ),
    "/api/v1/feed/{item_id}": (
        "One news item with its sanitised content and its analysis (models named, tags, "
        "signal and hype scores).",
        {"id": 1, "title": "…", "link": "https://example.org/post", "analysis": "…"},
    ),
}


def _live_examples(app: FastAPI) -> dict[str, Any]:
    """Examples read from the catalogue being served (its real counts and one real offering,
    whole), so they are true for that catalogue."""
    from llmref.web import contexts
    from llmref.web.paging import encode_cursor

    state = app.state.site
    catalog = state.holder.current
    info = json.loads(to_json(contexts.catalog_info(state.env("/api/v1/catalog"))))
    model = catalog.find_model("gpt-4o-mini")
    offerings = catalog.offerings_of(model.id) if model else ()
    listed = offerings or catalog.offerings
    sample = json.loads(to_json(list(listed[:1])))
    # The offerings example is the first page of `?model=gpt-4o-mini&limit=1`.
    return {
        "/api/v1/catalog": info,
        "/api/v1/models/{model_id}/offerings": sample,
        "/api/v1/offerings": {
            "offerings": sample,
            "total": len(listed),
            "next_cursor": encode_cursor(listed[0].key) if len(listed) > 1 else None,
        },
    }


def annotate(app: FastAPI) -> None:
    """Make `app.openapi()` give every operation a tag, a description and an example."""
    plain: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schema["tags"] = TAGS
            live = _live_examples(app)
            for path, operations in schema.get("paths", {}).items():
                for operation in operations.values():
                    _annotate(path, operation, live)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _annotate(path: str, operation: dict[str, Any], live: dict[str, Any]) -> None:
    tag = next((t for prefix, t in _TAG_OF if path.startswith(prefix)), "catalogue")
    if operation.get("tags") in (None, [], ["llmref"]):
        operation["tags"] = [tag]
    described = DESCRIPTIONS.get(path)
    if described is None:
        return
    text, example = described
    example = live.get(path, example)
    if not operation.get("description"):
        operation["description"] = text
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    body = content.get("application/json")
    if body is not None and "example" not in body and "examples" not in body:
        body["example"] = example
