"""The home page's picture: words as points, coloured by group."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .labels import spread_labels
from .style import PALETTE, apply_style, short_label

__all__ = ["word_map_figure"]


def word_map_figure(
    words: Sequence[str],
    groups: Sequence[str],
    x: Sequence[float],
    y: Sequence[float],
    *,
    title: str = "",
    min_width: int = 560,
) -> go.Figure:
    """A labelled 2D scatter of words, one colour per group.

    Labels are placed apart (`spread_labels`) for a drawing `min_width` px wide or wider.
    """
    fig = go.Figure()
    for i, group in enumerate(dict.fromkeys(groups)):
        idx = [j for j, g in enumerate(groups) if g == group]
        fig.add_scatter(
            x=[x[j] for j in idx],
            y=[y[j] for j in idx],
            mode="markers+text",
            text=[short_label(words[j]) for j in idx],
            textposition="top center",
            name=short_label(group),
            marker={"size": 12, "color": PALETTE[i % len(PALETTE)]},
            hovertext=[short_label(words[j]) for j in idx],
            hovertemplate="%{hovertext}<extra>" + short_label(group) + "</extra>",
        )
    fig.update_layout(title=title, xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"})
    return spread_labels(apply_style(fig, height=420), min_width=min_width)
