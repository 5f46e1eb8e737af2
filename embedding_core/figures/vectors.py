"""Figures of raw vectors: bar plots over the dimensions and a heatmap 'barcode'."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import plotly.graph_objects as go

from ..errors import check_choice
from ..vectors import DimensionOrder, as_matrix, dimension_order
from .style import DIVERGING, apply_style, plain, short_label

__all__ = ["bar_figure", "barcode_figure"]


def bar_figure(
    texts: Sequence[str],
    vectors: np.ndarray,
    *,
    mode: Literal["overlay", "stacked"] = "overlay",
) -> go.Figure:
    """One bar per dimension for each vector.

    ``mode="overlay"`` draws all vectors on one axis (semi-transparent); ``"stacked"``
    gives each vector its own row of bars, sharing the dimension axis.
    """
    check_choice("mode", mode, ("overlay", "stacked"))
    x = as_matrix(vectors, name="vectors")
    dims = np.arange(x.shape[1])
    if mode == "overlay":
        fig = go.Figure()
        for text, row in zip(texts, x, strict=True):
            fig.add_bar(
                x=dims,
                y=row,
                name=short_label(text),
                hovertext=[plain(text)] * len(dims),
                hovertemplate="dimension %{x}<br>value %{y:.4f}<br>%{hovertext}<extra></extra>",
                opacity=0.65 if len(x) > 1 else 1.0,
            )
        fig.update_layout(barmode="overlay", bargap=0.05)
        height = 380
    else:
        from plotly.subplots import make_subplots

        fig = make_subplots(rows=len(x), cols=1, shared_xaxes=True, vertical_spacing=0.02)
        for i, (text, row) in enumerate(zip(texts, x, strict=True), start=1):
            fig.add_bar(
                x=dims,
                y=row,
                name=short_label(text),
                hovertext=[plain(text)] * len(dims),
                hovertemplate="dimension %{x}<br>value %{y:.4f}<br>%{hovertext}<extra></extra>",
                row=i,
                col=1,
            )
        height = max(300, 110 * len(x))
    # The shared dimension axis is titled once, under the bottom row (a title on every row's axis is drawn
    # over the row below); each row's own value axis keeps its title.
    fig.update_xaxes(title_text="dimension", row=len(x) if mode == "stacked" else None)
    fig.update_yaxes(title_text="value")
    fig.update_layout(title="Each vector, dimension by dimension")
    return apply_style(fig, height=height)


def barcode_figure(
    texts: Sequence[str],
    vectors: np.ndarray,
    *,
    order: DimensionOrder = "index",
) -> go.Figure:
    """A heatmap with one row per text and one column per dimension, blue < 0 < red.

    The colour scale is centred on zero and symmetric, so white always means 0.
    """
    x = as_matrix(vectors, name="vectors")
    perm = dimension_order(x, order)
    limit = float(np.abs(x).max()) or 1.0
    labels = [short_label(t) for t in texts]
    # Unique row labels: plotly merges rows with the same category name.
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({seen[label]})"
    fig = go.Figure(
        go.Heatmap(
            z=x[:, perm],
            y=labels,
            x=[str(d) for d in perm],
            colorscale=DIVERGING,
            zmid=0,
            zmin=-limit,
            zmax=limit,
            customdata=np.tile(perm, (len(x), 1)),
            hovertemplate="%{y}<br>dimension %{customdata}<br>value %{z:.4f}<extra></extra>",
            colorbar={"title": "value"},
        )
    )
    title = {"index": "dimension order", "variance": "most varied dimensions first", "first": "sorted by first row"}
    fig.update_layout(
        title=f"Barcode: one row per text ({title[order]})",
        xaxis={"title": "dimension", "type": "category", "showticklabels": x.shape[1] <= 60},
        yaxis={"autorange": "reversed", "type": "category"},
    )
    return apply_style(fig, height=max(220, 60 + 34 * len(x)))
