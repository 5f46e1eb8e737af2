"""What the big map draws on top of its points: cluster labels, a typed query, the rows similar to it.

Cluster labels follow Embedding Atlas and datamapplot: group the map's 2D points (k-means,
or groups the caller already has) and write each group's c-TF-IDF keywords (`cluster_keywords`) at
its centre. A typed query is placed on the existing map without refitting: PCA and UMAP use the
fitted map's ``transform``; t-SNE cannot place new points, so the query goes to the mean position of
its nearest neighbours in the original space (and the result says so).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from . import _linalg
from ._validate import Interval, check
from .cluster_report import cluster_keywords, cluster_name
from .errors import InvalidParameterError
from .projection import Projection, method_label
from .search import SemanticIndex
from .vectors import as_matrix

__all__ = [
    "LABEL_CLUSTERS",
    "KEYWORD_SAMPLE",
    "PLACE_NEIGHBOURS",
    "MapLabel",
    "MapLabels",
    "PlacedQuery",
    "map_labels",
    "place_query",
    "rows_above",
]

#: How many clusters a map may be labelled with (the default is 12).
LABEL_CLUSTERS = Interval(2, 60, integer=True)
#: Texts read for the keywords at most (drawn at random per map); the clusters use every point.
KEYWORD_SAMPLE = 50_000
#: Nearest neighbours whose mean position places a query on a t-SNE map.
PLACE_NEIGHBOURS = 10
_THRESHOLD = Interval(-1.0, 1.0)
#: k-means on 2D points is fitted on at most this many (drawn with the seed), then every point is assigned.
_KMEANS_FIT = 20_000


@dataclass(frozen=True)
class MapLabel:
    """One label on the map.

    Attributes:
        x, y: where it is drawn, in the map's coordinates: the member point closest to the members' mean
            (so a label always sits on its cluster, even a curved one).
        text: the cluster's keywords joined by " · ", or its name when its texts hold no usable word.
        size: how many points the cluster has.
        cluster: the cluster's label (0, 1, …).
    """

    x: float
    y: float
    text: str
    size: int
    cluster: int


@dataclass(frozen=True)
class MapLabels:
    """The labels of one map, and how they were made.

    Attributes:
        labels: one `MapLabel` per cluster, largest cluster first.
        assignments: ``(n,)`` the cluster of every point.
        n_texts: how many texts the keywords were read from (all of them, or a sample of `KEYWORD_SAMPLE`).
        method: ``"kmeans"`` (k-means on the 2D points) or ``"given"`` (the caller's groups).
    """

    labels: list[MapLabel]
    assignments: np.ndarray
    n_texts: int
    method: Literal["kmeans", "given"]


def map_labels(
    coords: np.ndarray,
    texts: Sequence[str],
    *,
    n_clusters: int = 12,
    groups: Sequence[int] | np.ndarray | None = None,
    top_n: int = 3,
    max_texts: int = KEYWORD_SAMPLE,
    random_state: int = 0,
) -> MapLabels:
    """Group the map's points and name each group by its most distinctive words (c-TF-IDF).

    Args:
        coords: ``(n, 2)`` map coordinates.
        texts: one text per point.
        n_clusters: how many groups k-means makes on the 2D points (ignored with `groups`); lowered to
            the number of distinct points when there are fewer. Above 20,000 points k-means is fitted
            on 20,000 drawn with `random_state` and every point goes to its nearest centre.
        groups: the cluster of each point, when the caller already has clusters (then no k-means).
        top_n: keywords per label.
        max_texts: read the keywords from at most this many texts, drawn at random with `random_state`
            (c-TF-IDF of 200,000 texts costs seconds and names the same words).
        random_state: the seed of k-means and of the text sample.

    Returns:
        A `MapLabels`.

    Raises:
        InvalidParameterError: `coords` is not ``(n, 2)``, the lengths differ, or a count is out of range.

    Example:
        >>> xy = np.array([[0, 0], [0, 1], [9, 9], [9, 8]])
        >>> found = map_labels(xy, ["red apple", "green apple", "fast car", "red car"], n_clusters=2, top_n=1)
        >>> sorted(label.text for label in found.labels)
        ['apple', 'car']
    """
    from sklearn.cluster import KMeans

    xy = as_matrix(coords, name="coords")
    if xy.shape[1] != 2:
        raise InvalidParameterError(f"`coords` must have 2 columns (a 2D map). Got {xy.shape[1]}. Use a 2D map.")
    n = len(xy)
    if len(texts) != n:
        raise InvalidParameterError(f"`texts` must hold one text per point ({n:,}). Got {len(texts):,}.")
    max_texts = check("max_texts", max_texts, Interval(1, math.inf, integer=True), advice="Use e.g. 50000.")
    if groups is not None:
        assignments = np.asarray(groups)
        if assignments.shape != (n,):
            raise InvalidParameterError(f"`groups` must hold one cluster per point ({n:,}). Got {assignments.shape}.")
        assignments = np.unique(assignments, return_inverse=True)[1]
        method: Literal["kmeans", "given"] = "given"
    else:
        k = check("n_clusters", n_clusters, LABEL_CLUSTERS, advice="Use e.g. 12.")
        k = min(k, len(np.unique(xy, axis=0)))
        rng = np.random.default_rng(random_state)
        fit = xy if n <= _KMEANS_FIT else xy[rng.choice(n, _KMEANS_FIT, replace=False)]
        model = KMeans(n_clusters=k, random_state=random_state, n_init=3).fit(fit)
        assignments = model.predict(xy)
        method = "kmeans"
    sample = np.arange(n)
    if n > max_texts:
        sample = np.sort(np.random.default_rng(random_state).choice(n, max_texts, replace=False))
    keywords = cluster_keywords([str(texts[i]) for i in sample], assignments[sample], top_n=top_n)
    sizes = np.bincount(assignments)
    out = []
    for c in np.argsort(-sizes, kind="stable"):
        if sizes[c] == 0:
            continue
        members = np.flatnonzero(assignments == c)
        centre = xy[members].mean(axis=0)
        x, y = xy[members[np.argmin(((xy[members] - centre) ** 2).sum(axis=1))]]
        words = keywords.get(int(c), [])
        out.append(MapLabel(float(x), float(y), " · ".join(words) or cluster_name(int(c)), int(sizes[c]), int(c)))
    return MapLabels(out, assignments, len(sample), method)


@dataclass(frozen=True, eq=False)  # holds arrays: compare the fields
class PlacedQuery:
    """A typed query placed on an existing map.

    Attributes:
        xy: ``(2,)`` its position in the map's coordinates.
        how: ``"transform"`` (the fitted map placed it: PCA, UMAP) or ``"neighbours"`` (t-SNE: the mean
            position of its `PLACE_NEIGHBOURS` nearest neighbours).
        neighbours: the rows whose mean position it is (empty for ``"transform"``).
        cosines: ``(n,)`` the query's cosine with every point's vector.
        note: one plain sentence saying how it was placed.
    """

    xy: np.ndarray
    how: Literal["transform", "neighbours"]
    neighbours: np.ndarray
    cosines: np.ndarray
    note: str


def place_query(
    proj: Projection, vectors: np.ndarray | SemanticIndex, query: np.ndarray, *, k: int = PLACE_NEIGHBOURS
) -> PlacedQuery:
    """Place the vector of a typed query on `proj` without refitting it.

    Args:
        proj: a 2D map whose rows are `vectors`.
        vectors: ``(n, dim)`` the map's vectors (row ``r`` drawn at ``proj.coords[r]``), or a `SemanticIndex`
            of them (faster when queries repeat).
        query: ``(dim,)`` or ``(1, dim)`` the query's vector, from the model that made `vectors`.
        k: neighbours averaged on a t-SNE map.

    Returns:
        A `PlacedQuery`.

    Raises:
        InvalidParameterError: the map is not 2D, the rows do not match, or the query has another width.
    """
    index = vectors if isinstance(vectors, SemanticIndex) else SemanticIndex(vectors)
    if proj.coords.shape[1] != 2 or len(index) != len(proj.coords):
        raise InvalidParameterError(
            f"`vectors` must hold one row per point of a 2D map ({len(proj.coords):,}, 2D). "
            f"Got {len(index):,} rows and a {proj.coords.shape[1]}D map. Pass the map's own vectors."
        )
    k = check("k", k, Interval(1, math.inf, integer=True), advice="Use e.g. 10.")
    q = np.asarray(query, dtype=np.float32).reshape(1, -1)
    cosines = np.clip(index.scores(q)[0], -1.0, 1.0)
    label = method_label(proj.method)
    if proj.can_transform:
        xy = proj.transform(q)[0]
        return PlacedQuery(xy, "transform", np.zeros(0, dtype=np.int64), cosines, f"Placed by {label}'s `transform`.")
    near = _linalg.top_k(cosines[None, :], min(k, len(cosines)))[0]
    return PlacedQuery(
        proj.coords[near].mean(axis=0),
        "neighbours",
        near,
        cosines,
        f"{label} cannot place new points, so the query sits at the mean position of its {len(near)} nearest "
        "neighbours (by cosine in the original space).",
    )


def rows_above(cosines: np.ndarray, threshold: float) -> np.ndarray:
    """The rows whose cosine is at least `threshold`, most similar first.

    Raises:
        InvalidParameterError: `threshold` is outside [-1, 1].
    """
    t = check("threshold", threshold, _THRESHOLD, advice="Use a cosine between -1 and 1, e.g. 0.5.")
    rows = np.flatnonzero(cosines >= t)
    return rows[np.argsort(-cosines[rows], kind="stable")]
