"""Figure of honest analogies: each method's accuracy per relation, one panel per model."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import PALETTE, apply_style, plain

__all__ = ["METHOD_LABELS", "relation_accuracy_figure"]

#: How each method is named on the page and in the figure.
METHOD_LABELS = {
    "3cosadd": "b − a + c",
    "3cosavg": "3CosAvg (average offset)",
    "nearest_c": "nearest to c alone",
    "nearest_b": "nearest to b alone",
    "with_inputs": "b − a + c, inputs allowed",
}


def relation_accuracy_figure(tables: Mapping[str, pd.DataFrame]) -> go.Figure:
    """Grouped bars of accuracy per relation and method, one panel per model.

    Args:
        tables: model label -> a `relation_accuracy` table (same methods in each).
    """
    names = list(tables)
    fig = make_subplots(rows=1, cols=len(names), subplot_titles=[plain(n) for n in names], shared_yaxes=True)
    for col, name in enumerate(names, start=1):
        table = tables[name]
        methods = [c for c in table.columns if c not in ("relation", "questions")]
        for i, method in enumerate(methods):
            fig.add_trace(
                go.Bar(
                    x=[plain(r) for r in table["relation"]],
                    y=table[method],
                    name=METHOD_LABELS.get(method, method),
                    marker={"color": PALETTE[i % len(PALETTE)]},
                    legendgroup=method,
                    showlegend=col == 1,
                    hovertemplate="%{x}: %{y:.0%} right<extra>" + METHOD_LABELS.get(method, method) + "</extra>",
                ),
                row=1,
                col=col,
            )
    fig.update_yaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title="top-1 right", row=1, col=1)
    fig.update_layout(
        title="Share of analogies answered right, per relation", barmode="group", legend={"orientation": "h", "y": -0.2}
    )
    return apply_style(fig, height=420)
