"""The shared sidebar: the model picker, whose choice every page reads.

Under it, a collapsed "More models" expander adds models for this session: a sentence-transformers
model from the Hugging Face hub (a short curated list, or any id), or a model on an
OpenAI-compatible server (OpenAI, Hugging Face TEI, vLLM, Ollama, LM Studio). A deployment can
preset the server with `st.secrets` or environment variables ``OPENAI_BASE_URL``,
``OPENAI_API_KEY`` and ``OPENAI_EMBEDDING_MODEL``; a key typed here is used for this session only.
"""

from __future__ import annotations

import dataclasses
import os

import streamlit as st

import embedding_core as ec
from embedding_core.models import DEFAULT_BASE_URL

from .cache import DEFAULT_MODEL, connect_remote, get_model, remote_models
from .inputs import request, requested
from .params import Param, prepare

_TYPED = "__typed__"
_KEY_ONCE = "_model_remote_key_once"
_HUB_REQUEST = "_model_hub_request"  # set by the Load button's callback (a click survives a rerun)
_EXTRA = "extra_models"


def _label(name: str) -> str:
    info = ec.BUNDLED_MODELS.get(name) or ec.HUB_MODELS.get(name)
    if info:
        return f"{info.label} · {info.kind}, {info.dim}d"
    if ec.is_remote(name):
        return f"{ec.parse_model_name(name).id} · embedding server"
    return f"{name} (hub)"


def _hub_label(name: str) -> str:
    if name == _TYPED:
        return "Another model id…"
    info = ec.HUB_MODELS[name]
    return f"{info.label} · {info.dim}d · {info.size_mb} MB"


def deployment_setting(name: str) -> str:
    """A setting from `st.secrets` (Community Cloud) or the environment; "" when unset."""
    try:
        value = st.secrets.get(name)
    except Exception:  # noqa: BLE001 - no secrets file at all is normal locally
        value = None
    return str(value or os.environ.get(name, "")).strip()


def _added(name: str) -> None:
    """Put a newly loaded model in the picker and select it (on the next run)."""
    extra = st.session_state.setdefault(_EXTRA, [])
    if name not in extra:
        extra.append(name)
    st.session_state["model"] = st.session_state["model_pending"] = name


def _hub_form() -> None:
    pick = st.selectbox(
        "Hub model",
        [*ec.HUB_MODELS, _TYPED],
        key="model_hub_pick",
        format_func=_hub_label,
        help="Sentence-transformers models from the Hugging Face hub. Bigger models are often better, and slower.",
    )
    if pick == _TYPED:
        model_id = st.text_input(
            "Model id",
            placeholder="sentence-transformers/all-mpnet-base-v2",
            key="model_hub_id",
            help="Any sentence-transformers model on huggingface.co, written owner/name.",
        ).strip()
        st.caption(":material/wifi: Needs internet the first time; then cached on this machine.")
    else:
        model_id, info = pick, ec.HUB_MODELS[pick]
        st.caption(f"{info.description} :material/wifi: Needs internet the first time ({info.size_mb} MB).")
    st.button(
        "Load",
        key="model_hub_load",
        disabled=not model_id,
        icon=":material/download:",
        on_click=request,
        args=(_HUB_REQUEST, model_id),
    )
    if requested(_HUB_REQUEST) == model_id:
        try:
            with st.spinner(f"Loading {model_id} (a download the first time)…"):
                get_model(model_id)
        except ec.EmbeddingCoreError as err:
            st.error(str(err), icon=":material/error:")
        else:
            _added(model_id)
            st.rerun()


def _is_deployment_server() -> bool:
    """Whether the address typed is the deployment's own server (the only one its key may go to)."""
    typed = st.session_state.get("model_remote_url", "").strip().rstrip("/")
    return typed == (deployment_setting("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


def _take_key() -> None:
    """Form callback: move the typed key out of the widget, so it is never sent back to the browser."""
    st.session_state[_KEY_ONCE] = st.session_state.get("model_remote_key", "")
    st.session_state["model_remote_key"] = ""


def _server_form() -> None:
    state = st.session_state
    state.setdefault("model_remote_url", deployment_setting("OPENAI_BASE_URL") or DEFAULT_BASE_URL)
    state.setdefault("model_remote_name", deployment_setting("OPENAI_EMBEDDING_MODEL") or "text-embedding-3-small")
    preset_key = bool(deployment_setting("OPENAI_API_KEY"))
    with st.form("model_remote_form", border=False):
        st.text_input(
            "Server address",
            key="model_remote_url",
            help="The API root, usually ending in /v1: https://api.openai.com/v1, "
            "http://localhost:11434/v1 (Ollama), http://localhost:8080/v1 (TEI).",
        )
        st.text_input(
            "Model name",
            key="model_remote_name",
            help="The model id the server knows, e.g. text-embedding-3-small or nomic-embed-text.",
        )
        st.text_input(
            "API key",
            key="model_remote_key",
            type="password",
            placeholder="this deployment's key" if preset_key else "sk-… (local servers need none)",
            help="Used for this browser session only: never shown again, stored or put in a link. "
            + ("Leave empty to use this deployment's key (sent only to its own server address)." if preset_key else ""),
        )
        st.form_submit_button("Connect", icon=":material/link:", on_click=_take_key)
    if _KEY_ONCE in state:
        typed = state.pop(_KEY_ONCE).strip()
        key = typed or (deployment_setting("OPENAI_API_KEY") if _is_deployment_server() else "")
        try:
            with st.spinner(f"Connecting to {state['model_remote_name'].strip()}…"):
                model = connect_remote(state["model_remote_name"], base_url=state["model_remote_url"], api_key=key)
        except ec.EmbeddingCoreError as err:
            st.error(str(err), icon=":material/error:")
        else:
            _added(model.name)
            st.rerun()
    st.caption("Texts you embed are sent to this server.")


def available_models() -> list[str]:
    """The models usable in this session: the bundled ones, then those added under 'More models'."""
    extra = st.session_state.get(_EXTRA, [])
    return [*ec.BUNDLED_MODELS, *(m for m in extra if not ec.is_remote(m) or m in remote_models())]


#: The active model, read by every page. A link may name a bundled model; the models added under
#: "More models" join the choices for this session (`model_picker` widens the domain).
MODEL = Param(
    "model",
    DEFAULT_MODEL,
    ec.Options(tuple(ec.BUNDLED_MODELS)),
    "Model",
    "The model that turns your texts into vectors on every page. "
    "MiniLM reads whole sentences; GloVe has one fixed vector per word. Add others under 'More models'.",
    format_func=_label,
    note="The link asks for the model {value}, which is not available here; using MiniLM.",
)


def model_picker() -> str:
    """Draw the model picker and return the active model's name."""
    state = st.session_state
    options = available_models()
    # The choice lives in "model" (pages read it); the select box is "model_choice", so a model
    # loaded under "More models" can be selected on the next run.
    prepare(dataclasses.replace(MODEL, domain=ec.Options(tuple(options))))
    if "model_pending" in state:
        state["model_choice"] = state.pop("model_pending")
    if state.get("model_choice") not in options:
        state["model_choice"] = state["model"]
    with st.sidebar:
        state["model"] = st.selectbox(
            MODEL.label, options, key="model_choice", format_func=MODEL.format_func, help=MODEL.help
        )
        info = ec.BUNDLED_MODELS.get(state["model"]) or ec.HUB_MODELS.get(state["model"])
        if info:
            st.caption(info.description)
        elif state["model"] in remote_models():
            model = remote_models()[state["model"]]
            st.caption(f"{model.dim} numbers per text, from the server at {model.host}. Your texts are sent there.")
        with st.expander("More models", icon=":material/add_circle:"):
            hub, server = st.tabs(["Hub model", "Server"])
            with hub:
                _hub_form()
            with server:
                _server_form()
    return state["model"]
