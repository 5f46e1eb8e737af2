"""Row normalisation and top-k, written once for the modules of this branch.

A stand-in with the same names and behaviour as the shared ``_linalg`` module of the core redesign:
when that lands, its version replaces this one.
"""

from __future__ import annotations

import numpy as np

__all__ = ["top_k", "unit_rows"]


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (``x[i] / ||x[i]||``); all-zero rows stay zero. Keeps the dtype."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` highest scores, best first; equal scores keep the lower index first.

    The same as ``np.argsort(-scores, axis=-1, kind="stable")[..., :k]``.
    """
    scores = np.asarray(scores)
    k = max(0, min(int(k), scores.shape[-1]))
    return np.argsort(-scores, axis=-1, kind="stable")[..., :k]
