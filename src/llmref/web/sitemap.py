"""The list of the site's pages: what the static export writes and what sitemap.xml lists."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from llmref.web.chart_page import chart_paths, chart_svg_paths
from llmref.web.conflict_links import export_paths as conflict_pages
from llmref.web.page import Env
from llmref.web.urls import PATHS, file_for, twin_path

DEFAULT_TOP = 50
"""Comparison pages are made for every pair among this many top models (1,225 pairs)."""

FIXED_PAGES = (
    "/",
    "/models",
    "/vendors",
    "/providers",
    "/calculator",
    "/chart",
    "/conflicts",
    "/sources",
    "/feed",
)


def top_pairs(env: Env, top: int) -> list[tuple[str, str]]:
    ids = sorted(env.dated.top_models[:top])
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def page_paths(env: Env, top: int = DEFAULT_TOP, feed_items: Sequence[int] = ()) -> list[str]:
    """Every HTML page of the site (as site paths), in a stable order; `feed_items` are the ids
    of the feed items to include."""
    c = env.catalog
    paths = list(FIXED_PAGES)
    paths += [PATHS.model(m) or "" for m in c.models]
    paths += [PATHS.vendor(v) or "" for v in c.vendors]
    paths += [PATHS.provider(p) or "" for p in c.providers]
    paths += [PATHS.compare_pair(a, b) or "" for a, b in top_pairs(env, top)]
    paths += [PATHS.feed_item(str(i)) or "" for i in feed_items]
    paths += chart_paths(env)
    paths += conflict_pages(env.catalog)
    return paths


def file_paths(env: Env, top: int = DEFAULT_TOP, feed_items: Sequence[int] = ()) -> list[str]:
    """Every file of a static export: the pages, their JSON twins, the charts, the Atom feeds
    and the sitemap."""
    pages = page_paths(env, top, feed_items)
    # Each page right before its twin: the export's app reuses the page's context for it.
    files = [f for p in pages for f in (p, twin_path(p))]
    files += ["/chart.svg", "/sitemap.xml"]
    files += ["/feed.atom", "/feed/catalog.atom"]
    files += [PATHS.compare_chart(a, b) or "" for a, b in top_pairs(env, top)]
    files += chart_svg_paths(env)
    return files


def sitemap(
    env: Env,
    base_url: str,
    top: int = DEFAULT_TOP,
    static: bool = False,
    feed_items: Sequence[int] = (),
) -> str:
    """sitemap.xml for the pages, under `base_url` (no trailing slash). A static export lists the
    files it wrote (``/models/x/index.html``), which every host serves as they are."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lastmod = env.catalog.built.isoformat()
    for path in page_paths(env, top, feed_items):
        if static:
            path = "/" + file_for(path)
        lines.append(f"<url><loc>{escape(base_url + path)}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
