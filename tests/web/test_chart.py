"""The intelligence-vs-price chart: a log x-axis, one labelled point per model, highlights."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from bs4 import BeautifulSoup

from llmref.web.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, ChartLayout, ChartPoint
from tests.web.conftest import Site, table_rows, text


def point(model_id: str, cost: str, index: int) -> ChartPoint:
    return ChartPoint(model_id, model_id.title(), Decimal(cost), Decimal(index))


def test_x_axis_is_logarithmic_over_whole_decades() -> None:
    layout = ChartLayout([point("a", "0.001", 20), point("b", "0.01", 40), point("c", "0.1", 60)])
    assert (layout.x_first, layout.x_last) == (-3, -1)
    xs = {p.point.model_id: p.x for p in layout.placed}
    # Equal ratios of cost are equal distances: 0.001 -> 0.01 -> 0.1.
    assert math.isclose(xs["b"] - xs["a"], xs["c"] - xs["b"])
    assert math.isclose(xs["a"], LEFT) and math.isclose(xs["c"], WIDTH - RIGHT)
    ys = {p.point.model_id: p.y for p in layout.placed}
    assert ys["c"] < ys["b"] < ys["a"] <= HEIGHT - BOTTOM and ys["c"] >= TOP


def test_every_point_is_labelled_and_highlights_are_drawn_on_top() -> None:
    points = [point(f"m{i}", f"0.00{i + 1}", 30 + i) for i in range(6)]
    svg = ChartLayout(points).svg(highlight=("m2", "nope"), title="T", standalone=True)
    soup = BeautifulSoup(svg, "html.parser")
    labels = [text(t) for t in soup.select("g.points text.lbl")]
    assert sorted(labels) == sorted(p.label for p in points)
    assert [text(t) for t in soup.select("g.hl text.lbl")] == ["M2"]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.index('class="hl"') > svg.index('class="points"')


def test_chart_is_deterministic_and_escapes_labels() -> None:
    points = [ChartPoint("x", "<b>X</b> & co", Decimal("0.5"), Decimal(10))]
    first = ChartLayout(points).svg(title="<t>")
    assert first == ChartLayout(points).svg(title="<t>")
    assert "<b>" not in first and "&lt;b&gt;X&lt;/b&gt; &amp; co" in first


def test_chart_page_plots_models_with_a_price_and_an_index(hostile: Site) -> None:
    soup = hostile.soup("/chart")
    svg = soup.select_one("figure.chart svg")
    labels = sorted(text(t) for t in svg.select("g.points text.lbl"))
    # pebble has no price; the four others have both a price and an index.
    assert labels == sorted(["Duel vs Mode", "Quartz", "Rocket", "<script>alert(1)</script> Model"])
    assert "1 model is left out" in text(soup.find("main"))
    rows = table_rows(soup, "The chart's data")
    # 5,000 x $0.10 + 1,000 x $0.40 per 1M = $0.0009; 5,000 x $1 + 1,000 x $4 = $0.009
    assert rows["Quartz"] == ["$0.0009", "35"]
    assert rows["Rocket"] == ["$0.009", "60"]
    assert svg.select_one("g.points a")["href"].startswith("models/")
    ticks = [text(t) for t in svg.select("text.tick") if text(t).startswith("$")]
    assert ticks == ["$0.0001", "$0.001", "$0.01", "$0.1"]


def test_pair_chart_highlights_the_two_models(hostile: Site) -> None:
    svg = hostile.get("/compare/quartz-vs-rocket/chart.svg").text
    soup = BeautifulSoup(svg, "html.parser")
    assert sorted(text(t) for t in soup.select("g.hl text.lbl")) == ["Quartz", "Rocket"]
    assert not soup.select("a")  # a chart file (an <img>) has no links
    assert re.search(r"<title>Rocket: \$0\.009 per typical request, index 60</title>", svg)
