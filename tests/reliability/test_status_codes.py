"""Honest status codes on the real bundled catalogue: 200 where there is an answer, 404 for
unknown things, 422 naming the field, 405 with Allow — never 500 for input we can name."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.store import open_catalog
from tests.reliability.conftest import real_client


def _check_offerings(client: TestClient, catalog: Catalog) -> None:
    first_page = client.get("/api/v1/offerings")
    assert first_page.status_code == 200, first_page.text[:300]
    page = first_page.json()
    assert page["total"] == len(catalog.offerings)
    assert [o["model_id"] for o in page["offerings"]] == [
        o.model_id for o in catalog.offerings[:100]
    ]
    own = client.get("/api/v1/models/gpt-4o/offerings")
    assert own.status_code == 200, own.text[:300]
    body = own.json()
    expected = catalog.offerings_of("gpt-4o")
    assert [o["provider_id"] for o in body] == [o.provider_id for o in expected]
    # The price history (a lazily decoded sequence in the store) is serialised in full.
    first = expected[0]
    assert len(body[0]["prices"]) == len(first.prices) > 0
    assert body[0]["prices"][0]["input"] == str(first.prices[0].input)
    filtered = client.get("/api/v1/offerings?model=gpt-4o&provider=" + first.provider_id)
    assert filtered.status_code == 200
    assert [o["provider_id"] for o in filtered.json()["offerings"]] == [first.provider_id]


def test_offerings_answer_200_on_the_stored_catalogue_sqlite(
    bundled_catalog: Catalog, real: TestClient
) -> None:
    _check_offerings(real, bundled_catalog)


@pytest.mark.postgres
def test_offerings_answer_200_on_the_stored_catalogue_postgresql(postgres_url: str) -> None:
    catalog = open_catalog(postgres_url)
    with real_client(catalog, postgres_url) as client:
        _check_offerings(client, catalog)


def test_offerings_of_an_unknown_model_is_a_404(real: TestClient) -> None:
    response = real.get("/api/v1/offerings?model=gpt-4oo")
    assert response.status_code == 404
    assert "gpt-4o" in response.json()["suggestions"]


def test_chart_of_an_unknown_pair_is_a_404(real: TestClient) -> None:
    response = real.get("/compare/gpt-4o-vs-nosuch/chart.svg")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    good = real.get("/compare/gpt-4o-vs-gpt-4o-mini/chart.svg")
    assert good.status_code == 200
    assert good.headers["content-type"] == "image/svg+xml"
    assert good.text.startswith("<svg")


HUGE = "9" * 5000  # beyond Python's 4,300-digit int parsing limit


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/calculator?requests={HUGE}", "requests"),
        (f"/calculator.json?input={HUGE}", "input"),
        (f"/api/v1/cost?output={HUGE}", "output"),
        (f"/feed?page={HUGE}", "page"),
        (f"/api/v1/feed?min_signal={HUGE}", "min_signal"),
        (f"/feed.json?max_hype={HUGE}", "max_hype"),
    ],
)
def test_huge_numbers_are_a_422_naming_the_field(real: TestClient, path: str, field: str) -> None:
    response = real.get(path)
    assert response.status_code == 422, response.text[:300]
    assert field in response.text
    assert "1024 characters" in response.text


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/cost?output=1.137", "output"),
        ("/api/v1/cost?requests=-1", "requests"),
        ("/api/v1/feed?page=0", "page"),
        ("/api/v1/feed?min_signal=101", "min_signal"),
        ("/api/v1/feed?max_hype=%C2%B2", "max_hype"),
        ("/api/v1/models?as_of=0", "as_of"),
        ("/api/v1/models?as_of=2023-02-29", "as_of"),
        ("/api/v1/cost?cache=NaN", "cache"),
    ],
)
def test_api_refuses_what_its_schema_refuses(real: TestClient, path: str, field: str) -> None:
    response = real.get(path)
    assert response.status_code == 422, response.text[:300]
    assert list(response.json()["errors"]) == [field]


def test_feed_pages_refuse_unicode_digits(real: TestClient) -> None:
    # "²".isdigit() is true, int("²") raises: the page must name the field, not crash.
    response = real.get("/feed.json?page=%C2%B2")
    assert response.status_code == 422
    assert "page" in response.json()["errors"]


@pytest.mark.parametrize("item", [str(2**63), str(2**64), "9" * 30])
def test_feed_ids_beyond_64_bits(real: TestClient, item: str) -> None:
    assert real.get(f"/feed/{item}").status_code == 404
    api = real.get(f"/api/v1/feed/{item}")
    assert api.status_code == 422
    assert list(api.json()["errors"]) == ["item_id"]
    assert real.get(f"/api/v1/feed/{2**63 - 1}").status_code == 404


def test_head_options_and_other_methods(real: TestClient) -> None:
    get = real.get("/api/v1/catalog")
    head = real.head("/api/v1/catalog")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert real.head("/models/gpt-4o").status_code == 200
    options = real.options("/api/v1/models")
    assert options.status_code == 204
    assert options.headers["allow"] == "GET, HEAD, OPTIONS"
    # A CORS preflight goes through to the CORS middleware behind the guard.
    preflight = real.options(
        "/api/v1/models",
        headers={"Origin": "https://a.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    for method in ("TRACE", "POST", "PUT", "DELETE", "PATCH"):
        response = real.request(method, "/api/v1/models")
        assert response.status_code == 405, method
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"


def test_unknown_ids_are_404_everywhere_in_the_api(real: TestClient) -> None:
    for path in (
        "/api/v1/models/nosuch-model",
        "/api/v1/vendors/nosuch",
        "/api/v1/providers/nosuch",
        "/api/v1/compare?models=gpt-4o,nosuch",
        "/api/v1/cost?models=nosuch",
        "/api/v1/cost?cheap=gpt-4o&strong=nosuch",
        "/api/v1/feed?model=nosuch",
        "/api/v1/feed/12345",
    ):
        response = real.get(path)
        assert response.status_code == 404, path


def test_offerings_come_a_page_at_a_time_and_the_pages_make_the_whole_list(
    bundled_catalog: Catalog, real: TestClient
) -> None:
    keys: list[str] = []
    cursor = ""
    pages = 0
    while True:
        response = real.get(f"/api/v1/offerings?limit=1000{cursor}")
        assert response.status_code == 200
        body = response.json()
        assert len(body["offerings"]) <= 1000
        assert body["total"] == len(bundled_catalog.offerings)
        keys += [f"{o['model_id']}@{o['provider_id']}" for o in body["offerings"]]
        pages += 1
        if body["next_cursor"] is None:
            break
        cursor = f"&cursor={body['next_cursor']}"
    assert keys == [o.key for o in bundled_catalog.offerings]
    assert pages == -(-len(bundled_catalog.offerings) // 1000)  # ceiling: no empty last page


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [("limit=1001", 422, "limit"), ("limit=0", 422, "limit"), ("cursor=bogus", 422, "cursor")],
)
def test_offerings_paging_limits(real: TestClient, query: str, status: int, field: str) -> None:
    response = real.get(f"/api/v1/offerings?{query}")
    assert response.status_code == status
    assert list(response.json()["errors"]) == [field]


def test_the_default_offerings_page_is_bounded(real: TestClient) -> None:
    response = real.get("/api/v1/offerings")
    assert len(response.json()["offerings"]) == 100
    assert len(response.content) < 1_000_000  # the unpaged list was 12 MB
