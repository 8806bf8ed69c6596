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


def test_the_real_lists_name_the_vectara_version_and_its_figures() -> None:
    site = Site(open_catalog())
    head, cells = _head_and_cells(site.soup("/search?q=gpt-4o"), "Search results")
    # The widest benchmark with trusted prices on the bundled data (110 models).
    assert head == (
        "Vectara hallucination rate (previous article set, final 2025-10-16), % (lower is better)"
    )
    # Vectara's README at 9ceb782: "OpenAI GPT-4o-mini|1.7 %", "OpenAI GPT-4o|1.5 %".
    assert (cells["gpt-4o-mini"], cells["gpt-4o"]) == ("1.7", "1.5")
    for path in ("/", "/models", "/vendors/openai"):
        main = text(site.soup(path).find("main"))
        assert "Intelligence index" not in main and head in main, path
    site.client.close()
