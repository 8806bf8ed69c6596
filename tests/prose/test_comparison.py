"""`readable`: internal ids in an engine's reason become the names people read, and only
whole ids do."""

from __future__ import annotations

from datetime import date

from llmref.catalog import load_catalog_dir
from llmref.compare import build_side
from llmref.prose.comparison import readable
from tests.conftest import CATALOGS


def test_ids_in_a_reason_become_names_and_text_without_ids_is_kept() -> None:
    catalog = load_catalog_dir(CATALOGS / "variety")
    sides = [build_side(catalog, m, as_of=date(2026, 11, 21)) for m in catalog.models.values()]
    side = next(s for s in sides if s.routes and s.name != s.id)
    route = side.routes[0]
    reason = f"no price is tracked for {side.id} on {route.provider_id}"
    assert readable(reason, side) == f"no price is tracked for {side.name} on {route.provider_name}"
    # Part of a longer id is not an id: left as written.
    longer = f"{side.id}-2025 and x{route.provider_id}"
    assert readable(longer, side) == longer
    assert readable("nothing to name here", side) == "nothing to name here"
    assert readable(None, side) == "" and readable("", side) == ""
