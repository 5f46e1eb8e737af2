"""PCA, t-SNE and UMAP through `embedding_core.project` against the bare scikit-learn / umap-learn calls.

Real embeddings: the built-in datasets' precomputed MiniLM vectors, tiled with a little noise
to reach the larger sizes. Cold = first call in a fresh process (imports, numba compile);
warm = best of interleaved repeats in this process. Sizes default to 200 and 1,000 points;
set ``BENCH_PROJECTION_SIZES=200,1000,5000`` for the full run (t-SNE and UMAP on 5,000 points
take minutes on a shared 2-core machine).
"""

from __future__ import annotations

import os
import time

import numpy as np

from bench.common import Row, interleaved, run_python

_COLD = """
import json, time
import numpy as np
t = time.perf_counter()
import embedding_core as ec
x = np.random.default_rng(0).normal(size=(200, 384)).astype(np.float32)
ec.project(x, "umap")
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_COLD_BARE = """
import json, time
import numpy as np
t = time.perf_counter()
import umap
x = np.random.default_rng(0).normal(size=(200, 384)).astype(np.float32)
umap.UMAP(n_neighbors=15, min_dist=0.1, metric="cosine", random_state=0, n_jobs=1).fit_transform(x)
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def _vectors(n: int) -> np.ndarray:
    import embedding_core as ec

    parts = [np.load(ec.datasets.precomputed_path(name, "minilm")) for name in ec.list_datasets()]
    base = np.vstack(parts).astype(np.float32)
    reps = -(-n // len(base))
    rng = np.random.default_rng(0)
    x = np.vstack([base] * reps)[:n] + rng.normal(scale=0.01, size=(n, base.shape[1])).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _sizes() -> list[int]:
    raw = os.environ.get("BENCH_PROJECTION_SIZES", "200,1000")
    return [int(s) for s in raw.split(",") if s.strip()]


def run() -> list[Row]:
    import umap
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    import embedding_core as ec

    rows = [
        Row(
            "UMAP cold: import + first fit, 200 points (fresh process)",
            run_python(_COLD)["seconds"],
            "s",
            reference=run_python(_COLD_BARE)["seconds"],
            reference_name="import umap + UMAP.fit_transform",
            goal="off the first paint (background warm-up)",
        )
    ]
    for n in _sizes():
        x = _vectors(n)
        repeat = 3 if n <= 1000 else 1
        calls = {
            "PCA": (lambda x=x: ec.project(x, "pca"), lambda x=x: PCA(n_components=2, random_state=0).fit_transform(x)),
            "t-SNE": (
                lambda x=x: ec.project(x, "tsne"),
                lambda x=x: TSNE(n_components=2, random_state=0, init="pca").fit_transform(x),
            ),
            "UMAP (random_state=0, 1 thread)": (
                lambda x=x: ec.project(x, "umap"),
                lambda x=x: umap.UMAP(metric="cosine", random_state=0, n_jobs=1).fit_transform(x),
            ),
        }
        for name, (ours, bare) in calls.items():
            a, b = interleaved(ours, bare, repeat=repeat)
            rows.append(Row(f"{name}, {n:,} points", a, "s", b, "bare library", goal="ratio ≤ 1.05"))
        # The UMAP default: seeded (single-threaded, the same map every talk) against parallel (no seed).
        seeded, parallel = interleaved(
            lambda x=x: ec.project(x, "umap", random_state=0),
            lambda x=x: ec.project(x, "umap", random_state=None),
            repeat=repeat,
        )
        rows.append(
            Row(
                f"UMAP seeded vs parallel (n_jobs=-1), {n:,} points",
                seeded,
                "s",
                parallel,
                "random_state=None, all cores",
                goal="decides the default",
            )
        )
    start = time.perf_counter()
    ec.project(_vectors(200), "umap")
    rows.append(Row("UMAP warm, 200 points (after warm-up)", time.perf_counter() - start, "s", goal="< 2 s"))
    return rows
