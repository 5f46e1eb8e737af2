"""Figures of a two-model comparison: twin heatmaps, pair-by-pair agreement, aligned maps."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ..compare import Comparison
from ..errors import InvalidParameterError
from .style import PALETTE, SEQUENTIAL, apply_style, plain, short_label

__all__ = ["aligned_maps_figure", "pair_agreement_figure", "twin_heatmaps_figure"]


def _check(texts: Sequence[str], comparison: Comparison) -> None:
    if len(texts) != len(comparison.overlap):
        raise InvalidParameterError(
            f"There are {len(texts)} texts but the comparison has {len(comparison.overlap)}. "
            "Pass the texts the vectors were made from."
        )


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def twin_heatmaps_figure(
    texts: Sequence[str], comparison: Comparison, *, names: tuple[str, str] = ("A", "B")
) -> go.Figure:
    """Both models' cosine-similarity matrices side by side, on one colour scale.

    The scale spans the off-diagonal similarities of both models, so equal colours mean equal
    numbers; the diagonal (every text with itself, 1) is left blank.
    """
    from plotly.subplots import make_subplots

    _check(texts, comparison)
    labels = _unique([short_label(t, 24) for t in texts])
    n = len(texts)
    off = ~np.eye(n, dtype=bool)
    values = np.concatenate([comparison.similarities_a[off], comparison.similarities_b[off]])
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=[plain(names[0]), plain(names[1])],
        horizontal_spacing=0.08,
        shared_yaxes=True,
    )
    full = np.array([[plain(t) for t in texts]] * n)
    for col, sims in enumerate((comparison.similarities_a, comparison.similarities_b), start=1):
        z = np.where(off, sims, np.nan)
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=labels,
                y=labels,
                coloraxis="coloraxis",
                customdata=np.stack([full.T, full], axis=-1),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>cosine %{z:.3f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_layout(
        coloraxis={
            "colorscale": SEQUENTIAL,
            "cmin": float(values.min()),
            "cmax": float(values.max()),
            "colorbar": {"title": "cosine"},
        },
        title="Cosine similarity of every pair, under each model",
    )
    fig.update_yaxes(autorange="reversed", type="category", showticklabels=n <= 40)
    fig.update_xaxes(type="category", showticklabels=n <= 40, tickangle=-45)
    fig.update_yaxes(showticklabels=False, row=1, col=2)  # the rows are the same texts as on the left
    return apply_style(fig, height=max(380, min(900, 160 + 18 * n)))


def pair_agreement_figure(
    texts: Sequence[str], comparison: Comparison, *, names: tuple[str, str] = ("A", "B")
) -> go.Figure:
    """One dot per pair of texts: its similarity under model A (x) against model B (y).

    Dots on a rising line mean the models order the pairs alike (Spearman's rho near 1).
    """
    _check(texts, comparison)
    i, j = np.triu_indices(len(texts), k=1)
    hover = [f"{short_label(texts[a], 40)} ↔ {short_label(texts[b], 40)}" for a, b in zip(i, j, strict=True)]
    fig = go.Figure(
        go.Scattergl(
            x=comparison.similarities_a[i, j],
            y=comparison.similarities_b[i, j],
            mode="markers",
            marker={"color": PALETTE[0], "size": 8 if len(i) < 500 else 5, "opacity": 0.7},
            text=hover,
            hovertemplate=f"%{{text}}<br>{plain(names[0])}: %{{x:.3f}}<br>{plain(names[1])}: %{{y:.3f}}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Every pair, under both models (Spearman ρ = {comparison.spearman:.2f})",
        xaxis_title=f"cosine under {plain(names[0])}",
        yaxis_title=f"cosine under {plain(names[1])}",
    )
    return apply_style(fig, height=460)


def aligned_maps_figure(
    texts: Sequence[str],
    comparison: Comparison,
    *,
    names: tuple[str, str] = ("A", "B"),
    labels: bool | None = None,
) -> go.Figure:
    """Both models' 2D maps on one plot, B turned onto A; a grey line joins each text's two places.

    Short lines mean the models agree about where the text sits among the others.
    `labels` writes the texts next to A's points (default: when there are at most 30).
    """
    _check(texts, comparison)
    a, b = comparison.map_a, comparison.map_b
    show_labels = len(texts) <= 30 if labels is None else labels
    xs: list[float | None] = []
    ys: list[float | None] = []
    for (ax, ay), (bx, by) in zip(a, b, strict=True):
        xs += [float(ax), float(bx), None]
        ys += [float(ay), float(by), None]
    hover = [short_label(t, 80) for t in texts]
    fig = go.Figure()
    fig.add_scatter(x=xs, y=ys, mode="lines", line={"color": "#BBBBBB", "width": 1}, hoverinfo="skip", showlegend=False)
    fig.add_scatter(
        x=a[:, 0],
        y=a[:, 1],
        mode="markers+text" if show_labels else "markers",
        text=[short_label(t, 20) for t in texts] if show_labels else None,
        textposition="top center",
        hovertext=hover,
        hovertemplate=f"%{{hovertext}}<br>{plain(names[0])}<extra></extra>",
        marker={"color": PALETTE[0], "size": 10, "symbol": "circle"},
        name=plain(names[0]),
    )
    fig.add_scatter(
        x=b[:, 0],
        y=b[:, 1],
        mode="markers",
        hovertext=hover,
        hovertemplate=f"%{{hovertext}}<br>{plain(names[1])} (aligned)<extra></extra>",
        marker={"color": PALETTE[3], "size": 9, "symbol": "diamond"},
        name=f"{plain(names[1])} (turned to fit)",
    )
    fig.update_layout(
        title=f"Both maps, aligned (Procrustes disparity {comparison.disparity:.2f}: 0 same, 1 unrelated)",
        xaxis={"showticklabels": False, "zeroline": False, "title": ""},
        yaxis={"showticklabels": False, "zeroline": False, "title": "", "scaleanchor": "x"},
        legend={"orientation": "h", "y": -0.05},
    )
    return apply_style(fig, height=560)
