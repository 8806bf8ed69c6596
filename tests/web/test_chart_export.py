"""Per-benchmark chart pages: ``/chart/<id>`` with its JSON twin and SVG file, written by the
static export for every version with enough plotted models (``chart_page.chart_paths``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from llmref.catalog import Catalog
from llmref.export import build_site
from llmref.store import open_catalog
from llmref.web import chart_page
from llmref.web.sitemap import file_paths
from tests.web.conftest import TODAY, Site, text


def test_each_charted_version_has_its_own_page_and_svg(hostile: Site) -> None:
    chart = hostile.json("/chart.json")
    assert isinstance(chart, dict)
    for bench in chart["benchmarks"]:
        soup = hostile.soup(f"/chart/{bench['id']}")
        assert bench["title"] in text(soup.find("h1"))
        twin = hostile.json(f"/chart/{bench['id']}.json")
        assert isinstance(twin, dict) and twin["benchmark"]["id"] == bench["id"]
        assert len(twin["points"]) == bench["models"]
        svg = hostile.get(f"/chart/{bench['id']}.svg")
        assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
        assert svg.text.count('class="pt"') == bench["models"]
    # A version that cannot be charted is a missing page, not the widest chart in disguise.
    assert hostile.get("/chart/nope").status_code == 404
    assert hostile.get("/chart/nope.svg").status_code == 404


def test_the_export_writes_every_version_with_enough_points(
    tmp_path: Path, hostile_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart_page, "EXPORT_MIN_POINTS", 2)
    site = Site(hostile_catalog)
    chart = site.json("/chart.json")
    assert isinstance(chart, dict)
    wanted = [b["id"] for b in chart["benchmarks"] if b["models"] >= 2]
    skipped = [b["id"] for b in chart["benchmarks"] if b["models"] < 2]
    assert wanted
    out = tmp_path / "site"
    build_site(out, hostile_catalog, top=0, as_of=TODAY, workers=1)
    for bench_id in wanted:
        assert (out / "chart" / bench_id / "index.html").is_file()
        assert (out / "chart" / f"{bench_id}.json").is_file()
        assert (out / "chart" / f"{bench_id}.svg").read_text().startswith("<svg")
    for bench_id in skipped:
        assert not (out / "chart" / bench_id).exists()
    # The default chart's link to its SVG file resolves inside the export.
    page = out / "chart" / "index.html"
    href = BeautifulSoup(page.read_text(), "html.parser").find(
        "a", string="This chart as an SVG file"
    )
    assert href is not None and (page.parent / str(href["href"])).resolve().is_file()


def test_the_real_export_lists_a_chart_per_version_with_twenty_points() -> None:
    site = Site(open_catalog())
    env = site.app.state.site.env("/")
    files = set(file_paths(env, top=0))
    chartable = env.dated.chart_benchmarks
    for bench_id, points in chartable:
        listed = f"/chart/{bench_id}" in files and f"/chart/{bench_id}.svg" in files
        assert listed == (points >= 20), (bench_id, points)
    assert sum(1 for _, n in chartable if n >= 20) >= 10
    widest = chartable[0][0]
    assert site.get(f"/chart/{widest}.svg").status_code == 200
    site.client.close()
