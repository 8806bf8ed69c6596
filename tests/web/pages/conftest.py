"""The real bundled catalogue behind the web app, loaded once for the page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llmref.catalog import load_catalog_dir
from tests.web.conftest import Site


@pytest.fixture(scope="session")
def bundled() -> Iterator[Site]:
    site = Site(load_catalog_dir())
    yield site
    site.client.close()
