"""Attention weights of one layer and one head of a transformer, for a short text.

In every layer, each attention head lets every token take a weighted average of all tokens'
vectors; ``weights[i, j]`` is how much token ``i`` takes from token ``j`` (each row sums to 1).

Fast attention kernels (PyTorch's "sdpa", the default) never build the weight matrix, so the
weights come from a twin of the model that uses the plain ("eager") attention. The twin shares
every weight tensor with the loaded model: it costs no extra memory and never changes the model
the other pages embed with.
"""

from __future__ import annotations

import copy
import threading
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validate import Interval, check
from .errors import InvalidParameterError
from .models import Embedder
from .tokens import check_text, sentence_model

__all__ = ["AttentionMap", "attention", "attention_shape"]

_TWINS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class AttentionMap:
    """One head's attention weights for one text.

    Attributes:
        tokens: the word pieces, with ``[CLS]`` and ``[SEP]``.
        weights: float32 ``(n_tokens, n_tokens)``; ``weights[i, j]`` is the share of token ``j`` in the
            new vector of token ``i``; every row sums to 1.
        layer: the layer, counted from 1 (nearest the input) to `n_layers`.
        head: the head, counted from 1 to `n_heads`.
        n_layers: how many layers the model has.
        n_heads: how many heads each layer has.
    """

    tokens: list[str]
    weights: np.ndarray
    layer: int
    head: int
    n_layers: int
    n_heads: int


def _transformer(model: Embedder) -> Any:
    sentence = sentence_model(model)
    first = sentence.model[0]
    hf = getattr(first, "auto_model", None) or getattr(first, "model", None)
    if hf is None or not hasattr(hf, "config"):
        raise InvalidParameterError(
            f"{model.name!r} has no Hugging Face transformer inside. Got {type(first).__name__}. Use MiniLM ('minilm')."
        )
    return hf


def attention_shape(model: Embedder) -> tuple[int, int]:
    """``(n_layers, n_heads)`` of a sentence model's transformer (6 and 12 for MiniLM)."""
    config = _transformer(model).config
    return int(config.num_hidden_layers), int(config.num_attention_heads)


def _eager_twin(hf: Any) -> Any:
    """The same network with eager attention, sharing every parameter tensor with `hf`."""
    with _LOCK:
        twin = _TWINS.get(hf)
        if twin is not None:
            return twin
        import torch

        if getattr(hf.config, "_attn_implementation", "eager") == "eager":
            twin = hf
        else:
            config = copy.deepcopy(hf.config)
            config._attn_implementation = "eager"
            with torch.device("meta"):
                twin = type(hf)(config)
            twin.load_state_dict(hf.state_dict(), assign=True, strict=True)
            for name, buffer in hf.named_buffers():  # non-persistent buffers (position ids) are not in the state
                owner, _, attr = name.rpartition(".")
                twin.get_submodule(owner)._buffers[attr] = buffer
            twin.eval()
        _TWINS[hf] = twin
        return twin


def _check_index(name: str, value: object, count: int, what: str) -> int:
    return check(
        name, value, Interval(1, count, integer=True), advice=f"This model has {count} {what}: pick one of them."
    )


def attention(model: Embedder, text: str, *, layer: int, head: int) -> AttentionMap:
    """The attention weights of head `head` in layer `layer` while the model reads `text`.

    Args:
        model: a sentence model (a Hugging Face transformer inside sentence-transformers).
        text: the text; only its first ``model.max_tokens`` word pieces are read.
        layer: 1 … n_layers (1 reads the raw piece vectors, the last feeds the pooling).
        head: 1 … n_heads.

    Returns:
        An `AttentionMap` with ``weights.shape == (n_tokens, n_tokens)``.

    Raises:
        InvalidParameterError: a word model, or `layer` / `head` out of range.
        EmptyInputError: the text is empty.
    """
    hf = _transformer(model)
    n_layers, n_heads = attention_shape(model)
    layer = _check_index("layer", layer, n_layers, "layers")
    head = _check_index("head", head, n_heads, "heads per layer")
    text = check_text(text)
    import torch

    sentence = sentence_model(model)
    tokenizer = sentence.model.tokenizer
    enc = tokenizer(text, truncation=True, max_length=sentence.max_tokens, return_tensors="pt")
    twin = _eager_twin(hf)
    with torch.inference_mode():
        out = twin(**enc, output_attentions=True)
    if not out.attentions or out.attentions[0] is None:  # pragma: no cover - a model without eager attention
        raise InvalidParameterError(
            f"{model.name!r} does not return attention weights. Got none from its transformer. Use MiniLM ('minilm')."
        )
    weights = out.attentions[layer - 1][0, head - 1].float().cpu().numpy().astype(np.float32)
    tokens = tokenizer.convert_ids_to_tokens(enc["input_ids"][0].tolist())
    return AttentionMap(list(tokens), weights, layer, head, n_layers, n_heads)
