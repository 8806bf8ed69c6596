"""The benchmark-vs-price chart: a log x-axis, labels that never overlap, highlights by URL,
one benchmark version at a time."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from itertools import combinations

from bs4 import BeautifulSoup

from llmref.store import open_catalog
from llmref.web.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, ChartLayout, ChartPoint
from tests.web.conftest import Site, table_rows, text


def point(model_id: str, cost: str, index: int | str) -> ChartPoint:
    return ChartPoint(model_id, model_id.title(), Decimal(cost), Decimal(index))


def crowd(n: int) -> list[ChartPoint]:
    """n points packed into a small area, with long and short names (deterministic)."""
    out = []
    for i in range(n):
        cost = Decimal(10) ** Decimal(-4 + (i * 37 % 100) / 33)
        score = 20 + (i * 53 % 61)
        name = f"model-{i}" + ("-extended-preview" if i % 4 == 0 else "")
        out.append(ChartPoint(f"m{i}", name, cost.quantize(Decimal("0.000001")), Decimal(score)))
    return out


def test_x_axis_is_logarithmic_over_whole_decades() -> None:
    layout = ChartLayout([point("a", "0.001", 20), point("b", "0.01", 40), point("c", "0.1", 60)])
    assert (layout.x_first, layout.x_last) == (-3, -1)
    xs = {p.point.model_id: p.x for p in layout.placed}
    # Equal ratios of cost are equal distances: 0.001 -> 0.01 -> 0.1.
    assert math.isclose(xs["b"] - xs["a"], xs["c"] - xs["b"])
    assert math.isclose(xs["a"], LEFT) and math.isclose(xs["c"], WIDTH - RIGHT)
    ys = {p.point.model_id: p.y for p in layout.placed}
    assert ys["c"] < ys["b"] < ys["a"] <= HEIGHT - BOTTOM and ys["c"] >= TOP


def test_a_lower_is_better_axis_runs_downwards() -> None:
    layout = ChartLayout([point("a", "0.001", 5), point("b", "0.01", 20)], lower_is_better=True)
    ys = {p.point.model_id: p.y for p in layout.placed}
    assert ys["a"] < ys["b"]  # the lower (better) rate is drawn higher up


def test_labels_never_overlap_and_the_rest_are_named_as_unlabelled() -> None:
    points = crowd(160)
    layout = ChartLayout(points, highlight=("m7", "m99"))
    boxes = [p.box for p in layout.placed if p.box is not None]
    assert 10 <= len(boxes) <= 36
    for a, b in combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for box in boxes:  # inside the plot
        assert box[0] >= LEFT and box[2] <= WIDTH - RIGHT and box[3] <= HEIGHT - BOTTOM
    assert layout.by_id["m7"].labelled and layout.by_id["m99"].labelled  # highlights first
    labelled = {p.point.model_id for p in layout.placed if p.labelled}
    assert labelled | set(layout.unlabelled) == {p.model_id for p in points}
    assert not labelled & set(layout.unlabelled)


def test_the_cheapest_best_frontier_is_labelled_before_the_rest() -> None:
    points = [point("cheap", "0.0001", 10), point("mid", "0.001", 50), point("dear", "0.1", 40)]
    layout = ChartLayout(points, label_limit=2)
    assert {p.point.model_id for p in layout.placed if p.labelled} == {"cheap", "mid"}


def test_highlights_are_drawn_on_top_with_their_labels() -> None:
    points = [point(f"m{i}", f"0.00{i + 1}", 30 + i) for i in range(6)]
    svg = ChartLayout(points, highlight=("m2",)).svg(title="T", standalone=True)
    soup = BeautifulSoup(svg, "html.parser")
    assert sorted(text(t) for t in soup.select("text.lbl")) == sorted(p.label for p in points)
    assert [text(t) for t in soup.select("g.hl text.lbl")] == ["M2"]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.index('class="hl"') > svg.index('class="labels"')


def test_chart_is_deterministic_and_escapes_labels() -> None:
    points = [ChartPoint("x", "<b>X</b> & co", Decimal("0.5"), Decimal(10))]
    first = ChartLayout(points).svg(title="<t>")
    assert first == ChartLayout(points).svg(title="<t>")
    assert "<b>" not in first and "&lt;b&gt;X&lt;/b&gt; &amp; co" in first


def test_chart_page_plots_models_with_a_price_and_a_score(hostile: Site) -> None:
    soup = hostile.soup("/chart")
    svg = soup.select_one("figure.chart svg")
    labels = sorted(text(t) for t in svg.select("text.lbl"))
    # pebble has no price; the four others have both a price and a score.
    assert labels == sorted(["Duel vs Mode", "Quartz", "Rocket", "<script>alert(1)</script> Model"])
    assert "1 model is left out" in text(soup.find("main"))
    rows = table_rows(soup, "The chart's data")
    # 5,000 x $0.10 + 1,000 x $0.40 per 1M = $0.0009; 5,000 x $1 + 1,000 x $4 = $0.009;
    # dollars per point: $0.0009 / 35 = $0.0000257..., $0.009 / 60 = $0.00015
    assert rows["Quartz"][:2] == ["$0.0009", "35"]
    assert rows["Rocket"][:3] == ["$0.009", "60", "$0.00015"]
    assert svg.select_one("g.points a")["href"].startswith("models/")
    ticks = [text(t) for t in svg.select("text.tick") if text(t).startswith("$")]
    assert ticks == ["$0.0001", "$0.001", "$0.01", "$0.1"]


def test_unknown_parameters_are_reported_not_fatal(hostile: Site) -> None:
    soup = hostile.soup("/chart?benchmark=nope&highlight=rocket,ghost")
    notes = [text(p) for p in soup.select("p[role=status]")]
    assert notes == [
        "No chartable benchmark 'nope': showing the widest one instead.",
        "No model 'ghost' to highlight.",
    ]
    assert [text(t) for t in soup.select("figure.chart g.hl text.lbl")] == ["Rocket"]


def test_pair_chart_highlights_the_two_models(hostile: Site) -> None:
    svg = hostile.get("/compare/quartz-vs-rocket/chart.svg").text
    soup = BeautifulSoup(svg, "html.parser")
    assert sorted(text(t) for t in soup.select("g.hl text.lbl")) == ["Quartz", "Rocket"]
    assert not soup.select("a")  # a chart file (an <img>) has no links
    assert re.search(r"<title>Rocket: \$0\.009 per typical request, [^<]*: 60</title>", svg)


def test_the_chart_names_the_version_once_and_writes_no_needless_decimals() -> None:
    """On the bundled store: the chart's title names the benchmark version it plots; each
    point's tooltip names the benchmark only (not the version again); no coordinate ends in
    ".0"."""
    site = Site(open_catalog())
    svg = site.get("/compare/gpt-4o-vs-gpt-4o-mini/chart.svg").text
    title = BeautifulSoup(svg, "html.parser").find("title")
    data = site.json("/chart.json")
    assert isinstance(data, dict)
    version = data["benchmark"]["title"]  # "Name (version)"
    assert text(title) == f"{version} against the cost of a typical request"
    tooltips = re.findall(r"<g><title>([^<]*)</title>", svg)
    assert len(tooltips) >= 100 and not any(version in t for t in tooltips)
    assert all(" per typical request, " in t for t in tooltips)
    assert not re.search(r'(x|y|x1|y1|x2|y2|cx|cy)="-?\d+\.0"', svg)
    assert re.search(r'(cx|cy)="\d+\.\d"', svg)  # tenths where they matter
    site.client.close()


def test_the_real_chart_plots_the_widest_benchmark_with_apart_labels() -> None:
    site = Site(open_catalog())
    data = site.json("/chart.json")
    assert isinstance(data, dict)
    widest = data["benchmarks"][0]
    assert data["benchmark"]["id"] == widest["id"]
    assert len(data["points"]) == widest["models"] >= 150
    assert all(b["models"] <= widest["models"] for b in data["benchmarks"])
    soup = site.soup("/chart?benchmark=aider-polyglot&highlight=gpt-4o-mini")
    assert "Aider Polyglot" in text(soup.find("h1"))
    assert [text(t) for t in soup.select("figure.chart g.hl text.lbl")] == ["GPT-4o mini"]
    site.client.close()
