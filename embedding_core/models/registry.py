"""The one place a model name is read: parsed once into a `ModelRef`, loaded, labelled.

Names: ``"minilm"``, ``"glove-50d"`` and ``"wordllama"`` (bundled, offline); a sentence-transformers model id such as
``"sentence-transformers/all-mpnet-base-v2"``, optionally written ``"st:<id>"`` (from the Hugging Face
hub); ``"openai:<model>"`` for a model on an OpenAI-compatible server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InvalidParameterError
from .base import REMOTE_PREFIX, Embedder, ModelKind, ModelRef, RefKind
from .remote import DEFAULT_MAX_BATCH, RemoteEmbedder
from .sentence import load_hub_model, load_minilm
from .word import load_glove
from .wordllama import load_wordllama

__all__ = ["BUNDLED_MODELS", "HUB_MODELS", "ModelInfo", "is_remote", "load_model", "model_label", "parse_model_name"]

_HUB_PREFIX = "st:"


@dataclass(frozen=True)
class ModelInfo:
    """What the model picker shows about a model."""

    name: str
    label: str
    kind: ModelKind
    dim: int
    description: str
    #: Download size of the weights in MB (hub models), shown before anyone waits for it.
    size_mb: int | None = None
    #: True for models fetched from the Hugging Face hub on first use.
    needs_internet: bool = False


BUNDLED_MODELS: dict[str, ModelInfo] = {
    "minilm": ModelInfo(
        "minilm",
        "MiniLM (all-MiniLM-L6-v2)",
        "sentence",
        384,
        "A small transformer: reads whole sentences, 384 numbers per text. Offline.",
    ),
    "glove-50d": ModelInfo(
        "glove-50d",
        "GloVe 6B 50d",
        "word",
        50,
        "A classic word model: one fixed vector per word, 400,000 words, 50 numbers each. Offline.",
    ),
    "wordllama": ModelInfo(
        "wordllama",
        "WordLlama (l2_supercat, 256d)",
        "static",
        256,
        "Fast, for big uploads: a text is the average of fixed vectors of its word pieces (no context), "
        "256 numbers. Far faster than MiniLM, weaker at meaning. Offline.",
    ),
}


#: A short list of sentence-transformers models worth comparing, fetched from the hub on first use.
HUB_MODELS: dict[str, ModelInfo] = {
    info.name: info
    for info in (
        ModelInfo(
            "sentence-transformers/all-mpnet-base-v2",
            "MPNet (all-mpnet-base-v2)",
            "sentence",
            768,
            "MiniLM's big sibling: 12 layers, 768 numbers per text. Better, about 5x slower.",
            420,
            True,
        ),
        ModelInfo(
            "sentence-transformers/all-MiniLM-L12-v2",
            "MiniLM L12 (all-MiniLM-L12-v2)",
            "sentence",
            384,
            "The bundled MiniLM with twice the layers (12): same size of vectors, a little better.",
            130,
            True,
        ),
        ModelInfo(
            "BAAI/bge-small-en-v1.5",
            "BGE small (bge-small-en-v1.5)",
            "sentence",
            384,
            "A small English model trained for search; a strong choice for its size.",
            130,
            True,
        ),
        ModelInfo(
            "thenlper/gte-small",
            "GTE small (gte-small)",
            "sentence",
            384,
            "Another small English model from a different lab and training recipe.",
            70,
            True,
        ),
        ModelInfo(
            "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
            "Multilingual MiniLM (paraphrase-multilingual-MiniLM-L12-v2)",
            "sentence",
            384,
            "50+ languages in one space: a sentence and its translation land close together.",
            470,
            True,
        ),
    )
}


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")
_LOADERS = {"minilm": load_minilm, "glove-50d": load_glove, "wordllama": load_wordllama}


def _split(name: str) -> tuple[RefKind, str]:
    """The kind and id a name asks for, from its prefix alone (no id is checked)."""
    name = name.strip()
    if name.startswith(REMOTE_PREFIX):
        return "remote", name.removeprefix(REMOTE_PREFIX)
    if name in BUNDLED_MODELS:
        return "bundled", name
    return "hub", name.removeprefix(_HUB_PREFIX)


def parse_model_name(name: str) -> ModelRef:
    """Parse a model name into a `ModelRef`.

    Example:
        >>> parse_model_name("st:BAAI/bge-small-en-v1.5")
        ModelRef(kind='hub', id='BAAI/bge-small-en-v1.5')

    Raises:
        InvalidParameterError: the name is empty, or a hub name is not a valid model id. (A server's
            model id is checked by `RemoteEmbedder`, which knows the server's rules.)
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidParameterError(
            f"The model name must be a non-empty string. Got {name!r}. Use 'minilm', 'glove-50d' or a model id."
        )
    kind, model_id = _split(name)
    if kind == "hub" and not _HUB_ID.match(model_id):
        raise InvalidParameterError(
            f"{name.strip()!r} is not a model name. "
            "Use 'minilm', 'glove-50d', or a Hugging Face id like 'BAAI/bge-small-en-v1.5'."
        )
    return ModelRef(kind, model_id)


def is_remote(name: str) -> bool:
    """Whether `name` names a model on an OpenAI-compatible server (``"openai:<model>"``)."""
    return isinstance(name, str) and _split(name)[0] == "remote"


def load_model(
    name: str = "minilm",
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
    max_retries: int = 3,
    max_batch: int | None = None,
) -> Embedder:
    """Load an embedding model by name.

    Example:
        >>> load_model("st:BAAI/bge-small-en-v1.5")  # from the hub, cached by the library
        >>> load_model("openai:nomic-embed-text", base_url="http://localhost:11434/v1")  # Ollama

    Args:
        name: ``"minilm"``, ``"glove-50d"`` or ``"wordllama"`` (bundled, offline); a sentence-transformers
            model id such as ``"sentence-transformers/all-mpnet-base-v2"`` (optionally
            written ``"st:<id>"``), fetched from the Hugging Face hub when reachable; or
            ``"openai:<model>"`` for a model on an OpenAI-compatible server (see `RemoteEmbedder`).
        base_url, api_key, timeout, max_retries, max_batch: options of an ``"openai:"`` model only;
            ``base_url`` and ``api_key`` default to ``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``.

    Returns:
        An `Embedder`. Loading is slow (seconds); callers should keep the result.

    Raises:
        InvalidParameterError: the name is empty or not a valid model id.
        ModelUnavailableError: the model cannot be loaded (no network, unknown id).
    """
    ref = parse_model_name(name)
    if ref.kind == "remote":
        return RemoteEmbedder(
            ref.id,
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            max_batch=DEFAULT_MAX_BATCH if max_batch is None else max_batch,
        )
    if base_url is not None or api_key is not None or max_batch is not None:
        raise InvalidParameterError(
            f"`base_url`, `api_key` and `max_batch` are options of 'openai:<model>' names only. Got {ref.name!r}. "
            "Drop them, or write the name as 'openai:<model>'."
        )
    if ref.kind == "bundled":
        return _LOADERS[ref.id]()
    return load_hub_model(ref.id)


def model_label(name: str) -> str:
    """The human label of a model name (the id itself for other hub models and servers)."""
    kind, model_id = _split(name)
    info = BUNDLED_MODELS.get(model_id) if kind == "bundled" else HUB_MODELS.get(model_id)
    if info and kind != "remote":
        return info.label
    return f"{model_id} (server)" if kind == "remote" else model_id
