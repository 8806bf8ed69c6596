"""/api/v1/export/{kind}.{format} on the real bundled catalogue: streamed, one row per entity,
the same rows as the library, and a bad kind or format a 422 naming it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from llmref import export_data
from llmref.catalog import Catalog, load_catalog_dir
from llmref.web.app import create_app
from tests.web.conftest import TODAY


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_dir()


@pytest.fixture(scope="module")
def client(catalog: Catalog) -> Iterator[TestClient]:
    with TestClient(create_app(lambda: catalog, today=lambda: TODAY)) as c:
        yield c


def test_offerings_csv_is_every_offering_with_prices_and_sources(
    client: TestClient, catalog: Catalog
) -> None:
    response = client.get("/api/v1/export/offerings.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="llmref-offerings.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert len(rows) == len(catalog.offerings)
    row = next(r for r in rows if (r["model_id"], r["provider_id"]) == ("gpt-4o-mini", "openai"))
    assert (row["input"], row["output"]) == ("0.15", "0.6")
    assert row["price_source"].startswith("https://") and row["price_reviewed"]
    assert response.text == "".join(export_data.stream(catalog, "offerings", "csv", TODAY))


@pytest.mark.parametrize("kind", export_data.KINDS)
def test_ndjson_has_one_object_per_entity(client: TestClient, catalog: Catalog, kind: str) -> None:
    response = client.get(f"/api/v1/export/{kind}.ndjson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = response.text.splitlines()
    assert len(lines) == export_data.count_rows(catalog, kind)  # type: ignore[arg-type]
    assert all(json.loads(line)["source" if kind != "models" else "id"] for line in lines)


def test_as_of_picks_the_prices_in_force(client: TestClient) -> None:
    text = client.get("/api/v1/export/offerings.ndjson?as_of=2026-01-01").text
    assert json.loads(text.splitlines()[0])["prices_as_of"] == "2026-01-01"


def test_a_bad_kind_format_or_date_is_a_422_naming_it(client: TestClient) -> None:
    for url, field in (
        ("/api/v1/export/users.csv", "kind"),
        ("/api/v1/export/models.xml", "fmt"),
        ("/api/v1/export/models.csv?as_of=yesterday", "as_of"),
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert field in response.text, url
