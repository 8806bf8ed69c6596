"""The site in a real browser: Debian's chromium driven by Playwright, against uvicorn on a free
loopback port. Screenshots go to tests/artifacts/ (ignored by git).

These tests fail, not skip, when chromium is missing: CI installs it (scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from llmref.catalog import Catalog
from llmref.web.app import create_app
from tests.web.conftest import TODAY

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, catalog: Catalog, app: object = None) -> None:
        self.port = free_port()
        app = app or create_app(lambda: catalog, today=lambda: TODAY)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (CI must have it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def ref_url(reference_catalog: Catalog) -> Iterator[str]:
    with LiveServer(reference_catalog) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile_catalog: Catalog) -> Iterator[str]:
    with LiveServer(hostile_catalog) as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def test_home_search_and_open_a_model(page: object, hostile_url: str) -> None:
    p = page
    p.goto(hostile_url + "/")  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)  # type: ignore[attr-defined]
    p.fill("#home-q", "rocket")  # type: ignore[attr-defined]
    p.press("#home-q", "Enter")  # type: ignore[attr-defined]
    p.wait_for_url("**/search?q=rocket")  # type: ignore[attr-defined]
    assert "1 model matches “rocket”" in p.inner_text("main")  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)  # type: ignore[attr-defined]
    p.click("table.models a:text('Rocket')")  # type: ignore[attr-defined]
    p.wait_for_url("**/models/rocket")  # type: ignore[attr-defined]
    assert p.inner_text("h1") == "Rocket"  # type: ignore[attr-defined]


def test_open_a_comparison(page: object, ref_url: str) -> None:
    p = page
    p.goto(ref_url + "/compare/step-3.5-flash-vs-gpt-4o-mini")  # type: ignore[attr-defined]
    assert p.url.endswith("/compare/gpt-4o-mini-vs-step-3.5-flash")  # type: ignore[attr-defined]
    assert p.inner_text("h1") == "GPT-4o-mini vs Step 3.5 Flash"  # type: ignore[attr-defined]
    cards = p.locator(".card .big-number").all_inner_texts()  # type: ignore[attr-defined]
    assert cards == ["$270", "$155"]
    assert "Estimated monthly gap: $115" in p.inner_text("#monthly ~ p strong")  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)  # type: ignore[attr-defined]


def test_calculator_traffic_changes_the_monthly_cost(page: object, ref_url: str) -> None:
    p = page
    p.goto(ref_url + "/calculator?models=gpt-4o-mini,step-3.5-flash")  # type: ignore[attr-defined]
    first = p.locator("#cost-table td.monthly").all_inner_texts()  # type: ignore[attr-defined]
    assert first == ["$270", "$155 ★"]
    p.fill("#f-requests", "3000000")  # type: ignore[attr-defined]
    p.click("form.calc button[type=submit]")  # type: ignore[attr-defined]
    p.wait_for_url("**requests=3000000**")  # type: ignore[attr-defined]
    after = p.locator("#cost-table td.monthly").all_inner_texts()  # type: ignore[attr-defined]
    assert after == ["$810", "$465 ★"]
    p.screenshot(path=str(ARTIFACTS / "calculator.png"), full_page=True)  # type: ignore[attr-defined]


def test_calculator_error_is_shown_by_the_field(page: object, ref_url: str) -> None:
    p = page
    p.goto(ref_url + "/calculator")  # type: ignore[attr-defined]
    p.fill("#f-requests", "a lot")  # type: ignore[attr-defined]
    p.click("form.calc button[type=submit]")  # type: ignore[attr-defined]
    p.wait_for_selector("#requests-error")  # type: ignore[attr-defined]
    assert "Enter a whole number" in p.inner_text("#requests-error")  # type: ignore[attr-defined]
    assert p.get_attribute("#f-requests", "aria-invalid") == "true"  # type: ignore[attr-defined]


def test_chart_renders(page: object, hostile_url: str) -> None:
    p = page
    p.goto(hostile_url + "/chart")  # type: ignore[attr-defined]
    svg = p.locator("figure.chart svg")  # type: ignore[attr-defined]
    box = svg.bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 250
    assert p.locator("figure.chart svg circle.pt").count() == 4  # type: ignore[attr-defined]
    svg.screenshot(path=str(ARTIFACTS / "chart.png"))
    p.goto(hostile_url + "/compare/quartz-vs-rocket")  # type: ignore[attr-defined]
    img = p.locator("figure.chart img")  # type: ignore[attr-defined]
    img.scroll_into_view_if_needed()
    width = p.evaluate(  # type: ignore[attr-defined]
        "() => { const i = document.querySelector('figure.chart img');"
        " return i.complete ? i.naturalWidth : -1; }"
    )
    assert width == 960


def test_everything_works_with_javascript_off(browser: object, ref_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        p = context.new_page()
        p.goto(ref_url + "/calculator?models=gpt-4o-mini")
        p.fill("#f-requests", "2000000")
        p.click("form.calc button[type=submit]")
        p.wait_for_url("**requests=2000000**")
        assert p.locator("#cost-table td.monthly").all_inner_texts() == ["$540"]
        p.goto(ref_url + "/")
        p.fill("#home-q", "reasoning")
        p.press("#home-q", "Enter")
        p.wait_for_url("**/search?q=reasoning")
        assert "Step 3.5 Flash" in p.inner_text("table.models")
    finally:
        context.close()


LABEL_BOXES = (
    "() => Array.from(document.querySelectorAll('figure.chart svg text.lbl')).map(t => {"
    " const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
)


@pytest.fixture(scope="module")
def real_url() -> Iterator[str]:
    from llmref.store import open_catalog

    with LiveServer(open_catalog()) as url:
        yield url


@pytest.mark.parametrize("query", ["", "?benchmark=aider-polyglot&highlight=gpt-4o-mini,o3"])
def test_real_chart_labels_do_not_intersect(page: object, real_url: str, query: str) -> None:
    p = page
    p.goto(real_url + "/chart" + query)  # type: ignore[attr-defined]
    points = p.locator("figure.chart svg circle.pt").count()  # type: ignore[attr-defined]
    # The default chart (the Epoch Capabilities Index, export committed 2026-07-01) plots 157
    # models on the bundled data, Aider Polyglot 52.
    assert points >= (150 if not query else 40)
    boxes = p.evaluate(LABEL_BOXES)  # type: ignore[attr-defined]
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5
            assert apart or b[3] <= a[1] + 0.5, (a, b)
    name = "chart-real.png" if not query else "chart-real-highlight.png"
    p.locator("figure.chart svg").screenshot(path=str(ARTIFACTS / name))  # type: ignore[attr-defined]
