"""Cached calls for the 'Inside the model' page: tokens, pooling, occurrences, attention."""

from __future__ import annotations

import streamlit as st

import embedding_core as ec

from .cache import cached, get_model, model_name


def sentence_model_name() -> str:
    """The sidebar's model if it is a sentence model (a transformer), else MiniLM."""
    name = model_name()
    info = ec.BUNDLED_MODELS.get(name)
    return name if info is None or info.kind == "sentence" else "minilm"


def load(name: str) -> ec.Embedder:
    """A model by name, behind a spinner the first time."""
    with st.spinner(f"Loading {ec.model_label(name)} (first time only, a few seconds)…"):
        return get_model(name)


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def tokenize(name: str, text: str) -> ec.Tokenization:
    return ec.tokenize(get_model(name), text)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def pooling(name: str, text: str) -> ec.Pooling:
    return ec.pooling_steps(get_model(name), text)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def occurrences(name: str, sentences: tuple[str, ...], word: str, others: tuple[str, ...]) -> ec.Occurrences:
    return ec.compare_occurrences(get_model(name), sentences, word, other_words=others)


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def attention(name: str, text: str, layer: int, head: int) -> ec.AttentionMap:
    return ec.attention(get_model(name), text, layer=layer, head=head)
