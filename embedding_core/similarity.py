"""Similarity between vectors: cosine, dot product and Euclidean distance, and what ties them together."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .errors import InvalidParameterError, check_choice
from .vectors import as_matrix, unit_rows

__all__ = [
    "SIMILARITY_METRICS",
    "PairScore",
    "SimilarityMetric",
    "TwoVectors",
    "compare_two",
    "extreme_pairs",
    "metric_label",
    "polar",
    "similarity_matrix",
    "unit_identity_table",
]

SimilarityMetric = Literal["cosine", "dot", "euclidean"]
SIMILARITY_METRICS: tuple[SimilarityMetric, ...] = ("cosine", "dot", "euclidean")

_LABELS = {"cosine": "cosine similarity", "dot": "dot product", "euclidean": "Euclidean distance"}


def metric_label(metric: SimilarityMetric) -> str:
    """The human name of a metric, e.g. ``"cosine similarity"``."""
    return _LABELS[check_choice("metric", metric, SIMILARITY_METRICS)]


def similarity_matrix(a: np.ndarray, b: np.ndarray | None = None, *, metric: SimilarityMetric = "cosine") -> np.ndarray:
    """Every pair of rows of `a` and `b` compared with `metric`.

    - ``"cosine"``: ``res[i, j] = a[i]·b[j] / (|a[i]| |b[j]|)``, in [-1, 1]; a zero vector scores 0.
    - ``"dot"``: ``res[i, j] = a[i]·b[j]``; equal to the cosine when every row has length 1.
    - ``"euclidean"``: ``res[i, j] = |a[i] - b[j]|``, a distance (0 = identical, larger = less alike).

    Args:
        a: ``(n, dim)`` array.
        b: ``(m, dim)`` array; ``None`` compares `a` with itself.
        metric: one of `SIMILARITY_METRICS`.

    Returns:
        A float64 array of shape ``(n, m)``.

    Raises:
        InvalidParameterError: unknown metric, empty or non-finite input, or `a` and `b` of different widths.

    Example:
        >>> similarity_matrix(np.array([[1.0, 0.0], [0.0, 2.0]]))
        array([[1., 0.],
               [0., 1.]])
    """
    check_choice("metric", metric, SIMILARITY_METRICS)
    x = as_matrix(a, name="a").astype(np.float64)
    y = x if b is None else as_matrix(b, name="b").astype(np.float64)
    if x.shape[1] != y.shape[1]:
        raise InvalidParameterError(
            f"`a` and `b` must have the same number of dimensions. Got {x.shape[1]} and {y.shape[1]}. "
            "Embed both with the same model."
        )
    if metric == "cosine":
        out = np.clip(unit_rows(x) @ unit_rows(y).T, -1.0, 1.0)
    elif metric == "dot":
        out = x @ y.T
    else:
        sq = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2.0 * (x @ y.T)
        out = np.sqrt(np.maximum(sq, 0.0))
    if b is None:  # exact symmetry and an exact diagonal despite rounding
        out = (out + out.T) / 2.0
        if metric == "euclidean":
            np.fill_diagonal(out, 0.0)
    return out


@dataclass(frozen=True)
class PairScore:
    """One pair of texts and its score.

    Attributes:
        i, j: row numbers of the two texts (``i < j``).
        score: the metric's value for the pair.
    """

    i: int
    j: int
    score: float


def extreme_pairs(
    matrix: np.ndarray, *, metric: SimilarityMetric = "cosine", k: int = 3
) -> tuple[list[PairScore], list[PairScore]]:
    """The `k` most similar and `k` least similar distinct pairs of a square similarity matrix.

    For ``"euclidean"`` the most similar pairs are the *closest* (smallest distance).

    Returns:
        ``(most, least)``, each a list of `PairScore`, best first (most) or worst first (least).

    Raises:
        InvalidParameterError: the matrix is not square, has fewer than 2 rows, or `k` < 1.
    """
    check_choice("metric", metric, SIMILARITY_METRICS)
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] < 2:
        raise InvalidParameterError(
            f"Pairs need a square matrix of at least 2 texts. Got shape {m.shape}. Compare two or more texts."
        )
    if k < 1:
        raise InvalidParameterError(f"`k` must be at least 1. Got {k}. Ask for 1 or more pairs.")
    rows, cols = np.triu_indices(m.shape[0], k=1)
    scores = m[rows, cols]
    order = np.argsort(scores if metric == "euclidean" else -scores, kind="stable")
    pairs = [PairScore(int(rows[o]), int(cols[o]), float(scores[o])) for o in order]
    k = min(k, len(pairs))
    return pairs[:k], pairs[::-1][:k]


@dataclass(frozen=True)
class TwoVectors:
    """Everything the cosine lesson shows about two vectors `u` and `v`.

    Attributes:
        norm_u, norm_v: lengths ``|u|`` and ``|v|``.
        angle_degrees: the angle between them, 0 to 180 (``nan`` if one has length 0).
        cosine: ``u·v / (|u| |v|)`` (``nan`` if one has length 0).
        dot: ``u·v = |u| |v| cos(angle)``.
        euclidean: ``|u - v|``.
    """

    norm_u: float
    norm_v: float
    angle_degrees: float
    cosine: float
    dot: float
    euclidean: float


def compare_two(u: Sequence[float] | np.ndarray, v: Sequence[float] | np.ndarray) -> TwoVectors:
    """Angle, cosine, dot product and distance of two vectors of the same length.

    Example:
        >>> compare_two([1, 0], [0, 2]).angle_degrees
        90.0
    """
    p, q = np.ravel(np.asarray(u, dtype=np.float64)), np.ravel(np.asarray(v, dtype=np.float64))
    if p.shape != q.shape or p.size == 0:
        raise InvalidParameterError(
            f"`u` and `v` must have the same, non-zero length. Got {p.size} and {q.size}. "
            "Give both the same number of coordinates."
        )
    p, q = as_matrix(np.vstack([p, q]), name="u, v").astype(np.float64)
    nu, nv = float(np.linalg.norm(p)), float(np.linalg.norm(q))
    dot = float(p @ q)
    cos = float(np.clip(dot / (nu * nv), -1.0, 1.0)) if nu > 0 and nv > 0 else math.nan
    angle = math.degrees(math.acos(cos)) if not math.isnan(cos) else math.nan
    return TwoVectors(nu, nv, angle, cos, dot, float(np.linalg.norm(p - q)))


def polar(angle_degrees: float, length: float = 1.0) -> np.ndarray:
    """The 2D vector of the given direction (degrees, counter-clockwise from the x axis) and length.

    Example:
        >>> polar(90, 2).round(6)
        array([0., 2.])
    """
    theta = math.radians(float(angle_degrees))
    return float(length) * np.array([math.cos(theta), math.sin(theta)])


def unit_identity_table(texts: Sequence[str], vectors: np.ndarray, *, max_pairs: int = 10) -> pd.DataFrame:
    """For pairs of texts, show that unit vectors make dot = cosine and |a - b|² = 2 - 2·cos.

    Args:
        texts: the texts, one per row of `vectors`.
        vectors: ``(n, dim)`` embeddings (n ≥ 2).
        max_pairs: how many pairs to list (the first pairs in reading order).

    Returns:
        One row per pair with columns ``text A``, ``text B``, ``|a|``, ``|b|``, ``cosine``, ``dot``,
        ``distance²`` and ``2 − 2·cos``. The last two columns (and cosine and dot) agree only when
        both lengths are 1.

    Raises:
        InvalidParameterError: fewer than 2 texts, or texts and vectors of different lengths.
    """
    x = as_matrix(vectors, name="vectors").astype(np.float64)
    if len(texts) != x.shape[0]:
        raise InvalidParameterError(f"There are {len(texts)} texts but {x.shape[0]} vectors. Pass one text per vector.")
    if x.shape[0] < 2:
        raise InvalidParameterError(f"Pairs need at least 2 texts. Got {x.shape[0]}. Add another text.")
    rows, cols = np.triu_indices(x.shape[0], k=1)
    rows, cols = rows[:max_pairs], cols[:max_pairs]
    cos = similarity_matrix(x, metric="cosine")[rows, cols]
    dist = similarity_matrix(x, metric="euclidean")[rows, cols]
    norms = np.linalg.norm(x, axis=1)
    return pd.DataFrame(
        {
            "text A": [texts[i] for i in rows],
            "text B": [texts[j] for j in cols],
            "|a|": norms[rows],
            "|b|": norms[cols],
            "cosine": cos,
            "dot": (x[rows] * x[cols]).sum(1),
            "distance²": dist**2,
            "2 − 2·cos": 2.0 - 2.0 * cos,
        }
    )
