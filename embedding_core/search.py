"""Search: by meaning (cosine of embeddings) and by words (BM25 or TF-IDF), with one result type.

Semantic search ranks every text of a corpus by the cosine of its vector with the query's
vector, so "programmer" finds a posting that only says "developer". Keyword search ranks by
the words the query and the text share (weighted by how rare each word is), so it finds exact
names, codes and numbers that an embedding blurs. Both return `SearchHit(index, score)`, best
first, so a page can show them side by side.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from . import _linalg
from ._linalg import unit_rows
from ._validate import Interval, check
from .errors import EmptyInputError, InvalidParameterError, check_choice
from .lessons import lesson
from .projection import Projection, project
from .vectors import as_matrix

__all__ = [
    "KEYWORD_METHODS",
    "MAP_METHODS",
    "SEARCH_PRESETS",
    "KeywordIndex",
    "SearchHit",
    "SearchPreset",
    "SemanticIndex",
    "fit_search_map",
    "keyword_search",
    "semantic_search",
]

KeywordMethod = Literal["bm25", "tfidf"]
KEYWORD_METHODS: tuple[KeywordMethod, ...] = ("bm25", "tfidf")
MapMethod = Literal["pca", "umap"]
MAP_METHODS: tuple[MapMethod, ...] = ("pca", "umap")

#: Words and numbers, single characters included ("c", "3"), so codes like "B2" or "401k" count.
_TOKEN_PATTERN = r"(?u)\b\w+\b"
TOP_K = Interval(1, math.inf, integer=True)
BM25_B = Interval(0, 1)
"""BM25's length normalisation: 0 ignores a text's length, 1 divides fully by it."""
BM25_K1 = Interval(0, math.inf)
"""BM25's term-frequency saturation: 0 counts only presence, higher values let repeats count more."""


@dataclass(frozen=True)
class SearchPreset:
    """A query on the job listings that shows where meaning or words win.

    Attributes:
        query: the query text.
        wins: ``"meaning"`` (synonyms, paraphrase) or ``"words"`` (exact names, codes, numbers).
        expect: for ``"meaning"``, the category the hits should be in; for ``"words"``, the
            exact string the right postings contain.
        why: one sentence for the audience.
    """

    query: str
    wins: Literal["meaning", "words"]
    expect: str
    why: str


#: From data/lessons.toml ``[[search.preset]]``; tests/core/test_search.py checks that they really do win.
SEARCH_PRESETS: tuple[SearchPreset, ...] = tuple(SearchPreset(**p) for p in lesson("search")["preset"])


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    Attributes:
        index: the row of the hit in the corpus.
        score: cosine similarity (semantic search) or BM25 / TF-IDF score (keyword search);
            higher is better. Scores of the two kinds are not comparable with each other.
    """

    index: int
    score: float


def check_top_k(top_k: int) -> int:
    return check("top_k", top_k, TOP_K, advice="Use 1 or more.")


def _unit_rows(x: np.ndarray, *, name: str = "") -> np.ndarray:
    """Rows scaled to length 1. All-zero rows stay zero (cosine 0 with everything) unless `name` is
    given, in which case they are refused (a query must have a direction)."""
    zero = ~x.any(axis=1) if name else None
    if zero is not None and zero.any():
        bad = int(np.flatnonzero(zero)[0])
        raise InvalidParameterError(
            f"`{name}` row {bad} is all zeros, so it has no direction and no cosine. Use a query with known words."
        )
    return np.ascontiguousarray(unit_rows(x), dtype=np.float32)


class SemanticIndex:
    """A corpus of vectors prepared once (checked and scaled to unit length) for many queries.

    Args:
        corpus_vectors: ``(n, dim)`` array, one row per text. Rows need not be unit length; an
            all-zero row (a text a word model knows no word of) scores 0 against every query.

    Example:
        >>> index = SemanticIndex(model.embed(texts))
        >>> index.search(model.embed(["a programmer"]), top_k=3)[0]
        [SearchHit(index=12, score=0.61), ...]
    """

    def __init__(self, corpus_vectors: np.ndarray):
        self.vectors = _unit_rows(as_matrix(corpus_vectors, name="corpus_vectors"))
        self.vectors.setflags(write=False)

    def __len__(self) -> int:
        return len(self.vectors)

    def scores(self, query_vectors: np.ndarray) -> np.ndarray:
        """Cosine of every query with every corpus row: ``res[i, j] = cos(query[i], corpus[j])``."""
        q = np.asarray(query_vectors, dtype=np.float32)
        q = as_matrix(q[None, :] if q.ndim == 1 else q, name="query_vectors")
        if q.shape[1] != self.vectors.shape[1]:
            raise InvalidParameterError(
                f"The query vectors have {q.shape[1]} dimensions but the corpus vectors have "
                f"{self.vectors.shape[1]}. Embed the query with the same model as the corpus."
            )
        return _unit_rows(q, name="query_vectors") @ self.vectors.T

    def search(self, query_vectors: np.ndarray, *, top_k: int = 10) -> list[list[SearchHit]]:
        """The `top_k` corpus rows most similar to each query, best first.

        Returns:
            One list per query row of at most ``min(top_k, n)`` hits, highest cosine first.
        """
        k = check_top_k(top_k)
        sims = self.scores(query_vectors)
        top = _linalg.top_k(sims, k)
        return [[SearchHit(int(j), float(row[j])) for j in idx] for row, idx in zip(sims, top, strict=True)]


def semantic_search(query_vectors: np.ndarray, corpus_vectors: np.ndarray, *, top_k: int = 10) -> list[list[SearchHit]]:
    """Rank the corpus by cosine similarity to each query.

    The score of corpus row ``j`` for query ``i`` is ``cos(q_i, c_j) = q_i·c_j / (|q_i| |c_j|)``;
    the `top_k` best are found with `np.argpartition` (linear time) and only those are sorted.
    Build a `SemanticIndex` once instead when the same corpus is searched many times.

    Args:
        query_vectors: ``(q, dim)`` array (or one ``(dim,)`` vector).
        corpus_vectors: ``(n, dim)`` array.
        top_k: how many hits per query (at most ``n`` are returned).

    Returns:
        ``q`` lists of `SearchHit`, each best first.

    Raises:
        InvalidParameterError: `top_k` < 1, dimensions differ, NaN values or an all-zero vector.
    """
    return SemanticIndex(corpus_vectors).search(query_vectors, top_k=top_k)


class KeywordIndex:
    """A corpus indexed by its words, for BM25 or TF-IDF keyword search.

    Texts are lower-cased and split into words and numbers; common English words ("the",
    "and", "who") are ignored. With ``method="bm25"`` (Okapi BM25, Lucene's variant) the score of
    text ``d`` for a query is ``Σ_t idf(t) · tf(t,d) / (tf(t,d) + k1 · (1 − b + b · |d| / avgdl))``
    over the distinct query words ``t``, with ``idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))``.
    With ``method="tfidf"`` it is the cosine of scikit-learn's TF-IDF vectors.

    Args:
        texts: the corpus.
        method: ``"bm25"`` or ``"tfidf"``.
        k1: BM25 term-frequency saturation (1.2–2 is usual).
        b: BM25 length normalisation, 0 (none) to 1 (full).
    """

    def __init__(self, texts: Sequence[str], *, method: KeywordMethod = "bm25", k1: float = 1.5, b: float = 0.75):
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        self.method = check_choice("method", method, KEYWORD_METHODS)
        if isinstance(texts, str):
            raise InvalidParameterError("`texts` must be a list of strings, not one string. Wrap it in a list.")
        b = check("b", b, BM25_B, advice="Use 0.75, the usual value.")
        k1 = check("k1", k1, BM25_K1, advice="Use 1.5, the usual value.")
        self.n = len(texts)
        if self.n == 0:
            raise EmptyInputError("There are no texts to search. Load a dataset or upload your data first.")
        options: dict[str, Any] = {"token_pattern": _TOKEN_PATTERN, "stop_words": "english", "lowercase": True}
        vectorizer = TfidfVectorizer(**options) if method == "tfidf" else CountVectorizer(**options)
        try:
            matrix = vectorizer.fit_transform([str(t) for t in texts]).tocsr().astype(np.float32)
        except ValueError:  # every text is empty or only stop words: nothing can match
            self.vocabulary: dict[str, int] = {}
            self._analyzer = CountVectorizer(**options).build_analyzer()
            self._weights = None
            return
        self.vocabulary = dict(vectorizer.vocabulary_)
        self._analyzer = vectorizer.build_analyzer()
        self._vectorizer = vectorizer
        if method == "bm25":
            tf = matrix.tocoo()
            df = np.bincount(tf.col, minlength=matrix.shape[1])
            idf = np.log1p((self.n - df + 0.5) / (df + 0.5))
            lengths = np.asarray(matrix.sum(axis=1)).ravel()
            norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1e-9))
            matrix.data = (idf[tf.col] * tf.data / (tf.data + norm[tf.row])).astype(np.float32)
        self._weights = matrix.tocsc()

    def query_terms(self, query: str) -> tuple[list[str], list[str]]:
        """The distinct words of `query` that the index uses, and those no text contains (stop words dropped)."""
        words = list(dict.fromkeys(self._analyzer(query)))
        return [w for w in words if w in self.vocabulary], [w for w in words if w not in self.vocabulary]

    def marked(self, text: str, query: str) -> list[tuple[str, bool]]:
        """`text` cut into pieces, each marked True when it is a word that counts for `query`.

        A word counts when the index scores it for this query (`query_terms`' first list), matched as
        the index matches: whole words, ignoring case. Joining the pieces gives `text` back.

        Example:
            >>> KeywordIndex(["Night nurse", "Day cook"]).marked("Night nurse", "nurse shift")
            [('Night ', False), ('nurse', True)]
        """
        known = set(self.query_terms(query)[0])
        pieces: list[tuple[str, bool]] = []
        start = 0
        for match in re.finditer(_TOKEN_PATTERN, text):
            if match.group().lower() in known:
                if match.start() > start:
                    pieces.append((text[start : match.start()], False))
                pieces.append((match.group(), True))
                start = match.end()
        if start < len(text):
            pieces.append((text[start:], False))
        return pieces

    def scores(self, query: str) -> np.ndarray:
        """The score of every text for `query`: an array of length ``n`` (0 where no word matches)."""
        if not isinstance(query, str):
            raise InvalidParameterError(f"The query must be text. Got {type(query).__name__}. Type a query.")
        known, _ = self.query_terms(query)
        if self._weights is None or not known:
            return np.zeros(self.n, dtype=np.float32)
        if self.method == "tfidf":
            q = self._vectorizer.transform([query])
            return np.asarray((self._weights @ q.T).todense(), dtype=np.float32).ravel()
        ids = [self.vocabulary[w] for w in known]
        return np.asarray(self._weights[:, ids].sum(axis=1), dtype=np.float32).ravel()

    def search(self, query: str, *, top_k: int = 10) -> list[SearchHit]:
        """The `top_k` texts with the highest score, best first; texts sharing no word are left out.

        So fewer than `top_k` hits (even none) come back when few texts contain a query word.
        """
        k = check_top_k(top_k)
        scores = self.scores(query)
        top = _linalg.top_k(scores, k)
        return [SearchHit(int(j), float(scores[j])) for j in top if scores[j] > 0]


def keyword_search(
    query: str, texts: Sequence[str], *, top_k: int = 10, method: KeywordMethod = "bm25"
) -> list[SearchHit]:
    """Rank `texts` by the words they share with `query` (BM25 by default, or TF-IDF cosine).

    Builds a `KeywordIndex` each call; keep one instead when searching the same texts often.

    Returns:
        At most `top_k` `SearchHit`, best first, only texts that contain a query word.

    Example:
        >>> keyword_search("night nurse", ["Night shift nurse", "Day teacher"])
        [SearchHit(index=0, score=...)]
    """
    return KeywordIndex(texts, method=method).search(query, top_k=top_k)


def fit_search_map(
    vectors: np.ndarray,
    *,
    method: MapMethod = "pca",
    n_components: int = 2,
    random_state: int = 0,
    max_fit: int | None = None,
) -> Projection:
    """Fit a 2D (or 3D) map of the corpus that can place new queries: `project` on the unit rows.

    PCA keeps the two directions of largest variance (a linear, exact projection); UMAP keeps
    neighbourhoods (non-linear, stochastic, fixed by `random_state`; cosine distance). Both can
    place a query with `Projection.transform` without refitting; t-SNE cannot, so it is refused.
    With `max_fit`, the map is fitted on at most that many rows and the others are placed on it
    (`Projection.n_fitted` says how many were fitted), as `project` does.

    Returns:
        A `Projection` of the corpus rows scaled to length 1 (as the search scores them).

    Raises:
        InvalidParameterError: fewer than ``n_components + 1`` vectors, or an unknown method.
    """
    check_choice("method", method, MAP_METHODS)
    x = _unit_rows(as_matrix(vectors, name="vectors"))
    return project(x, method, n_components=n_components, random_state=random_state, max_fit=max_fit)
