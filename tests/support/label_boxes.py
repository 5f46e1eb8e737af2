"""Where a labelled figure's point labels and markers are drawn, computed from the figure alone.

Independent of the placement code (`embedding_core.figures.labels`): a label's width from its font
size and number of characters (0.55 em a character, the average measured in Chromium on these
labels), its place from the trace's ``textposition`` (or an annotation's offset), in px through the
figure's height, the width it is drawn at, its margins and its axis ranges (plotly's autorange, 5 %
of the data's spread each side, when no range is set). Shared by the core figure tests and the
presenter-mode tests, with the figures both check.
"""

from __future__ import annotations

import json

import embedding_core as ec
from embedding_core.datasets import DATA_DIR
from embedding_core.figures import occurrence_map_figure, parallelogram_figure, projection_figure, word_map_figure

CHAR_EM = 0.55  # average width of a character, in em
LINE_EM = 1.15  # height of one line of text, in em
#: Widths in px each figure is drawn at on a 1440x900 screen (measured in the app; Home's picture is
#: in a 3:2 column, the parallelograms and Inside's map in half columns). Presenter mode at 1920x1080
#: draws them wider, which only moves points apart.
WIDTH = {"home": 560, "parallelogram": 460, "inside": 460, "map": 640}

Box = tuple[float, float, float, float]


def _plot_area(fig, width: float) -> tuple[float, float]:
    """``(width, height)`` of the plot area in px, generously sized."""
    font = fig.layout.font.size or 12
    m = fig.layout.margin
    w = width - (m.l or 0) - (m.r or 0)
    h = (fig.layout.height or 450) - (m.t or 0) - (m.b or 0)
    named = [t for t in fig.data if t.name and t.showlegend is not False]
    if len(named) > 1 and fig.layout.showlegend is not False:
        legend = fig.layout.legend.font.size or font
        if fig.layout.legend.orientation == "h":
            rows = max(1, round(sum(len(t.name) * CHAR_EM * legend + 40 for t in named) / w + 0.5))
            h -= (legend * 1.3 + 6) * rows
        else:
            w -= max(len(t.name) for t in named) * CHAR_EM * legend + 40
    if fig.layout.xaxis.visible is not False:
        h -= 2.6 * font if fig.layout.xaxis.title.text else 1.4 * font
    if fig.layout.yaxis.visible is not False:
        w -= 4.5 * font if fig.layout.yaxis.title.text else 3 * font
    return w, h


def _ranges(fig) -> tuple[tuple[float, float], tuple[float, float]]:
    xs = [v for t in fig.data if t.x is not None for v in t.x if v is not None]
    ys = [v for t in fig.data if t.y is not None for v in t.y if v is not None]

    def auto(values):
        lo, hi = min(values), max(values)
        return lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)

    x = tuple(fig.layout.xaxis.range) if fig.layout.xaxis.range else auto(xs)
    y = tuple(fig.layout.yaxis.range) if fig.layout.yaxis.range else auto(ys)
    return x, y


def figure_boxes(fig, width: float) -> tuple[tuple[float, float], list[tuple[str, Box]], list[Box]]:
    """The plot area ``(w, h)``, every point label's box and every marker's box, in px from its top left."""
    font = fig.layout.font.size or 12
    w, h = _plot_area(fig, width)
    (x0, x1), (y0, y1) = _ranges(fig)
    sx, sy = w / (x1 - x0), h / (y1 - y0)
    if fig.layout.yaxis.scaleanchor == "x":  # one scale for both axes: the tighter one, the other range widened
        s = min(sx, sy)
        if fig.layout.xaxis.constrain == "domain":  # the ranges stay, the plot area shrinks
            w, h = (x1 - x0) * s, (y1 - y0) * s
        else:
            xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
            x0, x1, y0, y1 = xm - w / s / 2, xm + w / s / 2, ym - h / s / 2, ym + h / s / 2
        sx = sy = s

    def px(x, y):
        return (x - x0) * sx, (y1 - y) * sy

    boxes, markers = [], []
    for trace in fig.data:
        if trace.type != "scatter" or trace.x is None or (trace.xaxis or "x") != "x":
            continue
        size = trace.marker.size if isinstance(trace.marker.size, int | float) else 6
        if "markers" in (trace.mode or "markers"):
            for x, y in zip(trace.x, trace.y, strict=True):
                if x is not None and y is not None:
                    cx, cy = px(x, y)
                    markers.append((cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2))
        if "text" not in (trace.mode or "") or trace.text is None:
            continue
        r = size / 2 / 0.8 + 1  # plotly's gap between a marker and its text
        tsize = trace.textfont.size or font
        positions = trace.textposition
        for i, (x, y, text) in enumerate(zip(trace.x, trace.y, trace.text, strict=True)):
            if not text:
                continue
            pos = positions[i] if isinstance(positions, tuple | list) else (positions or "middle center")
            tw, th = len(text) * CHAR_EM * tsize, LINE_EM * tsize
            cx, cy = px(x, y)
            vertical, horizontal = pos.split()
            bx = {"left": cx - r - tw, "center": cx - tw / 2, "right": cx + r}[horizontal]
            by = {"top": cy - r - th, "middle": cy - th / 2, "bottom": cy + r}[vertical]
            boxes.append((text, (bx, by, bx + tw, by + th)))
    for a in fig.layout.annotations:
        if a.xref == "x" and a.text and a.axref in (None, "pixel"):
            asize = a.font.size or font
            tw, th = len(a.text) * CHAR_EM * asize, LINE_EM * asize
            cx, cy = px(a.x, a.y)
            cx, cy = cx + (a.ax or 0), cy + (a.ay or 0)
            boxes.append((a.text, (cx - tw / 2, cy - th / 2, cx + tw / 2, cy + th / 2)))
    return (w, h), boxes, markers


def label_boxes(fig, width: float) -> tuple[tuple[float, float], list[tuple[str, Box]]]:
    """The plot area ``(w, h)`` in px and every point label's box ``(x0, y0, x1, y1)`` in px from its top left."""
    area, boxes, _ = figure_boxes(fig, width)
    return area, boxes


def _meet(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def problems(fig, width: float, *, markers: bool = False) -> list[str]:
    """Labels outside the plot or overlapping another label (and, with `markers`, covering a marker)."""
    (w, h), boxes, dots = figure_boxes(fig, width)
    found = [f"{t!r} outside the plot" for t, b in boxes if b[0] < 0 or b[1] < 0 or b[2] > w or b[3] > h]
    for i, (ta, a) in enumerate(boxes):
        found += [f"{ta!r} overlaps {tb!r}" for tb, b in boxes[i + 1 :] if _meet(a, b)]
        if markers and any(_meet(a, d) for d in dots):
            found.append(f"{ta!r} covers a marker")
    return found


def home_figure():
    """Home's picture: 16 words on their map."""
    ex = json.loads((DATA_DIR / "home_example.json").read_text())
    return word_map_figure(ex["words"], ex["groups"], ex["x"], ex["y"], title="16 words")


def the_parallelogram(model):
    """Analogies' parallelogram of man : king :: woman : ?."""
    return parallelogram_figure(ec.parallelogram(model, "man", "king", "woman"))


def inside_map(minilm):
    """Inside's S1…S6 map of the first preset's sentences."""
    preset = next(iter(ec.CONTEXT_PRESETS.values()))
    sentences = [s for _, s in preset.sentences]
    occ = ec.compare_occurrences(minilm, sentences, preset.word, other_words=preset.other_words)
    senses = [preset.sense_of(s) or "your sentence" for s in sentences]
    return occurrence_map_figure(occ, [f"S{i}" for i in range(1, len(sentences) + 1)], senses)


def labelled_map(minilm, method: str):
    """Maps' labelled map of the lesson's example words."""
    texts, groups = [], []
    for line in ec.lesson_text("projections", "example").strip().splitlines():
        group, items = line.split(":")
        texts += [w.strip() for w in items.split(",")]
        groups += [group] * len(items.split(","))
    proj = ec.project(minilm.embed(texts), method)
    return projection_figure(proj.coords, texts, groups, title="map")
