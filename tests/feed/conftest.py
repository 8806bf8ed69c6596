"""Fixtures for the feed tests: the feed-mini catalogue, its link index, a store on each backend,
and the fixture feeds written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmref.catalog import Catalog, load_catalog_dir
from llmref.feed.link import LinkIndex, build_index
from llmref.feed.store import FeedRepository
from llmref.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
FEEDS = FIXTURES / "feeds"
FEED_MINI = FIXTURES / "catalogs" / "feed-mini"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog_dir(FEED_MINI)


@pytest.fixture(scope="session")
def index(catalog: Catalog) -> LinkIndex:
    return build_index(catalog)


@pytest.fixture
def repo(store: Store) -> FeedRepository:
    return FeedRepository(store)
