"""docs/web.md stays complete: every route, API endpoint, command option and setting is there."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.routing import Mount, Route

from llmref.catalog import Catalog
from llmref.web.app import create_app

DOC = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")


def documented(path: str) -> bool:
    # "/models/{model_id}" is documented as "/models/<id>" on the pages list.
    loose = path.replace("{pair}", "<a>-vs-<b>")
    loose = re.sub(r"\{[a-z_]+\}", "<id>", loose)
    return f"`{path}`" in DOC or path in DOC or loose in DOC or f"{path}.json" in DOC


def test_every_route_is_documented(reference_catalog: Catalog) -> None:
    app = create_app(lambda: reference_catalog)
    paths = set(app.openapi()["paths"]) | {"/api/v1/docs"}
    for route in app.routes:
        if isinstance(route, Mount):
            assert f"{route.path}/..." in DOC
        elif isinstance(route, Route):
            paths.add(route.path)
    assert "/compare/{pair}" in paths and "/api/v1/cost" in paths  # both kinds were found
    skip = {"/index", "/api/v1/openapi"}
    missing = [
        p
        for p in sorted(paths)
        if p.removesuffix(".json") not in skip and not documented(p.removesuffix(".json"))
    ]
    assert missing == []


def test_every_setting_and_option_is_documented() -> None:
    for name in ("LLMREF_CATALOG_DIR", "LLMREF_WEB_CACHE_MB", "LLMREF_HOME", "LLMREF_DATABASE_URL"):
        assert f"`{name}`" in DOC, name
    for option in (
        "--host",
        "--port",
        "--reload",
        "--catalog",
        "--top",
        "--as-of",
        "--base-url",
        "--json",
    ):
        assert option in DOC, option
    source = "".join(
        p.read_text() for p in (Path(__file__).parents[2] / "src" / "llmref" / "web").glob("*.py")
    )
    for used in set(re.findall(r"LLMREF_[A-Z_]+", source)):
        assert f"`{used}`" in DOC, used
