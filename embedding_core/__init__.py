"""embedding_core: the logic of Embeddings Explorer, with no user interface.

Import it from a notebook as from the app::

    >>> import embedding_core as ec
    >>> model = ec.load_model("minilm")
    >>> model.embed(["a cat", "a kitten"]).shape
    (2, 384)

Heavy libraries (torch, sentence-transformers, umap) are imported only when needed.
"""

from .datasets import DATA_DIR, Dataset, dataset_vectors, list_datasets, load_dataset
from .errors import (
    EmbeddingCoreError,
    EmptyInputError,
    InvalidParameterError,
    ModelUnavailableError,
    UnknownWordError,
)
from .models import (
    BUNDLED_MODELS,
    Embedder,
    ModelInfo,
    SentenceEmbedder,
    WordEmbedder,
    load_model,
    model_label,
    word_tokens,
)
from .projection import (
    DEFAULT_PARAMS,
    PROJECTION_METHODS,
    UMAP_METRICS,
    AxesProjection,
    NeighborOverlap,
    Projection,
    axes_projection,
    method_label,
    neighbor_overlap,
    project,
    trustworthiness,
)
from .similarity import (
    SIMILARITY_METRICS,
    PairScore,
    TwoVectors,
    compare_two,
    extreme_pairs,
    metric_label,
    polar,
    similarity_matrix,
    unit_identity_table,
)
from .texts import MAX_TEXT_CHARS, GroupedTexts, TextList, clean_text, parse_grouped_texts, parse_texts
from .vectors import DIMENSION_ORDERS, as_matrix, dimension_order, vector_table

__all__ = [
    "DATA_DIR",
    "Dataset",
    "dataset_vectors",
    "list_datasets",
    "load_dataset",
    "BUNDLED_MODELS",
    "DEFAULT_PARAMS",
    "DIMENSION_ORDERS",
    "MAX_TEXT_CHARS",
    "PROJECTION_METHODS",
    "SIMILARITY_METRICS",
    "UMAP_METRICS",
    "AxesProjection",
    "Embedder",
    "EmbeddingCoreError",
    "EmptyInputError",
    "GroupedTexts",
    "InvalidParameterError",
    "ModelInfo",
    "ModelUnavailableError",
    "NeighborOverlap",
    "PairScore",
    "Projection",
    "SentenceEmbedder",
    "TextList",
    "TwoVectors",
    "UnknownWordError",
    "WordEmbedder",
    "as_matrix",
    "axes_projection",
    "clean_text",
    "compare_two",
    "dimension_order",
    "extreme_pairs",
    "load_model",
    "method_label",
    "metric_label",
    "model_label",
    "neighbor_overlap",
    "parse_grouped_texts",
    "parse_texts",
    "polar",
    "project",
    "similarity_matrix",
    "trustworthiness",
    "unit_identity_table",
    "vector_table",
    "word_tokens",
]
