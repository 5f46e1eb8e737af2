"""Streamlit caches around embedding_core: one model per process, bounded embedding caches."""

from __future__ import annotations

import numpy as np
import streamlit as st

import embedding_core as ec

DEFAULT_MODEL = "minilm"


@st.cache_resource(show_spinner=False, max_entries=6)
def get_model(name: str) -> ec.Embedder:
    """Load a model once per server process; every session shares it."""
    return ec.load_model(name)


def model_name() -> str:
    """The model chosen in the sidebar (shared by every page)."""
    return st.session_state.get("model", DEFAULT_MODEL)


def current_model() -> ec.Embedder:
    """The chosen model, loaded behind a spinner the first time."""
    name = model_name()
    with st.spinner(f"Loading {ec.model_label(name)} (first time only, a few seconds)…"):
        return get_model(name)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def embed(name: str, texts: tuple[str, ...]) -> np.ndarray:
    """Embeddings of `texts` with model `name`, cached per (model, texts)."""
    return get_model(name).embed(list(texts))


def embed_current(texts: list[str]) -> np.ndarray:
    """Embed with the sidebar's model, behind a spinner."""
    model = current_model()
    with st.spinner(f"Embedding {len(texts)} text(s) with {ec.model_label(model.name)}…"):
        return embed(model.name, tuple(texts))
