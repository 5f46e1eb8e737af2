"""The analogy parallelogram: a, b, c, the answer and its runners-up projected to 2D with PCA.

The projection is linear, so the point ``b - a + c`` lands exactly where it completes the
parallelogram a → b, c → ?; how far the real answer sits from it shows how well the analogy holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._linalg import pca
from ._validate import Interval, check
from .analogy import AnalogyMethod, analogy, input_vectors
from .models import Embedder
from .vocabulary import vocabulary

__all__ = ["N_NEIGHBORS", "Parallelogram", "parallelogram"]

N_NEIGHBORS = Interval(0, 30, integer=True)
"""How many runners-up the parallelogram may draw."""


@dataclass(frozen=True)
class Parallelogram:
    """2D coordinates of an analogy's words.

    Attributes:
        labels: the words: ``a, b, c, answer`` first, then the runners-up.
        roles: ``"a"``, ``"b"``, ``"c"``, ``"answer"`` or ``"neighbor"``, one per label.
        xy: float array of shape ``(len(labels), 2)``.
        target_xy: where ``b - a + c`` lands, shape ``(2,)``.
        explained: share of the variance of the plotted words kept by the two axes (0 to 1).
    """

    labels: list[str]
    roles: list[str]
    xy: np.ndarray
    target_xy: np.ndarray
    explained: float


def parallelogram(
    model: Embedder,
    a: str,
    b: str,
    c: str,
    *,
    answer: str | None = None,
    n_neighbors: int = 6,
    method: AnalogyMethod = "3cosadd",
    vocab_size: int = 50_000,
) -> Parallelogram:
    """Project the analogy's words to 2D with PCA fitted on them and the runners-up.

    Args:
        answer: the word to draw as the answer; by default the best answer of `analogy`.
        n_neighbors: how many runners-up (the next best answers) to draw around it.

    Returns:
        A `Parallelogram`. PCA (``x - mean`` projected on the two main directions) is fitted on
        the unit vectors of a, b, c, the answer and the runners-up; axis signs are fixed so the
        result is deterministic.

    Raises:
        InvalidParameterError: `n_neighbors` is negative.
        UnknownWordError, EmptyInputError: as `analogy`.
    """
    n_neighbors = check("n_neighbors", n_neighbors, N_NEIGHBORS, advice="Use for example 6.")
    top = analogy(model, a, b, c, topn=n_neighbors + 2, method=method, vocab_size=vocab_size)
    words = [w.text for w in top]
    first = answer if answer is not None else (words[0] if words else c)
    others = [w for w in words if w != first.strip().lower()][:n_neighbors]
    labels = [a, b, c, first, *others]
    x = input_vectors(model, labels, vocab=vocabulary(model, vocab_size)).astype(np.float64)
    fit = pca(x, 2)  # fewer than two distinct directions: the missing axis is zero
    xy = fit.coords
    target = xy[1] - xy[0] + xy[2]
    explained = float(fit.explained_variance_ratio.sum()) if np.ptp(x, axis=0).any() else 1.0
    roles = ["a", "b", "c", "answer", *["neighbor"] * len(others)]
    return Parallelogram(labels, roles, xy.astype(np.float32), target.astype(np.float32), explained)
