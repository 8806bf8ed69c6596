"""The model lists' score column: the chart's default benchmark version, named in the header
(`DatedView.headline`, `contexts.summary_row`)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from llmref.store import open_catalog
from tests.web.conftest import Site, text


def _head_and_cells(soup: BeautifulSoup, caption: str) -> tuple[str, dict[str, str]]:
    for table in soup.select("table.models"):
        if caption in text(table.find("caption")):
            head = text(table.select("thead th")[6])
            cells = {
                text(tr.find("th").find("code")): text(tr.select("td")[5])
                for tr in table.select("tbody tr")
            }
            return head, cells
    raise AssertionError(caption)


def test_the_lists_show_the_charts_benchmark_named_with_its_version(hostile: Site) -> None:
    chart = hostile.json("/chart.json")
    assert isinstance(chart, dict)
    bench = chart["benchmark"]
    head, cells = _head_and_cells(hostile.soup("/"), "Top models")
    assert head.startswith(bench["title"])
    scores = {p["model_id"]: p["score"] for p in chart["points"]}
    shown = {m: v for m, v in cells.items() if v != "—"}
    assert shown and all(scores[m] == v for m, v in shown.items() if m in scores)


def test_the_real_lists_name_the_epoch_index_version_and_its_figures() -> None:
    site = Site(open_catalog())
    head, cells = _head_and_cells(site.soup("/search?q=gpt-4o"), "Search results")
    # The widest benchmark with trusted prices on the bundled data (157 models).
    assert head == (
        "Epoch Capabilities Index (Epoch AI export committed 2026-07-01) (higher is better)"
    )
    # epoch_capabilities_index.csv at 9a6dcd4: "gpt-4o-mini-2024-07-18,126.869665...";
    # gpt-4o's snapshots 2024-11-20 (129.254058...), 2024-08-06 (129.140338...) and 2024-05-13
    # (128.781314...) share the export's date, so the best of them, rounded to 0.01, is shown.
    assert (cells["gpt-4o-mini"], cells["gpt-4o"]) == ("126.87", "129.25")
    for path in ("/", "/models", "/vendors/openai"):
        main = text(site.soup(path).find("main"))
        assert "Intelligence index" not in main and head in main, path
    site.client.close()
