"""A comparison page's chart names the benchmark version it plots: the chart's default, the
same version as the lists' score column (never "intelligence index" when it plots another)."""

from __future__ import annotations

from tests.web.conftest import Site


def test_the_pair_chart_names_its_benchmark(bundled: Site) -> None:
    head = bundled.app.state.site.env("/").dated.headline_head
    assert head != "Benchmark score"  # the bundled data has a default version
    body = bundled.client.get("/compare/gpt-4o-vs-gpt-4o-mini").text
    assert f'<h2 id="chart">{head} against price</h2>' in body
    assert f'alt="Scatter chart of {head} against the cost of a typical request' in body
    assert "intelligence index against" not in body
