"""The big map's layers at 100,000 and 200,000 points: cluster labels, a placed query, the exported page.

- labels: `ec.map_labels` (k-means fitted on 20,000 of the 2D points, c-TF-IDF on 50,000 texts) against
  the bare way (scikit-learn KMeans on every point, c-TF-IDF of every text);
- a typed query placed on a 200,000-point map of 384-d vectors, with its cosine to every point
  (PCA's transform, UMAP's transform on a map fitted on 5,000 rows, t-SNE's nearest-neighbour mean),
  against bare numpy/scikit-learn doing the same sums;
- the whole map as one offline HTML page: its size against the bytes the app sends, the time to build
  it, and the time the project's Chromium takes to draw it from file:// (software WebGL).

Run ``python -m bench maplayers``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import Row

SIZES = (100_000, 200_000)
DIM = 384


def _cpu(fn) -> tuple[float, object]:
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def _labels(n: int) -> list[Row]:
    import embedding_core as ec
    from bench.bigmap_data import map_data

    xy, _, texts = map_data(n)
    ec.map_labels(xy[:5_000], texts[:5_000])  # imports scikit-learn once, outside the timing
    ours = min(_cpu(lambda: ec.map_labels(xy, texts))[0] for _ in range(2))

    def bare():
        from sklearn.cluster import KMeans

        labels = KMeans(n_clusters=12, random_state=0, n_init=3).fit_predict(xy)
        return ec.cluster_keywords(texts, labels, top_n=3)

    reference = _cpu(bare)[0]
    return [
        Row(
            f"cluster labels, {n:,} points (12 groups, 3 keywords)",
            ours,
            "CPU s",
            reference,
            "KMeans on every point + c-TF-IDF of every text",
            goal="< 5 s",
        )
    ]


def _vectors(n: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1, (20, DIM))
    x = centres[rng.integers(0, 20, n)] + rng.normal(0, 0.6, (n, DIM))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _queries(n: int) -> list[Row]:
    import embedding_core as ec

    x = _vectors(n)
    q = _vectors(7)[3:4] + 0.01
    index = ec.SemanticIndex(x)
    rows = []
    pca = ec.project(x, "pca", max_fit=20_000)
    umap = ec.project(x[:5_000], "umap")
    umap_big = ec.Projection(
        np.zeros((n, 2)), "umap", 2, umap.params, [], np.arange(n), n, None, umap.estimator, 5_000
    )  # UMAP's transform of one query does not depend on how many points were placed after the fit
    tsne = ec.Projection(pca.coords, "tsne", 2, {}, [], np.arange(n), n)  # t-SNE places by neighbours only
    unit = index.vectors
    for label, proj, bare in (
        ("PCA", pca, lambda: (pca.estimator.transform(q), unit @ (q[0] / np.linalg.norm(q[0])))),
        ("UMAP", umap_big, lambda: (umap.estimator.transform(q), unit @ (q[0] / np.linalg.norm(q[0])))),
        (
            "t-SNE",
            tsne,
            lambda: tsne.coords[np.argpartition(-(unit @ (q[0] / np.linalg.norm(q[0]))), 10)[:10]].mean(axis=0),
        ),
    ):
        ec.place_query(proj, index, q)  # warm (UMAP compiles its transform once)
        ours = min(_cpu(lambda p=proj: ec.place_query(p, index, q))[0] for _ in range(5))
        reference = min(_cpu(bare)[0] for _ in range(5))
        rows.append(
            Row(
                f"place a query on a {label} map of {n:,} × {DIM} and score every point",
                ours * 1e3,
                "CPU ms",
                reference * 1e3,
                "bare transform / matmul (+ argpartition for t-SNE)",
                goal="< 200 ms",
            )
        )
    return rows


def _export(n: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    from bench.bigmap_data import CATEGORIES, map_data
    from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS
    from ui.components.scatter import prepare_map, standalone_html

    xy, labels, texts = map_data(n)
    data = prepare_map(xy, [CATEGORIES[c] for c in labels], texts)
    build, page = _cpu(lambda: standalone_html(data, title="bench", density=True))
    sent = len(data.xy) + len(data.codes) + len(data.texts)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.html"
        path.write_text(page, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page(viewport={"width": 1440, "height": 900})
            start = time.perf_counter()
            tab.goto(path.as_uri())
            tab.wait_for_function(f"() => (window.__scatter || {{}}).drawn === {n}", timeout=240_000)
            drawn = time.perf_counter() - start
            browser.close()
    size = len(page.encode("utf-8")) / 1e6
    return [
        Row(
            f"the map as one HTML file, {n:,} points (texts ~100 characters)",
            size,
            "MB",
            sent / 1e6,
            "the bytes the app sends for the map",
            goal="< 20 MB",
        ),
        Row(f"build that file, {n:,} points", build, "CPU s", None, "", goal="< 2 s"),
        Row(f"that file opened from disk in Chromium, {n:,} points drawn", drawn, "s", None, "", goal="< 5 s"),
    ]


def run() -> list[Row]:
    rows: list[Row] = []
    for n in SIZES:
        rows += _labels(n)
    rows += _queries(200_000)
    for n in SIZES:
        rows += _export(n)
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
