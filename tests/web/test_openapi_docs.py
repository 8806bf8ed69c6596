"""The OpenAPI document a client developer reads: every operation has a tag, a description and
an example answer; the live examples are the served catalogue's own (real bundled store)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog, load_catalog_dir
from llmref.web.app import create_app
from llmref.web.openapi_docs import TAGS
from tests.web.conftest import TODAY


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_dir()


@pytest.fixture(scope="module")
def doc(catalog: Catalog) -> Iterator[dict[str, Any]]:
    with TestClient(create_app(lambda: catalog, today=lambda: TODAY)) as client:
        response = client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        yield response.json()


def operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(path, op) for path, ops in doc["paths"].items() for op in ops.values()]


def test_every_operation_has_a_tag_a_description_and_an_example(doc: dict[str, Any]) -> None:
    ops = operations(doc)
    assert len(ops) >= 19  # the 18 JSON endpoints and the export
    declared = {t["name"] for t in doc["tags"]}
    assert declared == {t["name"] for t in TAGS}
    for path, op in ops:
        assert op.get("tags") and set(op["tags"]) <= declared, path
        assert len(op.get("description", "")) > 30, path
        content = op["responses"]["200"]["content"]
        assert any("example" in body or "examples" in body for body in content.values()), path
    used = {tag for _, op in ops for tag in op["tags"]}
    assert used == declared  # every declared tag groups at least one operation


def test_live_examples_are_the_served_catalogues(doc: dict[str, Any], catalog: Catalog) -> None:
    info = doc["paths"]["/api/v1/catalog"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["example"]
    assert info["version"] == catalog.version
    assert info["models"] == len(catalog.models) and info["offerings"] == len(catalog.offerings)
    offering = doc["paths"]["/api/v1/offerings"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["example"]["offerings"][0]
    assert offering["model_id"] == "gpt-4o-mini"
    assert all(isinstance(p["input"], str | None) for p in offering["prices"])  # money: strings
    schema = doc["components"]["schemas"]["Offering"]
    assert set(schema["required"]) <= set(offering)


def test_the_export_documents_both_formats(doc: dict[str, Any]) -> None:
    op = doc["paths"]["/api/v1/export/{kind}.{fmt}"]["get"]
    assert op["tags"] == ["export"]
    assert set(op["responses"]["200"]["content"]) >= {"text/csv", "application/x-ndjson"}
