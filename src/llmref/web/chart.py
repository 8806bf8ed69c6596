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
    ".lbl{fill:#3e4c59}.leader{stroke:#9aa5b1;stroke-width:.8}"
    ".hl .pt{fill:#d64545;fill-opacity:1;stroke:#1f2933;stroke-width:1.5}"
    ".hl .lbl{font-weight:700;fill:#9b1c1c;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    ".ttl{font-size:12px;font-weight:600;fill:#1f2933}"
)


def _c(value: float) -> str:
    """A coordinate to a tenth of a pixel, without a needless ".0" ("64", "129.6"): an SVG
    reads both alike, and a chart has a thousand of them."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


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
    box: tuple[float, float, float, float] | None = None
    """The label's estimated box (left, top, right, bottom); None when the point is not
    labelled on the chart (its name is in the data table)."""
    leader: bool = False
    """Whether a line joins the label to its point (the label sits away from it)."""

    @property
    def labelled(self) -> bool:
        return self.box is not None


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


LABEL_LIMIT = 36
"""At most this many labels: beyond it a chart of 150+ points is unreadable whatever the layout;
every point is still in the data table under the chart."""
_NARROW = set("ijlrtf.,:;'|!()[] -")
_WIDE = set("mwMW@%")


def label_width(text: str, bold: bool = False) -> float:
    """A generous estimate of the label's width in pixels (11px sans-serif): placement must not
    under-estimate, or two labels the layout thinks apart would touch in a browser."""
    width = 0.0
    for ch in text:
        if ch in _NARROW:
            width += 3.6
        elif ch in _WIDE:
            width += 9.6
        elif ch.isupper() or ch.isdigit():
            width += 7.4
        else:
            width += 6.4
    return width * (1.12 if bold else 1.0) + 4


def _intersects(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class ChartLayout:
    """Scales, axes, points and label positions for one set of points.

    Labels go to a chosen subset, in priority order: the highlighted models, then the models on
    the price-quality frontier (no other model is both cheaper and better), then the best
    scores. Each is tried at growing distances in eight directions around its point (with a
    leader line when away from it); a spot is taken only if its box overlaps no other label,
    no point and stays inside the plot. A label with no free spot is left off: the data table
    lists every point, so nothing is lost and no two labels ever overlap.
    """

    def __init__(
        self,
        points: Sequence[ChartPoint],
        x_title: str = "Typical request cost (5K input + 1K output tokens), USD, log scale",
        y_title: str = "Intelligence index",
        *,
        lower_is_better: bool = False,
        highlight: Collection[str] = (),
        label_limit: int = LABEL_LIMIT,
    ) -> None:
        self.lower_is_better = lower_is_better
        sign = 1 if lower_is_better else -1
        self.points = sorted(points, key=lambda p: (sign * p.index, p.cost, p.model_id))
        self.x_title = x_title
        self.y_title = y_title
        self.highlight = frozenset(highlight)
        self.label_limit = label_limit
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

    @property
    def unlabelled(self) -> tuple[str, ...]:
        """Ids of the points drawn without a label (the data table names them)."""
        return tuple(p.point.model_id for p in self.placed if not p.labelled)

    def sx(self, cost: float) -> float:
        frac = (math.log10(cost) - self.x_first) / (self.x_last - self.x_first)
        return LEFT + frac * self.plot_w

    def sy(self, value: float) -> float:
        """Better is up: for a lower-is-better benchmark the axis runs downwards."""
        frac = (value - self.y_low) / (self.y_high - self.y_low)
        if self.lower_is_better:
            frac = 1 - frac
        return TOP + (1 - frac) * self.plot_h

    def _priority(self) -> list[ChartPoint]:
        """Highlighted first, then the frontier from cheapest up, then best scores."""
        sign = -1 if self.lower_is_better else 1
        frontier: list[ChartPoint] = []
        best: Decimal | None = None
        for p in sorted(self.points, key=lambda q: (q.cost, q.model_id)):
            if best is None or sign * (p.index - best) > 0:
                frontier.append(p)
                best = p.index
        order = [p for p in self.points if p.model_id in self.highlight]
        order += [p for p in frontier if p not in order]
        order += [p for p in self.points if p not in order]
        return order

    def _place(self) -> list[_Placed]:
        centres = {
            p.model_id: (self.sx(float(p.cost)), self.sy(float(p.index))) for p in self.points
        }
        r = POINT_RADIUS + 1
        dots = [(x - r, y - r, x + r, y + r) for x, y in centres.values()]
        taken: list[tuple[float, float, float, float]] = []
        spots: dict[str, tuple[float, float, str, tuple[float, float, float, float], bool]] = {}
        h = FONT_SIZE + 3
        tried = 0
        for p in self._priority():
            highlighted = p.model_id in self.highlight
            # A crowded chart has few free spots: stop after a bounded number of attempts so
            # the layout stays linear in the number of points.
            if not highlighted and (
                len(spots) >= self.label_limit or tried >= 6 * self.label_limit
            ):
                break
            tried += 0 if highlighted else 1
            x, y = centres[p.model_id]
            w = label_width(p.label, bold=p.model_id in self.highlight)
            reach = w + 60
            near = [d for d in dots if abs(d[0] - x) < reach and abs(d[1] - y) < 80]
            found = None
            for distance in (6, 16, 30, 46):
                lead = distance > 6
                for dx, dy in (
                    (1, 0),
                    (-1, 0),
                    (0, -1),
                    (0, 1),
                    (1, -1),
                    (-1, -1),
                    (1, 1),
                    (-1, 1),
                ):
                    cx, cy = x + dx * (distance + r), y + dy * (distance + r)
                    if dx > 0:
                        left, anchor = cx, "start"
                    elif dx < 0:
                        left, anchor = cx - w, "end"
                    else:
                        left, anchor = cx - w / 2, "middle"
                    top = cy - h / 2 if dy == 0 else (cy - h if dy < 0 else cy)
                    box = (left, top, left + w, top + h)
                    if box[0] < LEFT + 2 or box[2] > WIDTH - RIGHT or box[1] < TOP - 4:
                        continue
                    if box[3] > TOP + self.plot_h - 2:
                        continue
                    if any(_intersects(box, t) for t in taken):
                        continue
                    if any(_intersects(box, d) for d in near):
                        continue
                    text_x = cx if dx != 0 else x
                    found = (text_x, top + h - 4, anchor, box, lead)
                    break
                if found:
                    break
            if found is not None:
                taken.append(found[3])
                spots[p.model_id] = found
        placed = []
        for p in self.points:
            x, y = centres[p.model_id]
            spot = spots.get(p.model_id)
            if spot is None:
                placed.append(_Placed(p, x, y, x, y, "start"))
            else:
                placed.append(_Placed(p, x, y, spot[0], spot[1], spot[2], spot[3], spot[4]))
        return placed

    def _axes(self) -> list[str]:
        out = []
        bottom = TOP + self.plot_h
        for decade in range(self.x_first, self.x_last + 1):
            value = 10.0**decade
            x = self.sx(value)
            out.append(f'<line class="grid" x1="{_c(x)}" y1="{TOP}" x2="{_c(x)}" y2="{bottom}"/>')
            out.append(
                f'<text class="tick" x="{_c(x)}" y="{bottom + 16}" text-anchor="middle">'
                f"{_dollars(value)}</text>"
            )
            if decade < self.x_last:
                for minor in (2, 5):
                    mx = self.sx(minor * value)
                    out.append(
                        f'<line class="grid minor" x1="{_c(mx)}" y1="{TOP}" x2="{_c(mx)}" '
                        f'y2="{bottom}"/>'
                    )
        tick = self.y_low
        while tick <= self.y_high + 1e-9:
            y = self.sy(tick)
            out.append(
                f'<line class="grid" x1="{LEFT}" y1="{_c(y)}" x2="{WIDTH - RIGHT}" y2="{_c(y)}"/>'
            )
            out.append(
                f'<text class="tick" x="{LEFT - 8}" y="{_c(y + 4)}" '
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
    def _dot(placed: _Placed, radius: float, with_link: bool) -> str:
        p = placed.point
        body = (
            f"<title>{escape(p.label)}: {escape(p.detail)}</title>"
            f'<circle class="pt" cx="{_c(placed.x)}" cy="{_c(placed.y)}" r="{radius}"/>'
        )
        if with_link and p.href is not None:
            return f'<a href="{escape(p.href)}">{body}</a>'
        return body

    @staticmethod
    def _label(placed: _Placed) -> str:
        if placed.box is None:
            return ""
        p = placed.point
        out = ""
        if placed.leader:
            box = placed.box
            lx = min(max(placed.x, box[0]), box[2])
            ly = min(max(placed.y, box[1]), box[3])
            out += (
                f'<line class="leader" x1="{_c(placed.x)}" y1="{_c(placed.y)}" '
                f'x2="{_c(lx)}" y2="{_c(ly)}"/>'
            )
        out += (
            f'<text class="lbl" data-model="{escape(p.model_id)}" x="{_c(placed.label_x)}" '
            f'y="{_c(placed.label_y)}" text-anchor="{placed.anchor}">{escape(p.label)}</text>'
        )
        return out

    def _base(self) -> str:
        plain = [p for p in self.placed if p.point.model_id not in self.highlight]
        dots = "".join(f"<g>{self._dot(p, POINT_RADIUS, True)}</g>" for p in plain)
        labels = "".join(self._label(p) for p in plain)
        return "".join(self._axes()) + f'<g class="points">{dots}</g><g class="labels">{labels}</g>'

    def svg(
        self, highlight: Collection[str] = (), title: str = "", standalone: bool = False
    ) -> str:
        """The chart; the layout's highlighted models (and any in `highlight` that are
        plotted) are drawn on top, larger, with bold labels."""
        chosen = sorted((set(highlight) | self.highlight) & set(self.by_id))
        overlay = "".join(
            f'<g class="hl">{self._dot(self.by_id[m], POINT_RADIUS + 2, True)}'
            f"{self._label(self.by_id[m])}</g>"
            for m in chosen
            if m in self.highlight
        )
        extra = "".join(
            f'<g class="hl">{self._dot(self.by_id[m], POINT_RADIUS + 2, True)}</g>'
            for m in chosen
            if m not in self.highlight
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
                "No model has both a price and a score on this benchmark yet.</text>"
            )
            return head + empty + "</svg>"
        return head + self.base + extra + overlay + "</svg>"
