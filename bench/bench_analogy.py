"""Analogies on GloVe against gensim's KeyedVectors, and the first MiniLM analogy in a fresh process."""

from __future__ import annotations

import csv

import numpy as np

from bench.common import ROOT, Row, interleaved, run_python

VOCAB = 30_000

_FIRST_MINILM = """
import json, time
import embedding_core as ec
m = ec.load_model("minilm")
m.embed(["warm up"])
t = time.perf_counter()
answer = ec.analogy(m, "man", "king", "woman", topn=10)
print(json.dumps({"seconds": time.perf_counter() - t, "top": answer[0].text}))
"""


def _questions(n: int, vocab: list[str]) -> list[tuple[str, str, str]]:
    """The test table's analogies, then random triples of frequent words, up to `n`."""
    table = ROOT / "tests" / "core" / "analogies.csv"
    rows = [(r["a"], r["b"], r["c"]) for r in csv.DictReader(table.open(encoding="utf-8"))]
    rng = np.random.default_rng(0)
    words = [w for w in vocab[:5_000] if w.isalpha()]
    while len(rows) < n:
        a, b, c = rng.choice(len(words), 3, replace=False)
        rows.append((words[a], words[b], words[c]))
    return rows[:n]


def run() -> list[Row]:
    from gensim.models import KeyedVectors

    import embedding_core as ec

    glove = ec.load_model("glove-50d")
    kv = KeyedVectors(glove.dim)
    kv.add_vectors(glove.vocab, np.asarray(glove.raw, dtype=np.float32))
    kv.fill_norms()
    ec.analogy(glove, "man", "king", "woman", vocab_size=VOCAB)  # build the unit-vector cache once
    questions = _questions(1_000, glove.vocab)  # type: ignore[attr-defined]

    def ours_one() -> None:
        for a, b, c in questions[:100]:
            ec.analogy(glove, a, b, c, vocab_size=VOCAB)

    def gensim_one() -> None:
        for a, b, c in questions[:100]:
            kv.most_similar(positive=[b, c], negative=[a], topn=10, restrict_vocab=VOCAB)

    ours, ref = interleaved(ours_one, gensim_one, repeat=5)
    rows = [
        Row(
            f"one GloVe analogy over {VOCAB:,} words (mean of 100)",
            ours / 100 * 1e3,
            "ms",
            reference=ref / 100 * 1e3,
            reference_name="gensim most_similar",
            goal="ratio ≤ 1",
        )
    ]
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):  # the fair comparison: gensim on one BLAS thread too
        ours, ref = interleaved(ours_one, gensim_one, repeat=5)
    rows.append(
        Row(
            "  same, gensim also on one BLAS thread",
            ours / 100 * 1e3,
            "ms",
            reference=ref / 100 * 1e3,
            reference_name="gensim most_similar, 1 thread",
            goal="ratio ≤ 1",
        )
    )

    def gensim_all() -> None:
        for a, b, c in questions:
            kv.most_similar(positive=[b, c], negative=[a], topn=10, restrict_vocab=VOCAB)

    ours, ref = interleaved(lambda: ec.analogies(glove, questions, topn=10, vocab_size=VOCAB), gensim_all, repeat=3)
    rows.append(
        Row(
            f"1,000 GloVe analogies batched over {VOCAB:,} words",
            ours,
            "s",
            reference=ref,
            reference_name="1,000 gensim most_similar calls",
            goal="ratio ≤ 0.2 (5× faster)",
        )
    )
    first = run_python(_FIRST_MINILM)
    rows.append(
        Row(
            "first MiniLM analogy after the model loads (fresh process)",
            first["seconds"],
            "s",
            goal="< 2 s (vocabulary shipped, not embedded)",
        )
    )
    return rows
