"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .search import search_map_figure
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = ["PALETTE", "apply_style", "bar_figure", "barcode_figure", "search_map_figure"]
