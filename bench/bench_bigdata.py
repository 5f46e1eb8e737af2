"""Big data on the server, against the bare libraries: parse 100k rows, PCA and UMAP at 100k, search 200k,
k-means (mini-batch) and HDBSCAN at 200k, and the memory of one session holding 200k x 384 vectors.

The vectors for the maps are real: WordLlama embeddings of 100,000 texts stitched from the job
listings' sentences. The clustering vectors are `bench_clusters.vectors`: mixes of real MiniLM vectors of
the built-in datasets' 38 categories. Times are CPU seconds of this process (the machine is shared).
"""

from __future__ import annotations

import io
import time

import numpy as np

from bench.common import PEAK_MB_CODE, ROOT, Row, interleaved, run_python

N_TEXTS = 100_000
N_SEARCH = 200_000
UMAP_FIT = 10_000

_MEMORY = (
    PEAK_MB_CODE
    + """
import json
import numpy as np
import embedding_core as ec
x = np.random.default_rng(0).standard_normal((200_000, 384), dtype=np.float32)
index = ec.SemanticIndex(x)
del x
index.search(np.ones(384, dtype=np.float32), top_k=10)
print(json.dumps({"peak_mb": peak_mb()}))
"""
)


#: One session on the Search page with 200,000 uploaded 384-dimension vectors (AppTest runs the page in
#: this process, as the server would): peak memory before the upload (MiniLM loaded) and after a search.
_SESSION = (
    PEAK_MB_CODE
    + """
import json, sys
import numpy as np, pandas as pd
sys.path.insert(0, %r)
import embedding_core as ec
from bench.bench_bigdata import _texts
from tests.app.helpers import errors, exceptions, open_page
at = open_page("pages/search.py")
at.text_input(key="search_query").input("night shift nurse").run(timeout=600)
before = peak_mb()
n = 200_000
x = np.random.default_rng(0).standard_normal((n, 384), dtype=np.float32)
texts = _texts(n)
data = ec.make_dataset("big.npy", texts, None, pd.DataFrame({"text": texts}), "text", None, vectors=x)
del x
at.session_state["data_uploads"] = {"big.npy": data}
at.run(timeout=600)
at.selectbox(key="search_source").set_value("upload:big.npy").run(timeout=1200)
assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
assert len(at.table) == 2, "both result tables"
print(json.dumps({"before_mb": before, "peak_mb": peak_mb()}))
"""
)


def _texts(n: int) -> list[str]:
    import embedding_core as ec

    sentences = [s.strip() + "." for t in ec.load_dataset("job_listings").texts for s in t.split(".") if s.strip()]
    m = len(sentences)
    return [f"{sentences[i % m]} {sentences[(i * 7 + i // m) % m]}" for i in range(n)]


def run() -> list[Row]:
    import pandas as pd

    import embedding_core as ec
    from embedding_core.models.wordllama import load_wordllama

    cpu = time.process_time
    rows: list[Row] = []
    texts = _texts(N_TEXTS)

    # Upload parse: a 100,000-row CSV of text and label.
    frame = pd.DataFrame({"text": texts, "label": [f"group {i % 12}" for i in range(N_TEXTS)]})
    data = frame.to_csv(index=False).encode()
    ours, bare = interleaved(
        lambda: ec.read_table(data, "big.csv", max_rows=N_TEXTS),
        lambda: pd.read_csv(io.BytesIO(data)),
        repeat=2,
        clock=cpu,
    )
    rows.append(
        Row(
            f"parse a {N_TEXTS:,}-row CSV upload ({len(data) / 2**20:.0f} MB)",
            ours,
            "CPU-s",
            bare,
            "pandas.read_csv",
            goal="< 5 s",
        )
    )

    x = load_wordllama().embed(texts)

    # PCA on everything.
    from sklearn.decomposition import PCA

    ours, bare = interleaved(
        lambda: ec.project(x, "pca"), lambda: PCA(n_components=2, random_state=0).fit_transform(x), repeat=2, clock=cpu
    )
    rows.append(Row(f"PCA on {N_TEXTS:,} x {x.shape[1]}", ours, "CPU-s", bare, "sklearn PCA", goal="< 2 s"))

    # UMAP fitted on a sample, the rest placed with transform.
    import umap

    rng = np.random.default_rng(0)
    fit_rows = np.sort(rng.choice(N_TEXTS, UMAP_FIT, replace=False))
    rest = np.setdiff1d(np.arange(N_TEXTS), fit_rows)
    ec.project(x[:500], "umap").transform(x[500:1000])  # numba compiles fit and transform once
    t = cpu()
    bare_model = umap.UMAP(n_components=2, random_state=0, n_jobs=1).fit(x[fit_rows])
    bare_fit = cpu() - t
    t = cpu()
    bare_model.transform(x[rest])
    bare_place = cpu() - t
    t = cpu()
    fitted = ec.project(x[fit_rows], "umap")
    fit_s = cpu() - t
    t = cpu()
    fitted.transform(x[rest])
    place_s = cpu() - t
    rows.append(Row(f"UMAP fit on {UMAP_FIT:,} rows", fit_s, "CPU-s", bare_fit, "umap.UMAP.fit"))
    rows.append(
        Row(f"UMAP place the other {len(rest):,} rows (transform)", place_s, "CPU-s", bare_place, "UMAP.transform")
    )

    rows += _search()
    rows += _clusters(cpu)
    session = run_python(_SESSION % str(ROOT))
    rows.append(
        Row(
            f"peak server RSS, one session on Search with {N_SEARCH:,} x 384 uploaded vectors "
            f"(before the upload, MiniLM loaded: {session['before_mb']:,.0f} MB)",
            session["peak_mb"],
            "MB",
            goal="< 2,700 MB (Community Cloud)",
        )
    )
    return rows


def _search() -> list[Row]:
    """Exact top-10 over 200,000 vectors of 384 dimensions against bare numpy, and one process's peak memory."""
    import embedding_core as ec

    rows: list[Row] = []
    corpus = np.random.default_rng(1).standard_normal((N_SEARCH, 384), dtype=np.float32)
    index = ec.SemanticIndex(corpus)
    query = np.random.default_rng(2).normal(size=384).astype(np.float32)
    unit = index.vectors

    def bare_top() -> np.ndarray:
        s = unit @ (query / np.linalg.norm(query))
        top = np.argpartition(-s, 10)[:10]
        return top[np.argsort(-s[top])]

    ours, bare = interleaved(lambda: index.search(query, top_k=10), bare_top, repeat=5)
    hits = [h.index for h in index.search(query, top_k=10)[0]]
    assert hits == bare_top().tolist(), "the index must return the exact top-10"
    rows.append(
        Row(f"top-10 over {N_SEARCH:,} x 384 (index built)", ours * 1000, "ms", bare * 1000, "numpy", goal="< 100 ms")
    )
    t = time.perf_counter()
    ec.semantic_search(query, corpus, top_k=10)
    once = (time.perf_counter() - t) * 1000
    rows.append(Row(f"semantic_search over {N_SEARCH:,} x 384, index built per call", once, "ms"))
    peak = run_python(_MEMORY)["peak_mb"]
    rows.append(Row(f"peak RSS, one process holding {N_SEARCH:,} x 384 vectors + index", peak, "MB", goal="< 1,000 MB"))
    return rows


def _inertia(x: np.ndarray, labels: np.ndarray) -> float:
    """Within-cluster sum of squared distances of `labels` on `x` (each cluster's mean as its centre)."""
    total = 0.0
    for c in np.unique(labels):
        part = x[labels == c]
        total += float(((part - part.mean(axis=0)) ** 2).sum())
    return total


def _clusters(cpu, *, sizes: tuple[int, ...] = (10_000, 50_000, N_SEARCH), report=None) -> list[Row]:
    """k-means (mini-batch from `MINIBATCH_FROM` points) against scikit-learn's KMeans at 10k, 50k and 200k; the
    silhouette sweep and HDBSCAN on a 2D map at the last size. One run each (repeat=1): KMeans at 200k takes most of
    a minute. `report` is called with each row as soon as it is measured."""
    from sklearn.cluster import HDBSCAN, KMeans, MiniBatchKMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score

    import embedding_core as ec
    from bench.bench_clusters import vectors
    from embedding_core.clustering import one_thread

    rows: list[Row] = []
    add = rows.append if report is None else (lambda row: (rows.append(row), report(row)))
    k = 12
    for n in sizes:
        x, cats = vectors(n)
        with one_thread():
            t = cpu()
            ours = ec.cluster(x, n_clusters=k)
            ours_s = cpu() - t
            t = cpu()
            full = KMeans(k, n_init=10, random_state=0).fit(x)
            silhouette_score(x, full.labels_, sample_size=2_000, random_state=0)
            full_s = cpu() - t
        more = _inertia(x, ours.labels) / full.inertia_ - 1
        ari_ours, ari_full = adjusted_rand_score(cats, ours.labels), adjusted_rand_score(cats, full.labels_)
        path = "mini-batch then full steps" if ours.params["minibatch"] else "KMeans"
        add(
            Row(
                f"k-means k = {k} on {n:,} x 384 ({path}): inertia {more:+.2%} vs KMeans, ARI with the 38 categories "
                f"{ari_ours:.3f} vs {ari_full:.3f}",
                ours_s,
                "CPU-s",
                full_s,
                "KMeans(n_init=10) + silhouette_score",
                goal="equal quality, faster",
            )
        )
    with one_thread():  # the same work done with scikit-learn directly, at 200,000
        t = cpu()
        start = MiniBatchKMeans(k, n_init=10, random_state=0, batch_size=1_024).fit(x)
        bare = KMeans(k, init=start.cluster_centers_, n_init=1, random_state=0).fit(x)
        silhouette_score(x, bare.labels_, sample_size=2_000, random_state=0)
        bare_s = cpu() - t
    add(
        Row(
            f"k-means k = {k} on {len(x):,} x 384, same steps",
            ours_s,
            "CPU-s",
            bare_s,
            "MiniBatchKMeans + KMeans(init=its centres) + silhouette_score",
            goal="ratio <= 1.05",
        )
    )
    t = cpu()
    sweep = ec.silhouette_sweep(x)
    add(
        Row(
            f"silhouette sweep k = 2 … 15 on {len(x):,} x 384 (k-means and silhouette on a sample of "
            f"{sweep.sample_size:,})",
            cpu() - t,
            "CPU-s",
            goal="< 10 s",
        )
    )
    coords = ec.project(x, "pca", max_fit=ec.HDBSCAN_FIT).coords  # a 2D map; the page's is cached
    fit = ec.HDBSCAN_FIT
    t = cpu()
    result = ec.cluster(coords, method="hdbscan", min_cluster_size=20)
    ours_h = cpu() - t
    rows_fit = np.sort(np.random.default_rng(0).choice(len(coords), size=fit, replace=False))
    t = cpu()
    with one_thread():
        HDBSCAN(min_cluster_size=20).fit_predict(coords[rows_fit])
    bare_h = cpu() - t
    add(
        Row(
            f"HDBSCAN on a {len(x):,}-point 2D map (fitted on {result.n_fitted:,}, the rest placed; "
            f"{result.n_clusters} clusters)",
            ours_h,
            "CPU-s",
            bare_h,
            f"sklearn HDBSCAN on the {fit:,} alone",
            goal="< 10 s",
        )
    )
    for n in (10_000, 50_000):
        t = cpu()
        with one_thread():
            HDBSCAN(min_cluster_size=20).fit_predict(coords[:n])
        add(Row(f"sklearn HDBSCAN fitted on {n:,} map points (why it fits a sample)", cpu() - t, "CPU-s"))
    return rows
