"""Plotly figure builders: data in, `go.Figure` out. Usable from a notebook as from the app."""

from .analogy import parallelogram_figure
from .baselines import METHOD_LABELS, relation_accuracy_figure
from .clusters import agreement_figure, cluster_colour, cluster_map_figure, sizes_figure, sweep_figure
from .compare import aligned_maps_figure, pair_agreement_figure, twin_heatmaps_figure
from .features import confusion_figure, learning_curve_figure, probability_figure
from .game import game_figure
from .home import word_map_figure
from .hubness import k_occurrence_figure, random_cosines_figure
from .inside import (
    attention_figure,
    context_cloud_figure,
    occurrence_map_figure,
    occurrence_similarity_figure,
    pooling_figure,
    token_chips_figure,
    token_heatmap_figure,
)
from .learning import contrastive_figure, loss_figure, trajectory_figure
from .projection import group_colors, maps_figure, projection_figure, variance_figure
from .rag import chunk_scores_figure
from .search import search_map_figure
from .similarity import angle_figure, identity_figure, similarity_heatmap, unique_labels
from .style import PALETTE, apply_style
from .vectors import bar_figure, barcode_figure

__all__ = [
    "METHOD_LABELS",
    "k_occurrence_figure",
    "random_cosines_figure",
    "relation_accuracy_figure",
    "confusion_figure",
    "contrastive_figure",
    "learning_curve_figure",
    "loss_figure",
    "probability_figure",
    "trajectory_figure",
    "PALETTE",
    "agreement_figure",
    "apply_style",
    "bar_figure",
    "barcode_figure",
    "chunk_scores_figure",
    "cluster_colour",
    "cluster_map_figure",
    "sizes_figure",
    "sweep_figure",
    "aligned_maps_figure",
    "angle_figure",
    "apply_style",
    "attention_figure",
    "context_cloud_figure",
    "bar_figure",
    "barcode_figure",
    "game_figure",
    "group_colors",
    "identity_figure",
    "occurrence_map_figure",
    "occurrence_similarity_figure",
    "pair_agreement_figure",
    "parallelogram_figure",
    "pooling_figure",
    "maps_figure",
    "projection_figure",
    "search_map_figure",
    "similarity_heatmap",
    "token_chips_figure",
    "token_heatmap_figure",
    "twin_heatmaps_figure",
    "unique_labels",
    "variance_figure",
    "word_map_figure",
]
