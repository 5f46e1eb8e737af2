"""embedding_core: the logic of Embeddings Explorer, with no user interface.

Import it from a notebook as from the app::

    >>> import embedding_core as ec
    >>> model = ec.load_model("minilm")
    >>> model.embed(["a cat", "a kitten"]).shape
    (2, 384)

Heavy libraries (torch, sentence-transformers, umap) are imported only when needed.
"""

from .cluster_report import (
    NOISE,
    ClusterAgreement,
    GroupedTexts,
    assignments_table,
    cluster_agreement,
    cluster_keywords,
    cluster_name,
    cluster_overview,
    nearest_to_centre,
    split_groups,
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
from .texts import MAX_TEXT_CHARS, TextList, clean_text, parse_texts
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
    "split_groups",
    "DATA_DIR",
    "Dataset",
    "dataset_vectors",
    "list_datasets",
    "load_dataset",
    "BUNDLED_MODELS",
    "DIMENSION_ORDERS",
    "MAX_TEXT_CHARS",
    "Embedder",
    "EmbeddingCoreError",
    "EmptyInputError",
    "InvalidParameterError",
    "ModelInfo",
    "ModelUnavailableError",
    "SentenceEmbedder",
    "TextList",
    "UnknownWordError",
    "WordEmbedder",
    "as_matrix",
    "clean_text",
    "dimension_order",
    "load_model",
    "model_label",
    "parse_texts",
    "vector_table",
    "word_tokens",
]
