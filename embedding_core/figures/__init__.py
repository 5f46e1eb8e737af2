"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .clusters import agreement_figure, cluster_colour, cluster_map_figure, sizes_figure, sweep_figure
from .home import word_map_figure
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = [
    "PALETTE",
    "agreement_figure",
    "apply_style",
    "bar_figure",
    "barcode_figure",
    "cluster_colour",
    "cluster_map_figure",
    "sizes_figure",
    "sweep_figure",
    "word_map_figure",
]
