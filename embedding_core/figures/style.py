"""One look for every figure: a colour-blind-safe palette and readable text sizes."""

from __future__ import annotations

import plotly.graph_objects as go

__all__ = ["DIVERGING", "PALETTE", "SEQUENTIAL", "apply_style", "plain", "short_label"]

#: Okabe–Ito, the colour-blind-safe qualitative palette (black moved last).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
#: Blue–white–red, centred on zero, readable for the common colour-vision deficiencies.
DIVERGING = "RdBu_r"
SEQUENTIAL = "Viridis"


def plain(text: str) -> str:
    """`text` made safe for plotly, which reads a few HTML tags (<b>, <a href>, <br>) in labels.

    The angle brackets become entities that plotly shows as the characters themselves.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def short_label(text: str, width: int = 28) -> str:
    """`text` cut to `width` characters with an ellipsis, made safe for plotly labels."""
    text = str(text)
    return plain(text if len(text) <= width else text[: width - 1] + "…")


def apply_style(fig: go.Figure, *, height: int | None = None) -> go.Figure:
    """Common layout at screen size; `ui.charts.for_projector` enlarges a figure for presenter mode."""
    size = 13
    fig.update_layout(
        font={"size": size},
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"font": {"size": size}},
        hoverlabel={"font": {"size": size}},
        template="plotly_white",
    )
    if height:
        fig.update_layout(height=height)
    return fig
