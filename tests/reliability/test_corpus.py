"""The hostile corpus against every entry point: each route's path and query parameters, the
CLI's arguments and options, catalogue data files and feed items. Every answer names the
problem or shows the value as text: never a 500, never a traceback, never markup let through."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from llmref.cli import app as cli_app
from tests.reliability.corpus import HOSTILE_TEXT

ROUTES = (
    "/models/{v}",
    "/models/{v}.json",
    "/vendors/{v}",
    "/providers/{v}",
    "/compare/{v}-vs-gpt-4o",
    "/compare/gpt-4o-vs-{v}/chart.svg",
    "/feed/{v}",
    "/api/v1/models/{v}",
    "/api/v1/models/{v}/offerings",
    "/api/v1/vendors/{v}",
    "/api/v1/providers/{v}",
    "/api/v1/feed/{v}",
    "/search?q={v}",
    "/compare?models={v}",
    "/calculator?models={v}&requests={v}&input={v}&cache={v}&as_of={v}&cheap={v}",
    "/feed?model={v}&min_signal={v}&page={v}&q={v}",
    "/models?as_of={v}",
    "/api/v1/search?q={v}",
    "/api/v1/compare?models={v}",
    "/api/v1/cost?models={v}&requests={v}&share={v}&preset={v}&batch={v}",
    "/api/v1/feed?tag={v}&max_hype={v}&page={v}",
    "/api/v1/offerings?model={v}&provider={v}",
    "/api/v1/feed/catalog?limit={v}",
    "/api/v1/models?as_of={v}",
)
ANSWERS = {200, 301, 302, 404, 414, 422}
TRACEBACK = re.compile(r"Traceback|File \"/|sqlalchemy\.|SELECT |INSERT INTO")


def test_every_route_answers_the_corpus(real: TestClient) -> None:
    for template in ROUTES:
        for value in HOSTILE_TEXT:
            path = template.replace("{v}", quote(value, safe=""))
            response = real.get(path)
            assert response.status_code in ANSWERS, (template, value[:40], response.status_code)
            body = response.text
            assert not TRACEBACK.search(body), (template, value[:40])
            if response.headers.get("content-type", "").startswith("text/html"):
                # JSON may carry the value as data; HTML must show it as text.
                assert "<script>alert" not in body, (template, value[:40])
                assert "<img src=x onerror" not in body, (template, value[:40])


CLI = (
    ["show", "{v}"],
    ["compare", "{v}", "gpt-4o"],
    ["cost", "{v}"],
    ["cost", "gpt-4o", "--requests", "{v}"],
    ["search", "{v}"],
    ["profile", "{v}"],
    ["show", "gpt-4o", "--as-of", "{v}"],
)


@pytest.mark.parametrize("argv", CLI, ids=lambda a: " ".join(a))
def test_every_cli_entry_answers_the_corpus(
    argv: list[str], bundled_sqlite: str, bundled_catalog: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundled catalogue as the store gives it, loaded once (not once per invocation).
    import llmref.store

    monkeypatch.setattr(llmref.store, "open_catalog", lambda *a, **k: bundled_catalog)
    monkeypatch.setenv("LLMREF_DATABASE_URL", bundled_sqlite)
    runner = CliRunner()
    for value in HOSTILE_TEXT:
        if "\x00" in value:
            continue  # a command line cannot carry a NUL byte
        args = [a.replace("{v}", value) for a in argv]
        result = runner.invoke(cli_app, args)
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        assert "Traceback" not in result.output, args


def test_feed_items_with_hostile_fields(tmp_path: Path, reference_catalog: object) -> None:
    from llmref.feed.ingest import ingest_bytes
    from llmref.feed.link import build_index
    from llmref.feed.store import FeedRepository
    from llmref.store import Store

    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    repo = FeedRepository(store)
    index = build_index(reference_catalog)  # type: ignore[arg-type]
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(v.replace(chr(0), ''))}</title>"
        f"<link>https://example.com/{quote(v, safe='')}</link>"
        f"<guid>g{i}</guid><description>{escape(v.replace(chr(0), ''))}</description></item>"
        for i, v in enumerate(HOSTILE_TEXT)
    )
    xml = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )
    report = ingest_bytes(repo, "https://hostile.example/feed", xml.encode(), index)
    assert report.status == "ok", report.error
    stored = repo.items(limit=100)
    for item in stored.items:
        assert "<script" not in item.content_html
        assert "onerror" not in item.content_html
    store.dispose()
