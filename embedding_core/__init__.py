"""embedding_core: the logic of Embeddings Explorer, with no user interface.

Import it from a notebook as from the app::

    >>> import embedding_core as ec
    >>> model = ec.load_model("minilm")
    >>> model.embed(["a cat", "a kitten"]).shape
    (2, 384)

Heavy libraries (torch, sentence-transformers, umap) are imported only when needed.
"""

from .attention import AttentionMap, attention, attention_shape
from .cluster_report import (
    NOISE,
    ClusterAgreement,
    assignments_table,
    cluster_agreement,
    cluster_keywords,
    cluster_name,
    cluster_overview,
    nearest_to_centre,
)
from .clustering import (
    CLUSTER_METHODS,
    LINKAGES,
    SILHOUETTE_SAMPLE,
    ClusterResult,
    SilhouetteSweep,
    cluster,
    silhouette_sweep,
)
from .compare import Comparison, compare, neighbor_table
from .contextual import (
    CONTEXT_PRESETS,
    ContextPreset,
    Occurrences,
    WordNotInSentenceError,
    compare_occurrences,
    find_word,
    word_in_context,
)
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
    HUB_MODELS,
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
from .remote import RemoteEmbedder, is_remote
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
from .tokens import Pooling, Tokenization, TokenVectors, mean_pool, pooling_steps, token_embeddings, tokenize
from .vectors import DIMENSION_ORDERS, as_matrix, dimension_order, vector_table

__all__ = [
    "CLUSTER_METHODS",
    "LINKAGES",
    "NOISE",
    "SILHOUETTE_SAMPLE",
    "ClusterAgreement",
    "GroupedTexts",
    "ClusterResult",
    "SilhouetteSweep",
    "assignments_table",
    "cluster",
    "cluster_agreement",
    "cluster_keywords",
    "cluster_name",
    "cluster_overview",
    "nearest_to_centre",
    "silhouette_sweep",
    "BUNDLED_MODELS",
    "CONTEXT_PRESETS",
    "DATA_DIR",
    "DEFAULT_PARAMS",
    "DIMENSION_ORDERS",
    "HUB_MODELS",
    "MAX_TEXT_CHARS",
    "PROJECTION_METHODS",
    "SIMILARITY_METRICS",
    "UMAP_METRICS",
    "AttentionMap",
    "AxesProjection",
    "Comparison",
    "ContextPreset",
    "Dataset",
    "Embedder",
    "EmbeddingCoreError",
    "EmptyInputError",
    "InvalidParameterError",
    "ModelInfo",
    "ModelUnavailableError",
    "NeighborOverlap",
    "Occurrences",
    "PairScore",
    "Pooling",
    "Projection",
    "RemoteEmbedder",
    "SentenceEmbedder",
    "TextList",
    "TokenVectors",
    "Tokenization",
    "TwoVectors",
    "UnknownWordError",
    "WordEmbedder",
    "WordNotInSentenceError",
    "as_matrix",
    "attention",
    "attention_shape",
    "axes_projection",
    "clean_text",
    "compare",
    "compare_occurrences",
    "compare_two",
    "dataset_vectors",
    "dimension_order",
    "extreme_pairs",
    "find_word",
    "is_remote",
    "list_datasets",
    "load_dataset",
    "load_model",
    "mean_pool",
    "method_label",
    "metric_label",
    "model_label",
    "neighbor_overlap",
    "neighbor_table",
    "parse_grouped_texts",
    "parse_texts",
    "polar",
    "pooling_steps",
    "project",
    "similarity_matrix",
    "token_embeddings",
    "tokenize",
    "trustworthiness",
    "unit_identity_table",
    "vector_table",
    "word_in_context",
    "word_tokens",
]
