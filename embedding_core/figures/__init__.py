"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .projection import group_colors, projection_figure, variance_figure
from .similarity import angle_figure, identity_figure, similarity_heatmap, unique_labels
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = [
    "PALETTE",
    "angle_figure",
    "apply_style",
    "bar_figure",
    "barcode_figure",
    "group_colors",
    "identity_figure",
    "projection_figure",
    "similarity_heatmap",
    "unique_labels",
    "variance_figure",
]
