"""embedding_core: the logic of Embeddings Explorer, with no user interface.

Import it from a notebook as from the app::

    >>> import embedding_core as ec
    >>> model = ec.load_model("minilm")
    >>> model.embed(["a cat", "a kitten"]).shape
    (2, 384)

Heavy libraries (torch, sentence-transformers, umap) are imported only when needed.
"""

from .analogy import ANALOGY_METHODS, Neighbor, analogies, analogy, answer_rank, nearest
from .arithmetic import MAX_EXPRESSION_CHARS, ArithmeticResult, ExpressionError, arithmetic, parse_expression
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
from .parallelogram import Parallelogram, parallelogram
from .remote import RemoteEmbedder, is_remote
from .texts import MAX_TEXT_CHARS, TextList, clean_text, parse_texts
from .tokens import Pooling, Tokenization, TokenVectors, mean_pool, pooling_steps, token_embeddings, tokenize
from .vectors import DIMENSION_ORDERS, as_matrix, dimension_order, vector_table
from .vocabulary import Vocabulary, vocabulary

__all__ = [
    "ANALOGY_METHODS",
    "ArithmeticResult",
    "MAX_EXPRESSION_CHARS",
    "ExpressionError",
    "Neighbor",
    "Parallelogram",
    "Vocabulary",
    "analogies",
    "analogy",
    "answer_rank",
    "arithmetic",
    "nearest",
    "parallelogram",
    "parse_expression",
    "vocabulary",
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
    "Comparison",
    "DIMENSION_ORDERS",
    "MAX_TEXT_CHARS",
    "HUB_MODELS",
    "Embedder",
    "EmbeddingCoreError",
    "EmptyInputError",
    "InvalidParameterError",
    "ModelInfo",
    "ModelUnavailableError",
    "RemoteEmbedder",
    "SentenceEmbedder",
    "TextList",
    "UnknownWordError",
    "WordEmbedder",
    "as_matrix",
    "clean_text",
    "compare",
    "dimension_order",
    "is_remote",
    "load_model",
    "model_label",
    "neighbor_table",
    "parse_texts",
    "vector_table",
    "word_tokens",
]
