"""Comparing two models on the same texts: do they agree on what is similar to what?

Vectors from two models live in different spaces (different sizes, axes that mean nothing
alone), so they are never compared number by number. What can be compared is the *structure*
each model gives the texts: which pairs are more similar than which (a rank correlation), who
each text's nearest neighbours are (an overlap), and the overall layout (two 2D maps turned and
scaled onto each other, orthogonal Procrustes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._linalg import cosine_matrix, pca, top_k
from ._validate import Interval, check
from .errors import InvalidParameterError
from .vectors import as_matrix

__all__ = ["Comparison", "compare", "neighbor_table"]


@dataclass(frozen=True)
class Comparison:
    """How two models' views of the same ``n`` texts agree.

    Attributes:
        similarities_a: ``(n, n)`` cosine similarities under model A (``[i, j]`` is ``cos(a_i, a_j)``).
        similarities_b: the same under model B.
        spearman: Spearman rank correlation of the ``n(n-1)/2`` pairwise similarities (upper
            triangle): 1 when both models order every pair the same way, about 0 when unrelated.
        k: neighbours per text.
        neighbors_a: ``(n, k)`` indices of each text's k most similar other texts under A, closest first.
        neighbors_b: the same under B.
        overlap: ``(n,)`` fraction of each text's k neighbours that both models share (0 to 1).
        mean_overlap: the mean of `overlap`.
        chance_overlap: the overlap two unrelated models would have on average, ``k / (n - 1)``.
        map_a: ``(n, 2)`` model A's texts on their first two principal components, centred and
            scaled to unit Frobenius norm.
        map_b: model B's 2D map turned (and possibly mirrored) and scaled onto `map_a`.
        disparity: ``||map_a - map_b||²`` after alignment, 0 (same layout) to 1 (nothing in common),
            as `scipy.spatial.procrustes` computes it.
    """

    similarities_a: np.ndarray
    similarities_b: np.ndarray
    spearman: float
    k: int
    neighbors_a: np.ndarray
    neighbors_b: np.ndarray
    overlap: np.ndarray
    mean_overlap: float
    chance_overlap: float
    map_a: np.ndarray
    map_b: np.ndarray
    disparity: float

    @property
    def n_pairs(self) -> int:
        """The number of distinct pairs the correlation is computed over."""
        n = len(self.overlap)
        return n * (n - 1) // 2


def _neighbors(sims: np.ndarray, k: int) -> np.ndarray:
    masked = sims.copy()
    np.fill_diagonal(masked, -np.inf)
    return top_k(masked, k)


def _procrustes(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    from scipy.linalg import orthogonal_procrustes

    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    rotation, scale = orthogonal_procrustes(b, a)
    aligned = b @ rotation * scale
    return a, aligned, float(np.sum((a - aligned) ** 2))


def compare(vectors_a: np.ndarray, vectors_b: np.ndarray, *, k: int = 5) -> Comparison:
    """Compare two embeddings of the same texts (row ``i`` of both is text ``i``).

    Args:
        vectors_a: ``(n, dim_a)`` vectors from model A.
        vectors_b: ``(n, dim_b)`` vectors from model B; the sizes may differ.
        k: neighbours per text for the overlap, between 1 and ``n - 1``.

    Returns:
        A `Comparison`. Spearman's rho is Pearson's correlation of the ranks of the pairwise cosine
        similarities ``cos(a_i, a_j)`` and ``cos(b_i, b_j)``, ``i < j``. ``overlap[i] = |N_A(i) ∩ N_B(i)| / k``
        with ``N(i)`` the k most similar other texts. The maps are each model's first two principal
        components; B's is then rotated, mirrored if that fits better, and scaled to minimise
        ``||map_a - s · map_b · R||²`` (orthogonal Procrustes).

    Raises:
        InvalidParameterError: fewer than 3 texts, different numbers of rows, `k` out of range, or a
            model that puts every text at the same place (nothing to compare).

    Example:
        >>> c = compare(minilm.embed(texts), glove.embed(texts), k=3)
        >>> round(c.spearman, 2), round(c.mean_overlap, 2)
    """
    a = as_matrix(vectors_a, name="vectors_a")
    b = as_matrix(vectors_b, name="vectors_b")
    if a.shape[0] != b.shape[0]:
        raise InvalidParameterError(
            f"Both models must embed the same texts. Got {a.shape[0]} and {b.shape[0]} vectors. "
            "Pass one row per text, in the same order, for both."
        )
    n = a.shape[0]
    if n < 3:
        raise InvalidParameterError(f"Comparing two models needs at least 3 texts (3 pairs). Got {n}. Add more texts.")
    k = check(
        "k", k, Interval(1, n - 1, integer=True), advice=f"Each text has {n - 1} others: use a smaller k or add texts."
    )
    sims_a, sims_b = cosine_matrix(a.astype(np.float64)), cosine_matrix(b.astype(np.float64))
    upper = np.triu_indices(n, k=1)
    for label, sims in (("A", sims_a), ("B", sims_b)):
        pairs = sims[upper]
        if np.ptp(pairs) < 1e-7:
            raise InvalidParameterError(
                f"Model {label} finds every pair equally similar ({pairs[0]:.3f}), so there is no order to compare. "
                "Use texts that differ more (a word model gives 'King' and 'king' the same vector)."
            )
    from scipy.stats import spearmanr

    spearman = float(spearmanr(sims_a[upper], sims_b[upper]).statistic)
    nn_a, nn_b = _neighbors(sims_a, k), _neighbors(sims_b, k)
    overlap = np.array([len(set(x) & set(y)) / k for x, y in zip(nn_a, nn_b, strict=True)])
    map_a, map_b, disparity = _procrustes(pca(a).coords, pca(b).coords)
    return Comparison(
        similarities_a=sims_a,
        similarities_b=sims_b,
        spearman=spearman,
        k=k,
        neighbors_a=nn_a,
        neighbors_b=nn_b,
        overlap=overlap,
        mean_overlap=float(overlap.mean()),
        chance_overlap=k / (n - 1),
        map_a=map_a,
        map_b=map_b,
        disparity=disparity,
    )


def neighbor_table(texts: Sequence[str], comparison: Comparison) -> pd.DataFrame:
    """One row per text: its overlap, the neighbours both models find, and those only one finds.

    Rows are sorted from the least to the most agreement, so the surprises come first.
    """
    if len(texts) != len(comparison.overlap):
        raise InvalidParameterError(
            f"There are {len(texts)} texts but the comparison has {len(comparison.overlap)}. "
            "Pass the texts the vectors were made from."
        )
    rows = []
    for i, text in enumerate(texts):
        a, b = list(comparison.neighbors_a[i]), list(comparison.neighbors_b[i])
        rows.append(
            {
                "text": text,
                "overlap": float(comparison.overlap[i]),
                "both": " · ".join(texts[j] for j in a if j in b),
                "only A": " · ".join(texts[j] for j in a if j not in b),
                "only B": " · ".join(texts[j] for j in b if j not in a),
            }
        )
    return pd.DataFrame(rows).sort_values("overlap", kind="stable").reset_index(drop=True)
