"""What counts as "similar" for a model: random-pair cosines, hubs, and raw-vector metrics.

- `random_pair_cosines`: the cosines of random pairs of texts. A cosine of 0.5 means different
  things for different models: contextual models put their vectors in a narrow cone, so even
  unrelated texts score well above 0 (Ethayarajh 2019). `cosine_percentile` places a pair's
  cosine among them.
- `k_occurrence`: how often each row is among the `k` nearest neighbours of the others. In high
  dimensions a few points ("hubs") are the neighbour of very many others and many are nobody's
  neighbour (Radovanović, Nanopoulos & Ivanović, JMLR 2010); `hubness` sums this up.
- `raw_rankings`: a word's neighbours by cosine, dot product and Euclidean distance on a word
  model's raw (unnormalised) vectors, where the three disagree (Steck et al. 2024 on cosine).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._linalg import one_thread, top_k, unit_rows
from ._validate import Interval, check
from .analogy import Neighbor
from .datasets import dataset_vectors, load_dataset
from .errors import EmptyInputError, InvalidParameterError
from .models import Embedder, WordEmbedder
from .vocabulary import alphabetic_words

__all__ = [
    "K_NEIGHBORS",
    "N_PAIRS",
    "RAW_METRICS",
    "Hubness",
    "RawMetric",
    "RawRankings",
    "Reference",
    "cosine_percentile",
    "hubness",
    "k_occurrence",
    "random_pair_cosines",
    "raw_rankings",
    "reference_vectors",
]

#: How many neighbours `k_occurrence` counts.
K_NEIGHBORS = Interval(1, math.inf, integer=True, slider=(1, 50))
#: How many random pairs `random_pair_cosines` draws.
N_PAIRS = Interval(1, 10_000_000, integer=True)
RawMetric = Literal["cosine", "dot", "euclidean"]
RAW_METRICS: tuple[RawMetric, ...] = ("cosine", "dot", "euclidean")
_CHUNK = 1024  # rows of the similarity matrix computed at once


def _matrix(x: np.ndarray, *, at_least: int, what: str) -> np.ndarray:
    arr = np.asarray(x)
    if arr.ndim != 2 or not np.issubdtype(arr.dtype, np.number):
        raise InvalidParameterError(
            f"`x` must be a 2D array of numbers (one row per text). Got shape {arr.shape}. Pass model.embed(texts)."
        )
    if arr.shape[0] < at_least:
        raise EmptyInputError(f"`x` must have at least {at_least} rows {what}. Got {arr.shape[0]}. Add more texts.")
    if not np.isfinite(arr).all():
        raise InvalidParameterError("`x` must hold finite numbers. Got NaN or infinity. Check the vectors.")
    return arr


def k_occurrence(x: np.ndarray, *, k: int = 10) -> np.ndarray:
    """For each row, how many other rows have it among their `k` nearest neighbours by cosine.

    A row is never its own neighbour. ``counts.sum() == len(x) * k``; the mean is `k`.

    Example:
        >>> k_occurrence(np.eye(3) + 0.1, k=1).sum()
        3

    Args:
        x: ``(n, dim)`` vectors, ``n > k``.
        k: how many neighbours each row has.

    Returns:
        An int array of shape ``(n,)``.

    Raises:
        InvalidParameterError: `x` is not a 2D array of finite numbers, or `k` is not a whole number ≥ 1.
        EmptyInputError: `x` has `k` rows or fewer.
    """
    k = check("k", k, K_NEIGHBORS, advice="Use for example 10.")
    units = unit_rows(_matrix(x, at_least=k + 1, what=f"(more than k = {k})").astype(np.float32))
    n = len(units)
    counts = np.zeros(n, dtype=np.int64)
    with one_thread():
        for start in range(0, n, _CHUNK):
            sims = units[start : start + _CHUNK] @ units.T
            sims[np.arange(len(sims)), np.arange(start, start + len(sims))] = -np.inf
            counts += np.bincount(top_k(sims, k).ravel(), minlength=n)
    return counts


@dataclass(frozen=True)
class Hubness:
    """The k-occurrence of a set of vectors, summed up.

    Attributes:
        k: neighbours per row.
        counts: ``(n,)`` k-occurrence of each row (see `k_occurrence`).
        skewness: skewness of `counts` (0 for an even spread; hubs make it large and positive).
        order: rows from the largest k-occurrence down (ties by row).
        share_top: the share of all neighbour slots taken by the top 5% of rows.
        never: how many rows are nobody's neighbour (k-occurrence 0, "anti-hubs").
    """

    k: int
    counts: np.ndarray
    skewness: float
    order: np.ndarray
    share_top: float
    never: int


def hubness(x: np.ndarray, *, k: int = 10) -> Hubness:
    """Hubs of `x`: `k_occurrence` with its skewness, the busiest rows and the rows nobody picks."""
    counts = k_occurrence(x, k=k)
    centred = counts - counts.mean()
    spread = float(np.sqrt((centred**2).mean()))
    skew = float((centred**3).mean() / spread**3) if spread > 0 else 0.0
    order = np.lexsort((np.arange(len(counts)), -counts))
    top = max(1, math.ceil(0.05 * len(counts)))
    share = float(counts[order[:top]].sum() / counts.sum())
    return Hubness(int(k), counts, skew, order, share, int((counts == 0).sum()))


def random_pair_cosines(x: np.ndarray, *, n_pairs: int = 10_000, random_state: int = 0) -> np.ndarray:
    """Cosines of `n_pairs` random pairs of distinct rows of `x` (pairs drawn with replacement).

    Each pair ``(i, j)`` has ``i != j``, drawn uniformly; the same `random_state` gives the same pairs.

    Returns:
        A float64 array of shape ``(n_pairs,)``, values in [-1, 1].

    Raises:
        InvalidParameterError: `x` is not a 2D array of finite numbers, or `n_pairs` is not valid.
        EmptyInputError: `x` has fewer than two rows.
    """
    n_pairs = check("n_pairs", n_pairs, N_PAIRS, advice="Use for example 10000.")
    units = unit_rows(_matrix(x, at_least=2, what="to pair").astype(np.float64))
    rng = np.random.default_rng(random_state)
    n = len(units)
    i = rng.integers(0, n, size=n_pairs)
    j = rng.integers(0, n - 1, size=n_pairs)
    j = j + (j >= i)  # skip i itself: uniform over the other rows
    return np.clip(np.einsum("ij,ij->i", units[i], units[j]), -1.0, 1.0)


def cosine_percentile(reference: np.ndarray, value: float) -> float:
    """The percentage of `reference` cosines below `value` (ties count half), from 0 to 100."""
    ref = np.asarray(reference, dtype=np.float64).ravel()
    if ref.size == 0:
        raise EmptyInputError("`reference` must hold at least one cosine. Got none. Use random_pair_cosines(x).")
    return float(100.0 * ((ref < value).sum() + 0.5 * (ref == value).sum()) / ref.size)


@dataclass(frozen=True)
class Reference:
    """Texts that stand for "anything" for a model, and their unit vectors."""

    texts: list[str]
    vectors: np.ndarray
    description: str


def reference_vectors(model: Embedder, *, n_words: int = 5_000) -> Reference:
    """The texts random pairs are drawn from: the most frequent words for a word model, the
    built-in sentences (``sentence_sets``) for a sentence model (precomputed for MiniLM)."""
    if isinstance(model, WordEmbedder):
        words = alphabetic_words(model.vocab, n_words)
        return Reference(words, model.embed(words), f"the {len(words):,} most frequent words of {model.name}")
    data = load_dataset("sentence_sets")
    return Reference(list(data.texts), dataset_vectors(data, model), f"the {len(data):,} built-in sentences")


@dataclass(frozen=True)
class RawRankings:
    """A word's nearest words by each metric on raw vectors.

    Attributes:
        word: the query word.
        by_metric: ``{"cosine": [...], "dot": [...], "euclidean": [...]}``, best first; the scores
            are the cosine, the dot product and the distance (smaller is closer).
        norms: the raw vector length of the query and of every listed word.
        median_norm: the median length over the searched words.
    """

    word: str
    by_metric: dict[str, list[Neighbor]]
    norms: dict[str, float]
    median_norm: float

    def only_in(self, metric: RawMetric, other: RawMetric = "cosine") -> list[str]:
        """The words in `metric`'s list that are not in `other`'s."""
        theirs = {n.text for n in self.by_metric[other]}
        return [n.text for n in self.by_metric[metric] if n.text not in theirs]


def raw_rankings(model: Embedder, word: str, *, topn: int = 10, vocab_size: int = 50_000) -> RawRankings:
    """The `topn` nearest words to `word` by cosine, dot product and Euclidean distance on `model`'s
    raw vectors (not scaled to length 1), among its `vocab_size` most frequent words.

    On raw vectors a long vector has a large dot product with many words, so dot product favours
    long (often frequent, generic) words, and Euclidean distance favours words of a similar length.
    On unit vectors all three give the same order.

    Raises:
        InvalidParameterError: `model` is not a word model, or `topn`/`vocab_size` is not valid.
        EmptyInputError: `word` is blank.
        UnknownWordError: `model` does not know `word`.
    """
    if not isinstance(model, WordEmbedder):
        raise InvalidParameterError(
            f"`model` must be a word model with raw vectors. Got {model.name!r}, whose vectors all have length 1, "
            "so cosine, dot product and distance agree. Use glove-50d."
        )
    check("topn", topn, Interval(1, 1000, integer=True), advice="Use for example 10.")
    check("vocab_size", vocab_size, Interval(topn + 1, len(model.vocab), integer=True), advice="Use 50000.")
    if not isinstance(word, str) or not word.strip():
        raise EmptyInputError(f"`word` is empty. Got {word!r}. Type a word.")
    ids = model.word_ids(word.strip())
    if len(ids) != 1:
        raise InvalidParameterError(f"`word` must be one word. Got {word!r}. Type a single word.")
    raw = np.asarray(model.raw[:vocab_size], dtype=np.float32)
    query = np.asarray(model.raw[ids[0]], dtype=np.float32)
    with one_thread():
        dots = raw @ query
    norms = np.linalg.norm(raw, axis=1)
    q_norm = float(np.linalg.norm(query))
    cos = dots / np.where(norms == 0, 1.0, norms) / q_norm
    dist = np.sqrt(np.maximum(norms**2 + q_norm**2 - 2 * dots, 0.0))
    keys = {"cosine": cos, "dot": dots, "euclidean": -dist}
    if ids[0] < vocab_size:
        for s in keys.values():
            s[ids[0]] = -np.inf
    out: dict[str, list[Neighbor]] = {}
    for metric, score in keys.items():
        best = top_k(score, topn)
        shown = dist if metric == "euclidean" else score
        out[metric] = [Neighbor(model.vocab[j], float(shown[j])) for j in best]
    listed = {n.text: float(norms[model.index[n.text]]) for ns in out.values() for n in ns}
    listed[model.vocab[ids[0]]] = q_norm
    return RawRankings(model.vocab[ids[0]], out, listed, float(np.median(norms)))
