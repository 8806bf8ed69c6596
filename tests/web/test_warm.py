"""The background warm-up pays a catalogue's first-use costs before visitors do."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog
from llmref.web.app import create_app
from llmref.web.warm import YOUNG_THRESHOLD


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    threshold = gc.get_threshold()
    gc.set_threshold(700, *threshold[1:])
    yield
    gc.unfreeze()  # let the test's objects be collected again
    gc.set_threshold(*threshold)


def _join_warm_up() -> None:
    for thread in threading.enumerate():
        if thread.name == "llmref-warm-up":
            thread.join(60)


def test_the_server_warms_up_in_the_background(reference_catalog: Catalog, unfrozen: None) -> None:
    app = create_app(lambda: reference_catalog, warm_up=True)
    with TestClient(app) as client:
        _join_warm_up()
        state = app.state.site
        templates = state.templates
        compiled = {t.name for t in templates.cache.values()}  # type: ignore[union-attr]
        every = set(templates.list_templates(filter_func=lambda n: n.endswith(".html")))
        assert compiled == every
        assert "alias_keys" in reference_catalog._lazy  # the fuzzy matcher's key list
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # fewer collections once warm
        assert client.get("/compare/gpt-4o-mini-vs-step-3.5-flash").status_code == 200


def test_no_warm_up_unless_asked(reference_catalog: Catalog, unfrozen: None) -> None:
    app = create_app(lambda: reference_catalog)
    with TestClient(app):
        assert not [t for t in threading.enumerate() if t.name == "llmref-warm-up"]
    assert gc.get_freeze_count() == 0 and gc.get_threshold()[0] == 700
