"""The Clusters page's app side: its map (the Maps page's method) and its caches."""

from __future__ import annotations

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import cached
from .params import Flag, Param
from .projection import MAX_POINTS, cached_projection, chosen_method
from .sources import Owner, Source

TYPED_EXAMPLE = ec.lesson_text("clusters", "example")


RESTARTS = Param(
    "clusters_n_init",
    10,
    ec.Interval(1, 20, integer=True),
    "Restarts",
    "k-means runs this many times from random centres and keeps the best.",
)
LINKAGE = Param(
    "clusters_linkage",
    "ward",
    ec.Options(ec.LINKAGES),
    "Linkage",
    "Which groups merge first: ward = least added spread; average = closest on average; "
    "complete = closest farthest members.",
)
SMALLEST = Param(
    "clusters_min_size",
    5,
    ec.Interval(2, 50, integer=True),
    "Smallest cluster",
    "A dense region needs at least this many texts.",
)
DENSE = Param(
    "clusters_min_samples",
    5,
    ec.Interval(1, 50, integer=True),
    "Neighbours for 'dense'",
    "Higher = stricter, more texts become noise.",
)
AUTO_K = Param("clusters_auto_k", True, Flag(), "Best k by silhouette", "Let the silhouette curve below choose k.")


def own_k(best: int, n_texts: int) -> Param:
    """The number of clusters, from 2 to the number of texts (at most 30); first the silhouette's best."""
    top = max(2, min(n_texts, 30))
    return Param(
        "clusters_k",
        best,
        ec.Interval(2, top, integer=True),
        "Number of clusters k",
        "Your own k, when you turn 'best k' off.",
        clamp=True,
    )


def pca_fallback_note(method: str, n: int) -> str | None:
    """Why the clusters map uses PCA instead of the Maps page's `method` for `n` texts (None: it does not).

    PCA itself maps every point (the map is fitted on all `n`), so it never needs a fallback.
    """
    if method == "pca" or n <= MAX_POINTS[method]:
        return None
    return (
        f"{ec.method_label(method)} maps at most {MAX_POINTS[method]:,} points here, and there are {n:,} texts: "
        "this map uses PCA instead, which places all of them."
    )


def map_coords(source: Source) -> tuple[np.ndarray, str, list[str]]:
    """2D coordinates of every text, with the method chosen on the Maps page (its default settings).

    Returns:
        ``(coords, method label, notes)``; every text is on the map: when the Maps page's method
        caps the number of points below the data's size, PCA is used instead and a note says so.
    """
    method = chosen_method()
    n = len(source.vectors)
    notes = []
    note = pca_fallback_note(method, n)
    if note:
        notes.append(note)
        method = "pca"
    proj = cached_projection(source.vectors, method, source=source, seed=0, max_points=max(n, MAX_POINTS[method]))
    return proj.coords.astype(np.float32), ec.method_label(method), [*notes, *proj.adjustments]


def clustered_space(space: str, method: str, vectors: np.ndarray, coords: np.ndarray) -> tuple[np.ndarray, str | None]:
    """The points to cluster (the full vectors or the 2D map, as chosen) and a note when the choice is overruled.

    HDBSCAN in hundreds of dimensions on more than `ec.HDBSCAN_FULL_MAX` points needs a tree search that is
    very slow there (70 s on 10,000 MiniLM vectors), so it runs on the 2D map instead, and the note says so.
    """
    n = len(vectors)
    if space == "map" or method != "hdbscan" or n <= ec.HDBSCAN_FULL_MAX or vectors.shape[1] <= 16:
        return (vectors if space == "full" else coords), None
    return coords, (
        f"HDBSCAN clusters these {n:,} texts on the 2D map, not in the full {vectors.shape[1]} dimensions: there "
        f"it is exact only up to {ec.HDBSCAN_FULL_MAX:,} points and very slow beyond. To cluster the full "
        "vectors, use k-means, or `ec.cluster(vectors, method='hdbscan')` in Python."
    )


def sweep(owner: Owner, x: np.ndarray, method: str, params: tuple[tuple[str, object], ...]) -> ec.SilhouetteSweep:
    """`ec.silhouette_sweep` over k = 2 … 15, cached per data and parameters.

    The "Restarts" slider is for the final clustering only: the sweep keeps its documented one
    k-means start per k (15 fits, not 15 × restarts), and moving the slider does not redo it.
    """
    return _cached_sweep(owner, x, method, tuple((k, v) for k, v in params if k != "n_init"))


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def _cached_sweep(
    owner: Owner, x: np.ndarray, method: str, params: tuple[tuple[str, object], ...]
) -> ec.SilhouetteSweep:
    return ec.silhouette_sweep(x, method=method, **dict(params))  # type: ignore[arg-type]


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def run_cluster(
    owner: Owner, x: np.ndarray, method: str, n_clusters: int | None, params: tuple[tuple[str, object], ...]
) -> ec.ClusterResult:
    """`ec.cluster`, cached per data, method, k and parameters."""
    return ec.cluster(x, method=method, n_clusters=n_clusters, **dict(params))  # type: ignore[arg-type]


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def describe(
    owner: Owner, texts: tuple[str, ...], x: np.ndarray, labels: np.ndarray
) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
    """Each cluster's keywords (c-TF-IDF) and the indices of its 3 items nearest its centre in `x`."""
    return ec.cluster_keywords(list(texts), labels, top_n=5, x=x), ec.nearest_to_centre(x, labels, n=3)


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def _agreement(owner: Owner, labels: tuple[str, ...], found: np.ndarray) -> ec.ClusterAgreement:
    return ec.cluster_agreement(labels, found)


def show_scores(
    owner: Owner, result: ec.ClusterResult, labels: list[str] | None, *, noise: bool
) -> ec.ClusterAgreement | None:
    """The row of scores over the results; with true labels, how well the clusters match them (returned).

    Raises:
        EmbeddingCoreError: when the labels cannot be compared with the clusters.
    """
    n = len(result.labels)
    metrics = st.columns(5 if labels else 3)
    metrics[0].metric("Clusters", result.n_clusters, help="Groups found (noise not counted).")
    metrics[1].metric(
        "Silhouette",
        "–" if result.silhouette is None else f"{result.silhouette:.3f}",
        help="From -1 to 1: how much closer texts are to their own cluster than to the next one, in the space "
        "clustered. With hundreds of dimensions even good groups score low (0.05-0.15): compare, don't judge alone.",
    )
    if noise:
        metrics[2].metric("Noise", f"{result.n_noise} of {n}", help="Texts in no dense region (grey).")
    else:
        metrics[2].metric("Texts", f"{n:,}", help="Every text is in exactly one cluster.")
    if not labels:
        return None
    agree = _agreement(owner, tuple(labels), result.labels)
    metrics[3].metric("Adjusted Rand index", f"{agree.ari:.3f}", help="1 = same groups as the labels, 0 = chance.")
    metrics[4].metric("NMI", f"{agree.nmi:.3f}", help="Normalised mutual information: 1 = same groups, 0 = unrelated.")
    return agree


def cluster_names(labels: np.ndarray) -> list[str]:
    """Each point's cluster as people read it ("cluster 1", …, "noise"), to colour the big map by."""
    names = {int(c): ec.cluster_name(int(c)) for c in np.unique(labels)}
    return [names[int(c)] for c in labels]
