"""Streamlit caches around embedding_core: one model per process, bounded embedding caches.

Bundled and hub models are public weights: one copy per server process, shared by every
session (`st.cache_resource`), and their vectors are cached across sessions (`st.cache_data`).

Models on an OpenAI-compatible server are different: the embedder holds the session's API key.
It lives in this session's `st.session_state` only (never in a cross-session cache, never on
disk), and so do its vectors; both go when the session ends.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import streamlit as st

import embedding_core as ec

DEFAULT_MODEL = "minilm"
_REMOTE = "_remote_models"
_REMOTE_VECTORS = "_remote_vectors"
_REMOTE_CACHE_SIZE = 64


@st.cache_resource(show_spinner=False, max_entries=6)
def _shared_model(name: str) -> ec.Embedder:
    """Load a public model once per server process; every session shares it."""
    return ec.load_model(name)


def remote_models() -> dict[str, ec.RemoteEmbedder]:
    """The server models connected in this session, by name (``"openai:<model>"``)."""
    return st.session_state.setdefault(_REMOTE, {})


def connect_remote(model_id: str, *, base_url: str | None, api_key: str | None) -> ec.RemoteEmbedder:
    """Connect to a model on an OpenAI-compatible server for this session only.

    Raises:
        EmbeddingCoreError: the address, key or model is wrong, or the server cannot be reached.
    """
    model = ec.load_model(ec.ModelRef("remote", model_id.strip()).name, base_url=base_url, api_key=api_key)
    remote_models()[model.name] = model
    vectors = st.session_state.get(_REMOTE_VECTORS)
    if vectors:  # vectors of an earlier connection under the same name may come from another server
        for key in [k for k in vectors if k[0] == model.name]:
            del vectors[key]
    return model  # type: ignore[return-value]


def get_model(name: str) -> ec.Embedder:
    """The model `name`: shared by all sessions, or this session's own for a server model.

    Raises:
        ModelUnavailableError: a server model that is not connected in this session.
    """
    if ec.is_remote(name):
        model = remote_models().get(name)
        if model is None:
            raise ec.ModelUnavailableError(
                f"The server model {name.removeprefix('openai:')!r} is not connected in this session. "
                "Connect to it again in the sidebar, under 'More models'."
            )
        return model
    return _shared_model(name)


def model_name() -> str:
    """The model chosen in the sidebar (shared by every page)."""
    return st.session_state.get("model", DEFAULT_MODEL)


def current_model() -> ec.Embedder:
    """The chosen model, loaded behind a spinner the first time."""
    name = model_name()
    with st.spinner(f"Loading {ec.model_label(name)} (first time only, a few seconds)…"):
        return get_model(name)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _embed_shared(name: str, texts: tuple[str, ...]) -> np.ndarray:
    return _shared_model(name).embed(list(texts))


def _embed_remote(name: str, texts: tuple[str, ...]) -> np.ndarray:
    cache: OrderedDict = st.session_state.setdefault(_REMOTE_VECTORS, OrderedDict())
    key = (name, texts)
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    vectors = get_model(name).embed(list(texts))
    vectors.setflags(write=False)
    cache[key] = vectors
    while len(cache) > _REMOTE_CACHE_SIZE:
        cache.popitem(last=False)
    return vectors


def embed(name: str, texts: tuple[str, ...]) -> np.ndarray:
    """Embeddings of `texts` with model `name`, cached per (model, texts).

    Public models' vectors are shared by every session; a server model's stay in this session.
    """
    if ec.is_remote(name):
        return _embed_remote(name, tuple(texts))
    return _embed_shared(name, tuple(texts))


def embed_current(texts: list[str]) -> np.ndarray:
    """Embed with the sidebar's model, behind a spinner."""
    model = current_model()
    with st.spinner(f"Embedding {len(texts)} text(s) with {ec.model_label(model.name)}…"):
        return embed(model.name, tuple(texts))
