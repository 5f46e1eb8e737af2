"""Figures of embeddings used as features: confusion matrix, learning curves, class probabilities."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ..errors import InvalidParameterError
from ..features import ClassifierResult, LearningCurve
from .style import PALETTE, SEQUENTIAL, apply_style, plain, short_label

__all__ = ["confusion_figure", "learning_curve_figure", "probability_figure"]


def confusion_figure(result: ClassifierResult, *, title: str = "") -> go.Figure:
    """The held-out confusion matrix: rows the true class, columns the predicted one, counts in the cells."""
    labels = [short_label(c, 16) for c in result.classes]
    counts = result.confusion
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=labels,
            y=labels,
            colorscale=SEQUENTIAL,
            text=counts,
            texttemplate="%{text}",
            hovertemplate="true %{y}<br>predicted %{x}<br>%{z} texts<extra></extra>",
            colorbar={"title": "texts"},
        )
    )
    heading = plain(title) + ": " if title else ""
    fig.update_layout(
        title=f"{heading}accuracy {result.accuracy:.0%} on {len(result.test_index)} held-out texts",
        xaxis={"title": "predicted", "type": "category", "tickangle": -45},
        yaxis={"title": "true class", "type": "category", "autorange": "reversed"},
    )
    return apply_style(fig, height=460)


def learning_curve_figure(
    curves: Mapping[str, LearningCurve], *, zero_shot: Mapping[str, float] | None = None
) -> go.Figure:
    """Held-out accuracy against training examples per class, one line per feature kind.

    Error bars are one standard deviation over the draws; `zero_shot` adds a dashed level per
    method that needs no training at all.
    """
    if not curves:
        raise InvalidParameterError("`curves` must hold at least one learning curve. Got none. Train one first.")
    fig = go.Figure()
    for i, (name, curve) in enumerate(curves.items()):
        shots = [str(s) for s in curve.shots]
        fig.add_scatter(
            x=shots,
            y=curve.accuracy,
            error_y={"type": "data", "array": curve.accuracy_std, "visible": True},
            mode="lines+markers",
            name=plain(name),
            line={"color": PALETTE[i % len(PALETTE)], "width": 3},
            customdata=np.asarray(curve.n_train),
            hovertemplate=f"{plain(name)}<br>%{{x}} per class (%{{customdata:.0f}} texts)<br>"
            "accuracy %{y:.1%}<extra></extra>",
        )
    for j, (name, accuracy) in enumerate((zero_shot or {}).items()):
        fig.add_hline(
            y=accuracy,
            line_dash="dash",
            line_color=PALETTE[(len(curves) + j) % len(PALETTE)],
            annotation_text=f"{plain(name)} {accuracy:.0%}",
            annotation_position="bottom right",
        )
    first = next(iter(curves.values()))
    fig.update_layout(
        title=f"Accuracy on the same {first.n_test} held-out texts, by training examples per class",
        xaxis={"title": "training examples per class", "type": "category"},
        yaxis={"title": "accuracy", "tickformat": ".0%", "range": [0, 1.02]},
        legend={"orientation": "h", "y": -0.2},
    )
    return apply_style(fig, height=440)


def probability_figure(classes: Sequence[str], probabilities: Mapping[str, np.ndarray], *, top: int = 5) -> go.Figure:
    """For one text, each classifier's probabilities of its `top` likeliest classes, as grouped bars."""
    if not probabilities:
        raise InvalidParameterError("`probabilities` must hold at least one classifier. Got none. Train one first.")
    rows = {name: np.asarray(p, dtype=float).ravel() for name, p in probabilities.items()}
    for name, p in rows.items():
        if len(p) != len(classes):
            raise InvalidParameterError(
                f"`probabilities[{name!r}]` must have one value per class ({len(classes)}). Got {len(p)}. "
                "Pass predict_proba of one text."
            )
    best = np.argsort(-np.max(np.stack(list(rows.values())), axis=0), kind="stable")[:top]
    names = [short_label(classes[i], 18) for i in best]
    fig = go.Figure()
    for i, (name, p) in enumerate(rows.items()):
        fig.add_bar(
            x=p[best],
            y=names,
            orientation="h",
            name=plain(name),
            marker_color=PALETTE[i % len(PALETTE)],
            hovertemplate=f"{plain(name)}<br>%{{y}}: %{{x:.1%}}<extra></extra>",
        )
    fig.update_layout(
        barmode="group",
        title="What each classifier says, with its probabilities",
        xaxis={"title": "probability", "tickformat": ".0%", "range": [0, 1]},
        yaxis={"autorange": "reversed", "type": "category"},
        legend={"orientation": "h", "y": -0.25},
    )
    return apply_style(fig, height=360)
