"""The sources page, the 404 page and the API reference as typed contexts, on the real bundled
catalogue: links are values the template renders, counts are the catalogue's own."""

from __future__ import annotations

from llmref.catalog import UnknownIdError
from llmref.web.pages.api_docs import ApiDocsPage, build_api_docs
from llmref.web.pages.errors import NotFoundPage, build_missing_page, build_not_found
from llmref.web.pages.listing import Link
from llmref.web.pages.sources import SourcesPage, build_sources
from tests.web.conftest import Site


def test_sources_rows_count_citations_and_link_home_pages(bundled: Site) -> None:
    env = bundled.app.state.site.env("/sources")
    page = build_sources(env)
    view = page.view
    assert isinstance(view, SourcesPage)
    catalog = bundled.catalog
    assert len(view.datasets) + len(view.urls) == len(catalog.sources)
    cites = env.derived.citations
    for entry, row in zip(page.data.datasets, view.datasets, strict=True):
        assert row.citations == f"{cites.get(entry.source.id, 0):,}"
        assert row.name == entry.source.name
        if entry.source.url:
            assert row.link == Link(entry.source.url, entry.source.url, external=True)
    body = bundled.client.get("/sources").text
    first = next(r for r in view.datasets if isinstance(r.link, Link))
    assert f'href="{first.link.href}" rel="noopener nofollow"' in body  # type: ignore[union-attr]


def test_not_found_links_the_closest_ids(bundled: Site) -> None:
    env = bundled.app.state.site.env("/models/gpt-4o-minii")
    page = build_not_found(env, UnknownIdError("model", "gpt-4o-minii", ("gpt-4o-mini",)))
    assert page.status == 404 and isinstance(page.view, NotFoundPage)
    assert page.view.suggestions == (Link("gpt-4o-mini", "gpt-4o-mini"),)
    response = bundled.client.get("/models/gpt-4o-minii")
    assert response.status_code == 404 and 'href="gpt-4o-mini">gpt-4o-mini</a>' in response.text
    missing = build_missing_page(env, "/nowhere")
    assert missing.status == 404 and missing.view.suggestions == ()
    assert bundled.client.get("/nowhere").status_code == 404


def test_api_docs_list_every_operation_of_the_schema(bundled: Site) -> None:
    schema = bundled.client.get("/api/v1/openapi.json").json()
    env = bundled.app.state.site.env("/api/v1/docs")
    page = build_api_docs(env, schema)
    assert isinstance(page.view, ApiDocsPage)
    operations = [(p, m) for p, ms in schema["paths"].items() for m in ms]
    assert len(page.view.endpoints) == len(operations) > 10
    cost = next(e for e in page.view.endpoints if e.path == "/api/v1/cost")
    assert "422" in cost.errors and any(p.name == "models" for p in cost.params)
    response = bundled.client.get("/api/v1/docs")
    assert response.status_code == 200 and "<code>GET /api/v1/cost</code>" in response.text
