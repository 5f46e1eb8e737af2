"""The data source picker shared by the Projections, Search and Clusters pages.

A source is the user's typed texts, a built-in dataset, or data uploaded on the
"Your data" page (kept in `st.session_state["data_uploads"]`, this session only).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import current_model, embed_current, get_model
from .errors import core_errors
from .params import Param, Text, selectbox, text_area

TYPED = "__typed__"
UPLOADS = "data_uploads"


class Source(NamedTuple):
    """What a page works on: texts, their labels (or None), their vectors, and a name."""

    texts: list[str]
    labels: list[str] | None
    vectors: np.ndarray
    name: str


@st.cache_data(show_spinner=False, max_entries=8)
def builtin_dataset(name: str) -> ec.Dataset:
    """A built-in dataset, read once and shared by every session."""
    return ec.load_dataset(name)


@st.cache_data(show_spinner=False, max_entries=24)
def builtin_vectors(name: str, model_name: str) -> np.ndarray:
    """A built-in dataset's vectors for a model (precomputed for MiniLM), shared by every session."""
    return ec.dataset_vectors(builtin_dataset(name), get_model(model_name))


def uploads() -> dict[str, ec.Dataset]:
    """The datasets uploaded in this session, by name."""
    return st.session_state.setdefault(UPLOADS, {})


def _label(option: str) -> str:
    if option == TYPED:
        return "Texts I type"
    if option.startswith("upload:"):
        return f"My data: {option.removeprefix('upload:')}"
    return builtin_dataset(option).title


def dataset_picker(
    key: str,
    *,
    allow_typed: bool = True,
    typed_default: str = "",
    max_typed: int = 500,
    grouped: bool = False,
    first: str | None = None,
) -> Source:
    """Draw a source picker (and a text box for typed texts) and return the chosen source.

    Args:
        key: the page's widget-key prefix, e.g. ``"projection"``.
        allow_typed: offer "Texts I type" as a source.
        typed_default: the first value of the text box.
        max_typed: keep at most this many typed texts.
        grouped: typed lines may name groups (``fruit: apple, banana``); the groups become the labels.
        first: the source chosen at first (default: the first option).
    """
    options = ([TYPED] if allow_typed else []) + ec.list_datasets() + [f"upload:{n}" for n in uploads()]
    picked = Param(
        f"{key}_source",
        first or options[0],
        ec.Options(options),
        "Data",
        "Your own texts, a built-in dataset, or data you uploaded on the 'Your data' page.",
        format_func=_label,
    )
    choice = selectbox(picked)
    model = current_model()
    if choice == TYPED:
        typed = Param(
            f"{key}_typed",
            typed_default,
            Text(),
            "Texts, one per line",
            "One word or sentence per line. Blank lines are skipped, repeats kept once."
            + (
                " Write `fruit: apple, banana, cherry` to put texts in a group (use ; between items "
                "that contain commas), or a line `fruit:` alone to start a group for the lines below it."
                if grouped
                else ""
            ),
        )
        raw = text_area(typed, height=150)
        with core_errors():
            parsed = (
                ec.parse_grouped_texts(raw, max_items=max_typed)
                if grouped
                else ec.parse_texts(raw, max_items=max_typed)
            )
        for note in parsed.notes():
            st.info(note, icon=":material/info:")
        with core_errors():
            vectors = embed_current(parsed.texts)
        labels = parsed.group_names() if grouped and parsed.has_groups else None
        return Source(parsed.texts, labels, vectors, "typed texts")
    if choice.startswith("upload:"):
        dataset = uploads()[choice.removeprefix("upload:")]
        if dataset.vectors is not None and dataset.vectors_model not in (None, model.name):
            st.warning(
                f"These vectors were made with {ec.model_label(dataset.vectors_model)}; "
                f"embedding the texts again with {ec.model_label(model.name)}.",
                icon=":material/sync:",
            )
        from .data import upload_vectors  # re-embedded once per model, kept in this session only

        with core_errors():
            vectors = upload_vectors(dataset, model)
        return Source(dataset.texts, dataset.labels, vectors, dataset.name)
    dataset = builtin_dataset(choice)
    st.caption(dataset.description)
    with core_errors(), st.spinner(f"Embedding {len(dataset):,} texts (first time only)…"):
        if ec.is_remote(model.name):  # this session's server: never in a cross-session cache
            vectors = ec.dataset_vectors(dataset, model)
        else:
            vectors = builtin_vectors(choice, model.name)
    return Source(dataset.texts, dataset.labels, vectors, dataset.name)
