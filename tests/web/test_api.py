"""The JSON API: OpenAPI schema and docs, twins equal to the API, caching headers, gzip."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.web.app import create_app
from tests.web.conftest import TODAY, Site, text


def test_openapi_schema_documents_every_endpoint(ref: Site) -> None:
    schema = ref.json("/api/v1/openapi.json")
    paths = set(schema["paths"])  # type: ignore[index]
    assert {
        "/api/v1/models",
        "/api/v1/models/{model_id}",
        "/api/v1/offerings",
        "/api/v1/search",
        "/api/v1/compare",
        "/api/v1/cost",
        "/api/v1/conflicts",
        "/api/v1/sources",
        "/api/v1/providers/{provider_id}",
        "/api/v1/vendors/{vendor_id}",
        "/api/v1/chart",
    } <= paths
    cost = schema["paths"]["/api/v1/cost"]["get"]  # type: ignore[index]
    assert {p["name"] for p in cost["parameters"]} >= {"models", "requests", "input", "as_of"}
    assert "422" in cost["responses"]
    assert "Profile" in schema["components"]["schemas"]  # type: ignore[index]


def test_docs_page_lists_endpoints_without_a_cdn(ref: Site) -> None:
    soup = ref.soup("/api/v1/docs")
    headings = [text(h) for h in soup.select("section.endpoint h2")]
    assert "GET /api/v1/compare" in headings
    assert not [s for s in soup.find_all("script") if "http" in (s.get("src") or "")]


def test_models_offerings_and_search(ref: Site) -> None:
    models = ref.json("/api/v1/models")["models"]  # type: ignore[index]
    assert [m["id"] for m in models] == ["gpt-4o-mini", "step-3.5-flash"]
    assert Decimal(models[0]["cheapest_input"]["price"]) == Decimal("0.15")
    offerings = ref.json("/api/v1/offerings?provider=openrouter")["offerings"]  # type: ignore[index]
    assert [o["model_id"] for o in offerings] == ["gpt-4o-mini", "step-3.5-flash"]
    assert ref.json("/api/v1/models/gpt-4o-mini/offerings")[0]["prices"][0]["input"] == "0.15"  # type: ignore[index]
    hits = ref.json("/api/v1/search?q=reasoning")["results"]  # type: ignore[index]
    assert [h["model"]["id"] for h in hits] == ["step-3.5-flash"]


def test_compare_needs_two_to_five_models(ref: Site) -> None:
    assert ref.get("/api/v1/compare?models=gpt-4o-mini").status_code == 422
    assert ref.get("/api/v1/compare").status_code == 422
    assert ref.get("/api/v1/compare?models=gpt-4o-mini,nosuch").status_code == 404


def test_every_page_json_twin_equals_its_api_answer(hostile: Site) -> None:
    for twin, api in [
        ("/conflicts.json", "/api/v1/conflicts"),
        ("/sources.json", "/api/v1/sources"),
        ("/providers/acme.json", "/api/v1/providers/acme"),
        ("/vendors/acme.json", "/api/v1/vendors/acme"),
        ("/chart.json", "/api/v1/chart"),
        ("/models.json", "/api/v1/models"),
    ]:
        assert hostile.get(twin).content == hostile.get(api).content, twin


def test_etag_and_last_modified_answer_conditional_requests(ref: Site) -> None:
    first = ref.get("/api/v1/models")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"') and ref.catalog.version in etag
    assert modified == "Fri, 29 May 2026 00:00:00 GMT"  # the catalogue's last review
    again = ref.get("/api/v1/models", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert (
        ref.get(
            "/compare/gpt-4o-mini-vs-step-3.5-flash", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    assert ref.get("/", headers={"If-Modified-Since": modified}).status_code == 304
    assert (
        ref.get("/", headers={"If-Modified-Since": "Thu, 28 May 2026 00:00:00 GMT"}).status_code
        == 200
    )
    assert ref.get("/", headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_gzip_when_asked(ref: Site) -> None:
    response = ref.get(
        "/compare/gpt-4o-mini-vs-step-3.5-flash", headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert "GPT-4o-mini vs Step 3.5 Flash" in response.text  # httpx decodes it
    plain = ref.get(
        "/compare/gpt-4o-mini-vs-step-3.5-flash", headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers


def test_rendered_answers_are_reused_until_the_catalogue_or_date_changes(
    reference_catalog: Catalog,
) -> None:
    day = [TODAY]
    app = create_app(lambda: reference_catalog, today=lambda: day[0])
    client = TestClient(app)
    cache = app.state.site.responses
    first = client.get("/compare/gpt-4o-mini-vs-step-3.5-flash")
    assert len(cache) == 1
    assert client.get("/compare/gpt-4o-mini-vs-step-3.5-flash").content == first.content
    assert len(cache) == 1
    day[0] = date(2026, 11, 22)
    later = client.get("/compare/gpt-4o-mini-vs-step-3.5-flash")
    assert len(cache) == 2 and "prices as of 2026-11-22" in later.text
    assert (
        client.get("/models/nosuch").status_code == 404 and len(cache) == 2
    )  # errors are not kept
    no_cache = create_app(lambda: reference_catalog, today=lambda: TODAY, cache_bytes=0)
    assert no_cache.state.site.responses is None
