"""Figures of analogies: the parallelogram a → b, c → answer in 2D."""

from __future__ import annotations

import plotly.graph_objects as go

from ..parallelogram import Parallelogram
from .labels import spread_labels
from .style import PALETTE, apply_style, plain, short_label

__all__ = ["parallelogram_figure"]

_ROLE_COLOURS = {"a": PALETTE[0], "b": PALETTE[0], "c": PALETTE[2], "answer": PALETTE[3], "neighbor": "#888888"}


def _arrow(fig: go.Figure, start, end, colour: str, *, dash: bool = False, width: int = 3) -> None:
    fig.add_annotation(
        x=float(end[0]),
        y=float(end[1]),
        ax=float(start[0]),
        ay=float(start[1]),
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3,
        arrowsize=1.2,
        arrowwidth=width - 1 if dash else width,
        arrowcolor=colour,
        opacity=0.6 if dash else 0.9,
        text="",
        standoff=6,
        startstandoff=6,
    )


def parallelogram_figure(plane: Parallelogram, *, title: str | None = None, min_width: int = 460) -> go.Figure:
    """Words as labelled points, arrows a → b and c → answer, and a cross where ``b - a + c`` lands.

    Every label and the title are shown as plain text (angle brackets are escaped).

    The two axes share one scale, so parallel arrows of equal length look parallel and equal. Labels
    are placed apart (`spread_labels`) for a drawing `min_width` px wide or wider.
    """
    a, b, c, answer = plane.xy[:4]
    fig = go.Figure()
    groups = [
        (("neighbor",), "runners-up", "circle", 9),
        (("a", "b"), "a → b (the example pair)", "circle", 14),
        (("c",), "c", "circle", 14),
        (("answer",), "the answer", "star", 20),
    ]
    for roles, name, symbol, size in groups:
        rows = [i for i, r in enumerate(plane.roles) if r in roles]
        if not rows:
            continue
        role = roles[0]
        fig.add_scatter(
            x=plane.xy[rows, 0],
            y=plane.xy[rows, 1],
            mode="markers+text",
            name=name,
            text=[short_label(plane.labels[i], 20) for i in rows],
            textposition="top center",
            hovertext=[f"{plain(plane.labels[i])} ({plane.roles[i]})" for i in rows],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": size, "color": _ROLE_COLOURS[role], "symbol": symbol},
            textfont={"color": "#555555" if role == "neighbor" else _ROLE_COLOURS[role]},
        )
    fig.add_scatter(
        x=[float(plane.target_xy[0])],
        y=[float(plane.target_xy[1])],
        mode="markers+text",
        name="b − a + c (where the arithmetic lands)",
        text=["b − a + c"],
        textposition="bottom center",
        marker={"size": 16, "symbol": "x-thin-open", "color": "#000000", "line": {"width": 3}},
        hovertemplate="b − a + c<extra></extra>",
    )
    _arrow(fig, a, b, PALETTE[0])
    _arrow(fig, c, answer, PALETTE[3])
    _arrow(fig, c, plane.target_xy, "#000000", dash=True, width=2)
    fig.update_layout(
        title=plain(title or f"{plane.labels[0]} → {plane.labels[1]}  is like  {plane.labels[2]} → {plane.labels[3]}"),
        xaxis={"title": "PCA axis 1", "zeroline": False},
        yaxis={"title": "PCA axis 2", "zeroline": False, "scaleanchor": "x", "scaleratio": 1},
        legend={"orientation": "h", "y": -0.2},
    )
    return spread_labels(apply_style(fig, height=460), min_width=min_width)
