"""A catalogue written to break the pages: markup in names, licences, URLs and prices. Every page
must show it as text, never as markup."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from tests.web.conftest import Site, text

EVIL_NAME = "<script>alert(1)</script> Model"


def every_path(site: Site) -> list[str]:
    c = site.catalog
    ids = sorted(c.models)
    paths = [
        "/",
        "/models",
        "/vendors",
        "/providers",
        "/chart",
        "/conflicts",
        "/sources",
        "/calculator?models=evil-model,rocket&cheap=evil-model&strong=rocket",
        "/search?q=evil",
        "/search?q=%3Cscript%3E",
        "/compare",
        "/compare?models=evil-model,quartz,rocket",
        "/models/%3Cscript%3E",
        "/api/v1/docs",
    ]
    paths += [f"/models/{m}" for m in ids] + [f"/vendors/{v}" for v in c.vendors]
    paths += [f"/providers/{p}" for p in c.providers]
    paths += [f"/compare/{a}-vs-{b}" for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return paths


def test_no_page_lets_catalogue_markup_through(hostile: Site) -> None:
    for path in every_path(hostile):
        response = hostile.get(path)
        assert response.status_code in (200, 404), path
        soup = BeautifulSoup(response.text, "html.parser")
        scripts = [s.get("src") for s in soup.find_all("script")]
        assert all(src and src.endswith("static/site.js") for src in scripts), path
        assert not soup.find_all(["b", "i"]), path  # the templates use neither
        assert not soup.find_all("img", src="x"), path
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], (
            path
        )
        for a in soup.find_all("a", href=True):
            assert not a["href"].lower().startswith("javascript:"), path


def test_the_evil_name_is_shown_as_text(hostile: Site) -> None:
    soup = hostile.soup("/models/evil-model")
    assert text(soup.find("h1")) == EVIL_NAME
    assert EVIL_NAME in text(soup.find("title"))
    assert "<b>Bold</b> claims & <script>alert('d')</script>" in text(soup.find("main"))
    # The source URL with a quote and markup stays one attribute value.
    link = soup.find("a", href='https://evil.example/models?x="><script>alert(5)</script>')
    assert link is not None and text(link) == "evil.example"
    soup = hostile.soup("/compare/evil-model-vs-rocket")
    assert text(soup.find("h1")) == f"{EVIL_NAME} vs Rocket"


def test_chart_svg_escapes_the_name(hostile: Site) -> None:
    svg = hostile.get("/chart.svg").text
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Model" in svg


def test_json_keeps_the_exact_text(hostile: Site) -> None:
    data = json.loads(hostile.get("/api/v1/models").content)
    names = {m["id"]: m["name"] for m in data["models"]}
    assert names["evil-model"] == EVIL_NAME
    conflicts = hostile.json("/api/v1/conflicts")["conflicts"]  # type: ignore[index]
    licences = next(c for c in conflicts if c["field"] == "license")
    assert {v["value"] for v in licences["values"]} == {"<i>MIT</i>", "<script>alert(6)</script>"}
