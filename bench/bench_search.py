"""Search latency against bare numpy, and embedding an uploaded 5,000-row CSV against bare `encode`."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import numpy as np

from bench.common import Row, interleaved


def _per_call(
    ours: Callable[[], object], ref: Callable[[], object], *, calls: int, rounds: int = 7
) -> tuple[float, float]:
    """Best mean time per call of each, over `rounds` alternating rounds of `calls` calls."""
    a = b = float("inf")
    for _ in range(rounds):
        for fn, is_ours in ((ref, False), (ours, True)):
            gc.collect()
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            took = (time.perf_counter() - start) / calls
            if is_ours:
                a = min(a, took)
            else:
                b = min(b, took)
    return a, b


def _upload_csv(n: int) -> bytes:
    subjects = ["The night nurse", "A junior developer", "Our new teacher", "The head chef", "A warehouse team"]
    verbs = ["plans", "reviews", "cleans", "organises", "explains", "repairs", "delivers"]
    objects = ["the weekly rota", "a broken fridge", "the quarterly report", "lesson plans for year 9", "the menu"]
    tails = ["", " before the morning shift starts", " with help from two colleagues and a manager", " on Fridays"]
    rows = ["id,text,team"]
    for i in range(n):
        text = f"{subjects[i % 5]} {verbs[(i // 5) % 7]} {objects[(i // 35) % 5]}{tails[i % 4]} (note {i})"
        rows.append(f'{i},"{text}",{["care", "tech", "school", "food", "stock"][i % 5]}')
    return ("\n".join(rows) + "\n").encode()


def run() -> list[Row]:
    import embedding_core as ec

    rows = []
    rng = np.random.default_rng(0)
    for n in (5_000, 50_000):
        corpus = rng.standard_normal((n, 384)).astype(np.float32)
        index = ec.SemanticIndex(corpus)
        unit = index.vectors
        query = rng.standard_normal((1, 384)).astype(np.float32)

        def bare(unit: np.ndarray = unit, query: np.ndarray = query) -> np.ndarray:
            q = query / np.linalg.norm(query)
            scores = (q @ unit.T)[0]
            top = np.argpartition(-scores, 9)[:10]
            return top[np.argsort(-scores[top])]

        ours, ref = _per_call(lambda index=index, query=query: index.search(query, top_k=10), bare, calls=50)
        rows.append(
            Row(
                f"semantic search, top 10 of {n:,} × 384 (index built once)",
                ours * 1e3,
                "ms",
                reference=ref * 1e3,
                reference_name="numpy matmul + argpartition",
                goal="ratio ≤ 1.1",
            )
        )
        once, _ = _per_call(lambda corpus=corpus, query=query: ec.semantic_search(query, corpus), bare, calls=5)
        rows.append(
            Row(
                f"semantic_search one-shot (checks + normalises {n:,} rows each call)",
                once * 1e3,
                "ms",
                reference=ref * 1e3,
                reference_name="numpy matmul + argpartition",
                goal="informative",
            )
        )

    jobs = ec.load_dataset("job_listings")
    keywords = ec.KeywordIndex(jobs.texts)
    bm25, _ = _per_call(lambda: keywords.search("night shift nurse", top_k=10), lambda: None, calls=200)
    rows.append(Row("BM25 query over the 326 job listings", bm25 * 1e3, "ms", goal="< 5 ms"))

    model = ec.load_model("minilm")
    data = _upload_csv(5_000)
    texts = ec.table_texts(ec.read_table(data, "upload.csv"), "text").dataset.texts

    def ours_embed() -> np.ndarray:
        upload = ec.table_texts(ec.read_table(data, "upload.csv"), "text", label_column="team")
        return ec.embed_texts(model, upload.dataset.texts, batch_size=64, on_progress=lambda done, total: None)

    def bare_embed() -> np.ndarray:
        return model.model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)

    ours_s, bare_s = interleaved(ours_embed, bare_embed, repeat=2)
    rows.append(
        Row(
            "upload 5,000-row CSV → read + embed (MiniLM, batches of 64 with progress), throughput",
            5_000 / ours_s,
            "texts/s",
            reference=5_000 / bare_s,
            reference_name="SentenceTransformer.encode",
            goal="ratio ≥ 0.95",
            lower_is_better=False,
        )
    )
    return rows
