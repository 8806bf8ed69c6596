"""The intelligence-vs-price chart as server-side SVG.

Written by hand rather than through a charting library: the chart is one scatter plot with a log
x-axis, and ~250 lines of SVG need no network, no headless browser and no native binary
(vl-convert, the offline Vega-Lite renderer, is a 40 MB wheel that embeds a JavaScript engine).
The output is deterministic, so pages that embed it stay byte-identical for the same catalogue.

The layout (scales, ticks, label placement) depends only on the points, so it is computed once
per catalogue snapshot; highlighting the compared models adds an overlay on top of it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import escape

WIDTH, HEIGHT = 960, 560
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 56
FONT_SIZE = 11
CHAR_WIDTH = 6.1  # average advance of an 11px sans-serif glyph, for label boxes
POINT_RADIUS = 4

STYLE = (
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    f"font-size:{FONT_SIZE}px;fill:#1f2933}}"
    ".grid{stroke:#e4e7eb;stroke-width:1}.minor{stroke:#f3f4f6}"
    ".axis{stroke:#52606d;stroke-width:1}.tick{fill:#52606d}"
    ".pt{fill:#3b6fd8;fill-opacity:.75;stroke:#fff;stroke-width:1}"
    ".lbl{fill:#3e4c59}"
    ".hl .pt{fill:#d64545;fill-opacity:1;stroke:#1f2933;stroke-width:1.5}"
    ".hl .lbl{font-weight:700;fill:#9b1c1c;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    ".ttl{font-size:12px;font-weight:600;fill:#1f2933}"
)


@dataclass(frozen=True, slots=True)
class ChartPoint:
    model_id: str
    label: str
    cost: Decimal
    """Dollars for one typical request (x, log scale); must be > 0."""
    index: Decimal
    """Intelligence index (y)."""
    href: str | None = None
    detail: str = ""
    """Tooltip text (cost and index as the page prints them)."""


@dataclass(frozen=True, slots=True)
class _Placed:
    point: ChartPoint
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


def _decades(low: float, high: float) -> tuple[int, int]:
    first = math.floor(math.log10(low))
    last = math.ceil(math.log10(high))
    if last == first:
        last += 1
    return first, last


def _nice_step(span: float) -> float:
    raw = span / 6
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _dollars(value: float) -> str:
    if value >= 1:
        return f"${value:,.0f}"
    places = max(0, -math.floor(math.log10(value)))
    return f"${value:.{places}f}"


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


class ChartLayout:
    """Scales, axes, points and label positions for one set of points."""

    def __init__(
        self,
        points: Sequence[ChartPoint],
        x_title: str = "Typical request cost (5K input + 1K output tokens), USD, log scale",
        y_title: str = "Intelligence index",
    ) -> None:
        self.points = sorted(points, key=lambda p: (-p.index, p.cost, p.model_id))
        self.x_title = x_title
        self.y_title = y_title
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - TOP - BOTTOM
        if self.points:
            costs = [float(p.cost) for p in self.points]
            self.x_first, self.x_last = _decades(min(costs), max(costs))
            ys = [float(p.index) for p in self.points]
            step = _nice_step(max(max(ys) - min(ys), 10.0))
            self.y_step = step
            self.y_low = math.floor(min(ys) / step) * step
            self.y_high = math.ceil(max(ys) / step) * step
            if self.y_high == self.y_low:
                self.y_high += step
        else:
            self.x_first, self.x_last, self.y_low, self.y_high, self.y_step = -3, 0, 0, 100, 20
        self.placed = self._place()
        self.by_id = {p.point.model_id: p for p in self.placed}
        self.base = self._base()

    def sx(self, cost: float) -> float:
        frac = (math.log10(cost) - self.x_first) / (self.x_last - self.x_first)
        return LEFT + frac * self.plot_w

    def sy(self, value: float) -> float:
        frac = (value - self.y_low) / (self.y_high - self.y_low)
        return TOP + (1 - frac) * self.plot_h

    def _place(self) -> list[_Placed]:
        """Greedy label placement: right of the point, else left, above, below; when all four
        collide, the least-covered spot. Every point keeps its label."""
        taken: list[tuple[float, float, float, float]] = []
        for p in self.points:
            x, y = self.sx(float(p.cost)), self.sy(float(p.index))
            r = POINT_RADIUS
            taken.append((x - r, y - r, x + r, y + r))
        placed = []
        for p in self.points:
            x, y = self.sx(float(p.cost)), self.sy(float(p.index))
            w = len(p.label) * CHAR_WIDTH
            h = FONT_SIZE + 1
            options = [
                (x + 7, y + 4, "start", (x + 6, y - h / 2, x + 7 + w, y + h / 2)),
                (x - 7, y + 4, "end", (x - 7 - w, y - h / 2, x - 6, y + h / 2)),
                (x, y - 8, "middle", (x - w / 2, y - 8 - h + 2, x + w / 2, y - 6)),
                (x, y + 16, "middle", (x - w / 2, y + 6, x + w / 2, y + 6 + h)),
            ]
            best = None
            best_cost = math.inf
            for lx, ly, anchor, box in options:
                outside = (
                    box[0] < LEFT
                    or box[2] > WIDTH - RIGHT
                    or box[1] < 0
                    or box[3] > TOP + self.plot_h
                )
                cost = sum(_overlap(box, t) for t in taken) + (1e6 if outside else 0)
                if cost < best_cost:
                    best, best_cost = (lx, ly, anchor, box), cost
                if cost == 0:
                    break
            assert best is not None
            taken.append(best[3])
            placed.append(_Placed(p, x, y, best[0], best[1], best[2]))
        return placed

    def _axes(self) -> list[str]:
        out = []
        bottom = TOP + self.plot_h
        for decade in range(self.x_first, self.x_last + 1):
            value = 10.0**decade
            x = self.sx(value)
            out.append(f'<line class="grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}"/>')
            out.append(
                f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
                f"{_dollars(value)}</text>"
            )
            if decade < self.x_last:
                for minor in (2, 5):
                    mx = self.sx(minor * value)
                    out.append(
                        f'<line class="grid minor" x1="{mx:.1f}" y1="{TOP}" x2="{mx:.1f}" '
                        f'y2="{bottom}"/>'
                    )
        tick = self.y_low
        while tick <= self.y_high + 1e-9:
            y = self.sy(tick)
            out.append(
                f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
            )
            out.append(
                f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" '
                f'text-anchor="end">{tick:g}</text>'
            )
            tick += self.y_step
        out.append(
            f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>'
        )
        out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>')
        out.append(
            f'<text class="ttl" x="{LEFT + self.plot_w / 2:.0f}" y="{HEIGHT - 12}" '
            f'text-anchor="middle">{escape(self.x_title)}</text>'
        )
        out.append(
            f'<text class="ttl" transform="translate(16 {TOP + self.plot_h / 2:.0f}) rotate(-90)" '
            f'text-anchor="middle">{escape(self.y_title)}</text>'
        )
        return out

    @staticmethod
    def _mark(placed: _Placed, radius: float, with_link: bool) -> str:
        p = placed.point
        body = (
            f"<title>{escape(p.label)}: {escape(p.detail)}</title>"
            f'<circle class="pt" cx="{placed.x:.1f}" cy="{placed.y:.1f}" r="{radius}"/>'
            f'<text class="lbl" x="{placed.label_x:.1f}" y="{placed.label_y:.1f}" '
            f'text-anchor="{placed.anchor}">{escape(p.label)}</text>'
        )
        if with_link and p.href is not None:
            return f'<a href="{escape(p.href)}">{body}</a>'
        return body

    def _base(self) -> str:
        marks = [f"<g>{self._mark(p, POINT_RADIUS, True)}</g>" for p in self.placed]
        return "".join(self._axes()) + '<g class="points">' + "".join(marks) + "</g>"

    def svg(
        self, highlight: Collection[str] = (), title: str = "", standalone: bool = False
    ) -> str:
        """The chart; models in `highlight` are drawn on top, larger and labelled in bold."""
        overlay = "".join(
            f'<g class="hl">{self._mark(self.by_id[m], POINT_RADIUS + 2, True)}</g>'
            for m in sorted(highlight)
            if m in self.by_id
        )
        xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
        # Inline in a page the rules come from site.css (the pages' CSP forbids inline style).
        style = f"<style>{STYLE}</style>" if standalone else ""
        head = (
            f'<svg{xmlns} class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>{style}"
        )
        if not self.points:
            empty = (
                f'<text x="{WIDTH / 2:.0f}" y="{HEIGHT / 2:.0f}" text-anchor="middle">'
                "No model has both a price and an intelligence index yet.</text>"
            )
            return head + empty + "</svg>"
        return head + self.base + overlay + "</svg>"
