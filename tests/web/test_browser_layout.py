"""Every page type in a real browser at desktop (1366 px) and phone (390 px) widths, served by
uvicorn over the REAL bundled store (plus a feed store holding the fixture feeds, for the feed
item page): each answers, nothing makes the page scroll sideways on a phone, the header stays
short, the chart's labels stay legible, and a screenshot of each is saved as an artifact under
tests/artifacts/layout/ (ignored by git; CI keeps the folder).

One browser and one tab per viewport for the whole module, and one server: the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from llmref.catalog import Catalog
from llmref.store import Store
from llmref.web.app import create_app
from tests.web.conftest import TODAY, make_feed_store
from tests.web.test_browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, LiveServer

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "layout"
VIEWPORTS = {"desktop": 1366, "phone": 390}
HEIGHT = {"desktop": 900, "phone": 844}
SHOT_HEIGHT = 4000
"""Screenshots stop this far down the page (a long list would make a huge image)."""
HEADER_MAX = {"desktop": 72, "phone": 100}
"""Tallest the site header may be, in CSS pixels (it was 160 px on a phone before @media)."""
MIN_LABEL_PX = 9.0
"""Smallest on-screen size of a chart label a reader can still make out."""

PAGES: dict[str, tuple[str, int]] = {
    "home": ("/", 200),
    "models": ("/models", 200),
    "model": ("/models/gpt-4o-mini", 200),
    "compare-pair": ("/compare/claude-sonnet-4-5-vs-gpt-4o-mini", 200),
    "compare-many": ("/compare?models=claude-sonnet-4-5,gemini-2.5-flash,gpt-4o-mini", 200),
    "compare-pick": ("/compare", 200),
    "calculator": ("/calculator?models=gpt-4o-mini,claude-sonnet-4-5", 200),
    "chart": ("/chart", 200),
    "search": ("/search?q=vision", 200),
    "providers": ("/providers", 200),
    "provider": ("/providers/openai", 200),
    "vendors": ("/vendors", 200),
    "vendor": ("/vendors/openai", 200),
    "conflicts": ("/conflicts?model=gpt-4o-mini", 200),
    "sources": ("/sources", 200),
    "feed": ("/feed", 200),
    "feed-item": ("/feed/{item}", 200),
    "api-docs": ("/api/v1/docs", 200),
    "not-found": ("/no-such-page", 404),
}

SCROLL = "() => [document.documentElement.scrollWidth, window.innerWidth]"
OVERFLOWING = """() => {
  // The elements wider than the window, outermost first: what makes the page scroll.
  const w = window.innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && !out.some(o => o.contains(el))) {
      let inFrame = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p).overflowX;
        if (s === 'auto' || s === 'scroll' || s === 'hidden') { inFrame = true; break; }
      }
      if (!inFrame) out.push(el);
    }
  }
  return out.slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(
    e.getBoundingClientRect().right));
}"""
LABEL_SIZES = """() => {
  // On-screen font size of each label of the inline chart: its font size in the SVG's units
  // times the scale the SVG is drawn at.
  const svg = document.querySelector('figure.chart svg');
  if (!svg) return [];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll('text')).map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
}"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The real catalogue served with the fixture feeds stored beside it; the URL and the id
    of one feed item."""
    from llmref.feed import list_items
    from llmref.store import open_catalog

    catalog: Catalog = open_catalog()
    store: Store = make_feed_store(catalog, tmp_path_factory.mktemp("feed"))
    item = list_items(store, limit=1).items[0].id
    app = create_app(lambda: catalog, today=lambda: TODAY, feed_store=lambda: store)
    with LiveServer(catalog, app=app) as url:
        yield url, item
    store.dispose()


@pytest.fixture(scope="module")
def tabs() -> Iterator[dict[str, Any]]:
    """One chromium, one tab per viewport."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (CI must have it)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nlayout screenshots: {SHOTS}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        out = {}
        for name, width in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": HEIGHT[name]})
            out[name] = context.new_page()
            # The whole /conflicts page is megabytes until it is paged: give it time.
            out[name].set_default_timeout(120_000)
        yield out
        browser.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_type_fits_the_viewport(
    tabs: dict[str, Any], site_url: tuple[str, int], kind: str, viewport: str
) -> None:
    url, item = site_url
    path, status = PAGES[kind]
    tab = tabs[viewport]
    response = tab.goto(url + path.format(item=item), wait_until="load")
    assert response is not None and response.status == status, (path, response)
    scroll_width, inner_width = tab.evaluate(SCROLL)
    assert inner_width == VIEWPORTS[viewport]
    height = tab.evaluate("() => document.documentElement.scrollHeight")
    shot = SHOTS / f"{viewport}-{kind}.png"
    tab.screenshot(
        path=str(shot),
        full_page=True,
        clip={"x": 0, "y": 0, "width": inner_width, "height": min(height, SHOT_HEIGHT)},
    )
    assert shot.stat().st_size > 5000  # a rendered page, not a blank image
    assert scroll_width <= inner_width, (path, scroll_width, tab.evaluate(OVERFLOWING))
    header = tab.locator("header.site").bounding_box()
    assert header is not None and header["height"] <= HEADER_MAX[viewport], (path, header)
    if kind == "chart":
        sizes = tab.evaluate(LABEL_SIZES)
        assert len(sizes) > 40
        assert min(sizes) >= MIN_LABEL_PX, (viewport, min(sizes))


def test_header_is_one_row_of_links_on_a_phone(
    tabs: dict[str, Any], site_url: tuple[str, int]
) -> None:
    tab = tabs["phone"]
    tab.goto(site_url[0] + "/models/gpt-4o-mini")
    tops = tab.evaluate(
        "() => Array.from(document.querySelectorAll('header.site nav a'))"
        ".map(a => a.getBoundingClientRect().top)"
    )
    assert len(tops) >= 7
    assert max(tops) - min(tops) < 1, tops  # every link on the same line
    # The line scrolls sideways inside the header; the page does not.
    assert tab.evaluate(SCROLL)[0] <= 390
    nav = tab.locator("header.site nav")
    assert nav.evaluate("n => n.scrollWidth > n.clientWidth && getComputedStyle(n).overflowX")


STICKY = """() => {
  // Scroll the first table that can scroll 100 px in its frame (the prices); where are its
  // first and last header cells?
  const t = Array.from(document.querySelectorAll('main table'))
    .find(t => t.scrollWidth > t.clientWidth + 100);
  if (!t) return null;
  const row = t.querySelector('tbody tr');
  const first = row.firstElementChild, last = row.lastElementChild;
  const before = [first.getBoundingClientRect().left, last.getBoundingClientRect().left];
  t.scrollLeft = 100;
  return [before, [first.getBoundingClientRect().left, last.getBoundingClientRect().left]];
}"""


def test_wide_tables_scroll_in_their_frame_with_the_first_column_held(
    tabs: dict[str, Any], site_url: tuple[str, int]
) -> None:
    tab = tabs["phone"]
    tab.goto(site_url[0] + "/models/gpt-4o-mini")
    moved = tab.evaluate(STICKY)
    assert moved is not None, "no table is wider than the phone's screen on a model page"
    (first_before, last_before), (first_after, last_after) = moved
    assert first_after == first_before  # the row's name stays in view
    assert last_after == last_before - 100  # the rest of the row scrolled
