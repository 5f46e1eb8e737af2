"""Figures of clusterings: the silhouette (and inertia) curve, the map coloured by cluster, sizes, agreement."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..cluster_report import NOISE, cluster_name
from ..clustering import SilhouetteSweep
from ..vectors import as_matrix
from .style import PALETTE, SEQUENTIAL, apply_style, plain, short_label

__all__ = ["NOISE_COLOUR", "agreement_figure", "cluster_colour", "cluster_map_figure", "sizes_figure", "sweep_figure"]

#: HDBSCAN's noise points are drawn in this light grey, behind the clusters.
NOISE_COLOUR = "#B0B0B0"
_SYMBOLS = ["circle", "diamond", "square", "triangle-up", "x", "star"]


def cluster_colour(label: int) -> str:
    """The colour of a cluster: the palette in order, grey for noise (the same on every figure)."""
    return NOISE_COLOUR if label == NOISE else PALETTE[int(label) % len(PALETTE)]


def _symbol(label: int) -> str:
    # Beyond 8 clusters the colours repeat; the marker shape tells them apart.
    return "circle" if label == NOISE else _SYMBOLS[(int(label) // len(PALETTE)) % len(_SYMBOLS)]


def _legend_name(label: int, keywords: dict[int, list[str]] | None) -> str:
    words = [] if label == NOISE else (keywords or {}).get(int(label), [])[:3]
    return f"{cluster_name(label)} · {', '.join(words)}" if words else cluster_name(label)


def sweep_figure(sweep: SilhouetteSweep, *, chosen_k: int | None = None) -> go.Figure:
    """The silhouette at each k (left axis) and, for k-means, the inertia (right axis, dotted).

    The best k (highest silhouette) is marked with a star; `chosen_k`, when it differs, with a line.
    """
    fig = go.Figure()
    fig.add_scatter(
        x=sweep.k,
        y=sweep.silhouette,
        mode="lines+markers",
        name="silhouette (higher is better)",
        line={"color": PALETTE[0], "width": 3},
        hovertemplate="k = %{x}<br>silhouette %{y:.3f}<extra></extra>",
    )
    best = int(np.flatnonzero(sweep.k == sweep.best_k)[0])
    fig.add_scatter(
        x=[sweep.best_k],
        y=[sweep.silhouette[best]],
        mode="markers+text",
        name=f"best k = {sweep.best_k}",
        marker={"symbol": "star", "size": 18, "color": PALETTE[3]},
        text=[f"best k = {sweep.best_k}"],
        textposition="top center",
        hovertemplate="best k = %{x}<br>silhouette %{y:.3f}<extra></extra>",
    )
    if sweep.inertia is not None:
        fig.add_scatter(
            x=sweep.k,
            y=sweep.inertia,
            mode="lines+markers",
            name="inertia (look for the elbow)",
            yaxis="y2",
            line={"color": PALETTE[1], "dash": "dot"},
            hovertemplate="k = %{x}<br>inertia %{y:.4g}<extra></extra>",
        )
        fig.update_layout(yaxis2={"title": "inertia", "overlaying": "y", "side": "right", "showgrid": False})
    if chosen_k is not None and chosen_k != sweep.best_k:
        fig.add_vline(x=chosen_k, line_dash="dash", line_color="#555555", annotation_text=f"your k = {chosen_k}")
    sampled = f" (silhouette on {sweep.sample_size:,} of {sweep.n_points:,} points)" if sweep.sampled else ""
    fig.update_layout(
        title=f"How good is each number of clusters?{sampled}",
        xaxis={"title": "number of clusters k", "dtick": 1},
        yaxis={"title": "silhouette"},
        legend={"orientation": "h", "y": -0.25},
    )
    return apply_style(fig, height=420)


def cluster_map_figure(
    coords: np.ndarray,
    labels: Sequence[int] | np.ndarray,
    texts: Sequence[str],
    *,
    true_labels: Sequence[str] | None = None,
    keywords: dict[int, list[str]] | None = None,
    title: str = "The map, coloured by cluster",
) -> go.Figure:
    """A 2D scatter of `coords`, one colour (and trace) per cluster, noise in grey underneath.

    Hovering a point shows its text, its cluster and (when known) its true label.
    """
    xy = as_matrix(coords, name="coords")
    lab = np.asarray(labels)
    items = list(texts)
    fig = go.Figure()
    scatter = go.Scattergl if len(items) > 1_000 else go.Scatter
    order = sorted(set(lab.tolist()), key=lambda c: (c != NOISE, c))  # noise first: drawn underneath
    for c in order:
        idx = np.flatnonzero(lab == c)
        hover = [short_label(items[i], 80) for i in idx]
        if true_labels is not None:
            hover = [f"{h}<br>label: {plain(true_labels[i])}" for h, i in zip(hover, idx, strict=True)]
        fig.add_trace(
            scatter(
                x=xy[idx, 0],
                y=xy[idx, 1],
                mode="markers",
                name=_legend_name(c, keywords),
                marker={
                    "color": cluster_colour(c),
                    "symbol": _symbol(c),
                    "size": 6 if c == NOISE else 8,
                    "opacity": 0.5 if c == NOISE else 0.85,
                    "line": {"width": 0.5, "color": "white"},
                },
                hovertext=hover,
                hovertemplate=f"%{{hovertext}}<br>{cluster_name(c)}<extra></extra>",
            )
        )
    fig.update_layout(title=title, xaxis={"showticklabels": False}, yaxis={"showticklabels": False})
    return apply_style(fig, height=560)


def sizes_figure(sizes: dict[int, int], *, keywords: dict[int, list[str]] | None = None) -> go.Figure:
    """One horizontal bar per cluster (largest on top), in the map's colours; noise in grey."""
    items = list(sizes.items())
    fig = go.Figure(
        go.Bar(
            x=[n for _, n in items],
            y=[_legend_name(c, keywords) for c, _ in items],
            orientation="h",
            marker={"color": [cluster_colour(c) for c, _ in items]},
            text=[n for _, n in items],
            textposition="auto",
            hovertemplate="%{y}<br>%{x} items<extra></extra>",
        )
    )
    fig.update_layout(title="Items per cluster", xaxis={"title": "items"}, yaxis={"autorange": "reversed"})
    return apply_style(fig, height=max(260, 60 + 32 * len(items)))


def agreement_figure(table: pd.DataFrame) -> go.Figure:
    """The confusion table as a heatmap: rows are clusters, columns true labels, cells counts."""
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=[short_label(str(c), 20) for c in table.columns],
            y=list(table.index),
            colorscale=SEQUENTIAL,
            text=table.to_numpy(),
            texttemplate="%{text}",
            hovertemplate="%{y} × label %{x}: %{z} items<extra></extra>",
            colorbar={"title": "items"},
        )
    )
    fig.update_layout(
        title="Clusters against the true labels",
        xaxis={"title": "true label", "type": "category"},
        yaxis={"title": "cluster", "autorange": "reversed", "type": "category"},
    )
    return apply_style(fig, height=max(300, 90 + 30 * len(table)))
