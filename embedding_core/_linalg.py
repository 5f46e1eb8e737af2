"""The small pieces of linear algebra the core shares, written once.

- `unit_rows`: each row scaled to length 1 (all-zero rows stay zero).
- `cosine_matrix`: ``res[i, j]`` is the cosine of ``a[i]`` and ``b[j]``.
- `top_k`: indices of the `k` highest scores, best first, ties broken by the lower index
  (the same as ``np.argsort(-scores, kind="stable")[:k]``, in linear time).
- `pca`: the first principal axes of a small set, with deterministic signs.
- `one_thread`: run a block's BLAS and OpenMP loops on one thread.

Example:
    >>> top_k(np.array([0.1, 0.9, 0.5, 0.9]), 2)
    array([1, 3])
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["PCAFit", "cosine_matrix", "one_thread", "pca", "top_k", "unit_rows"]


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (``x[i] / ||x[i]||``); all-zero rows stay zero. Keeps the dtype.

    Args:
        x: ``(n, dim)`` array.

    Returns:
        An ``(n, dim)`` array of the same float dtype.
    """
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def cosine_matrix(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarity of every row of `a` with every row of `b` (of `a` itself when `b` is None).

    ``res[i, j] = a[i] · b[j] / (||a[i]|| ||b[j]||)``, clipped to [-1, 1]; an all-zero row has
    cosine 0 with everything. Computed in the inputs' float dtype (float64 stays float64).

    Returns:
        An ``(len(a), len(b))`` array.
    """
    ua = unit_rows(np.asarray(a, dtype=np.result_type(a, np.float32)))
    ub = ua if b is None else unit_rows(np.asarray(b, dtype=np.result_type(b, np.float32)))
    return np.clip(ua @ ub.T, -1.0, 1.0)


def _top_1d(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` highest of a 1D array, best first, ties by lower position."""
    n = len(scores)
    if k >= n or n <= 64:
        return np.argsort(-scores, kind="stable")[:k]
    part = np.argpartition(-scores, k - 1)[:k]
    threshold = scores[part].min()
    if np.isnan(threshold):  # NaN scores rank last, as in argsort
        return np.argsort(-scores, kind="stable")[:k]
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)[: k - len(above)]
    cand = np.concatenate([above, ties])
    return cand[np.lexsort((cand, -scores[cand]))]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` highest scores, best first; equal scores keep the lower index first.

    The result equals ``np.argsort(-scores, axis=-1, kind="stable")[..., :k]`` but costs linear
    time: a partition finds the `k` best, and only those are sorted. For wide 2D rows (a
    vocabulary of 400,000 words) a cheaper bound is used first: the k-th largest of the row's
    block maxima is at most its k-th largest score, so only the scores at or above it are ranked.

    Args:
        scores: a 1D array of length ``n``, or a 2D array ``(q, n)`` ranked row by row.
        k: how many to keep; more than ``n`` keeps all ``n``.

    Returns:
        An int array of shape ``(min(k, n),)``, or ``(q, min(k, n))`` for 2D scores.
    """
    scores = np.asarray(scores)
    n = scores.shape[-1]
    k = max(0, min(int(k), n))
    if scores.ndim == 1:
        return top_k(scores[None, :], k)[0] if n >= 512 * max(k, 1) else _top_1d(scores, k)
    if scores.ndim != 2:
        raise ValueError(f"`scores` must be 1D or 2D. Got shape {scores.shape}.")
    q = scores.shape[0]
    out = np.empty((q, k), dtype=np.intp)
    if k == 0:
        return out
    block = 128
    n_blocks = n // block
    if n_blocks < 4 * k or np.isnan(scores).any():
        for i in range(q):
            out[i] = _top_1d(scores[i], k)
        return out
    maxima = scores[:, : n_blocks * block].reshape(q, n_blocks, block).max(axis=2)
    bound = np.partition(maxima, n_blocks - k, axis=1)[:, n_blocks - k]
    rows, cols = np.nonzero(scores >= bound[:, None])
    starts = np.searchsorted(rows, np.arange(q + 1))
    for i in range(q):
        cand = cols[starts[i] : starts[i + 1]]  # ascending, so positions keep the index order
        out[i] = cand[_top_1d(scores[i, cand], k)]
    return out


@dataclass(frozen=True)
class PCAFit:
    """Principal axes of a set of rows.

    Attributes:
        coords: ``(n, k)`` scores of the rows on the axes, ``(x - mean) @ components.T``.
        components: ``(k, dim)`` unit axes, largest variance first; each axis' largest loading
            is positive, so the result is deterministic. Axes beyond the rank of the data are zero.
        mean: ``(dim,)`` the mean row.
        explained_variance_ratio: ``(k,)`` the share of the total variance on each axis.
    """

    coords: np.ndarray
    components: np.ndarray
    mean: np.ndarray
    explained_variance_ratio: np.ndarray

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Place other rows on the same axes: ``(x - mean) @ components.T``."""
        return (np.asarray(x, dtype=np.float64) - self.mean) @ self.components.T


def pca(x: np.ndarray, k: int = 2) -> PCAFit:
    """Fit PCA on the rows of `x` (float64), keeping `k` axes.

    The axes are the top eigenvectors of the scatter matrix ``Xcᵀ Xc``, found through the smaller
    of it and the Gram matrix ``Xc Xcᵀ`` (the same axes as an SVD, much faster for many rows), the
    same axes as scikit-learn's PCA up to sign.

    Returns:
        A `PCAFit`; with fewer than `k` independent directions the extra axes and scores are zero.
    """
    from scipy.linalg import eigh

    data = np.asarray(x, dtype=np.float64)
    mean = data.mean(axis=0)
    centred = data - mean
    n, d = centred.shape
    m = min(n, d)
    small_gram = n <= d
    gram = centred @ centred.T if small_gram else centred.T @ centred
    kk = min(k, m)
    values, vectors = eigh(gram, subset_by_index=[m - kk, m - 1], driver="evr")
    values, vectors = np.clip(values[::-1], 0, None), vectors[:, ::-1]  # largest first
    scale = np.max(values) if len(values) else 0.0
    keep = values > scale * max(n, d) * 10 * np.finfo(np.float64).eps if scale > 0 else values > 0
    if small_gram:  # eigenvectors of Xc Xcᵀ: the axes are Xcᵀ u / sqrt(λ)
        axes = (centred.T @ vectors[:, keep]) / np.sqrt(values[keep])
    else:
        axes = vectors[:, keep]
    components = np.zeros((k, d))
    components[: axes.shape[1]] = axes.T
    lead = components[np.arange(k), np.abs(components).argmax(axis=1)]
    components *= np.where(lead < 0, -1.0, 1.0)[:, None]
    coords = centred @ components.T
    total = float((centred**2).sum())
    explained = np.zeros(k)
    if total > 0:
        explained[: int(keep.sum())] = values[keep] / total
    return PCAFit(coords, components, mean, explained)


_CONTROLLERS: dict[str, Any] = {"key": None, "libs": []}


def _thread_libraries() -> list[Any]:
    """threadpoolctl's controllers of the loaded BLAS and OpenMP libraries.

    Looking them up costs about a millisecond, so the list is kept and looked up again only when
    new modules were imported (a new import may load a new library).
    """
    key = len(sys.modules)
    if _CONTROLLERS["key"] != key:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - scikit-learn brings it
            libs: list[Any] = []
        else:
            libs = list(ThreadpoolController().lib_controllers)
        _CONTROLLERS.update(key=len(sys.modules), libs=libs)
    return _CONTROLLERS["libs"]


@contextmanager
def one_thread() -> Iterator[None]:
    """Run the block's BLAS and OpenMP loops on one thread, and restore the counts afterwards.

    On a shared CPU the extra threads wait for busy cores and make small products many times
    slower (measured 0.3 ms on one thread against 7-13 ms on two for one analogy over 30,000
    words on a loaded 2-core machine), and one thread keeps scikit-learn's results reproducible.
    The limit is process-wide while the block runs.
    """
    libs = _thread_libraries()
    before = [lib.num_threads for lib in libs]
    for lib, n in zip(libs, before, strict=True):
        if n != 1:
            lib.set_num_threads(1)
    try:
        yield
    finally:
        for lib, n in zip(libs, before, strict=True):
            if n != 1:
                lib.set_num_threads(n)
