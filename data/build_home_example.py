"""Rebuild the home page's picture: a few words embedded with MiniLM, drawn in 2D with PCA.

Run from the repository root: ``python -m data.build_home_example``. The home page reads
``data/home_example.json`` so that it paints at once, before any model is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

import embedding_core as ec

GROUPS = {
    "royalty": ["king", "queen", "prince", "princess"],
    "fruit": ["apple", "banana", "cherry", "grape"],
    "transport": ["car", "bus", "train", "bicycle"],
    "feelings": ["happy", "sad", "angry", "joyful"],
}


def main() -> None:
    model = ec.load_model("minilm")
    words = [w for group in GROUPS.values() for w in group]
    labels = [g for g, group in GROUPS.items() for _ in group]
    x = model.embed(words)
    centred = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    coords = centred @ vt[:2].T
    out = {
        "model": "all-MiniLM-L6-v2",
        "method": "PCA",
        "explained_variance": [float(v) for v in (s[:2] ** 2 / (s**2).sum())],
        "words": words,
        "groups": labels,
        "x": [round(float(v), 4) for v in coords[:, 0]],
        "y": [round(float(v), 4) for v in coords[:, 1]],
        "example_word": "king",
        "example_vector": [round(float(v), 4) for v in x[0]],
    }
    path = Path(__file__).resolve().parent / "home_example.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path.name}: {len(words)} words")


if __name__ == "__main__":
    main()
