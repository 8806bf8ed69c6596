"""Comparisons set scores side by side only within one benchmark version, on the real bundled
catalogue (the issue's two cases: Step 3.5 Flash against GPT-4o mini, whose index figures are
two versions, and a pair that shares no version at all)."""

from __future__ import annotations

from llmref import prose
from llmref.compare import build_comparison
from llmref.store import open_catalog
from tests.web.conftest import Site, text


def test_step_flash_and_gpt_4o_mini_never_set_two_index_versions_side_by_side() -> None:
    catalog = open_catalog()
    mini, step = catalog.model("gpt-4o-mini"), catalog.model("step-3.5-flash")
    # Each has an Artificial Analysis index figure, of two different versions.
    families = {
        m.id: {
            r.benchmark
            for r in catalog.benchmarks_of(m.id)
            if catalog.benchmark(r.benchmark).family == "intelligence-index"
        }
        for m in (mini, step)
    }
    assert families == {
        "gpt-4o-mini": {"aa-intelligence-index-2026-03"},
        "step-3.5-flash": {"aa-intelligence-index-quoted"},
    }
    c = build_comparison(catalog, mini, step)
    assert c.benchmarks  # they do share other versions
    for pair in c.benchmarks:
        assert {r.benchmark for r in pair.results} == {pair.benchmark}
        assert catalog.benchmark(pair.benchmark).family != "intelligence-index"
    lines = " ".join(prose.comparison_text(c).benchmark_lines)
    assert "Intelligence Index" not in lines
    site = Site(catalog)
    page = text(site.soup("/compare/gpt-4o-mini-vs-step-3.5-flash").find("main"))
    assert "Intelligence Index" not in page.split("Benchmarks", 1)[-1].split("Related", 1)[0]
    site.client.close()


def test_two_models_sharing_no_benchmark_version_are_told_so() -> None:
    catalog = open_catalog()
    haiku, step = catalog.model("claude-3-haiku"), catalog.model("step-3.5-flash")
    assert catalog.benchmarks_of(haiku.id) and catalog.benchmarks_of(step.id)  # both have some
    c = build_comparison(catalog, haiku, step)
    assert c.benchmarks == ()
    said = prose.comparison_text(c).benchmarks
    assert said.startswith("Claude 3 Haiku and Step 3.5 Flash share no benchmark version"), said
    site = Site(catalog)
    page = text(site.soup("/compare/claude-3-haiku-vs-step-3.5-flash").find("main"))
    assert "share no benchmark version" in page
    site.client.close()
