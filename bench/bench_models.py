"""Model loading, embedding throughput against bare `SentenceTransformer.encode`, and peak memory."""

from __future__ import annotations

from bench.common import Row, interleaved, run_python

_LOAD = """
import json, time
t = time.perf_counter()
import embedding_core as ec
m = ec.load_model({name!r})
m.embed(["warm up"])
print(json.dumps({{"seconds": time.perf_counter() - t}}))
"""

_RSS = """
import json, resource
import embedding_core as ec
m = ec.load_model("minilm"); g = ec.load_model("glove-50d")
m.embed(["a sentence"] * 64); g.embed(["word"]); g.unit_vectors(50_000)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _sentences(n: int) -> list[str]:
    subjects = ["The teacher", "A nurse", "Our team", "The old dog", "My neighbour", "The new app", "A student"]
    verbs = ["explains", "forgets", "discovers", "builds", "cleans", "sells", "paints"]
    objects = ["the garden", "a small boat", "the quarterly report", "an old bridge", "the city map", "dinner"]
    return [f"{subjects[i % 7]} {verbs[(i // 7) % 7]} {objects[(i // 49) % 6]} on day {i}." for i in range(n)]


def _long_sentences(n: int) -> list[str]:
    """`n` texts of 20-30 words: sentences of the job listings' descriptions, numbered to be distinct."""
    import re

    import pandas as pd

    from bench.common import ROOT

    descriptions = pd.read_csv(ROOT / "data" / "job_listings.csv")["description"]
    pool = [s for d in descriptions for s in re.split(r"(?<=[.!?])\s+", d) if 20 <= len(s.split()) <= 30]
    return [f"{pool[i % len(pool)]} (no. {i})" for i in range(n)]


def run() -> list[Row]:
    rows = []
    for name in ("minilm", "glove-50d"):
        secs = run_python(_LOAD.format(name=name))["seconds"]
        rows.append(Row(f"import + load {name} (fresh process)", secs, "s", goal="lazy: not on first paint"))

    import embedding_core as ec

    model = ec.load_model("minilm")
    for what, texts in (("short sentences", _sentences(1_000)), ("texts of 20-30 words", _long_sentences(1_000))):
        ours, bare = interleaved(
            lambda texts=texts: model.embed(texts),
            # The bare library as a user calls it: its own default batch size.
            lambda texts=texts: model.model.encode(texts, normalize_embeddings=True, convert_to_numpy=True),
            repeat=3,
        )
        rows.append(
            Row(
                f"embed 1,000 {what} (MiniLM), throughput",
                1_000 / ours,
                "texts/s",
                reference=1_000 / bare,
                reference_name="SentenceTransformer.encode",
                goal="ratio ≥ 0.95",
                lower_is_better=False,
            )
        )
    rows.append(Row("peak RSS, both models loaded", run_python(_RSS)["peak_mb"], "MB", goal="< 1,000 MB"))
    return rows
