"""Figures of maps: 2D/3D scatter of a projection coloured by group, explained variance, distortion."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..errors import InvalidParameterError
from ..projection import NeighborOverlap
from .labels import spread_labels
from .style import PALETTE, apply_style, short_label

__all__ = [
    "FOCUS_COLOURS",
    "FOCUS_DIM",
    "FOCUS_WINDOW",
    "group_colors",
    "maps_figure",
    "projection_figure",
    "variance_figure",
]

#: More than this many points: WebGL markers (Scattergl) and no text labels.
WEBGL_FROM = 1_000
LABELS_UP_TO = 60
#: After the palette's 14 colours (beyond 14 groups colours start to look alike; the legend tells them apart).
_EXTRA = ["#44AA99", "#AA4499", "#117733", "#6699CC", "#888888"]


def group_colors(groups: Sequence[str]) -> dict[str, str]:
    """A stable colour per group name (first seen, first colour), shared by side-by-side maps."""
    colors = PALETTE + _EXTRA
    order = list(dict.fromkeys(groups))
    return {g: colors[i % len(colors)] for i, g in enumerate(order)}


def _hover(text: str) -> str:
    cut = text if len(text) <= 400 else text[:399] + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(cut, 60)) or " "


def projection_figure(
    coords: np.ndarray,
    texts: Sequence[str],
    groups: Sequence[str] | None = None,
    *,
    title: str = "",
    axis_titles: Sequence[str] | None = None,
    labels: bool | None = None,
    focus: NeighborOverlap | None = None,
    height: int | None = None,
    min_width: int | None = 640,
) -> go.Figure:
    """A scatter of a 2D or 3D map, one trace per group, the full text on hover.

    Each point's ``customdata`` is its row in `coords`, so a selection event can be
    mapped back to texts whatever the trace. With `focus`, the chosen point is marked and
    joined to its true (original-space) neighbours: green when they are also neighbours on
    the map, orange when the map put them farther away.

    Args:
        coords: ``(n, 2)`` or ``(n, 3)``.
        texts: one per row; groups: one group name per row, or None.
        labels: write the texts beside the points (default: when there are at most 60), placed apart
            (`spread_labels`) for a drawing `min_width` px wide or wider (None: plotly's places, above each point).
    """
    xy = np.asarray(coords, dtype=float)
    if xy.ndim != 2 or xy.shape[1] not in (2, 3) or xy.shape[0] != len(texts):
        raise InvalidParameterError(
            f"`coords` must have shape (n, 2) or (n, 3) with one row per text. Got {xy.shape} for {len(texts)} "
            "texts. Pass Projection.coords and the texts of Projection.indices."
        )
    n, dims = xy.shape
    names = list(groups) if groups is not None else ["points"] * n
    colors = group_colors(names)
    show_labels = n <= LABELS_UP_TO if labels is None else labels
    size = 8 if n <= 500 else 5
    fig = go.Figure()
    for group, color in colors.items():
        idx = np.array([i for i, g in enumerate(names) if g == group])
        common = {
            "name": short_label(group, 30),
            "customdata": idx,
            "hovertext": [_hover(texts[i]) for i in idx],
            "hovertemplate": "%{hovertext}<extra>" + short_label(group, 20) + "</extra>",
            "mode": "markers+text" if show_labels else "markers",
            "text": [short_label(texts[i], 22) for i in idx] if show_labels else None,
            "showlegend": groups is not None,
        }
        if show_labels:
            common["textposition"] = "top center"
        if dims == 3:
            fig.add_scatter3d(
                x=xy[idx, 0], y=xy[idx, 1], z=xy[idx, 2], marker={"size": size * 0.6, "color": color}, **common
            )
        else:
            trace = go.Scattergl if n > WEBGL_FROM else go.Scatter
            fig.add_trace(
                trace(x=xy[idx, 0], y=xy[idx, 1], marker={"size": size, "color": color, "opacity": 0.85}, **common)
            )
    if focus is not None and dims == 2:
        _draw_focus(fig, xy, focus)
    titles = [html.escape(t) for t in axis_titles] if axis_titles else [f"dimension {i + 1}" for i in range(dims)]
    if dims == 3:
        fig.update_layout(scene={"xaxis_title": titles[0], "yaxis_title": titles[1], "zaxis_title": titles[2]})
    else:
        fig.update_layout(xaxis_title=titles[0], yaxis_title=titles[1], dragmode="lasso")
    fig.update_layout(title=html.escape(title), legend={"itemsizing": "constant"})
    apply_style(fig, height=height or (620 if dims == 3 else 540))
    return spread_labels(fig, min_width=min_width) if show_labels and dims == 2 and min_width else fig


#: Colours of the Distortion view: true neighbours kept / lost by the map, and map-only neighbours.
FOCUS_COLOURS = {"kept": "#009E73", "lost": "#D55E00", "map only": "#CC79A7", "chosen": "#000000"}
#: Opacity of the other points while one point's neighbours are shown, so the lines stand out.
FOCUS_DIM = 0.2
#: The Distortion view opens zoomed on the chosen point: its window spans at least this share of the map.
FOCUS_WINDOW = 0.25


def _draw_focus(fig: go.Figure, xy: np.ndarray, focus: NeighborOverlap) -> None:
    """The chosen point and its neighbours on top of dimmed points, each kind drawn its own way.

    True (original-space) neighbours: a solid line from the chosen point and a ring, green when the
    map kept them near, orange when it pushed them away. Map-only neighbours (near on the map, not
    truly): a dotted line and a pink ring. Every other point fades to `FOCUS_DIM`.
    """
    for trace in fig.data:
        trace.marker.opacity = FOCUS_DIM
        trace.textfont = {"color": "rgba(60,60,60,0.35)"}
    here = xy[focus.index]
    trace = go.Scattergl if len(xy) > WEBGL_FROM else go.Scatter  # the map's own kind, so these draw on top
    shared = set(focus.shared)
    truly = set(focus.original)
    kinds = (
        ("kept", "true neighbour, also near on the map", [i for i in focus.original if i in shared], "solid"),
        ("lost", "true neighbour, pushed away by the map", [i for i in focus.original if i not in shared], "solid"),
        ("map only", "near on the map only (not a true neighbour)", [i for i in focus.on_map if i not in truly], "dot"),
    )
    for kind, name, members, dash in kinds:
        if not members:
            continue
        xs, ys = [], []
        for i in members:
            xs += [here[0], xy[i, 0], None]
            ys += [here[1], xy[i, 1], None]
        colour = FOCUS_COLOURS[kind]
        fig.add_trace(trace(
            x=xs, y=ys, mode="lines", line={"color": colour, "width": 3, "dash": dash},
            legendgroup=kind, showlegend=False, hoverinfo="skip",
        ))  # fmt: skip
        fig.add_trace(trace(
            x=xy[members, 0], y=xy[members, 1], mode="markers", name=name, legendgroup=kind, hoverinfo="skip",
            marker={"size": 16, "color": "rgba(0,0,0,0)", "line": {"color": colour, "width": 3}},
        ))  # fmt: skip
    star = {"size": 22, "symbol": "star", "color": FOCUS_COLOURS["chosen"], "line": {"color": "#FFFFFF", "width": 1}}
    fig.add_trace(trace(x=[here[0]], y=[here[1]], mode="markers", hoverinfo="skip", name="chosen point", marker=star))
    # Open zoomed on the point and both kinds of neighbours (at least FOCUS_WINDOW of the map each way),
    # so the lines are long enough to see; a double-click shows the whole map.
    rows = [focus.index, *focus.original, *focus.on_map]
    full = np.ptp(xy, axis=0)
    low, high = xy[rows].min(axis=0), xy[rows].max(axis=0)
    span = np.maximum((high - low) * 1.3, FOCUS_WINDOW * full)
    middle = (low + high) / 2
    fig.update_layout(
        xaxis_range=[middle[0] - span[0] / 2, middle[0] + span[0] / 2],
        yaxis_range=[middle[1] - span[1] / 2, middle[1] + span[1] / 2],
    )


def variance_figure(ratio: Sequence[float]) -> go.Figure:
    """Bars of PCA's explained variance per component, with the total in the title."""
    r = np.asarray(ratio, dtype=float)
    fig = go.Figure(
        go.Bar(
            x=[f"PC{i + 1}" for i in range(len(r))],
            y=100 * r,
            text=[f"{100 * v:.1f}%" for v in r],
            textposition="outside",
            marker_color=PALETTE[0],
            hovertemplate="%{x}: %{y:.1f}% of the variance<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"The map shows {100 * r.sum():.0f}% of the variance",
        yaxis_title="% of variance",
        yaxis_range=[0, max(5.0, 100 * float(r.max()) * 1.25)],
    )
    return apply_style(fig, height=300)


def maps_figure(
    maps: Sequence[tuple[str, np.ndarray, Sequence[str], Sequence[str] | None]], *, height: int | None = None
) -> go.Figure:
    """2D maps side by side in one figure, with one shared legend (a click on a group hides it on every map).

    Args:
        maps: one ``(title, coords, texts, groups)`` per map; `coords` of shape ``(n, 2)``.
        height: the figure's height in px.
    """
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=len(maps), subplot_titles=[short_label(m[0], 40) for m in maps])
    colors = group_colors([g for m in maps for g in (m[3] or [])])
    for col, (_, coords, texts, groups) in enumerate(maps, start=1):
        single = projection_figure(coords, texts, groups, labels=len(texts) <= 25, min_width=None)
        for trace, group in zip(single.data, dict.fromkeys(groups or ["points"]), strict=True):
            trace.legendgroup = group
            trace.showlegend = col == 1 and groups is not None
            trace.marker.color = colors.get(group, trace.marker.color)
            fig.add_trace(trace, row=1, col=col)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0})
    return apply_style(fig, height=height)
