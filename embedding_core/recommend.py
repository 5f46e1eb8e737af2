"""Using embeddings with no training at all: zero-shot classification and content-based recommendation.

Both rank by cosine. Zero-shot gives each text the label whose own vector (of its name or a one-line
description) is closest; the recommender ranks items by their cosine with a taste profile, the mean of
the liked items' vectors minus the mean of the disliked ones.

Example:
    >>> zero_shot(model.embed(["a nurse on nights"]), model.embed(["nursing", "software"]))
    [0]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._linalg import top_k as _top_k
from ._linalg import unit_rows
from ._validate import check, message
from .errors import InvalidParameterError
from .features import FEATURE_CONSTRAINTS, feature_matrix
from .search import SearchHit

__all__ = ["recommend", "zero_shot"]


def zero_shot(x: np.ndarray, label_vectors: np.ndarray) -> list[int]:
    """Classify with no training: the index of the closest label vector (by cosine) for each row.

    ``res[i] = argmax_j cos(x[i], label_vectors[j])``; ties go to the lower index. Embed each
    label's name (``"nursing"``) or a one-line description with the same model as the texts.

    Args:
        x: ``(n, dim)`` text vectors.
        label_vectors: ``(n_labels, dim)`` one vector per label.

    Returns:
        ``n`` indices into `label_vectors`.

    Raises:
        InvalidParameterError: dimensions differ, or a label vector is all zeros (a label a word
            model knows no word of).
    """
    texts = _dense(x, "x")
    labels = _dense(label_vectors, "label_vectors")
    _same_dim(texts, labels, "label_vectors")
    _no_zero_rows(labels, "label_vectors", "Describe that label with words the model knows.")
    sims = unit_rows(texts) @ unit_rows(labels).T
    return [int(i) for i in _top_k(sims, 1)[:, 0]]


def _same_dim(a: np.ndarray, b: np.ndarray, name: str) -> None:
    if a.shape[1] != b.shape[1]:
        raise InvalidParameterError(
            message(
                name,
                f"vectors of {a.shape[1]} numbers, like the texts",
                f"{b.shape[1]}",
                "Embed both with the same model.",
            )
        )


def _no_zero_rows(x: np.ndarray, name: str, advice: str) -> None:
    zero = np.flatnonzero(~x.any(axis=1))
    if len(zero):
        raise InvalidParameterError(
            message(f"{name}[{int(zero[0])}]", "a vector with a direction", "all zeros", advice)
        )


def _dense(x: Any, name: str) -> np.ndarray:
    from scipy import sparse

    arr = feature_matrix(x, name=name)
    return np.asarray(arr.toarray() if sparse.issparse(arr) else arr, dtype=np.float32)


def recommend(
    liked: Any,
    disliked: Any | None,
    corpus: Any,
    *,
    top_k: int = 10,
    exclude: Sequence[int] = (),
) -> list[SearchHit]:
    """Content-based recommendation: rank `corpus` by cosine to the taste profile.

    The profile is ``mean(unit(liked)) - mean(unit(disliked))`` (Rocchio's formula with equal
    weights): it points towards what was liked and away from what was not. Items are ranked by
    ``cos(profile, corpus[j])``. It knows nothing of other users (that would be collaborative
    filtering): it recommends what resembles the liked items.

    Args:
        liked: ``(m, dim)`` vectors (or one ``(dim,)`` vector) of liked items.
        disliked: ``(p, dim)`` vectors of disliked items, or None.
        corpus: ``(n, dim)`` vectors to rank; TF-IDF rows (sparse) work too, for a keyword recommender.
        top_k: how many to return (at most ``n`` minus the excluded).
        exclude: rows of `corpus` never to return (the liked and disliked items themselves).

    Returns:
        `SearchHit` list, best first; `score` is the cosine with the profile.

    Raises:
        InvalidParameterError: dimensions differ, liked and disliked cancel out, `top_k` < 1.
    """
    k = check("top_k", top_k, FEATURE_CONSTRAINTS["top_k"])
    like = _dense(liked[None, :] if isinstance(liked, np.ndarray) and liked.ndim == 1 else liked, "liked")
    items = _dense(corpus, "corpus")
    _same_dim(items, like, "liked")
    profile = unit_rows(like).mean(axis=0)
    if disliked is not None:
        dis = _dense(
            disliked[None, :] if isinstance(disliked, np.ndarray) and disliked.ndim == 1 else disliked, "disliked"
        )
        _same_dim(items, dis, "disliked")
        profile = profile - unit_rows(dis).mean(axis=0)
    if not np.linalg.norm(profile) > 1e-6:
        raise InvalidParameterError(
            message(
                "liked",
                "different from `disliked`",
                "a profile of length 0 (likes and dislikes cancel out)",
                "Like something you did not dislike.",
            )
        )
    scores = (unit_rows(items) @ (profile / np.linalg.norm(profile))).astype(np.float64)
    blocked = np.asarray([int(i) for i in exclude], dtype=int)
    if len(blocked) and (blocked.min() < 0 or blocked.max() >= len(items)):
        raise InvalidParameterError(
            message("exclude", f"row numbers from 0 to {len(items) - 1}", blocked.tolist(), "Pass rows of `corpus`.")
        )
    scores[blocked] = -np.inf
    order = _top_k(scores, min(k, len(items) - len(set(blocked.tolist()))))
    return [SearchHit(int(j), float(scores[j])) for j in order]
