"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .compare import aligned_maps_figure, pair_agreement_figure, twin_heatmaps_figure
from .home import word_map_figure
from .inside import (
    attention_figure,
    occurrence_map_figure,
    occurrence_similarity_figure,
    pooling_figure,
    token_chips_figure,
    token_heatmap_figure,
)
from .search import search_map_figure
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = [
    "PALETTE",
    "aligned_maps_figure",
    "apply_style",
    "attention_figure",
    "bar_figure",
    "barcode_figure",
    "occurrence_map_figure",
    "occurrence_similarity_figure",
    "pair_agreement_figure",
    "pooling_figure",
    "search_map_figure",
    "token_chips_figure",
    "token_heatmap_figure",
    "twin_heatmaps_figure",
    "word_map_figure",
]
