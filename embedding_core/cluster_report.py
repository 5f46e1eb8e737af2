"""Describing clusters once they are found: keywords, typical members, agreement with true labels.

Keywords use class-based TF-IDF (c-TF-IDF, as in BERTopic): all texts of a cluster are treated
as one document, and a word scores high when it is frequent in that cluster and rare across the
clusters. For word ``t`` and cluster ``c``::

    W(t, c) = tf(t, c) * log(1 + A / f(t))

where ``tf(t, c)`` is the count of ``t`` in cluster ``c`` divided by the number of words in ``c``,
``f(t)`` is the count of ``t`` over all clusters and ``A`` the average number of words per cluster.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import Interval, check
from .errors import InvalidParameterError
from .vectors import as_matrix

__all__ = [
    "NOISE",
    "ClusterAgreement",
    "assignments_table",
    "cluster_agreement",
    "cluster_keywords",
    "cluster_name",
    "cluster_overview",
    "nearest_to_centre",
]

#: The label HDBSCAN gives to points in no cluster.
NOISE = -1
COUNT = Interval(1, math.inf, integer=True)
"""How many top words (`top_n`) or example texts (`n`) a cluster report may ask for."""
#: Words of at least two characters that start with a letter (any script).
_TOKEN_PATTERN = r"(?u)\b[^\W\d_]\w+\b"
#: English clitics ("you'll", "don't", "it's"): removed before counting words, so that a fragment
#: such as "ll" never becomes a keyword ("can't" and "won't" become "can" and "will", stop words).
_CLITICS = (
    (re.compile(r"\b(ca)n['’]t\b", re.IGNORECASE), r"\1n"),
    (re.compile(r"\bwon['’]t\b", re.IGNORECASE), "will"),
    (re.compile(r"(?<=\w)n['’]t\b", re.IGNORECASE), ""),
    (re.compile(r"(?<=\w)['’](?:ll|re|ve|s|d|m)\b", re.IGNORECASE), ""),
)
#: A word found in more than this share of the texts ("seeks" in a third of the job listings) names
#: no cluster; applied from `_COMMON_MIN_TEXTS` texts on (in a handful of texts every word is common).
_COMMON_SHARE = 0.25
_COMMON_MIN_TEXTS = 20


def _without_clitics(text: str) -> str:
    for pattern, replacement in _CLITICS:
        text = pattern.sub(replacement, text)
    return text


def cluster_name(label: int) -> str:
    """How a cluster is shown to people: ``"cluster 1"`` for label 0 (counting from 1), ``"noise"`` for -1."""
    return "noise" if label == NOISE else f"cluster {int(label) + 1}"


def _labels(labels: Sequence[int] | np.ndarray, n: int, name: str = "labels") -> np.ndarray:
    arr = np.asarray(labels)
    if arr.ndim != 1 or len(arr) != n:
        raise InvalidParameterError(
            f"`{name}` must hold one label per item ({n}). Got {arr.shape}. Pass the labels of a `ClusterResult`."
        )
    return arr


def cluster_keywords(
    texts: Sequence[str], labels: Sequence[int] | np.ndarray, *, top_n: int = 5, x: np.ndarray | None = None
) -> dict[int, list[str]]:
    """The `top_n` most distinctive words of each cluster, by class-based TF-IDF.

    English stop words ("the", "and", …), clitic fragments ("ll" of "you'll"), tokens that do not
    start with a letter and, from 20 texts on, words found in more than a quarter of all texts
    (they name no cluster: "seeks" in job ads) are left out.

    Args:
        texts: one text per point.
        labels: the cluster of each text (``-1`` for noise, which gets keywords too).
        top_n: how many words per cluster.
        x: the ``(n, dim)`` vectors of the texts, optional. Words with equal scores (as in a cluster
            of single words, each used once) are then ordered by how close to the cluster's centre
            the nearest text containing them is; without `x`, alphabetically.

    Returns:
        ``{label: [word, …]}`` for every label present, best word first; a cluster whose texts hold
        no usable word (only stop words, numbers or emoji) gets an empty list.

    Raises:
        InvalidParameterError: the lengths differ or `top_n` is below 1.

    Example:
        >>> cluster_keywords(["red apple", "green apple", "fast car", "red car"], [0, 0, 1, 1], top_n=1)
        {0: ['apple'], 1: ['car']}
    """
    from sklearn.feature_extraction.text import CountVectorizer

    check("top_n", top_n, COUNT, advice="Use e.g. 5.")
    items = [_without_clitics(str(t)) for t in texts]
    arr = _labels(labels, len(items))
    classes = sorted(set(arr.tolist()))
    members = _members(arr, classes)
    vectorizer = CountVectorizer(stop_words="english", token_pattern=_TOKEN_PATTERN, lowercase=True)
    try:  # each text's word counts once; a cluster's counts are the sum over its texts
        per_text = vectorizer.fit_transform(items).tocsr()
    except ValueError:  # no word at all survives (only stop words, numbers, emoji)
        return {int(c): [] for c in classes}
    from scipy.sparse import csr_matrix

    rows = np.concatenate([np.full(len(idx), r) for r, idx in enumerate(members)])
    membership = csr_matrix((np.ones(len(rows)), (rows, np.concatenate(members))), shape=(len(classes), len(items)))
    counts = (membership @ per_text).astype(float).tocsr()
    words = vectorizer.get_feature_names_out()
    per_class = np.asarray(counts.sum(axis=1)).ravel()
    idf = np.log(1.0 + per_class.mean() / np.asarray(counts.sum(axis=0)).ravel())
    if len(items) >= _COMMON_MIN_TEXTS:
        in_texts = np.asarray((per_text > 0).sum(axis=0)).ravel()
        idf[in_texts > _COMMON_SHARE * len(items)] = 0.0
    scores = csr_matrix(counts.multiply(1.0 / np.where(per_class == 0, 1.0, per_class)[:, None]).multiply(idf))
    if x is not None:
        vecs = as_matrix(x, name="x")
        _labels(arr, vecs.shape[0], "labels")
    out: dict[int, list[str]] = {}
    for row, (c, idx) in enumerate(zip(classes, members, strict=True)):
        line = scores.getrow(row)
        cand, value = line.indices[line.data > 0], line.data[line.data > 0]  # only words that can be chosen
        rank = np.zeros(len(words))
        if x is not None and c != NOISE and len(cand):
            dist = np.linalg.norm(vecs[idx] - vecs[idx].mean(axis=0), axis=1)
            central = per_text[idx[np.argsort(dist, kind="stable")]].tocoo()  # row = position by closeness
            rank[:] = np.inf
            np.minimum.at(rank, central.col, central.row.astype(float))  # each word: its most central text
        order = cand[np.lexsort((words[cand], rank[cand], -value))]  # score, then centrality, then alphabet
        out[int(c)] = [str(words[j]) for j in order[:top_n]]
    return out


def _members(labels: np.ndarray, classes: list) -> list[np.ndarray]:
    """The indices of each class's items, in item order (one sort, not one pass over the items per class)."""
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], classes)  # `classes` sorted: where each one starts
    ends = [*bounds[1:], len(order)]
    return [order[start:end] for start, end in zip(bounds, ends, strict=True)]


def nearest_to_centre(x: np.ndarray, labels: Sequence[int] | np.ndarray, *, n: int = 3) -> dict[int, list[int]]:
    """For each cluster, the indices of the `n` points closest to its centre (mean vector).

    These are the cluster's most typical members. Noise points (``-1``) have no centre and are left out.

    Returns:
        ``{label: [index, …]}``, closest first (Euclidean distance to the cluster's mean).
    """
    check("n", n, COUNT, advice="Use e.g. 3.")
    arr = as_matrix(x, name="x")
    lab = _labels(labels, arr.shape[0])
    out: dict[int, list[int]] = {}
    for c in sorted(set(lab.tolist()) - {NOISE}):
        idx = np.flatnonzero(lab == c)
        dist = np.linalg.norm(arr[idx] - arr[idx].mean(axis=0), axis=1)
        out[int(c)] = idx[np.argsort(dist, kind="stable")[:n]].tolist()
    return out


@dataclass(frozen=True)
class ClusterAgreement:
    """How well clusters match known labels.

    Attributes:
        ari: adjusted Rand index: 1 for the same grouping, about 0 for a random one (can be negative).
        nmi: normalised mutual information: 1 for the same grouping, 0 for independent ones.
        table: counts of items, one row per cluster (``cluster 1`` …, ``noise``) and one column per label.
    """

    ari: float
    nmi: float
    table: pd.DataFrame


def cluster_agreement(
    labels_true: Sequence[str] | np.ndarray, labels_pred: Sequence[int] | np.ndarray
) -> ClusterAgreement:
    """Compare a clustering with the true labels (scikit-learn's ARI and NMI, and a confusion table).

    Noise points count as one more group in ARI and NMI, so lots of noise lowers both.

    Raises:
        InvalidParameterError: the lengths differ or there are no items.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    true = np.asarray([str(t) for t in labels_true], dtype=object)
    if len(true) == 0:
        raise InvalidParameterError("There are no items to compare. Got 0 labels. Cluster at least 2 texts first.")
    pred = _labels(labels_pred, len(true), "labels_pred")
    table = pd.crosstab(pd.Series([cluster_name(p) for p in pred], name="cluster"), pd.Series(true, name="label"))
    order = sorted(table.index, key=lambda s: (s == "noise", int(s.split()[-1]) if s != "noise" else 0))
    return ClusterAgreement(
        ari=float(adjusted_rand_score(true, pred)),
        nmi=float(normalized_mutual_info_score(true, pred)),
        table=table.loc[order],
    )


def assignments_table(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    *,
    true_labels: Sequence[str] | None = None,
    keywords: dict[int, list[str]] | None = None,
) -> pd.DataFrame:
    """One row per text: ``text``, ``label`` (the true label, blank when unknown), ``cluster``, ``keywords``.

    Ready to download as CSV.
    """
    items = list(texts)
    lab = _labels(labels, len(items))
    if true_labels is not None and len(true_labels) != len(items):
        raise InvalidParameterError(
            f"There are {len(items)} texts but {len(true_labels)} true labels. Pass one label per text."
        )
    kw = keywords or {}
    return pd.DataFrame(
        {
            "text": items,
            "label": list(true_labels) if true_labels is not None else [""] * len(items),
            "cluster": [cluster_name(c) for c in lab],
            "keywords": [", ".join(kw.get(int(c), [])) for c in lab],
        }
    )


def cluster_overview(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    *,
    keywords: dict[int, list[str]] | None = None,
    nearest: dict[int, list[int]] | None = None,
) -> pd.DataFrame:
    """One row per cluster (largest first, noise last): ``cluster``, ``size``, ``keywords``, ``typical texts``.

    `keywords` come from `cluster_keywords`, `nearest` (indices into `texts`) from `nearest_to_centre`.
    """
    items = list(texts)
    lab = _labels(labels, len(items))
    ids, counts = np.unique(lab, return_counts=True)
    order = sorted(zip(ids.tolist(), counts.tolist(), strict=True), key=lambda p: (p[0] == NOISE, -p[1], p[0]))
    kw, near = keywords or {}, nearest or {}
    return pd.DataFrame(
        {
            "cluster": [cluster_name(c) for c, _ in order],
            "size": [n for _, n in order],
            "keywords": [", ".join(kw.get(c, [])) for c, _ in order],
            "typical texts": [" · ".join(items[i][:120] for i in near.get(c, [])) for c, _ in order],
        }
    )
