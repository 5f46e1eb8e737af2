"""Figures of similarity: the pairwise heatmap, the two-arrow cosine lesson, and the unit-vector identity."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..errors import InvalidParameterError
from ..similarity import SimilarityMetric, compare_two, metric_label
from .style import DIVERGING, PALETTE, apply_style, short_label

__all__ = ["angle_figure", "identity_figure", "similarity_heatmap", "unique_labels"]


def unique_labels(texts: Sequence[str], width: int = 28) -> list[str]:
    """Short, HTML-escaped labels, made unique (plotly merges categories with the same name)."""
    labels = [short_label(t, width) for t in texts]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({seen[label]})"
    return labels


def similarity_heatmap(
    texts: Sequence[str],
    matrix: np.ndarray,
    *,
    metric: SimilarityMetric = "cosine",
) -> go.Figure:
    """A heatmap of a square similarity matrix with the values written in the cells (up to 30 texts).

    Cosine and dot product use a blue–white–red scale centred on 0 (cosine fixed to [-1, 1]);
    Euclidean distance uses a sequential scale where dark means close.
    """
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] != len(texts):
        raise InvalidParameterError(
            f"The matrix must be square with one row per text. Got shape {m.shape} for {len(texts)} texts. "
            "Pass similarity_matrix(vectors) and the same texts."
        )
    labels = unique_labels(texts)
    full = [html.escape(t[:300]) for t in texts]
    name = metric_label(metric)
    if metric == "euclidean":
        scale = {"colorscale": "Viridis", "zmin": 0.0}
    else:
        limit = 1.0 if metric == "cosine" else float(np.abs(m).max()) or 1.0
        scale = {"colorscale": DIVERGING, "zmid": 0.0, "zmin": -limit, "zmax": limit}
    n = len(texts)
    fig = go.Figure(
        go.Heatmap(
            z=m,
            x=labels,
            y=labels,
            customdata=[[[full[i], full[j]] for j in range(n)] for i in range(n)],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>" + name + " %{z:.3f}<extra></extra>",
            texttemplate="%{z:.2f}" if n <= 30 else None,
            textfont={"size": 12 if n <= 12 else 9},
            colorbar={"title": name},
            **scale,
        )
    )
    fig.update_layout(
        title=f"{name.capitalize()} of every pair",
        xaxis={"type": "category", "tickangle": -40, "showticklabels": n <= 60},
        yaxis={"type": "category", "autorange": "reversed", "showticklabels": n <= 60},
    )
    side = min(900, max(320, 140 + 40 * n))
    return apply_style(fig, height=side)


def angle_figure(u: Sequence[float], v: Sequence[float]) -> go.Figure:
    """Two arrows from the origin in 2D, the angle between them, and the unit circle."""
    stats = compare_two(u, v)
    p, q = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    if p.shape != (2,):
        raise InvalidParameterError(f"The lesson draws 2D vectors. Got {p.size} coordinates. Give 2 numbers each.")
    reach = max(1.2, float(np.abs(np.concatenate([p, q])).max()) * 1.15)
    t = np.linspace(0, 2 * math.pi, 200)
    fig = go.Figure()
    fig.add_scatter(x=np.cos(t), y=np.sin(t), mode="lines", line={"color": "#bbbbbb", "dash": "dot"}, name="length 1")
    if not math.isnan(stats.angle_degrees):
        a0, a1 = math.atan2(p[1], p[0]), math.atan2(q[1], q[0])
        delta = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
        arc = np.linspace(a0, a0 + delta, 40)
        radius = 0.3 * min(stats.norm_u, stats.norm_v, 1.0) + 0.1
        fig.add_scatter(
            x=radius * np.cos(arc),
            y=radius * np.sin(arc),
            mode="lines",
            line={"color": PALETTE[2], "width": 3},
            name=f"angle {stats.angle_degrees:.0f}°",
        )
    for vec, name, color in ((p, "a", PALETTE[0]), (q, "b", PALETTE[3])):
        fig.add_annotation(
            x=vec[0], y=vec[1], ax=0, ay=0, xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=3, arrowsize=1.5, arrowwidth=3, arrowcolor=color, text="",
        )  # fmt: skip
        fig.add_scatter(
            x=[vec[0]],
            y=[vec[1]],
            mode="markers+text",
            text=[f"<b>{name}</b> ({vec[0]:.2f}, {vec[1]:.2f})"],
            textposition="top center",
            marker={"color": color, "size": 8},
            name=name,
            showlegend=False,
        )
    fig.update_xaxes(range=[-reach, reach], zeroline=True, zerolinecolor="#888")
    fig.update_yaxes(range=[-reach, reach], zeroline=True, zerolinecolor="#888", scaleanchor="x", scaleratio=1)
    fig.update_layout(title="Two vectors and the angle between them", showlegend=True)
    return apply_style(fig, height=460)


def identity_figure(cosine: np.ndarray, distance_sq: np.ndarray) -> go.Figure:
    """Squared distance against cosine for pairs of vectors, over the curve ``2 - 2·cos``.

    For unit vectors every pair sits exactly on the line; that is why ranking by cosine,
    by dot product or by (smallest) distance gives the same order.
    """
    c = np.ravel(np.asarray(cosine, dtype=float))
    d = np.ravel(np.asarray(distance_sq, dtype=float))
    grid = np.linspace(min(-0.1, c.min() - 0.05), 1.0, 50)
    fig = go.Figure()
    fig.add_scatter(x=grid, y=2 - 2 * grid, mode="lines", name="2 − 2·cos", line={"color": "#999", "dash": "dash"})
    fig.add_scatter(
        x=c,
        y=d,
        mode="markers",
        name="your pairs",
        marker={"size": 10, "color": PALETTE[0]},
        hovertemplate="cos %{x:.4f}<br>distance² %{y:.4f}<extra></extra>",
    )
    fig.update_layout(
        title="Squared distance is 2 − 2·cos for unit vectors", xaxis_title="cosine", yaxis_title="distance²"
    )
    return apply_style(fig, height=380)
