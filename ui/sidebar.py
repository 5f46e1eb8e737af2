"""The shared sidebar: the model picker, whose choice every page reads."""

from __future__ import annotations

import streamlit as st

import embedding_core as ec

from .cache import DEFAULT_MODEL, get_model

_OTHER = "__other__"


def _label(name: str) -> str:
    if name == _OTHER:
        return "Another sentence-transformers model…"
    info = ec.BUNDLED_MODELS.get(name)
    return f"{info.label} · {info.kind}, {info.dim}d" if info else f"{name} (hub)"


def model_picker() -> str:
    """Draw the model picker and return the active model's name."""
    state = st.session_state
    if "model" not in state:
        wanted = st.query_params.get("model", DEFAULT_MODEL)
        state["model"] = wanted if wanted in ec.BUNDLED_MODELS else DEFAULT_MODEL
        if wanted != state["model"]:
            state.setdefault("_link_notes", []).append(
                f"The link asks for the model {wanted[:60]!r}, which is not available here; using MiniLM."
            )
    options = [*ec.BUNDLED_MODELS, *state.get("extra_models", []), _OTHER]
    if "model_pending" in state:
        state["model_choice"] = state.pop("model_pending")
    if state.get("model_choice") not in options:
        state["model_choice"] = state["model"]
    with st.sidebar:
        choice = st.selectbox(
            "Model",
            options,
            key="model_choice",
            format_func=_label,
            help="The model that turns your texts into vectors on every page. "
            "MiniLM reads whole sentences; GloVe has one fixed vector per word.",
        )
        if choice == _OTHER:
            model_id = st.text_input(
                "Model id from the Hugging Face hub",
                placeholder="sentence-transformers/all-mpnet-base-v2",
                key="model_hub_id",
                help="Needs internet the first time; the model is then cached on this machine.",
            )
            if st.button("Load model", key="model_hub_load", disabled=not model_id.strip()):
                try:
                    with st.spinner(f"Loading {model_id.strip()}…"):
                        get_model(model_id.strip())
                except ec.EmbeddingCoreError as err:
                    st.error(str(err))
                else:
                    state.setdefault("extra_models", []).append(model_id.strip())
                    state["model"] = state["model_pending"] = model_id.strip()
                    st.rerun()
            st.caption(f"Still using **{ec.model_label(state['model'])}** until a new model loads.")
        else:
            state["model"] = choice
        info = ec.BUNDLED_MODELS.get(state["model"])
        if info:
            st.caption(info.description)
    return state["model"]
