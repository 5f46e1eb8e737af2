"""Rebuild the precomputed MiniLM vectors of every built-in dataset.

Run from the repository root::

    python -m data.build_embeddings

Writes ``data/embeddings/<dataset>__minilm.npy`` (float32, unit rows, one per CSV row)
and a ``.json`` beside it with the texts' fingerprint; the app ignores vectors whose
fingerprint no longer matches the CSV and embeds afresh.
"""

from __future__ import annotations

import json
import time

import numpy as np

import embedding_core as ec
from embedding_core.datasets import EMBEDDINGS_DIR, precomputed_path, texts_fingerprint


def main() -> None:
    model = ec.load_model("minilm")
    EMBEDDINGS_DIR.mkdir(parents=True, exist_ok=True)
    for name in ec.list_datasets():
        dataset = ec.load_dataset(name)
        start = time.perf_counter()
        vectors = model.embed(dataset.texts)
        path = precomputed_path(name, model.name)
        np.save(path, vectors.astype(np.float32))
        meta = {
            "dataset": name,
            "model": model.name,
            "rows": len(dataset.texts),
            "dim": model.dim,
            "fingerprint": texts_fingerprint(dataset.texts),
        }
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"{name}: {vectors.shape} in {time.perf_counter() - start:.1f} s -> {path.name}")


if __name__ == "__main__":
    main()
