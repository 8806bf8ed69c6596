"""Table bodies built in Python print what a template loop over the same rows printed, escaping
included (the hostile catalogue's names and prices carry markup)."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from llmref.facts import CAPABILITIES
from llmref.web.contexts import summary_row
from llmref.web.model_page import SPEC_FIELDS
from llmref.web.render import chrome, make_templates
from llmref.web.urls import Links
from llmref.web.views import (
    models_body,
    offering_row,
    offerings_body,
    rows_body,
    spec_rows,
)
from tests.web.conftest import TODAY, Site, load

LOOPS = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
"""The settings of the site's templates (render.make_templates)."""

ROWS_LOOP = """{% for r in rows %}
<tr><th scope="row">{{ r.label }}</th>{% for c in r.cells %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}
"""
OFFERINGS_LOOP = """{% for r in rows %}
<tr><th scope="row">{% if first == "Provider" %}{{ r.provider }}{% else %}{{ r.model }}{% endif %}</th><td><code>{{ r.provider_model_id }}</code></td><td>{{ r.input }}</td><td>{{ r.output }}</td><td>{{ r.cache_read }}</td><td class="num">{{ r.batch }}</td><td class="num">{{ r.context }}</td><td>{{ r.note }}</td></tr>
{% endfor %}
"""  # noqa: E501 - the loop as the template had it
MODELS_LOOP = """{% for r in rows %}
<tr><th scope="row">{{ r.model }}<br><code>{{ r.id }}</code></th><td>{{ r.vendor }}</td><td class="num">{{ r.context }}</td><td class="num">{{ r.input }}</td><td class="num">{{ r.output }}</td><td class="num">{{ r.providers }}</td><td class="num">{{ r.index }}</td>{% if extra %}<td>{{ r.matched }}</td>{% endif %}</tr>
{% endfor %}
"""  # noqa: E501


def loop(source: str, **context: object) -> str:
    return LOOPS.from_string(source).render(**context)


def test_bodies_print_what_the_template_loops_printed() -> None:
    catalog = load("hostile")
    links = Links("/models/evil-model")
    checked = 0
    for model in catalog.models.values():
        for fields in (SPEC_FIELDS, CAPABILITIES):
            rows = spec_rows(links, catalog, [model], fields)
            assert str(rows_body(rows)) == loop(ROWS_LOOP, rows=rows)
            checked += len(rows)
        offers = [offering_row(links, catalog, o, TODAY) for o in catalog.offerings_of(model.id)]
        for first in ("Provider", "Model"):
            body = offerings_body(offers, first)
            assert str(body) == loop(OFFERINGS_LOOP, rows=offers, first=first)
        checked += len(offers)
    assert checked == 24  # 19 fact and capability rows, 5 offerings
    site = Site(catalog)
    env = site.app.state.site.env("/models")
    rows = [{**summary_row(env, s), "matched": "name <b>"} for s in env.dated.summaries.values()]
    for extra in (False, True):
        expected = loop(MODELS_LOOP, rows=rows, extra=extra)
        assert str(models_body(rows, matched=extra)) == expected
    assert "&lt;script&gt;" in str(models_body(rows)) and "<script>" not in str(models_body(rows))
    site.client.close()


def test_empty_bodies_are_falsy_for_the_templates_checks() -> None:
    assert not rows_body([]) and not offerings_body([]) and not models_body([])
    assert isinstance(rows_body([]), Markup)


def test_pages_with_the_same_links_share_one_rendered_header() -> None:
    templates = make_templates()
    one = chrome(templates, Links("/compare/a-vs-b"))
    two = chrome(templates, Links("/compare/c-vs-d"))
    assert one is two and 'href="../models"' in one["header"]
    exported = {"/", "/models", "/sources", "/conflicts"}.__contains__
    static = chrome(templates, Links("/compare/a-vs-b", exported))
    assert static is not one and 'href="../../models/index.html"' in static["header"]
    assert static["search"] is None and "<form" not in static["header"]  # no search in an export
