"""Finding groups in a set of vectors: k-means, agglomerative and HDBSCAN, with k chosen by silhouette.

The maths, in short:

* **k-means** places ``k`` centres and gives every point to its nearest one, minimising the
  *inertia* ``sum_i ||x_i - c_{label(i)}||^2`` (scikit-learn's `KMeans`, k-means++ starts).
* **agglomerative** starts with every point alone and repeatedly merges the two closest groups;
  *ward* merges the pair that raises the within-group variance least, *average* / *complete*
  use the mean / largest distance between the groups' members.
* **HDBSCAN** finds dense regions and chooses the number of groups itself; points in no dense
  region are *noise* (label ``-1``).
* The **silhouette** of a point is ``(b - a) / max(a, b)``, where ``a`` is its mean distance to its
  own group and ``b`` its mean distance to the nearest other group; the score is the mean over the
  points, from -1 (wrong groups) through 0 (overlapping) to 1 (tight, well separated groups).

scikit-learn is imported inside the functions, so importing this module stays fast. Its
numerical loops run on one thread here: on a shared server (a 2-core machine serving a whole
room) several OpenMP threads per request fight for the cores, and k-means was measured 10 times
slower with two threads than with one under load. Requests run side by side instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Literal, TypeVar

import numpy as np

from ._linalg import one_thread
from ._validate import Interval, check
from .errors import InvalidParameterError, check_choice
from .vectors import as_matrix

__all__ = [
    "CLUSTER_METHODS",
    "HDBSCAN_FIT",
    "HDBSCAN_FULL_MAX",
    "LINKAGES",
    "MAX_AGGLOMERATIVE",
    "MINIBATCH_FROM",
    "SILHOUETTE_SAMPLE",
    "ClusterMethod",
    "ClusterResult",
    "SilhouetteSweep",
    "cluster",
    "one_thread",
    "silhouette_sweep",
]

F = TypeVar("F", bound=Callable[..., Any])
ClusterMethod = Literal["kmeans", "agglomerative", "hdbscan"]
CLUSTER_METHODS: tuple[ClusterMethod, ...] = ("kmeans", "agglomerative", "hdbscan")
Linkage = Literal["ward", "average", "complete"]
LINKAGES: tuple[Linkage, ...] = ("ward", "average", "complete")
#: Above this many points the silhouette is estimated on a random sample of this size.
SILHOUETTE_SAMPLE = 2_000
N_CLUSTERS = Interval(2, math.inf, integer=True)
_MAX_FIT = Interval(2, math.inf, integer=True)
EPSILON = Interval(0, math.inf)
"""HDBSCAN's `cluster_selection_epsilon`: clusters closer than this distance are merged."""
#: HDBSCAN's exact brute-force neighbour search is many times faster than its trees in high
#: dimensions; it needs an (n, n) distance matrix, so it is used up to this many points. Above it,
#: HDBSCAN in the full embedding is slow (70 s on 10,000 MiniLM vectors): cluster the 2D map instead.
HDBSCAN_FULL_MAX = 6_000
#: HDBSCAN on more points than this is fitted on a random sample of this size, and every other point
#: takes the cluster of its nearest fitted point (scikit-learn's HDBSCAN builds its tree of densities
#: in time that grows with the square of the points: 9 CPU-s on 50,000 map points, bench_bigdata).
HDBSCAN_FIT = 20_000
#: k-means on at least this many points starts with mini-batch k-means (scikit-learn's `MiniBatchKMeans`,
#: centres updated from batches of 1,024 points) and finishes with full k-means steps: chosen by measuring
#: time, inertia and ARI against `KMeans(n_init=10)` at 10,000, 50,000 and 200,000 points (bench_bigdata).
MINIBATCH_FROM = 10_000
_BATCH = 1_024
#: Agglomerative clustering keeps all pairwise distances (n * (n - 1) / 2 numbers): 8,000 points
#: already take 256 MB, so larger sets are refused rather than exhausting a shared server's memory.
MAX_AGGLOMERATIVE = 8_000
_PARAMS: dict[str, tuple[str, ...]] = {
    "kmeans": ("n_init", "max_iter", "minibatch"),
    "agglomerative": ("linkage", "metric"),
    "hdbscan": ("min_cluster_size", "min_samples", "cluster_selection_epsilon", "algorithm", "max_fit"),
}


@dataclass(frozen=True)
class SilhouetteSweep:
    """How good each number of clusters ``k`` is, for choosing ``k``.

    Attributes:
        k: the numbers of clusters tried, ascending.
        silhouette: the silhouette score at each ``k`` (higher is better).
        inertia: k-means only: the within-cluster sum of squared distances at each ``k``, of the
            points k-means was fitted on (the sample when `sampled`; it falls as ``k`` grows; look for
            the "elbow"). None for agglomerative.
        best_k: the ``k`` with the highest silhouette (the smallest such ``k`` on a tie).
        method: the clustering method swept.
        n_points: how many points were clustered.
        sample_size: how many points the silhouette was computed on (``n_points`` when not sampled).
    """

    k: np.ndarray
    silhouette: np.ndarray
    inertia: np.ndarray | None
    best_k: int
    method: str
    n_points: int
    sample_size: int

    @property
    def sampled(self) -> bool:
        return self.sample_size < self.n_points

    def notes(self) -> list[str]:
        """What the page should say about how the curve was computed."""
        if not self.sampled:
            return []
        fitted = " k-means and the silhouette both run" if self.method == "kmeans" else " The silhouette is computed"
        return [
            f"k is chosen on a random sample of {self.sample_size:,} of the {self.n_points:,} points (the same "
            f"sample for every k):{fitted} on it, since the silhouette's time grows with the square of the "
            "number of points; the clustering itself then uses every point. To choose on all of them, use "
            f"`ec.silhouette_sweep(x, sample_size={self.n_points})` in Python."
        ]


@dataclass(frozen=True)
class ClusterResult:
    """The groups found in a set of vectors.

    Attributes:
        labels: ``(n,)`` int array; ``labels[i]`` is the cluster of point ``i`` (0, 1, …);
            ``-1`` marks HDBSCAN's noise points, which belong to no cluster.
        n_clusters: the number of clusters (noise not counted).
        silhouette: the silhouette score of the clustering, or None where it is undefined
            (fewer than 2 clusters, or as many clusters as points). For HDBSCAN it is computed
            on the clustered points only, leaving the noise out.
        method: the method used.
        params: every parameter actually used, including defaults and adjusted values.
        notes: plain sentences on every parameter that was adjusted or estimate that was made.
        sweep: the silhouette sweep used to choose ``k`` when ``n_clusters`` was None.
        n_fitted: how many points the method itself saw: all of them, except for HDBSCAN above its
            ``max_fit``, which is fitted on a random sample (the other points take the cluster of their
            nearest fitted point). None means all.
    """

    labels: np.ndarray
    n_clusters: int
    silhouette: float | None
    method: str
    params: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    sweep: SilhouetteSweep | None = None
    n_fitted: int | None = None

    @property
    def n_noise(self) -> int:
        """How many points are noise (HDBSCAN only; 0 otherwise)."""
        return int((self.labels < 0).sum())

    def sizes(self) -> dict[int, int]:
        """Points per cluster, largest first (noise, ``-1``, last when present)."""
        ids, counts = np.unique(self.labels, return_counts=True)
        order = sorted(zip(ids.tolist(), counts.tolist(), strict=True), key=lambda p: (p[0] < 0, -p[1], p[0]))
        return dict(order)


def _single_threaded(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with one_thread():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _n_distinct(x: np.ndarray) -> int:
    # Hashing the rows' bytes is about 10x faster than np.unique(x, axis=0), which sorts them.
    return len({row.tobytes() for row in np.ascontiguousarray(x)})


def _check_points(x: np.ndarray) -> tuple[np.ndarray, int]:
    arr = as_matrix(x, name="x")
    n = arr.shape[0]
    if n < 2:
        raise InvalidParameterError(
            f"Clustering needs at least 2 points. Got {n}. Add more texts so there is something to group."
        )
    distinct = _n_distinct(arr)
    if distinct == 1:
        raise InvalidParameterError(
            f"All {n} points are identical, so there are no groups to find. Got {n} copies of one vector. "
            "Use texts with different meanings."
        )
    return arr, distinct


def _sample(n: int, sample_size: int | None, random_state: int) -> np.ndarray | None:
    size = SILHOUETTE_SAMPLE if sample_size is None else sample_size
    if size < 2:
        raise InvalidParameterError(f"`sample_size` must be at least 2. Got {size}. Use 2 or more, e.g. 2000.")
    if n <= size:
        return None
    return np.sort(np.random.default_rng(random_state).choice(n, size=size, replace=False))


def _silhouette_precomputed(dist: np.ndarray, labels: np.ndarray) -> float | None:
    from sklearn.metrics import silhouette_score

    n_labels = len(np.unique(labels))
    if not 2 <= n_labels <= len(labels) - 1:
        return None
    return float(silhouette_score(dist, labels, metric="precomputed"))


def _silhouette(x: np.ndarray, labels: np.ndarray, sample: np.ndarray | None) -> float | None:
    from sklearn.metrics import pairwise_distances

    keep = labels >= 0
    idx = np.flatnonzero(keep) if sample is None else sample[keep[sample]]
    if len(idx) < 3:
        return None
    sub = x[idx]
    return _silhouette_precomputed(pairwise_distances(sub, sub), labels[idx])


def _check_params(method: str, params: dict[str, Any], n: int = 0) -> None:
    if method == "agglomerative" and n > MAX_AGGLOMERATIVE:
        raise InvalidParameterError(
            f"Agglomerative clustering keeps every pairwise distance, so it takes at most {MAX_AGGLOMERATIVE:,} "
            f"points here. Got {n:,}. Use k-means or HDBSCAN, or fewer texts."
        )
    unknown = sorted(set(params) - set(_PARAMS[method]))
    if unknown:
        valid = ", ".join(_PARAMS[method])
        raise InvalidParameterError(
            f"{method} does not take {', '.join(repr(u) for u in unknown)}. Got {unknown}. Its parameters are: {valid}."
        )


def _int_param(params: dict[str, Any], name: str, default: int, low: int) -> int:
    value = params.get(name, default)
    return check(name, value, Interval(low, math.inf, integer=True), advice=f"Use {default}.")


class _MiniBatchThenFull:
    """k-means started by mini-batch k-means: `MiniBatchKMeans` (the best of `n_init` starts), then full
    k-means (Lloyd) steps from its centres until they settle. Measured as good as `KMeans(n_init=10)`
    (inertia, ARI) and several times faster from 10,000 points on (bench_bigdata)."""

    def __init__(self, *, n_clusters: int, n_init: int, max_iter: int, random_state: int):
        self.options = {"n_clusters": n_clusters, "random_state": random_state}
        self.n_init, self.max_iter = n_init, max_iter
        self.inertia_: float | None = None

    def fit_predict(self, x: np.ndarray) -> np.ndarray:
        from sklearn.cluster import KMeans, MiniBatchKMeans

        start = MiniBatchKMeans(**self.options, n_init=self.n_init, batch_size=_BATCH).fit(x)
        full = KMeans(**self.options, init=start.cluster_centers_, n_init=1, max_iter=self.max_iter).fit(x)
        self.inertia_ = float(full.inertia_)
        return full.labels_


def _estimator(method: str, k: int | None, random_state: int, params: dict[str, Any], n: int, dim: int, notes: list):
    """Build the scikit-learn estimator and the dict of parameters actually used."""
    from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans

    if method == "kmeans":
        minibatch = params.get("minibatch")
        if minibatch is not None and not isinstance(minibatch, bool):
            raise InvalidParameterError(
                f"`minibatch` must be True, False or None. Got {minibatch!r}. Use None to choose by size."
            )
        used = {
            "n_clusters": k,
            "n_init": _int_param(params, "n_init", 10, 1),
            "max_iter": _int_param(params, "max_iter", 300, 1),
            "random_state": random_state,
        }
        if n >= MINIBATCH_FROM if minibatch is None else minibatch:
            notes.append(
                f"k-means on {n:,} points starts with mini-batch k-means (the centres move after each batch of "
                f"{_BATCH:,} points instead of after a pass over all of them), then finishes with full k-means "
                "steps from those centres: several times faster at this size, with clusters as good. For classic "
                "k-means from random starts, use `ec.cluster(x, minibatch=False)` in Python."
            )
            return _MiniBatchThenFull(**used), {**used, "minibatch": True}
        return KMeans(**used), {**used, "minibatch": False}
    if method == "agglomerative":
        linkage = check_choice("linkage", params.get("linkage", "ward"), LINKAGES)
        metric = check_choice("metric", params.get("metric", "euclidean"), ("euclidean", "cosine"))
        if linkage == "ward" and metric != "euclidean":
            raise InvalidParameterError(
                f"Ward linkage works with Euclidean distances only. Got metric={metric!r}. "
                "Use metric='euclidean', or linkage='average' or 'complete' for cosine."
            )
        used = {"n_clusters": k, "linkage": linkage, "metric": metric}
        return AgglomerativeClustering(**used), used
    min_cluster_size = _int_param(params, "min_cluster_size", 5, 2)
    max_fit = params.get("max_fit", HDBSCAN_FIT)
    if max_fit is not None:
        max_fit = check("max_fit", max_fit, _MAX_FIT, advice=f"Use e.g. {HDBSCAN_FIT:,}, or None to fit on all.")
    n = n if max_fit is None else min(n, max_fit)  # the points HDBSCAN itself sees
    min_samples = params.get("min_samples")
    min_samples = min_cluster_size if min_samples is None else _int_param(params, "min_samples", 5, 1)
    if min_cluster_size > n:
        notes.append(f"`min_cluster_size` lowered from {min_cluster_size} to {n}: there are only {n} points.")
        min_cluster_size = n
    if min_samples > n:
        notes.append(f"`min_samples` lowered from {min_samples} to {n}: there are only {n} points.")
        min_samples = n
    epsilon = params.get("cluster_selection_epsilon", 0.0)
    epsilon = check("cluster_selection_epsilon", epsilon, EPSILON, advice="Use 0 (the default).")
    auto = "brute" if dim > 16 and n <= HDBSCAN_FULL_MAX else "auto"
    if dim > 16 and n > HDBSCAN_FULL_MAX and "algorithm" not in params:
        notes.append(
            f"HDBSCAN on {n:,} points in {dim} dimensions uses a tree search, which is slow in high dimensions; "
            "cluster on the 2D map, or use k-means, for a faster answer."
        )
    algorithm = check_choice("algorithm", params.get("algorithm", auto), ("auto", "brute", "kd_tree", "ball_tree"))
    used = {
        "min_cluster_size": min_cluster_size,
        "min_samples": min_samples,
        "cluster_selection_epsilon": float(epsilon),
        "algorithm": algorithm,
    }
    return HDBSCAN(**used, copy=True), {**used, "max_fit": max_fit}


def _fit_on_sample(estimator: Any, x: np.ndarray, max_fit: int | None, random_state: int) -> tuple[np.ndarray, int]:
    """Labels of every row of `x`: fitted on all rows, or on `max_fit` random rows with each other row
    given the label of its nearest fitted row (Euclidean). Returns the labels and the number fitted."""
    n = len(x)
    if max_fit is None or n <= max_fit:
        return np.asarray(estimator.fit_predict(x), dtype=int), n
    from sklearn.neighbors import KDTree

    fit_rows = np.sort(np.random.default_rng(random_state).choice(n, size=max_fit, replace=False))
    fitted = np.asarray(estimator.fit_predict(x[fit_rows]), dtype=int)
    labels = np.empty(n, dtype=int)
    labels[fit_rows] = fitted
    rest = np.setdiff1d(np.arange(n), fit_rows)
    nearest = KDTree(x[fit_rows]).query(x[rest], k=1, return_distance=False)[:, 0]
    labels[rest] = fitted[nearest]
    return labels, max_fit


@_single_threaded
def silhouette_sweep(
    x: np.ndarray,
    *,
    k_range: Iterable[int] = range(2, 16),
    method: ClusterMethod = "kmeans",
    sample_size: int | None = None,
    random_state: int = 0,
    **params: Any,
) -> SilhouetteSweep:
    """Cluster `x` for every ``k`` in `k_range` and score each with the silhouette.

    k-means runs with ``n_init=1`` by default here (one k-means++ start per ``k``) to keep the
    sweep fast, and above `sample_size` points it is fitted on the same random sample the silhouette
    is computed on (so the sweep costs the same at 200,000 points as at 2,000); agglomerative builds
    its merge tree once and cuts it at every ``k`` (the same partitions as fitting each ``k``
    separately). Values of ``k`` that cannot be scored (``k`` of at least the number of points, or
    more than the number of distinct points) are skipped.

    Args:
        x: ``(n, dim)`` vectors.
        k_range: the numbers of clusters to try (each at least 2).
        method: ``"kmeans"`` or ``"agglomerative"`` (HDBSCAN picks its own number of clusters).
        sample_size: above this many points the silhouette is computed on a random sample of this
            size, the same for every ``k`` (default `SILHOUETTE_SAMPLE`, 2,000).
        random_state: seed of k-means and of the sample.
        **params: the method's parameters (``n_init``, ``max_iter``; ``linkage``, ``metric``).

    Returns:
        A `SilhouetteSweep`; its ``best_k`` has the highest silhouette.

    Raises:
        InvalidParameterError: fewer than 3 points, all points identical, no ``k`` that can be
            scored, or an invalid method or parameter.
    """
    from sklearn.metrics import pairwise_distances

    check_choice("method", method, ("kmeans", "agglomerative"))
    arr, distinct = _check_points(x)
    n = arr.shape[0]
    ks = sorted({int(k) for k in k_range})
    if not ks or ks[0] < 2:
        raise InvalidParameterError(f"Every k in `k_range` must be at least 2. Got {ks}. Use e.g. range(2, 16).")
    usable = [k for k in ks if k <= min(n - 1, distinct)]
    if not usable:
        raise InvalidParameterError(
            f"No k in {ks[0]}…{ks[-1]} can be scored on {n} points ({distinct} distinct): the silhouette needs "
            f"at least 2 clusters and fewer clusters than points. Add more texts (at least {ks[0] + 1})."
        )
    _check_params(method, params, n)
    sample = _sample(n, sample_size, random_state)
    sub = arr if sample is None else arr[sample]
    dist = pairwise_distances(sub, sub)
    scores, inertias = [], []
    if method == "kmeans":  # fitted on the sample too: k is chosen there, the final clustering uses all
        params = {"n_init": 1, **params}
        if sample is not None:
            usable = [k for k in usable if k <= min(len(sub) - 1, _n_distinct(sub))] or usable[:1]
        for k in usable:
            est, _ = _estimator("kmeans", k, random_state, params, len(sub), arr.shape[1], [])
            labels = est.fit_predict(sub)
            inertias.append(float(est.inertia_))
            scores.append(_silhouette_precomputed(dist, labels))
    else:
        from scipy.cluster.hierarchy import cut_tree, fcluster, linkage

        _, used = _estimator("agglomerative", 2, random_state, params, n, arr.shape[1], [])
        tree = linkage(arr.astype(np.float64), method=used["linkage"], metric=used["metric"])
        for k in usable:
            labels = fcluster(tree, k, criterion="maxclust")
            if len(np.unique(labels)) != k:  # tied merge heights: cut the tree exactly (slower)
                labels = cut_tree(tree, n_clusters=k)[:, 0]
            scores.append(_silhouette_precomputed(dist, labels if sample is None else labels[sample]))
    sil = np.array([np.nan if s is None else s for s in scores], dtype=float)
    best = usable[int(np.nanargmax(sil))] if np.isfinite(sil).any() else usable[0]
    return SilhouetteSweep(
        k=np.array(usable),
        silhouette=sil,
        inertia=np.array(inertias) if method == "kmeans" else None,
        best_k=int(best),
        method=method,
        n_points=n,
        sample_size=n if sample is None else len(sample),
    )


@_single_threaded
def cluster(
    x: np.ndarray,
    *,
    method: ClusterMethod = "kmeans",
    n_clusters: int | None = None,
    random_state: int = 0,
    sample_size: int | None = None,
    **params: Any,
) -> ClusterResult:
    """Group the rows of `x` into clusters.

    Args:
        x: ``(n, dim)`` vectors (the embeddings, or 2D map coordinates).
        method: ``"kmeans"``, ``"agglomerative"`` or ``"hdbscan"``.
        n_clusters: the number of clusters for k-means and agglomerative. None chooses it by
            the silhouette over k = 2 … 15 (see `silhouette_sweep`). HDBSCAN chooses its own
            number; a value given for it is ignored and said so in ``notes``.
        random_state: seed of k-means (and of the silhouette sample); same seed, same result.
        sample_size: above this many points the silhouette is estimated on a random sample.
        **params: the method's parameters: k-means ``n_init`` (10), ``max_iter`` (300), ``minibatch``
            (None: mini-batch k-means above `MINIBATCH_FROM` points; True or False to choose);
            agglomerative ``linkage`` (``"ward"``, ``"average"``, ``"complete"``) and ``metric``
            (``"euclidean"`` or ``"cosine"``; ward needs Euclidean); HDBSCAN ``min_cluster_size`` (5),
            ``min_samples`` (= min_cluster_size), ``cluster_selection_epsilon`` (0.0), ``algorithm``,
            ``max_fit`` (`HDBSCAN_FIT`: above it HDBSCAN is fitted on a random sample of that many points
            and the others take the cluster of their nearest fitted point; None fits on all).

    Returns:
        A `ClusterResult` with one label per row (``n_fitted`` says how many the method saw).

    Raises:
        InvalidParameterError: fewer than 2 points, all points identical, ``n_clusters`` below 2
            or above the number of points, an unknown method or an invalid parameter.

    Example:
        >>> cluster(np.array([[0, 0], [0, 1], [9, 9], [9, 8]]), n_clusters=2).labels.tolist()
        [1, 1, 0, 0]
    """
    check_choice("method", method, CLUSTER_METHODS)
    arr, distinct = _check_points(x)
    n, dim = arr.shape
    _check_params(method, params, n)
    notes: list[str] = []
    sweep = None
    k = n_clusters
    if method == "hdbscan":
        if k is not None:
            notes.append(f"HDBSCAN chooses the number of clusters itself; the requested {k} was not used.")
        k = None
    elif k is None:
        if n < 3:
            k = 2
            notes.append("With only 2 points, each is its own cluster (k = 2); there is nothing to choose.")
        else:
            sweep = silhouette_sweep(arr, method=method, sample_size=sample_size, random_state=random_state, **params)
            k = sweep.best_k
            notes.append(f"k = {k} was chosen because it has the highest silhouette among k = 2 … {sweep.k[-1]}.")
    else:
        k = check("n_clusters", k, N_CLUSTERS, advice="Use 2 or more, or None to choose k.")
        if k > n:
            raise InvalidParameterError(
                f"`n_clusters` must be at most the number of points ({n}). Got {k}. "
                f"Use at most {n} clusters, or add more texts."
            )
        if k > distinct:
            notes.append(
                f"`n_clusters` lowered from {k} to {distinct}: only {distinct} of the {n} points are different."
            )
            k = distinct
        k = int(k)
    estimator, used = _estimator(method, k, random_state, params, n, dim, notes)
    labels, n_fitted = _fit_on_sample(estimator, arr, used.get("max_fit"), random_state)
    if n_fitted < n:
        notes.append(
            f"HDBSCAN was fitted on a random sample of {n_fitted:,} of the {n:,} points (its time grows with the "
            "square of the points); each other point takes the cluster of its nearest fitted point, and "
            "`min_cluster_size` counts points of the sample. To fit on all of them, use "
            "`ec.cluster(x, method='hdbscan', max_fit=None)` in Python."
        )
    found = len(set(labels.tolist()) - {-1})
    sample = _sample(n, sample_size, random_state)
    score = _silhouette(arr, labels, sample)
    if sample is not None and score is not None:
        notes.append(
            f"The silhouette is estimated on a random sample of {len(sample):,} of the {n:,} points; "
            f"`ec.cluster(x, sample_size={n})` in Python computes it on all (its time grows with the square)."
        )
    if method == "hdbscan":
        noise = int((labels < 0).sum())
        if found == 0:
            notes.append(
                "HDBSCAN found no dense group: every point is noise. "
                "Lower `min_cluster_size` or `min_samples`, or cluster on the 2D map."
            )
        elif noise:
            notes.append(f"{noise} of {n} points are noise (in no dense group); the silhouette leaves them out.")
    return ClusterResult(labels, found, score, method, used, notes, sweep, n_fitted)
