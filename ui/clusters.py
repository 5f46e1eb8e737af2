"""The Clusters page's app side: its map (the Maps page's method) and its caches."""

from __future__ import annotations

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import model_name
from .datasets import Source
from .projection import MAX_POINTS, cached_projection, chosen_method

TYPED_EXAMPLE = """fruit: apple, banana, cherry, mango, pear, grape
animal: dog, cat, horse, rabbit, tiger, sheep
vehicle: car, bus, train, bicycle, truck, tram
weather: rain, snow, storm, sunshine, fog, wind"""


def map_coords(source: Source) -> tuple[np.ndarray, str, list[str]]:
    """2D coordinates of every text, with the method chosen on the Maps page (its default settings).

    Returns:
        ``(coords, method label, notes)``; every text is on the map: when the Maps page's method
        caps the number of points below the data's size, PCA is used instead and a note says so.
    """
    method = chosen_method()
    n = len(source.vectors)
    notes = []
    if n > MAX_POINTS[method]:
        notes.append(
            f"{ec.method_label(method)} maps at most {MAX_POINTS[method]:,} points here; "
            f"this map uses PCA so that all {n:,} texts are on it."
        )
        method = "pca"
    builtin = source.name if source.name in ec.list_datasets() else None
    proj = cached_projection(
        source.vectors, method, builtin=builtin, model_name=model_name(), seed=0, max_points=max(n, MAX_POINTS[method])
    )
    return proj.coords.astype(np.float32), ec.method_label(method), [*notes, *proj.adjustments]


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
