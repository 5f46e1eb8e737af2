"""Map-shaped test data for the big-map benchmark: 12 clusters of 2D points with job-listing hover texts."""

from __future__ import annotations

import numpy as np

CATEGORIES = [f"group {i + 1}" for i in range(12)]


def map_data(n: int, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """`n` points in 12 elongated clusters, their cluster codes, and a text of about 100 characters each.

    Returns:
        ``(coords, labels, texts)``: float32 ``(n, 2)``, int ``(n,)`` in ``0..11``, and ``n`` strings.
    """
    import embedding_core as ec

    rng = np.random.default_rng(seed)
    labels = rng.integers(0, len(CATEGORIES), n)
    centres = rng.normal(0, 6, (len(CATEGORIES), 2))
    stretch = rng.uniform(0.4, 1.8, (len(CATEGORIES), 2))
    coords = (centres[labels] + rng.normal(0, 1, (n, 2)) * stretch[labels]).astype(np.float32)
    base = [t[:90] for t in ec.load_dataset("job_listings").texts]
    texts = [f"#{i} {base[i % len(base)]}" for i in range(n)]
    return coords, labels, texts
