"""``/api``: the JSON API's reference, generated from its OpenAPI schema (no JavaScript, no
CDN). Typed context; ``api_docs.html`` renders it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from llmref.web.page import Env, Page


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    where: str
    """"query" or "path"."""
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    summary: str
    params: tuple[Parameter, ...]
    returns: str
    """The name of the schema a 200 answer follows."""
    errors: tuple[str, ...]
    """The other status codes the endpoint declares."""


@dataclass(frozen=True, slots=True)
class ApiDocsPage:
    endpoints: tuple[Endpoint, ...]
    openapi: str | None
    """The schema's URL."""
    title: str


def _endpoint(path: str, method: str, op: dict[str, Any]) -> Endpoint:
    ok = op.get("responses", {}).get("200", {}).get("content", {})
    ref = ok.get("application/json", {}).get("schema", {})
    return Endpoint(
        method=method.upper(),
        path=path,
        summary=op.get("summary", ""),
        params=tuple(
            Parameter(p["name"], p["in"], p.get("required", False), p.get("description", ""))
            for p in op.get("parameters", [])
        ),
        returns=ref.get("$ref", "").rsplit("/", 1)[-1] or ref.get("type", "JSON"),
        errors=tuple(sorted(k for k in op.get("responses", {}) if k != "200")),
    )


def build_api_docs(env: Env, schema: dict[str, Any]) -> Page:
    endpoints = tuple(
        _endpoint(path, method, op)
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    )
    view = ApiDocsPage(endpoints, env.links.openapi(), schema["info"]["title"])
    data = {"openapi": "/api/v1/openapi.json", "endpoints": [e.path for e in endpoints]}
    return Page("api_docs.html", "JSON API", data, view)
