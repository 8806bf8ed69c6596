"""The warm-up over the REAL bundled store: it finishes, freezes what it built, and the pages it
prepared are then cheap to build."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from llmref.catalog import Catalog
from llmref.web.app import create_app
from llmref.web.warm import warm_up


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_warm_up_of_the_bundled_catalogue(bundled_catalog: Catalog, unfrozen: None) -> None:
    app = create_app(lambda: bundled_catalog)
    state = app.state.site
    took = warm_up(state, bundled_catalog, app)
    assert 0 < took < 60
    assert gc.get_freeze_count() > 0
    # The first "closest ids" after it no longer imports the matcher or builds its key list.
    start = time.perf_counter()
    near = bundled_catalog.closest_model_ids("gpt-4oo")
    assert "gpt-4o" in near
    assert time.perf_counter() - start < 0.5
