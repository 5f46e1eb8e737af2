"""Point labels that neither overlap nor leave the plot: one placement used by every labelled scatter.

Plotly writes a scatter's text at one of eight places around its marker and never moves a label out
of another's way, nor widens the axes for a label near the edge. `spread_labels` does both for a
built figure: for each label it picks the first free place (above, below, right, left, then the
corners), and a label with no free place beside its marker is moved farther out as an annotation
joined to its point by a thin line. The axis ranges are then padded so every label lies inside the
plot. All of it is computed in pixels from the figure's height, the narrowest width it is drawn at
(`min_width`), its margins and its axis ranges, with a label's size estimated from its font size and
number of characters (`text_box`). A wider drawing only moves points farther apart, so what does not
overlap at `min_width` does not overlap wider either.

The figure remembers how its labels were placed (``layout.meta["spread_labels"]``, with the ranges
it had before), so a figure whose fonts or markers are enlarged afterwards (presenter mode) has its
labels placed again for the sizes it is drawn at: `respread_labels`.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "CHAR_WIDTH",
    "LINE_HEIGHT",
    "PlotGeometry",
    "plot_geometry",
    "respread_labels",
    "spread_labels",
    "text_box",
]

#: A character's width as a share of the font size, by kind of character. Measured in Chromium on the
#: app's labels (plotly's default fonts): 0.49 to 0.55 em per character on average, 0.66 at most (for
#: "man"); these are a little wider, so an estimate is never narrower than the text drawn.
CHAR_WIDTH = {"narrow": 0.34, "wide": 0.92, "capital": 0.76, "other": 0.62}
_NARROW = set("fijlrt.,:;'!|()[] ")
_WIDE = set("mwMW@%")
#: A line's height as a share of the font size (the browser's box around one line: 1.15 em measured).
LINE_HEIGHT = 1.3
#: Places plotly can write a text beside its marker, in the order they are tried.
POSITIONS = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
#: Farther places for a label that fits nowhere beside its marker: offsets in px (x right, y down).
_FAR = [
    (round(r * math.cos(a)), round(-r * math.sin(a)))
    for r in (34, 52, 74, 100, 130)
    for a in np.linspace(math.pi / 2, math.pi / 2 + 2 * math.pi, 16, endpoint=False)
]
_GAP = 2.0  # px of air kept around each label
_META = "spread_labels"  # the key of the placement's record in ``layout.meta``, and the name of its annotations
_TAG = re.compile(r"<[^>]+>")


def _kind(char: str) -> str:
    if char in _NARROW:
        return "narrow"
    if char in _WIDE:
        return "wide"
    return "capital" if char.isupper() else "other"


def text_box(text: str, font_size: float) -> tuple[float, float]:
    """A label's estimated ``(width, height)`` in px: `CHAR_WIDTH` em per character, one line per ``<br>``.

    Example: ``text_box("queen", 13)`` is ``(40.3, 16.9)``.
    """
    lines = [html.unescape(_TAG.sub("", line)) for line in re.split(r"<br\s*/?>", str(text))]
    ems = [sum(CHAR_WIDTH[_kind(c)] for c in line) for line in lines]
    return max(ems, default=0.0) * font_size, len(lines) * LINE_HEIGHT * font_size


@dataclass(frozen=True)
class PlotGeometry:
    """Where the plot area of a 2D figure is, in px, and the data ranges it shows.

    Attributes:
        width, height: the plot area's size in px (the figure minus margins, ticks, titles and legend).
        x_range, y_range: the data shown across it, ``(low, high)``.
    """

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def to_px(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Data coordinates to px from the plot area's top-left corner (y grows downwards)."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (np.asarray(x, float) - x0) / (x1 - x0) * self.width, (y1 - np.asarray(y, float)) / (
            y1 - y0
        ) * self.height


def _font(fig: go.Figure) -> float:
    return float(fig.layout.font.size or 12)


def _size(font: object, default: float) -> float:
    """The size of a plotly font object (a legend's, an axis's ticks'), else `default` (the figure's font)."""
    size = getattr(font, "size", None)
    return float(size) if isinstance(size, int | float) else default


def _legend_room(fig: go.Figure, font: float, width: float) -> tuple[float, float]:
    """Px the legend takes from the plot area's ``(width, height)``: to the right, or below when horizontal.

    A horizontal legend's entries flow in rows `width` px wide (the figure's width).
    """
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or not shown or (len(fig.data) == 1 and fig.layout.showlegend is not True):
        return 0.0, 0.0
    names = [text_box(t.name, font)[0] for t in shown]
    if fig.layout.legend.orientation == "h":
        rows, used = 1, 0.0
        for w in names:  # entries flow left to right and wrap
            used += w + 46
            if used > width:
                rows, used = rows + 1, w + 46
        return 0.0, rows * (font * 1.6 + 6) + 10
    return max(names) + 60, 0.0


def plot_geometry(
    fig: go.Figure,
    *,
    min_width: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> PlotGeometry:
    """The plot area of `fig` drawn `min_width` px wide, showing `x_range` × `y_range` (before equal-scale widening).

    The area is the figure minus its margins, the legend, and room for visible tick labels and axis
    titles (estimated from the font size). With ``yaxis.scaleanchor = "x"`` one range is widened about
    its middle, as plotly does, so both axes show the same px per data unit.
    """
    font = _font(fig)
    margin = fig.layout.margin
    legend_w, legend_h = _legend_room(fig, _size(fig.layout.legend.font, font), min_width)
    width = min_width - (margin.l or 0) - (margin.r or 0) - legend_w
    height = (fig.layout.height or 450) - (margin.t or 0) - (margin.b or 0) - legend_h
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    if xaxis.visible is not False:
        tick, title = _size(xaxis.tickfont, font), _size(xaxis.title.font, font)
        height -= tick * 1.6 + (title * 2.2 if xaxis.title.text else 0)
    if yaxis.visible is not False:
        tick, title = _size(yaxis.tickfont, font), _size(yaxis.title.font, font)
        width -= tick * 3.5 + (title * 2.2 if yaxis.title.text else 0)
    if fig.layout.title.text:
        title = _size(fig.layout.title.font, font)
        height -= max(0.0, title * 2.6 - (margin.t or 0) + title)
    (x0, x1), (y0, y1) = x_range, y_range
    if yaxis.scaleanchor == "x":
        scale = min(width / (x1 - x0), height / (y1 - y0))
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        x0, x1 = xm - width / scale / 2, xm + width / scale / 2
        y0, y1 = ym - height / scale / 2, ym + height / scale / 2
    return PlotGeometry(width=max(width, 1.0), height=max(height, 1.0), x_range=(x0, x1), y_range=(y0, y1))


def _box(px: float, py: float, w: float, h: float, position: str, r: float) -> tuple[float, float, float, float]:
    """``(x0, y0, x1, y1)`` of a label written at `position` beside a marker of radius `r` at ``(px, py)``."""
    vertical, horizontal = position.split()
    if horizontal == "center":
        x0 = px - w / 2
    elif horizontal == "right":
        x0 = px + r
    else:
        x0 = px - r - w
    if vertical == "middle":
        y0 = py - h / 2
    elif vertical == "top":
        y0 = py - r - h
    else:
        y0 = py + r
    return x0, y0, x0 + w, y0 + h


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


@dataclass
class _Point:
    trace: int
    row: int
    x: float
    y: float
    text: str
    w: float
    h: float
    r: float
    size: float


def _segments(fig: go.Figure) -> list[tuple[float, float, float, float]]:
    """Lines a label should not cover, ``(x0, y0, x1, y1)`` in data units: arrows drawn in data units
    (annotations with ``axref="x"``) and the segments of line traces."""
    out = []
    for a in fig.layout.annotations:
        if a.showarrow and a.axref == "x" and a.ayref == "y" and None not in (a.x, a.y, a.ax, a.ay):
            out.append((float(a.ax), float(a.ay), float(a.x), float(a.y)))
    for trace in fig.data:
        if trace.type == "scatter" and trace.mode == "lines" and (trace.xaxis or "x") == "x" and trace.x is not None:
            xs, ys = list(trace.x), list(trace.y)
            for i in range(len(xs) - 1):
                if None not in (xs[i], ys[i], xs[i + 1], ys[i + 1]):
                    out.append((float(xs[i]), float(ys[i]), float(xs[i + 1]), float(ys[i + 1])))
    return out


def _labelled(fig: go.Figure) -> tuple[list[_Point], list[tuple[float, float, float]]]:
    """Every labelled point of the figure's 2D scatters, and every marker as ``(x, y, radius px)``."""
    font = _font(fig)
    points, markers = [], []
    for t, trace in enumerate(fig.data):
        if trace.type not in {"scatter", "scattergl"} or trace.x is None or "markers" not in (trace.mode or "markers"):
            continue
        if (trace.xaxis or "x") != "x" or (trace.yaxis or "y") != "y":
            continue  # another subplot's axes
        size = trace.marker.size if isinstance(trace.marker.size, int | float) else 6
        radius = size / 2 / 0.8 + 1  # plotly's own offset of a text from its marker
        texts = trace.text if trace.text is not None and "text" in (trace.mode or "") else None
        if isinstance(texts, str):
            texts = [texts] * len(trace.x)
        tsize = trace.textfont.size if isinstance(trace.textfont.size, int | float) else font
        for i, (x, y) in enumerate(zip(trace.x, trace.y, strict=True)):
            if x is None or y is None:
                continue
            markers.append((float(x), float(y), radius))
            if texts is not None and str(texts[i]):
                w, h = text_box(str(texts[i]), tsize)
                points.append(_Point(t, i, float(x), float(y), str(texts[i]), w, h, radius, float(tsize)))
    return points, markers


def _extent(values: Sequence[float]) -> tuple[float, float]:
    low, high = float(min(values)), float(max(values))
    pad = (high - low) * 0.04 or 1.0
    return low - pad, high + pad


def _overlaps(options: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Overlap area (px²) of each option ``(k, 4)`` with all `boxes` ``(m, 4)``, summed: shape ``(k,)``."""
    if not len(boxes):
        return np.zeros(len(options))
    dx = np.minimum(options[:, None, 2], boxes[None, :, 2]) - np.maximum(options[:, None, 0], boxes[None, :, 0])
    dy = np.minimum(options[:, None, 3], boxes[None, :, 3]) - np.maximum(options[:, None, 1], boxes[None, :, 1])
    return (np.clip(dx, 0, None) * np.clip(dy, 0, None)).sum(axis=1)


def _place(points: list[_Point], markers: list, segments: list, geo: PlotGeometry) -> tuple[list, list]:
    """Greedy: the most crowded label first, each at its first free place; returns (place, box) per point."""
    mx, my = geo.to_px(np.array([m[0] for m in markers]), np.array([m[1] for m in markers]))
    mr = np.array([m[2] for m in markers])
    obstacles = np.stack([mx - mr, my - mr, mx + mr, my + mr], axis=1)
    lines = []
    for x0, y0, x1, y1 in segments:  # each line as small squares every 4 px along it
        (ax, bx), (ay, by) = geo.to_px(np.array([x0, x1]), np.array([y0, y1]))
        t = np.linspace(0, 1, max(2, int(np.hypot(bx - ax, by - ay) / 4)))
        sx, sy = ax + t * (bx - ax), ay + t * (by - ay)
        lines.append(np.stack([sx - 1.5, sy - 1.5, sx + 1.5, sy + 1.5], axis=1))
    lines_box = np.vstack(lines) if lines else np.zeros((0, 4))
    px, py = geo.to_px(np.array([p.x for p in points]), np.array([p.y for p in points]))
    near = (np.abs(px[:, None] - px[None, :]) < 80) & (np.abs(py[:, None] - py[None, :]) < 40)
    order = np.argsort(-near.sum(axis=1), kind="stable")
    placed = np.zeros((0, 4))
    places: list = [None] * len(points)
    boxes: list = [None] * len(points)
    far = np.array(_FAR, dtype=float)
    for i in order:
        p = points[i]
        near_box = [_box(px[i], py[i], p.w, p.h, pos, p.r) for pos in POSITIONS]
        far_box = np.stack(
            [
                px[i] + far[:, 0] - p.w / 2,
                py[i] + far[:, 1] - p.h / 2,
                px[i] + far[:, 0] + p.w / 2,
                py[i] + far[:, 1] + p.h / 2,
            ],
            axis=1,
        )
        options = np.vstack([np.array(near_box), far_box])
        grown = options + np.array([-_GAP, -_GAP, _GAP, _GAP])
        own = (np.abs(mx - px[i]) < 0.5) & (np.abs(my - py[i]) < 0.5)
        out = (
            np.clip(-options[:, 0], 0, None)
            + np.clip(options[:, 2] - geo.width, 0, None)
            + np.clip(-options[:, 1], 0, None)
            + np.clip(options[:, 3] - geo.height, 0, None)
        )
        cost = _overlaps(grown, placed) + _overlaps(grown, obstacles[~own]) + _overlaps(grown, lines_box)
        cost[len(POSITIONS) :] += _overlaps(grown[len(POSITIONS) :], obstacles[own])  # a far label clears its own point
        cost += 1_000 * out
        free = np.flatnonzero(cost <= 0)
        k = int(free[0]) if len(free) else int(np.argmin(cost))
        places[i] = (
            POSITIONS[k] if k < len(POSITIONS) else (int(far[k - len(POSITIONS), 0]), int(far[k - len(POSITIONS), 1]))
        )
        boxes[i] = tuple(float(v) for v in options[k])
        placed = np.vstack([placed, options[k][None, :]])
    return places, boxes


def spread_labels(fig: go.Figure, *, min_width: float, pad_ranges: bool = True) -> go.Figure:
    """Place every scatter label of a 2D figure so none overlaps another label or a marker, or leaves the plot.

    Sets each labelled trace's ``textposition`` per point; a label with no free place beside its
    marker becomes an annotation farther out, joined to its point by a thin grey line. With
    `pad_ranges`, the axis ranges are set wide enough for every label.

    Args:
        fig: a figure with 2D scatter traces on one pair of axes (``xaxis``, ``yaxis``).
        min_width: the narrowest width in px the figure is drawn at.
        pad_ranges: widen the axes to hold the labels (else the ranges are kept as they are).

    Returns:
        `fig`, changed in place.
    """
    _undo(fig)
    points, markers = _labelled(fig)
    if not points:
        return fig
    _remember(fig, min_width=min_width, pad_ranges=pad_ranges)
    segments = _segments(fig)
    xs, ys = [m[0] for m in markers], [m[1] for m in markers]
    x_range = tuple(fig.layout.xaxis.range) if fig.layout.xaxis.range else _extent(xs)
    y_range = tuple(fig.layout.yaxis.range) if fig.layout.yaxis.range else _extent(ys)
    for attempt in range(9):
        geo = plot_geometry(fig, min_width=min_width, x_range=x_range, y_range=y_range)
        places, boxes = _place(points, markers, segments, geo)
        if not pad_ranges or attempt == 8:
            break  # the last try keeps the ranges it was given, so the places match them
        (gx0, gx1), (gy0, gy1) = geo.x_range, geo.y_range
        ux, uy = (gx1 - gx0) / geo.width, (gy1 - gy0) / geo.height
        lo_x = min(gx0 + (b[0] - _GAP) * ux for b in boxes)
        hi_x = max(gx0 + (b[2] + _GAP) * ux for b in boxes)
        hi_y = max(gy1 - (b[1] - _GAP) * uy for b in boxes)
        lo_y = min(gy1 - (b[3] + _GAP) * uy for b in boxes)
        if lo_x >= gx0 and hi_x <= gx1 and lo_y >= gy0 and hi_y <= gy1:
            break
        x_range = (min(x_range[0], lo_x), max(x_range[1], hi_x))
        y_range = (min(y_range[0], lo_y), max(y_range[1], hi_y))
    by_trace: dict[int, list[str]] = {}
    for p, place in zip(points, places, strict=True):
        if p.trace not in by_trace:
            given, n = fig.data[p.trace].textposition, len(fig.data[p.trace].x)
            by_trace[p.trace] = list(given) if isinstance(given, list | tuple) else [str(given or "top center")] * n
        positions = by_trace[p.trace]
        if isinstance(place, str):
            positions[p.row] = place
            continue
        texts = list(fig.data[p.trace].text)
        texts[p.row] = ""
        fig.data[p.trace].text = texts
        color = fig.data[p.trace].textfont.color or "#333333"
        fig.add_annotation(
            x=p.x, y=p.y, text=p.text, showarrow=True, ax=place[0], ay=place[1], arrowhead=0, arrowwidth=1,
            arrowcolor="#999999", font={"color": color, "size": p.size}, standoff=p.r - 1,
            name=f"{_META} {p.trace} {p.row}",
        )  # fmt: skip
    for t, positions in by_trace.items():
        fig.data[t].textposition = positions
    if pad_ranges:
        # The ranges shown at `min_width`; with equal scales, a wider drawing keeps them and narrows
        # the x axis's domain ("domain"), where plotly would otherwise change a range and cut labels.
        fig.update_layout(xaxis_range=list(geo.x_range), yaxis_range=list(geo.y_range))
        if fig.layout.yaxis.scaleanchor == "x":
            fig.update_layout(xaxis_constrain="domain", yaxis_constrain="domain")
    return fig


def _remember(fig: go.Figure, *, min_width: float, pad_ranges: bool) -> None:
    """Record in ``layout.meta`` how the labels are placed and the axes as they were before."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    xaxis, yaxis = fig.layout.xaxis, fig.layout.yaxis
    meta[_META] = {
        "min_width": min_width,
        "pad_ranges": pad_ranges,
        "axes": {
            "xaxis_range": list(xaxis.range) if xaxis.range else None,
            "yaxis_range": list(yaxis.range) if yaxis.range else None,
            "xaxis_constrain": xaxis.constrain,
            "yaxis_constrain": yaxis.constrain,
        },
    }
    fig.update_layout(meta=meta)


def _record(fig: go.Figure) -> dict | None:
    meta = fig.layout.meta
    return meta.get(_META) if isinstance(meta, dict) else None


def _undo(fig: go.Figure) -> dict | None:
    """Take back an earlier `spread_labels` on `fig`: its labels back on their traces, its axes as they were.

    Returns the earlier placement's record (None if the labels were never placed).
    """
    record = _record(fig)
    if record is None:
        return None
    kept = []
    for a in fig.layout.annotations:
        words = (a.name or "").split()
        if len(words) == 3 and words[0] == _META:
            trace, row = int(words[1]), int(words[2])
            texts = list(fig.data[trace].text)
            texts[row] = a.text
            fig.data[trace].text = texts
        else:
            kept.append(a)
    fig.layout.annotations = kept
    fig.update_layout(record["axes"])
    return record


def respread_labels(fig: go.Figure) -> go.Figure:
    """Place `fig`'s labels again, as `spread_labels` placed them, for the font and marker sizes it has now.

    For a figure enlarged after it was built (``ui.charts.for_projector``): the labels were placed for
    the smaller sizes and would touch or leave the plot at the larger ones. A figure whose labels were
    not placed by `spread_labels` is returned as it is.

    Returns:
        `fig`, changed in place.
    """
    record = _record(fig)
    if record is None:
        return fig
    return spread_labels(fig, min_width=record["min_width"], pad_ranges=record["pad_ranges"])
