"""Cached answers are keyed only by the query parameters their route reads, so unread
parameters cannot fill the cache with copies (the real bundled store)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from tests.reliability.conftest import real_client

PATHS = [
    "/models",
    "/models/gpt-4o",
    "/compare/gpt-4o-vs-gpt-4o-mini",
    "/api/v1/models",
    "/api/v1/catalog",
    "/api/v1/models/gpt-4o",
    "/calculator?models=gpt-4o",
]


@pytest.mark.parametrize("path", PATHS)
def test_unread_parameters_share_one_cache_entry(real: TestClient, path: str) -> None:
    cache = real.app.state.site.responses  # type: ignore[attr-defined]
    sep = "&" if "?" in path else "?"
    first = real.get(path)
    assert first.status_code == 200
    entries = len(cache)
    for i in range(30):
        busted = real.get(f"{path}{sep}utm_{i}={i}&zz={'q' * i}")
        assert busted.status_code == 200
        assert busted.content == first.content
    assert len(cache) == entries  # thirty new URLs, not one new entry


def test_parameter_order_does_not_change_the_key(real: TestClient) -> None:
    cache = real.app.state.site.responses  # type: ignore[attr-defined]
    a = real.get("/calculator?models=gpt-4o&requests=5000&input=100")
    entries = len(cache)
    b = real.get("/calculator?input=100&requests=5000&models=gpt-4o&junk=1")
    assert a.content == b.content
    assert len(cache) == entries


def test_a_read_parameter_still_changes_the_answer(real: TestClient) -> None:
    cache = real.app.state.site.responses  # type: ignore[attr-defined]
    default = real.get("/compare/gpt-4o-vs-gpt-4o-mini")
    entries = len(cache)
    busy = real.get("/compare/gpt-4o-vs-gpt-4o-mini?requests=7777777")
    assert busy.status_code == 200
    assert busy.content != default.content
    assert "7777777" in busy.text and "7777777" not in default.text
    assert len(cache) == entries + 1


def test_the_cache_stays_bounded_under_a_stream_of_distinct_urls(
    bundled_catalog: Catalog, bundled_sqlite: str
) -> None:
    with real_client(bundled_catalog, bundled_sqlite, cache_bytes=400_000) as client:
        cache = client.app.state.site.responses  # type: ignore[attr-defined]
        sizes = []
        for i in range(40):
            assert client.get(f"/search?q=gpt+{i}").status_code == 200
            sizes.append(cache.size)
        assert max(sizes) <= 400_000
        assert len(cache) < 40  # older pages went out, the newest stayed
