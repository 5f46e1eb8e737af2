"""Clustering 5,000 MiniLM vectors with each method next to scikit-learn called directly, and the k sweep.

The 5,000 vectors are synthesised from the built-in datasets' precomputed MiniLM vectors (1,007
real texts in 38 categories): each is a random mix of two real vectors of the same category,
scaled to length 1 (see `vectors`), so no 5,000 texts need embedding first.

`embedding_core.cluster` also scores the clustering (silhouette on a 2,000-point sample), so the
reference does the same work: the estimator's ``fit_predict`` plus ``silhouette_score`` with
``sample_size=2000``. Both run on one thread, as the app does (see embedding_core/clustering.py),
and are timed in CPU seconds (`time.process_time`): with one thread that is the work done, and it
hardly moves when other processes load the shared machine, where wall time varied 3x between runs.
Extra rows (wall time) show scikit-learn with its default threads and HDBSCAN's default tree search.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from bench.common import Row, best_time, interleaved


def vectors(n: int = 5_000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`n` unit vectors made from the datasets' real MiniLM vectors, and their category ids.

    Each new vector is a random mix ``a + t (b - a)`` (t uniform in [0, 1]) of two real vectors
    of the same category, scaled back to length 1: it lies among that category's texts, so the
    set keeps the real category structure without exact copies that would form tiny dense clumps.
    """
    import embedding_core as ec
    from embedding_core.datasets import load_precomputed

    real, cats = [], []
    for name in ec.list_datasets():
        data = ec.load_dataset(name)
        pre = load_precomputed(data, "minilm")
        if pre is not None and data.labels:
            real.append(pre)
            cats += [f"{name}:{label}" for label in data.labels]
    base = np.concatenate(real)
    _, cat_ids = np.unique(cats, return_inverse=True)
    rng = np.random.default_rng(seed)
    first = rng.integers(0, len(base), size=n)
    members = [np.flatnonzero(cat_ids == c) for c in range(cat_ids.max() + 1)]
    second = np.array([rng.choice(members[cat_ids[i]]) for i in first])
    t = rng.uniform(size=(n, 1)).astype(np.float32)
    x = base[first] + t * (base[second] - base[first])
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), cat_ids[first]


def cpu_interleaved(ours: Callable[[], object], ref: Callable[[], object], *, repeat: int = 3) -> tuple[float, float]:
    """Best CPU times of two single-threaded callables, measured alternately."""
    return interleaved(ours, ref, repeat=repeat, clock=time.process_time)


def run() -> list[Row]:
    from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans
    from sklearn.metrics import silhouette_score

    import embedding_core as ec
    from embedding_core.clustering import one_thread

    x, _ = vectors()
    n = len(x)
    rows: list[Row] = []

    def scored(estimator):
        def fn():
            labels = estimator().fit_predict(x)
            keep = labels >= 0
            silhouette_score(x[keep], labels[keep], sample_size=2_000, random_state=0)

        return fn

    def single(fn):
        def wrapped():
            with one_thread():
                fn()

        return wrapped

    cases = [
        ("k-means, k = 12", "KMeans(n_init=10)", {"n_clusters": 12}, lambda: KMeans(12, n_init=10, random_state=0)),
        (
            "agglomerative ward, k = 12",
            "AgglomerativeClustering",
            {"method": "agglomerative", "n_clusters": 12},
            lambda: AgglomerativeClustering(12),
        ),
        (
            "HDBSCAN, min_cluster_size = 5",
            "HDBSCAN(algorithm='brute')",
            {"method": "hdbscan"},
            lambda: HDBSCAN(min_cluster_size=5, algorithm="brute", copy=True),
        ),
    ]
    for title, ref_name, kwargs, ref in cases:
        repeat = 3 if "agglomerative" in title else 5
        ours, bare = cpu_interleaved(lambda kwargs=kwargs: ec.cluster(x, **kwargs), single(scored(ref)), repeat=repeat)
        rows.append(
            Row(
                f"cluster {n:,} MiniLM vectors: {title}",
                ours,
                "CPU s",
                reference=bare,
                reference_name=f"{ref_name} + silhouette_score, 1 thread",
                goal="ratio ≤ 1.05",
            )
        )
        if title.startswith("k-means"):
            ours_again, default_threads = interleaved(lambda: ec.cluster(x, n_clusters=12), scored(ref), repeat=2)
            rows.append(
                Row(
                    f"  same, next to scikit-learn with its default threads ({title})",
                    ours_again,
                    "s",
                    reference=default_threads,
                    reference_name="KMeans + silhouette_score, default threads",
                    goal="information: threads on a shared machine",
                )
            )
    ours, tree = interleaved(
        lambda: ec.cluster(x, method="hdbscan"),
        single(scored(lambda: HDBSCAN(min_cluster_size=5, copy=True))),
        repeat=1,
    )
    rows.append(
        Row(
            "  HDBSCAN, next to scikit-learn's default tree search",
            ours,
            "s",
            reference=tree,
            reference_name="HDBSCAN(algorithm='auto') + silhouette_score",
            goal="information: brute force in 384 dimensions",
        )
    )

    def naive_sweep():
        for k in range(2, 16):
            labels = KMeans(k, n_init=1, random_state=0).fit_predict(x)
            silhouette_score(x, labels)

    ours, naive = cpu_interleaved(lambda: ec.silhouette_sweep(x), single(naive_sweep), repeat=2)
    rows.append(
        Row(
            f"silhouette sweep k = 2 … 15, k-means, {n:,} points (silhouette on 2,000 sampled)",
            ours,
            "CPU s",
            reference=naive,
            reference_name="KMeans + full silhouette_score per k, 1 thread",
            goal="< 10 s; ratio < 1",
        )
    )
    ours, _ = cpu_interleaved(lambda: ec.silhouette_sweep(x, method="agglomerative"), lambda: None, repeat=2)
    wall = best_time(lambda: ec.silhouette_sweep(x, method="agglomerative"), repeat=1)
    rows.append(
        Row(
            f"silhouette sweep k = 2 … 15, agglomerative ward, {n:,} points (one tree, cut 14 times)",
            ours,
            "CPU s",
            goal="< 10 s",
        )
    )
    rows.append(Row("  same, wall time on this (shared) machine", wall, "s", goal="information"))
    return rows
