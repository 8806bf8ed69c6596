"""What client developers build on: read-only CORS and paged lists with an opaque cursor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog, load_catalog_dir
from llmref.web.app import create_app
from tests.web.conftest import TODAY, Site

ORIGIN = {"Origin": "https://example.org"}


@pytest.fixture(scope="module")
def bundled() -> Iterator[Site]:
    catalog = load_catalog_dir()
    yield Site(catalog)


def test_ten_models_a_cursor_and_cors_on_the_real_catalogue(bundled: Site) -> None:
    response = bundled.get("/api/v1/models?limit=10", headers=ORIGIN)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    doc = response.json()
    assert len(doc["models"]) == 10
    assert doc["next_cursor"]
    whole = bundled.json("/api/v1/models")
    assert doc["total"] == whole["total"] == len(whole["models"]) > 10
    assert [m["id"] for m in doc["models"]] == [m["id"] for m in whole["models"][:10]]
    second = bundled.json(f"/api/v1/models?limit=10&cursor={doc['next_cursor']}")
    assert [m["id"] for m in second["models"]] == [m["id"] for m in whole["models"][10:20]]


def test_following_the_cursor_visits_every_model_once(ref: Site) -> None:
    whole = [m["id"] for m in ref.json("/api/v1/models")["models"]]  # type: ignore[index]
    seen: list[str] = []
    url = "/api/v1/models?limit=1"
    while True:
        doc = ref.json(url)
        assert isinstance(doc, dict)
        assert len(doc["models"]) == 1
        seen += [m["id"] for m in doc["models"]]
        if doc["next_cursor"] is None:
            break
        url = f"/api/v1/models?limit=1&cursor={doc['next_cursor']}"
    assert seen == whole and len(whole) >= 2


def test_a_bad_cursor_or_limit_is_a_422_naming_the_field(ref: Site) -> None:
    bad = ref.json("/api/v1/models?limit=1&cursor=bm9wZQ", 422)  # "nope"
    assert isinstance(bad, dict) and "cursor" in bad["errors"]
    # Well formed (base64url of "after:…", as the schema's pattern says) but pointing nowhere.
    assert ref.get("/api/v1/models?cursor=YWZ0ZXI6bm8tc3VjaC1tb2RlbA").status_code == 404
    assert "limit" in ref.json("/api/v1/models?limit=0", 422)["errors"]  # type: ignore[index]


def test_cors_is_read_only(ref: Site) -> None:
    asked = {**ORIGIN, "Access-Control-Request-Method": "GET"}
    ok = ref.client.options("/api/v1/models", headers=asked)
    assert ok.status_code == 200
    assert "GET" in ok.headers["access-control-allow-methods"]
    post = ref.client.options(
        "/api/v1/models", headers={**ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert post.status_code == 400
    assert (
        "access-control-allow-credentials" not in ref.get("/api/v1/models", headers=ORIGIN).headers
    )


def test_cors_origins_are_configurable(
    reference_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    only = TestClient(
        create_app(
            lambda: reference_catalog, today=lambda: TODAY, cors_origins=["https://a.example"]
        )
    )
    assert (
        only.get("/api/v1/catalog", headers={"Origin": "https://a.example"}).headers[
            "access-control-allow-origin"
        ]
        == "https://a.example"
    )
    other = only.get("/api/v1/catalog", headers={"Origin": "https://b.example"})
    assert "access-control-allow-origin" not in other.headers
    monkeypatch.setenv("LLMREF_CORS_ORIGINS", "")
    off = TestClient(create_app(lambda: reference_catalog, today=lambda: TODAY))
    assert "access-control-allow-origin" not in off.get("/api/v1/catalog", headers=ORIGIN).headers


def test_an_alias_with_a_slash_redirects_to_the_canonical_model(bundled: Site) -> None:
    assert bundled.catalog.model("openai/gpt-4o-mini").id == "gpt-4o-mini"
    page = bundled.get("/models/openai/gpt-4o-mini?as_of=2026-01-01")
    assert page.status_code == 301
    assert page.headers["location"] == "../gpt-4o-mini?as_of=2026-01-01"
    twin = bundled.get("/models/openai/gpt-4o-mini.json")
    assert twin.status_code == 301
    followed = bundled.client.get("/models/openai/gpt-4o-mini")
    assert followed.status_code == 200 and followed.url.path == "/models/gpt-4o-mini"
    assert bundled.get("/models/openai/no-such-model").status_code == 404
