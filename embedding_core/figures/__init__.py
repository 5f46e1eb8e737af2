"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .compare import aligned_maps_figure, pair_agreement_figure, twin_heatmaps_figure
from .home import word_map_figure
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = [
    "PALETTE",
    "aligned_maps_figure",
    "apply_style",
    "bar_figure",
    "barcode_figure",
    "pair_agreement_figure",
    "twin_heatmaps_figure",
    "word_map_figure",
]
