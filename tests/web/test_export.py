"""The static export: every page through the same routes, links that resolve on disk."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from llmref.catalog import Catalog
from llmref.cli import app as cli_app
from llmref.export import ExportError, build_site
from llmref.export_twins import resolve
from llmref.store import Store
from tests.web.conftest import CATALOGS, TODAY, make_feed_store, text


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, hostile_catalog: Catalog) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("site")
    # Module scope runs outside the per-test LLMREF_HOME: give the export its own (empty) store.
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'feed.db'}")
    report = build_site(
        out,
        hostile_catalog,
        top=3,
        as_of=TODAY,
        base_url="https://llmref.example/",
        feed_store=lambda: store,
    )
    assert report.pages == 9 + 5 + 2 + 2 + 3  # fixed pages, models, vendors, providers, 3 pairs
    yield out
    store.dispose()


def local_targets(page: Path, root: Path) -> list[tuple[str, Path]]:
    soup = BeautifulSoup(page.read_text(), "html.parser")
    found = []
    for tag, attr in (
        ("a", "href"),
        ("link", "href"),
        ("script", "src"),
        ("img", "src"),
        ("form", "action"),
    ):
        for node in soup.find_all(tag):
            value = node.get(attr)
            if not value or value.startswith(("http://", "https://", "#")):
                continue
            rel = value.split("#", 1)[0]
            target = Path(posixpath.normpath(str(page.parent / rel)))
            found.append((value, target))
    return found


def check_links(root: Path) -> int:
    """Assert every local link of every page under `root` names a written file and, when it
    has one, an element id on that page; returns how many links were checked."""
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in sorted(root.rglob("*.html")):
        for value, target in local_targets(page, root):
            assert target.is_file(), f"{page.relative_to(root)}: {value} -> {target}"
            assert root in target.parents
            anchor = value.partition("#")[2]
            if anchor and target.suffix == ".html":
                if target not in ids:
                    soup = BeautifulSoup(target.read_text(), "html.parser")
                    ids[target] = {str(n["id"]) for n in soup.find_all(id=True)}
                assert anchor in ids[target], f"{page.relative_to(root)}: {value}: no #{anchor}"
            checked += 1
    return checked


def test_every_local_link_of_every_page_resolves_to_a_written_file(exported: Path) -> None:
    assert len(list(exported.rglob("*.html"))) == 21
    assert check_links(exported) > 300


def test_pages_only_link_what_the_export_has(exported: Path) -> None:
    # quartz-vs-rocket is among the top 3; pebble (unpriced, 0 routes) is not.
    # The home page's rows are references to the list of every model's (export_twins).
    top = resolve(lambda path: json.loads((exported / path[1:]).read_text()), "/index.json")
    top = top["top_models"]
    first = json.loads((exported / "index.json").read_text())["top_models"][0]
    assert first["$ref"].startswith("models.json#/models/")
    assert [m["id"] for m in top][:3] == ["rocket", "duel-vs-mode", "evil-model"]
    soup = BeautifulSoup((exported / "models/rocket/index.html").read_text(), "html.parser")
    # each item: the pair (a link when exported), then " — " and why the alternative was picked
    items = soup.select("#compare ~ ul.pairs li")
    assert all(" — " in text(li) for li in items)
    compare = {text(li).split(" — ", 1)[0]: li.find("a") for li in items}
    assert (
        compare["Rocket vs Duel vs Mode"]["href"]
        == "../../compare/duel-vs-mode-vs-rocket/index.html"
    )
    assert compare["Rocket vs Quartz"] is None  # not exported: plain text, not a broken link
    assert soup.find("form", attrs={"role": "search"}) is None  # no server to search with


def test_export_writes_charts_twins_and_a_sitemap(exported: Path) -> None:
    assert (exported / "chart.svg").read_text().startswith("<svg")
    pair = exported / "compare/duel-vs-mode-vs-rocket"
    assert "Rocket" in (pair / "chart.svg").read_text()
    img = BeautifulSoup((pair / "index.html").read_text(), "html.parser").select_one("figure img")
    assert img["src"] == "chart.svg"
    twin = json.loads((exported / "compare/duel-vs-mode-vs-rocket.json").read_text())
    assert twin["slug"] == "duel-vs-mode-vs-rocket"
    sitemap = (exported / "sitemap.xml").read_text()
    assert "<loc>https://llmref.example/models/rocket/index.html</loc>" in sitemap
    assert sitemap.count("<url>") == 21
    assert (exported / "static/site.css").is_file()


def test_export_includes_the_feed(tmp_path: Path, reference_catalog: Catalog) -> None:
    store = make_feed_store(reference_catalog, tmp_path)
    out = tmp_path / "site"
    report = build_site(out, reference_catalog, top=0, as_of=TODAY, feed_store=lambda: store)
    items = sorted(p.parent.name for p in (out / "feed").glob("*/index.html"))
    assert len(items) == 5 and all(i.isdigit() for i in items)
    assert report.pages == 9 + 2 + 2 + 4 + 5
    feed = BeautifulSoup((out / "feed/index.html").read_text(), "html.parser")
    first = feed.select_one("#feed-items tbody th a")["href"]
    assert (out / "feed" / first).is_file()
    assert "<feed" in (out / "feed.atom").read_text()
    store.dispose()


def test_export_is_deterministic(tmp_path: Path, hostile_catalog: Catalog) -> None:
    def snapshot(out: Path) -> dict[str, bytes]:
        build_site(out, hostile_catalog, top=2, as_of=date(2026, 11, 21))
        return {
            str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
        }

    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_build_site_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli_app,
        [
            "build-site",
            str(out),
            "--top",
            "2",
            "--as-of",
            "2026-11-21",
            "--catalog",
            str(CATALOGS / "reference-pair"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["data"]
    assert report["pages"] == 9 + 2 + 2 + 4 + 1
    # Page, twin and chart of the one pair; each model page and its twin.
    assert report["phases"]["compare"]["files"] == 3 and report["phases"]["model"]["files"] == 4
    assert report["processes"] >= 1 and report["cpu_seconds"] > 0
    soup = BeautifulSoup(
        (out / "compare/gpt-4o-mini-vs-step-3.5-flash/index.html").read_text(), "html.parser"
    )
    assert "$270" in text(soup.find("main")) and "$155" in text(soup.find("main"))
    bad = CliRunner().invoke(cli_app, ["build-site", str(out), "--as-of", "soon"])
    assert bad.exit_code == 2 and "--as-of must be a date" in bad.output


def test_one_process_or_several_write_the_same_files(
    tmp_path: Path, hostile_catalog: Catalog
) -> None:
    def snapshot(out: Path, workers: int) -> dict[str, bytes]:
        store = Store(f"sqlite:///{tmp_path / f'feed-{workers}.db'}")
        report = build_site(
            out, hostile_catalog, top=5, as_of=TODAY, feed_store=lambda: store, workers=workers
        )
        store.dispose()
        assert report.processes == workers
        # Every file is counted once, under the kind of page it belongs to.
        assert sum(p.files for p in report.phases.values()) == report.files - 2  # + static
        assert report.phases["compare"].files == 3 * 10  # page, twin, chart for 10 pairs
        assert report.phases["model"].files == 2 * 5
        assert report.cpu_seconds > 0 and report.prepare_seconds > 0
        return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    one, three = snapshot(tmp_path / "one", 1), snapshot(tmp_path / "three", 3)
    # No base_url: no sitemap.xml among the fixed files (4 with one). Each model's summary is
    # written once, shared by its page's twin and its comparisons' (export_twins), and the
    # site's definitions once, in shared.json.
    assert len(one) == 2 * (9 + 5 + 2 + 2 + 10) + 10 + 3 + 2 + 5 + 1
    assert "shared.json" in one
    assert sum(1 for name in one if "/side-" in name) == 5
    assert "sitemap.xml" not in one
    assert one == three


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_fails_stops_the_export_and_names_the_page(
    tmp_path: Path, hostile_catalog: Catalog, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from llmref.web import model_page

    real = model_page.model_page

    def failing(env: object, model_id: str) -> object:
        if model_id == "quartz":
            raise RuntimeError("no profile for quartz")
        return real(env, model_id)  # type: ignore[arg-type]

    monkeypatch.setattr(model_page, "model_page", failing)
    store = Store(f"sqlite:///{tmp_path / 'feed.db'}")
    # The page's twin may be the first to fail: the export samples model twins before it
    # starts (to find the values they share).
    failed = r"/models/quartz(\.json)?: RuntimeError: no profile for quartz"
    with pytest.raises(ExportError, match=failed):
        build_site(
            tmp_path / "out",
            hostile_catalog,
            top=2,
            as_of=TODAY,
            feed_store=lambda: store,
            workers=workers,
        )
    store.dispose()


def test_without_a_base_url_the_sitemap_is_left_out_with_a_warning(
    tmp_path: Path, reference_catalog: Catalog
) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli_app,
        ["build-site", str(out), "--catalog", str(CATALOGS / "reference-pair"), "--top", "2"],
    )
    assert result.exit_code == 0, result.stderr
    assert "no sitemap.xml" in result.stderr and "--base-url" in result.stderr
    assert not (out / "sitemap.xml").exists()
    assert (out / "index.html").is_file()
    assert "export.invalid" not in "".join(p.read_text() for p in out.rglob("*.html"))
