"""WordLlama throughput (CPU time) against bare `WordLlamaInference.embed` and MiniLM, on job-listing texts."""

from __future__ import annotations

import time

from bench.common import PEAK_MB_CODE, Row, interleaved, run_python

_LOAD = (
    PEAK_MB_CODE
    + """
import json, time
t = time.perf_counter()
from embedding_core.models.wordllama import load_wordllama
m = load_wordllama()
m.embed(["warm up"])
s = time.perf_counter() - t
print(json.dumps({"seconds": s, "peak_mb": peak_mb()}))
"""
)


def _listings(n: int) -> list[str]:
    """`n` texts cut from the job listings (about 240 characters each), each one a little different."""
    import embedding_core as ec

    base = ec.load_dataset("job_listings").texts
    return [f"{base[i % len(base)]} Ref {i}." for i in range(n)]


def run() -> list[Row]:
    import embedding_core as ec
    from embedding_core.models.wordllama import load_wordllama

    cold = run_python(_LOAD)
    rows = [
        Row("import + load WordLlama (fresh process)", cold["seconds"], "s", goal="< 1 s"),
        Row("peak RSS, WordLlama loaded (fresh process)", cold["peak_mb"], "MB", goal="< 200 MB"),
    ]
    wl = load_wordllama()
    n = 20_000
    texts = _listings(n)
    # CPU time (all threads): the machine is shared, and wall time there measures the neighbours.
    cpu = time.process_time
    ours, bare = interleaved(lambda: wl.embed(texts), lambda: wl.model.embed(texts, norm=True), repeat=3, clock=cpu)
    rows.append(
        Row(
            f"embed {n:,} job-listing texts (WordLlama), throughput",
            n / ours,
            "texts/CPU-s",
            reference=n / bare,
            reference_name="WordLlamaInference.embed",
            goal="ratio ≥ 0.95",
            lower_is_better=False,
        )
    )
    minilm = ec.load_model("minilm")
    few = texts[:500]
    minilm.embed(few[:64])  # warm up
    start = cpu()
    minilm.embed(few)
    minilm_rate = len(few) / (cpu() - start)
    rows.append(
        Row(
            "WordLlama vs MiniLM, job-listing texts, throughput",
            n / ours,
            "texts/CPU-s",
            reference=minilm_rate,
            reference_name="MiniLM embed, 500 texts",
            goal="ratio ≥ 20",
            lower_is_better=False,
        )
    )
    rows.append(
        Row(
            "embed 100,000 job-listing texts, estimated CPU time",
            100_000 / (n / ours),
            "s",
            reference=100_000 / minilm_rate,
            reference_name="MiniLM",
            goal="< 60 s",
        )
    )
    return rows
