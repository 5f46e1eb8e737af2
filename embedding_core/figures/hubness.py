"""Figures of what "similar" means for a model: random-pair cosines with marked pairs, and k-occurrence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .style import PALETTE, apply_style, short_label

__all__ = ["k_occurrence_figure", "random_cosines_figure"]


def random_cosines_figure(
    cosines: np.ndarray,
    marks: Sequence[tuple[str, float, float]] = (),
    *,
    title: str = "Cosines of random pairs",
) -> go.Figure:
    """A histogram of random-pair cosines, with each marked pair drawn as a labelled vertical line.

    Args:
        cosines: the random-pair cosines (`random_pair_cosines`).
        marks: ``(label, cosine, percentile)`` of each pair to mark (at most ~10 stay readable).
        title: the figure title (plain text; it is escaped).
    """
    values = np.asarray(cosines, dtype=np.float64)
    # The marks go into the layout in one step: plotly re-validates every shape and annotation already
    # there on each `add_vline`/`add_annotation`, so adding ten marks one by one cost ~40 ms.
    lines = [
        {
            "type": "line",
            "x0": value,
            "x1": value,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "line": {"color": PALETTE[3], "width": 2, "dash": "dash" if i % 2 else "solid"},
        }
        for i, (_, value, _) in enumerate(marks)
    ]
    notes = [
        {
            "x": value,
            "y": 1 - 0.07 * (i % 8),
            "yref": "paper",
            "text": f"{short_label(label, 24)} (percentile {pct:.1f})",
            "showarrow": False,
            "xanchor": "left",
            "bgcolor": "rgba(255,255,255,0.8)",
        }
        for i, (label, value, pct) in enumerate(marks)
    ]
    fig = go.Figure(
        go.Histogram(
            x=values,
            xbins={"start": -1.0, "end": 1.0, "size": 0.02},
            marker={"color": PALETTE[5]},
            name="random pairs",
            hovertemplate="cosine %{x}<br>%{y} random pairs<extra></extra>",
        ),
        layout={"shapes": lines, "annotations": notes},
    )
    lo = min(values.min(initial=0.0), *(m[1] for m in marks)) if marks else values.min(initial=0.0)
    hi = max(values.max(initial=1.0), *(m[1] for m in marks)) if marks else values.max(initial=1.0)
    fig.update_layout(
        title=short_label(title, 90),
        xaxis={"title": "cosine similarity", "range": [max(-1.0, lo - 0.05), min(1.0, hi + 0.05)]},
        yaxis={"title": "random pairs"},
        showlegend=False,
        bargap=0.02,
    )
    return apply_style(fig, height=380)


def k_occurrence_figure(counts: np.ndarray, *, k: int) -> go.Figure:
    """How many texts have each k-occurrence: a bar per count, from 0 (nobody's neighbour) up."""
    values = np.asarray(counts, dtype=np.int64)
    tally = np.bincount(values)
    fig = go.Figure(
        go.Bar(
            x=np.arange(len(tally)),
            y=tally,
            marker={"color": PALETTE[0]},
            hovertemplate="%{y} texts are among the " + str(k) + " nearest of %{x} others<extra></extra>",
        )
    )
    fig.add_vline(x=k, line={"color": PALETTE[3], "dash": "dash"})
    fig.add_annotation(x=k, y=1, yref="paper", text=f"mean = {k}", showarrow=False, xanchor="left")
    fig.update_layout(
        title=f"k-occurrence: how often each text is one of the {k} nearest neighbours of another",
        xaxis={"title": f"k-occurrence (k = {k})"},
        yaxis={"title": "texts"},
        bargap=0.05,
    )
    return apply_style(fig, height=360)
