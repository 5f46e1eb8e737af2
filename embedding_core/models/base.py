"""The one interface every model has: `Embedder.embed(texts) -> (n, dim)` unit rows, and `ModelRef`.

A `ModelRef` is a model name parsed once (by `registry.parse_model_name`): which kind of model it is
(bundled with the app, a sentence-transformers model from the Hugging Face hub, or a model on an
OpenAI-compatible server) and its id. Nothing outside the registry looks at a name's prefix.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import EmbeddingCancelledError, InvalidParameterError

__all__ = ["REMOTE_PREFIX", "Embedder", "ModelKind", "ModelRef", "RefKind", "check_texts", "embed_order", "embed_texts"]

ModelKind = Literal["sentence", "word", "static"]
RefKind = Literal["bundled", "hub", "remote"]
#: Model names starting with this prefix are served by an OpenAI-compatible endpoint.
REMOTE_PREFIX = "openai:"


@dataclass(frozen=True)
class ModelRef:
    """A parsed model name.

    Attributes:
        kind: ``"bundled"`` (ships with the app, offline), ``"hub"`` (a sentence-transformers model
            from the Hugging Face hub) or ``"remote"`` (a model on an OpenAI-compatible server).
        id: the bundled name (``"minilm"``), the hub id (``"BAAI/bge-small-en-v1.5"``) or the
            server's model id (``"text-embedding-3-small"``).
    """

    kind: RefKind
    id: str

    @property
    def name(self) -> str:
        """The name that loads this model again (``"openai:<id>"`` for a server's model)."""
        return REMOTE_PREFIX + self.id if self.kind == "remote" else self.id

    @property
    def is_remote(self) -> bool:
        """True for a server's model: its vectors belong to the session that connected it."""
        return self.kind == "remote"


class Embedder(ABC):
    """A model that turns texts into vectors.

    Attributes:
        name: the name `load_model` was given.
        dim: the number of dimensions of every vector.
        kind: ``"sentence"`` (reads whole texts in context), ``"word"`` (one vector per word) or
            ``"static"`` (the mean of fixed vectors of sub-word pieces, as WordLlama: no context).
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

    def embed_all(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` without refusing any: what `embed_texts` calls for an upload.

        The same as `embed` here; a word model overrides it to give a text with no known word a
        zero vector instead of raising.
        """
        return self.embed(texts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dim={self.dim}, kind={self.kind!r})"


def check_texts(texts: Sequence[str]) -> list[str]:
    """`texts` as a list, checked to be strings (one string alone is refused: wrap it in a list)."""
    if isinstance(texts, str):
        raise InvalidParameterError(
            f"`texts` must be a list of strings, not one string. Got {texts[:30]!r}. Wrap it in a list: [text]."
        )
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise InvalidParameterError(f"`texts[{i}]` must be a string. Got {type(text).__name__}. Pass text only.")
    return out


def embed_order(texts: Sequence[str]) -> np.ndarray:
    """The order `embed_texts` embeds `texts` in: longest first (stable), as indices into `texts`."""
    return np.argsort([-len(t) for t in texts], kind="stable")


def embed_texts(
    model: Embedder,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """Embed many texts in batches, reporting progress after each batch.

    Texts are embedded longest first (`embed_order`), as `SentenceTransformer.encode` orders them,
    so each batch pads to similar lengths and the total time matches one big `encode` call; the
    rows come back in the input order. A word model leaves out unknown words (a text with no known
    word gets a zero vector) instead of refusing the whole upload.

    Args:
        model: the embedder.
        texts: the texts.
        batch_size: texts per batch (and per progress report).
        on_progress: called as ``on_progress(done, total)`` after each batch.
        cancel: when set (from any thread), the embedding stops before its next batch.

    Returns:
        ``(len(texts), model.dim)`` float32 array.

    Raises:
        EmbeddingCancelledError: `cancel` was set before every text was embedded; the partial
            array is dropped, and the error says how many texts were done.
    """
    if batch_size < 1:
        raise InvalidParameterError(f"`batch_size` must be at least 1. Got {batch_size}. Use 64.")
    items = list(texts)
    order = embed_order(items)
    out = np.zeros((len(items), model.dim), dtype=np.float32)
    for start in range(0, len(items), batch_size):
        if cancel is not None and cancel.is_set():
            raise EmbeddingCancelledError(start, len(items))
        idx = order[start : start + batch_size]
        batch = [items[i] for i in idx]
        out[idx] = model.embed_all(batch)
        if on_progress is not None:
            on_progress(min(start + batch_size, len(items)), len(items))
    return out
