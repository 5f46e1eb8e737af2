"""embedding_core: the logic of Embeddings Explorer, with no user interface.

Import it from a notebook as from the app::

    >>> import embedding_core as ec
    >>> model = ec.load_model("minilm")
    >>> model.embed(["a cat", "a kitten"]).shape
    (2, 384)

Heavy libraries (torch, sentence-transformers, umap) are imported only when needed.
"""

from .attention import AttentionMap, attention, attention_shape
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
from .io import (
    DEFAULT_MAX_ROWS,
    TABLE_EXTENSIONS,
    VECTOR_EXTENSIONS,
    FileFormatError,
    TooManyRowsError,
    Upload,
    UploadedTable,
    embed_texts,
    make_dataset,
    read_table,
    table_texts,
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
from .remote import RemoteEmbedder, is_remote
from .search import (
    KEYWORD_METHODS,
    MAP_METHODS,
    SEARCH_PRESETS,
    KeywordIndex,
    SearchHit,
    SearchMap,
    SearchPreset,
    SemanticIndex,
    fit_search_map,
    keyword_search,
    semantic_search,
)
from .texts import MAX_TEXT_CHARS, TextList, clean_text, parse_texts
from .tokens import Pooling, Tokenization, TokenVectors, mean_pool, pooling_steps, token_embeddings, tokenize
from .vector_files import (
    export_coordinates,
    export_npy,
    export_parquet,
    export_projector,
    export_vectors_csv,
    read_vectors,
)
from .vectors import DIMENSION_ORDERS, as_matrix, dimension_order, vector_table

__all__ = [
    "CONTEXT_PRESETS",
    "AttentionMap",
    "ContextPreset",
    "Occurrences",
    "Pooling",
    "TokenVectors",
    "Tokenization",
    "WordNotInSentenceError",
    "attention",
    "attention_shape",
    "compare_occurrences",
    "find_word",
    "mean_pool",
    "pooling_steps",
    "token_embeddings",
    "tokenize",
    "word_in_context",
    "DATA_DIR",
    "Dataset",
    "dataset_vectors",
    "list_datasets",
    "load_dataset",
    "BUNDLED_MODELS",
    "DEFAULT_MAX_ROWS",
    "Comparison",
    "DIMENSION_ORDERS",
    "KEYWORD_METHODS",
    "MAP_METHODS",
    "MAX_TEXT_CHARS",
    "TABLE_EXTENSIONS",
    "VECTOR_EXTENSIONS",
    "HUB_MODELS",
    "Embedder",
    "EmbeddingCoreError",
    "EmptyInputError",
    "FileFormatError",
    "InvalidParameterError",
    "KeywordIndex",
    "ModelInfo",
    "ModelUnavailableError",
    "SearchHit",
    "SearchMap",
    "SearchPreset",
    "SEARCH_PRESETS",
    "SemanticIndex",
    "RemoteEmbedder",
    "SentenceEmbedder",
    "TextList",
    "TooManyRowsError",
    "UnknownWordError",
    "Upload",
    "UploadedTable",
    "WordEmbedder",
    "as_matrix",
    "clean_text",
    "compare",
    "dimension_order",
    "export_coordinates",
    "export_npy",
    "export_parquet",
    "export_projector",
    "export_vectors_csv",
    "fit_search_map",
    "keyword_search",
    "is_remote",
    "load_model",
    "model_label",
    "neighbor_table",
    "parse_texts",
    "read_table",
    "read_vectors",
    "semantic_search",
    "embed_texts",
    "make_dataset",
    "table_texts",
    "vector_table",
    "word_tokens",
]
