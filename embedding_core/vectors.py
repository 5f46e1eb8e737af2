"""Looking at raw vectors: tables of numbers, norms, and orders of dimensions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ._linalg import unit_rows
from .errors import InvalidParameterError, check_choice

__all__ = ["DIMENSION_ORDERS", "DimensionOrder", "as_matrix", "dimension_order", "unit_rows", "vector_table"]

DimensionOrder = Literal["index", "variance", "first"]
DIMENSION_ORDERS: tuple[DimensionOrder, ...] = ("index", "variance", "first")


def as_matrix(x: np.ndarray | Sequence[Sequence[float]], *, name: str = "x") -> np.ndarray:
    """Check that `x` is a finite 2D array of numbers and return it as float32.

    Raises:
        InvalidParameterError: `x` is not 2D, is empty, or holds NaN or infinity.
    """
    arr = np.asarray(x, dtype=np.float32)
    if arr.ndim != 2:
        raise InvalidParameterError(
            f"`{name}` must be a 2D array of shape (n, dim). Got shape {arr.shape}. Pass one row per text."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InvalidParameterError(f"`{name}` is empty (shape {arr.shape}). Pass at least one vector.")
    if not np.isfinite(arr).all():
        raise InvalidParameterError(f"`{name}` holds NaN or infinite values. Remove or fix those rows.")
    return arr


def vector_table(texts: Sequence[str], vectors: np.ndarray, *, decimals: int = 4) -> pd.DataFrame:
    """One row per text: the text, its norm, then one column per dimension (``d0`` … ``d{dim-1}``).

    Example:
        >>> vector_table(["a"], np.array([[0.6, 0.8]])).columns.tolist()
        ['text', 'norm', 'd0', 'd1']
    """
    x = as_matrix(vectors, name="vectors")
    if len(texts) != x.shape[0]:
        raise InvalidParameterError(f"There are {len(texts)} texts but {x.shape[0]} vectors. Pass one text per vector.")
    frame = pd.DataFrame(np.round(x, decimals), columns=[f"d{i}" for i in range(x.shape[1])])
    frame.insert(0, "norm", np.round(np.linalg.norm(x, axis=1), decimals))
    frame.insert(0, "text", list(texts))
    return frame


def dimension_order(vectors: np.ndarray, by: DimensionOrder = "index") -> np.ndarray:
    """A permutation of the dimensions for display.

    Args:
        vectors: ``(n, dim)`` array.
        by: ``"index"`` keeps 0 … dim-1; ``"variance"`` puts the dimensions that differ most
            between the texts first; ``"first"`` sorts by the first text's values, high to low,
            so rows that look like the first row show the same gradient.

    Returns:
        An int array of length ``dim``.
    """
    check_choice("by", by, DIMENSION_ORDERS)
    x = as_matrix(vectors, name="vectors")
    if by == "index":
        return np.arange(x.shape[1])
    if by == "variance":
        return np.argsort(-x.var(axis=0), kind="stable")
    return np.argsort(-x[0], kind="stable")
