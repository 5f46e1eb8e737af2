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

__all__ = ["group_colors", "maps_figure", "projection_figure", "variance_figure"]

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


def _draw_focus(fig: go.Figure, xy: np.ndarray, focus: NeighborOverlap) -> None:
    shared = set(focus.shared)
    for kind, color, members in (
        ("also near on the map", "#009E73", [i for i in focus.original if i in shared]),
        ("pushed away by the map", "#D55E00", [i for i in focus.original if i not in shared]),
    ):
        if not members:
            continue
        xs, ys = [], []
        for i in members:
            xs += [xy[focus.index, 0], xy[i, 0], None]
            ys += [xy[focus.index, 1], xy[i, 1], None]
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"color": color, "width": 2},
            name=f"true neighbour, {kind}", hoverinfo="skip",
        )  # fmt: skip
    intruders = [i for i in focus.on_map if i not in set(focus.original)]
    if intruders:
        fig.add_scatter(
            x=xy[intruders, 0], y=xy[intruders, 1], mode="markers", hoverinfo="skip",
            marker={"size": 18, "color": "rgba(0,0,0,0)", "line": {"color": "#CC79A7", "width": 2}},
            name="near on the map only",
        )  # fmt: skip
    fig.add_scatter(
        x=[xy[focus.index, 0]], y=[xy[focus.index, 1]], mode="markers", hoverinfo="skip",
        marker={"size": 20, "symbol": "star", "color": "#000000"}, name="chosen point",
    )  # fmt: skip


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
