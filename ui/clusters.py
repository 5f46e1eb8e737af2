"""The Clusters page's app side: its data source (typed texts may carry groups) and its caches."""

from __future__ import annotations

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import current_model, embed_current
from .datasets import TYPED, Source, builtin_dataset, builtin_vectors, uploads
from .errors import core_errors
from .state import default

TYPED_EXAMPLE = "\n".join(
    f"{word} | {group}"
    for group, words in {
        "fruit": ["apple", "banana", "cherry", "mango", "pear", "grape"],
        "animal": ["dog", "cat", "horse", "rabbit", "tiger", "sheep"],
        "vehicle": ["car", "bus", "train", "bicycle", "truck", "tram"],
        "weather": ["rain", "snow", "storm", "sunshine", "fog", "wind"],
    }.items()
    for word in words
)


def clamp(key: str, low: int, high: int) -> None:
    """Keep a number widget's value (perhaps from a link or another dataset) within its range."""
    value = st.session_state.get(key, low)
    st.session_state[key] = min(max(low, int(value)), high)


def _label(option: str) -> str:
    if option == TYPED:
        return "Texts I type (optionally with groups)"
    if option.startswith("upload:"):
        return f"My data: {option.removeprefix('upload:')}"
    return builtin_dataset(option).title


def source_picker(key: str = "clusters") -> Source:
    """Like `ui.datasets.dataset_picker`, but typed lines may end with ``| group`` (the true labels)."""
    options = [TYPED, *ec.list_datasets(), *(f"upload:{n}" for n in uploads())]
    default(f"{key}_source", "word_sets" if "word_sets" in options else TYPED, options=options)
    if st.session_state[f"{key}_source"] not in options:
        st.session_state[f"{key}_source"] = options[0]
    choice = st.selectbox(
        "Data",
        options,
        key=f"{key}_source",
        format_func=_label,
        help="Your own texts, a built-in dataset, or data you uploaded on the 'Your data' page.",
    )
    model = current_model()
    if choice == TYPED:
        default(f"{key}_typed", TYPED_EXAMPLE)
        raw = st.text_area(
            "Texts, one per line; add '| group' to compare the clusters with your own groups",
            key=f"{key}_typed",
            height=180,
            help="For example 'apple | fruit'. The group is not shown to the clustering; "
            "it is only used afterwards to score how well the clusters match your groups.",
        )
        with core_errors():
            parsed = ec.parse_texts(raw, max_items=1_000)
            grouped = ec.split_groups(parsed.texts)
        for note in [*parsed.notes(), *grouped.notes]:
            st.info(note, icon=":material/info:")
        with core_errors():
            vectors = embed_current(grouped.texts)
        return Source(grouped.texts, grouped.groups, vectors, "typed texts")
    if choice.startswith("upload:"):
        dataset = uploads()[choice.removeprefix("upload:")]
        with core_errors(), st.spinner(f"Embedding {len(dataset):,} texts…"):
            vectors = ec.dataset_vectors(dataset, model)
        return Source(dataset.texts, dataset.labels, vectors, dataset.name)
    dataset = builtin_dataset(choice)
    st.caption(dataset.description)
    with core_errors(), st.spinner(f"Embedding {len(dataset):,} texts (first time only)…"):
        vectors = builtin_vectors(choice, model.name)
    return Source(dataset.texts, dataset.labels, vectors, dataset.name)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def map_coords(vectors: np.ndarray) -> tuple[np.ndarray, str]:
    """2D map coordinates of `vectors` and the name of the method that made them.

    PCA for now (scikit-learn directly); to be swapped for the Projections page's method
    (`embedding_core.project`) once that module is merged.
    """
    from sklearn.decomposition import PCA

    x = ec.as_matrix(vectors, name="vectors")
    if x.shape[0] < 2:
        raise ec.InvalidParameterError(
            f"Clustering needs at least 2 points. Got {x.shape[0]}. Add more texts so there is something to group."
        )
    return PCA(n_components=2, random_state=0).fit_transform(x).astype(np.float32), "PCA"


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def sweep(x: np.ndarray, method: str, params: tuple[tuple[str, object], ...]) -> ec.SilhouetteSweep:
    """`ec.silhouette_sweep` over k = 2 … 15, cached per data and parameters."""
    return ec.silhouette_sweep(x, method=method, **dict(params))  # type: ignore[arg-type]


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def run_cluster(
    x: np.ndarray, method: str, n_clusters: int | None, params: tuple[tuple[str, object], ...]
) -> ec.ClusterResult:
    """`ec.cluster`, cached per data, method, k and parameters."""
    return ec.cluster(x, method=method, n_clusters=n_clusters, **dict(params))  # type: ignore[arg-type]


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def describe(
    texts: tuple[str, ...], x: np.ndarray, labels: np.ndarray
) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
    """Each cluster's keywords (c-TF-IDF) and the indices of its 3 items nearest its centre in `x`."""
    return ec.cluster_keywords(list(texts), labels, top_n=5, x=x), ec.nearest_to_centre(x, labels, n=3)
