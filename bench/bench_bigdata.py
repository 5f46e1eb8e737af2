"""Big data on the server, against the bare libraries: parse 100k rows, PCA and UMAP at 100k, search 200k, memory.

The vectors for the maps are real: WordLlama embeddings of 100,000 texts stitched from the job
listings' sentences. Times are CPU seconds of this process (the machine is shared).
"""

from __future__ import annotations

import io
import time

import numpy as np

from bench.common import PEAK_MB_CODE, Row, interleaved, run_python

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

    # Exact top-10 over 200,000 vectors of 384 dimensions.
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
