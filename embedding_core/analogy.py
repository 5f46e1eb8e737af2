"""Analogies and nearest neighbours: "a is to b as c is to ?" answered with vector arithmetic.

Two ways to score a candidate word ``d`` (all vectors scaled to length 1 first), from
Levy and Goldberg (2014), "Linguistic Regularities in Sparse and Explicit Word Representations":

- ``"3cosadd"``: ``cos(d, b - a + c)``; the same ranking as ``cos(d,b) - cos(d,a) + cos(d,c)``.
- ``"3cosmul"``: ``s(d,b) * s(d,c) / (s(d,a) + 1e-6)`` with ``s = (1 + cos) / 2`` in [0, 1];
  no single term can dominate, so it is more robust when one input is very close to ``d``.

On a word model the results equal gensim's ``KeyedVectors.most_similar(positive=[b, c],
negative=[a], restrict_vocab=N)`` and ``most_similar_cosmul`` (same words, same order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._linalg import one_thread, top_k, unit_rows
from ._validate import Interval, check
from .errors import EmptyInputError, InvalidParameterError, check_choice
from .models import Embedder, WordEmbedder, word_tokens
from .texts import MAX_TEXT_CHARS, clean_text
from .vocabulary import Vocabulary, vocabulary

__all__ = [
    "ANALOGY_METHODS",
    "AnalogyMethod",
    "Neighbor",
    "analogies",
    "analogy",
    "answer_rank",
    "input_vectors",
    "nearest",
]

AnalogyMethod = Literal["3cosadd", "3cosmul"]
TOPN = Interval(1, math.inf, integer=True)
"""How many answers an analogy or a neighbour list may ask for."""
ANALOGY_METHODS: tuple[AnalogyMethod, ...] = ("3cosadd", "3cosmul")
_EPS = 1e-6  # gensim's (and Levy & Goldberg's) guard against dividing by zero in 3CosMul
_CHUNK = 256  # questions scored at once: 256 x 50,000 float32 scores is 51 MB


@dataclass(frozen=True)
class Neighbor:
    """One candidate answer: a vocabulary word and its score (higher is closer)."""

    text: str
    score: float


def _clean_inputs(texts: Sequence[str], names: Sequence[str]) -> list[str]:
    out = []
    for name, text in zip(names, texts, strict=True):
        if not isinstance(text, str):
            raise InvalidParameterError(f"`{name}` must be a word (a string). Got {type(text).__name__}. Type a word.")
        cleaned = clean_text(text)[:MAX_TEXT_CHARS]
        if not cleaned:
            raise EmptyInputError(f"`{name}` is empty. Got {text!r}. Type a word.")
        out.append(cleaned)
    return out


def input_vectors(model: Embedder, texts: Sequence[str], *, vocab: Vocabulary | None = None) -> np.ndarray:
    """Unit vectors of `texts` (one row each), as every method here uses them.

    Texts that are words of `vocab` take their stored vector (no model call, and the same
    vector the candidates use); other texts are embedded.

    Raises:
        UnknownWordError: a word model does not know some of the words (all of them are listed).
    """
    unique = list(dict.fromkeys(texts))
    rows = {t: i for i, t in enumerate(unique)}
    if vocab is None:
        return model.embed(unique)[[rows[t] for t in texts]]
    # A word of `vocab` takes its stored unit vector: for a word model it is the very vector
    # model.embed would give; for a sentence model only exact lower-case words qualify.
    word_model = isinstance(model, WordEmbedder)
    known = {t: vocab.position(t) if word_model or t == t.lower() else None for t in unique}
    vectors = np.empty((len(unique), vocab.vectors.shape[1]), dtype=np.float32)
    missing = [t for t in unique if known[t] is None]
    if missing:
        vectors[[rows[t] for t in missing]] = model.embed(missing)
    hits = [(rows[t], pos) for t, pos in known.items() if pos is not None]
    if hits:
        vectors[[r for r, _ in hits]] = vocab.vectors[[p for _, p in hits]]
    return vectors[[rows[t] for t in texts]]


def _excluded(model: Embedder, vocab: Vocabulary, texts: Sequence[str]) -> list[int]:
    """Rows of `vocab` that are the input words (for a word model, also each word of a phrase)."""
    words = [t.lower() for t in texts]
    if isinstance(model, WordEmbedder):
        words += [w for t in texts for w in word_tokens(t)]
    rows = {vocab.position(w) for w in words}
    return sorted(r for r in rows if r is not None)


def _scores(vocab: Vocabulary, a: np.ndarray, b: np.ndarray, c: np.ndarray, method: str) -> np.ndarray:
    """Scores of every vocabulary word for each question; rows of a, b, c are unit vectors."""
    with one_thread():
        return _raw_scores(vocab, a, b, c, method)


def _raw_scores(vocab: Vocabulary, a: np.ndarray, b: np.ndarray, c: np.ndarray, method: str) -> np.ndarray:
    if method == "3cosadd":
        return unit_rows(b - a + c) @ vocab.vectors.T
    pos_b = (1 + b @ vocab.vectors.T) / 2
    pos_c = (1 + c @ vocab.vectors.T) / 2
    neg_a = (1 + a @ vocab.vectors.T) / 2
    return pos_b * pos_c / (neg_a + _EPS)


def _top(
    scores: np.ndarray, words: Sequence[str], excluded: Sequence[Sequence[int]], topn: int
) -> list[list[Neighbor]]:
    """The `topn` best words of each row of `scores` (modified in place: excluded rows become -inf)."""
    for i, skip in enumerate(excluded):
        scores[i, list(skip)] = -np.inf
    k = min(topn + max((len(e) for e in excluded), default=0), scores.shape[1])
    out = []
    for i, best in enumerate(top_k(scores, k)):
        keep = [j for j in best if scores[i, j] > -np.inf][:topn]
        out.append([Neighbor(words[j], float(scores[i, j])) for j in keep])
    return out


def _check(topn: int, method: str) -> None:
    check_choice("method", method, ANALOGY_METHODS)
    check("topn", topn, TOPN, advice="Use for example 10.")


def analogy(
    model: Embedder,
    a: str,
    b: str,
    c: str,
    *,
    topn: int = 10,
    method: AnalogyMethod = "3cosadd",
    vocab_size: int = 50_000,
    exclude_inputs: bool = True,
) -> list[Neighbor]:
    """Answer "`a` is to `b` as `c` is to ?" with the words closest to ``b - a + c``.

    Example:
        >>> [n.text for n in analogy(glove, "man", "king", "woman", topn=1)]
        ['queen']

    Args:
        model: a word or sentence model.
        a, b, c: the three words (a phrase works too: a word model averages its words).
        topn: how many answers to return.
        method: ``"3cosadd"`` or ``"3cosmul"`` (see the module docstring).
        vocab_size: search the this many most frequent words (see `vocabulary`).
        exclude_inputs: leave `a`, `b` and `c` out of the answers, as gensim always does.
            With them in, `b` itself often wins: ``b - a + c`` is still closest to ``b``.

    Returns:
        Up to `topn` `Neighbor`s, best first.

    Raises:
        EmptyInputError: an input is blank.
        UnknownWordError: a word model does not know an input word (with close matches).
        InvalidParameterError: `topn`, `method` or `vocab_size` is not valid.
    """
    return analogies(
        model, [(a, b, c)], topn=topn, method=method, vocab_size=vocab_size, exclude_inputs=exclude_inputs
    )[0]


def analogies(
    model: Embedder,
    questions: Sequence[tuple[str, str, str]],
    *,
    topn: int = 10,
    method: AnalogyMethod = "3cosadd",
    vocab_size: int = 50_000,
    exclude_inputs: bool = True,
) -> list[list[Neighbor]]:
    """`analogy` for many ``(a, b, c)`` questions at once, scored with one matrix product per chunk.

    Returns:
        One list of `Neighbor`s per question, in order.
    """
    _check(topn, method)
    vocab = vocabulary(model, vocab_size)
    if not questions:
        return []
    flat: list[str] = []
    for q, triple in enumerate(questions):
        if isinstance(triple, str) or len(triple) != 3:
            raise InvalidParameterError(
                f"Each question must be three words (a, b, c). Got {triple!r} at position {q}. Pass (a, b, c) tuples."
            )
        flat += _clean_inputs(triple, ("a", "b", "c"))
    vectors = input_vectors(model, flat, vocab=vocab).reshape(len(questions), 3, -1)
    out: list[list[Neighbor]] = []
    for start in range(0, len(questions), _CHUNK):
        block = vectors[start : start + _CHUNK]
        scores = _scores(vocab, block[:, 0], block[:, 1], block[:, 2], method)
        skips = [
            _excluded(model, vocab, flat[3 * q : 3 * q + 3]) if exclude_inputs else []
            for q in range(start, start + len(block))
        ]
        out += _top(scores, vocab.words, skips, topn)
    return out


def answer_rank(
    model: Embedder,
    a: str,
    b: str,
    c: str,
    expected: str,
    *,
    method: AnalogyMethod = "3cosadd",
    vocab_size: int = 50_000,
    exclude_inputs: bool = True,
) -> int | None:
    """The rank (1 = best) of `expected` among the answers of `analogy`, or None when it cannot be an
    answer (not among the candidate words, or an input word while inputs are excluded)."""
    check_choice("method", method, ANALOGY_METHODS)
    vocab = vocabulary(model, vocab_size)
    texts = _clean_inputs((a, b, c, expected), ("a", "b", "c", "expected"))
    row = vocab.position(texts[3])
    skip = _excluded(model, vocab, texts[:3]) if exclude_inputs else []
    if row is None or row in skip:
        return None
    v = input_vectors(model, texts[:3], vocab=vocab)
    scores = _scores(vocab, v[[0]], v[[1]], v[[2]], method)[0]
    scores[skip] = -np.inf
    return int((scores > scores[row]).sum()) + 1


def nearest(
    model: Embedder,
    query: str | np.ndarray,
    *,
    topn: int = 10,
    vocab_size: int = 50_000,
    exclude: Sequence[str] = (),
) -> list[Neighbor]:
    """The vocabulary words most similar (cosine) to `query`, best first.

    Args:
        query: a text (embedded with `model`; the text itself is left out of the answers,
            as in gensim's ``most_similar("king")``) or a vector of length ``model.dim``.
        exclude: more words to leave out of the answers.

    Raises:
        EmptyInputError: `query` is a blank text.
        UnknownWordError: a word model does not know a word of `query`.
        InvalidParameterError: `query` is a vector of the wrong shape, or zero, NaN or infinite.
    """
    _check(topn, "3cosadd")
    vocab = vocabulary(model, vocab_size)
    skip_texts = list(exclude)
    if isinstance(query, str):
        text = _clean_inputs([query], ["query"])[0]
        vector = input_vectors(model, [text], vocab=vocab)[0]
        skip_texts.append(text)
    else:
        vector = np.asarray(query, dtype=np.float32).reshape(-1)
        if vector.shape != (model.dim,) or not np.isfinite(vector).all() or not vector.any():
            raise InvalidParameterError(
                f"`query` must be a finite, non-zero vector of length {model.dim}. "
                f"Got shape {np.shape(query)}. Pass a text or a vector from this model."
            )
        vector = vector / np.linalg.norm(vector)
    skip = _excluded(model, vocab, [t for t in skip_texts if t.strip()])
    with one_thread():
        scores = vocab.vectors @ vector
    return _top(scores[None, :], vocab.words, [skip], topn)[0]
