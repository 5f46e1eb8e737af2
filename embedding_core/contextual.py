"""Contextual versus static word vectors: one word in several sentences.

MiniLM gives a word a different vector in every sentence: the vector of ``bank`` in "the river
bank" is the mean of its word-piece vectors (last hidden states) in that sentence, and it moves
with the meaning. GloVe has one vector per word, the same in every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._linalg import pca, unit_rows
from .errors import EmbeddingCoreError, EmptyInputError, InvalidParameterError
from .lessons import lesson
from .models import Embedder, WordEmbedder
from .tokens import token_embeddings

__all__ = [
    "CONTEXT_PRESETS",
    "ContextPreset",
    "Occurrences",
    "WordNotInSentenceError",
    "compare_occurrences",
    "find_word",
    "word_in_context",
]

MAX_WORD_CHARS = 60


class WordNotInSentenceError(EmbeddingCoreError):
    """The target word does not appear (as a whole word) in a sentence, or only where the model stops reading."""


@dataclass(frozen=True)
class ContextPreset:
    """A word with two clearly different meanings, and sentences that use each.

    Attributes:
        word: the target word.
        senses: the two meanings, short labels (``("river", "money")``).
        sentences: ``(sense, sentence)`` pairs; each sentence contains `word` once.
        other_words: words to place next to the occurrences: two per sense, then the word itself
            (said on its own, it shows the meaning the model assumes without context).
    """

    word: str
    senses: tuple[str, str]
    sentences: tuple[tuple[str, str], ...]
    other_words: tuple[str, ...]

    def sense_of(self, sentence: str) -> str | None:
        """The sense of a preset sentence, ``None`` for any other sentence."""
        return next((s for s, text in self.sentences if text == sentence.strip()), None)


#: From data/lessons.toml ``[[inside.context]]``, by word.
CONTEXT_PRESETS: dict[str, ContextPreset] = {
    p["word"]: ContextPreset(
        p["word"],
        tuple(p["senses"]),
        tuple((str(sense), str(text)) for sense, text in p["sentences"]),
        tuple(p["other_words"]),
    )
    for p in lesson("inside")["context"]
}


def _pattern(word: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in word.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _check_word(word: str) -> str:
    if not isinstance(word, str) or not word.strip():
        raise EmptyInputError(f"The target word is empty. Got {word!r}. Type the word to follow, e.g. 'bank'.")
    word = " ".join(word.split())
    if len(word) > MAX_WORD_CHARS:
        raise InvalidParameterError(
            f"The target word is too long ({len(word)} characters). Got {word[:30]!r}…. "
            f"Use one word or a short phrase (at most {MAX_WORD_CHARS} characters)."
        )
    return word


def find_word(sentence: str, word: str) -> list[tuple[int, int]]:
    """Every place `word` appears in `sentence` as a whole word, case-insensitively.

    Returns:
        ``(start, end)`` character spans, in order (empty when the word is absent).

    Example:
        >>> find_word("Bank on the bank, not the banker.", "bank")
        [(0, 4), (12, 16)]
    """
    return [m.span() for m in _pattern(_check_word(word)).finditer(sentence)]


def _word_vector(model: Embedder, sentence: str, word: str) -> tuple[list[str], np.ndarray]:
    """The pieces that make up `word`'s first whole-word occurrence in `sentence`, and their mean vector."""
    word = _check_word(word)
    if not isinstance(sentence, str) or not sentence.strip():
        raise EmptyInputError(f"A sentence is empty. Got {sentence!r}. Type a sentence that uses {word!r}.")
    spans = find_word(sentence, word)
    if not spans:
        raise WordNotInSentenceError(
            f"{word!r} does not appear as a whole word in this sentence. Got {sentence[:80]!r}. "
            f"Use {word!r} in the sentence (other forms such as plurals do not count), or remove the sentence."
        )
    if isinstance(model, WordEmbedder):
        ids = model.word_ids(word)  # raises UnknownWordError
        return [model.vocab[i] for i in ids], np.asarray(model.raw[ids], dtype=np.float32).mean(axis=0)
    start, end = spans[0]
    tv = token_embeddings(model, sentence)
    offsets = tv.tokenization.offsets or []
    rows = [i for i, (s, e) in enumerate(offsets) if s < e and s < end and start < e]
    if not rows:
        raise WordNotInSentenceError(
            f"{word!r} comes after the first {tv.tokenization.max_tokens} word pieces, which the model never reads. "
            f"Got a sentence of {len(sentence):,} characters. Shorten the sentence or move the word earlier."
        )
    pieces = [tv.tokens[i] for i in rows]
    return pieces, tv.vectors[rows].mean(axis=0)


def word_in_context(model: Embedder, sentence: str, word: str) -> np.ndarray:
    """The vector of `word` in `sentence`: the mean of the vectors of its word pieces.

    For a sentence model the piece vectors are the transformer's last hidden states, so the same word
    gets a different vector in every sentence. For a word model it is the word's one static vector
    (the sentence only has to contain the word). Only the first whole-word, case-insensitive
    occurrence counts.

    Args:
        model: a sentence or word model.
        sentence: a sentence that uses `word`.
        word: the word (or short phrase) to follow.

    Returns:
        float32 ``(dim,)``, not normalised.

    Raises:
        WordNotInSentenceError: `word` is not a whole word of `sentence` (or only after the 256-piece limit).
        UnknownWordError: a word model does not know `word`.
        EmptyInputError: the word or the sentence is empty.
    """
    return _word_vector(model, sentence, word)[1].astype(np.float32)


@dataclass(frozen=True)
class Occurrences:
    """One word's vectors across several sentences, their similarities and a 2D map.

    Attributes:
        word: the target word.
        sentences: the sentences, in input order.
        pieces: for each sentence, the tokens averaged into the word's vector.
        vectors: float32 ``(n_sentences, dim)``, one vector of the word per sentence.
        similarity: ``(n_sentences, n_sentences)``, ``similarity[i, j]`` is the cosine of
            ``vectors[i]`` and ``vectors[j]``.
        other_words: the words placed next to the occurrences.
        other_vectors: float32 ``(n_other, dim)``; each other word said on its own.
        coords: ``(n_sentences + n_other, 2)``: the unit-length occurrence vectors projected on their
            two principal axes (PCA fitted on the occurrences), then the other words placed on the same axes.
        explained: the share of the occurrences' variance each of the two axes keeps.
    """

    word: str
    sentences: list[str]
    pieces: list[list[str]]
    vectors: np.ndarray
    similarity: np.ndarray
    other_words: list[str]
    other_vectors: np.ndarray
    coords: np.ndarray
    explained: np.ndarray

    def group_means(self, groups: Sequence[str]) -> tuple[float, float]:
        """Mean cosine between occurrences in the same group, and between different groups.

        Args:
            groups: one label per sentence (e.g. the meaning: ``"river"``, ``"money"``).

        Returns:
            ``(same, different)``; NaN when there is no such pair.
        """
        if len(groups) != len(self.sentences):
            raise InvalidParameterError(
                f"Give one group per sentence. Got {len(groups)} for {len(self.sentences)} sentences. "
                "Label every sentence."
            )
        g = np.asarray(list(groups), dtype=object)
        same = g[:, None] == g[None, :]
        pairs = ~np.eye(len(g), dtype=bool)
        within, across = self.similarity[same & pairs], self.similarity[~same]
        return (
            float(within.mean()) if within.size else float("nan"),
            float(across.mean()) if across.size else float("nan"),
        )


def compare_occurrences(
    model: Embedder, sentences: Sequence[str], word: str, *, other_words: Sequence[str] = ()
) -> Occurrences:
    """Follow `word` through `sentences`: its vector in each, their cosines, and a 2D PCA map.

    ``similarity[i, j] = cos(v_i, v_j)``. The map is a PCA of the unit-length occurrence vectors;
    other words are embedded on their own (the word as a one-word text, through the same layers,
    so they live in the same space) and placed on the same two axes.

    Raises:
        InvalidParameterError: fewer than two sentences.
        WordNotInSentenceError: a sentence does not use the word (the message names it).
        UnknownWordError: a word model does not know the word or an other word.
    """
    word = _check_word(word)
    items = [s for s in sentences]
    if len(items) < 2:
        raise InvalidParameterError(
            f"Comparing needs at least two sentences. Got {len(items)}. "
            f"Type two or more sentences that use {word!r}, one per line."
        )
    pieces, rows = [], []
    for i, sentence in enumerate(items, start=1):
        try:
            p, v = _word_vector(model, sentence, word)
        except WordNotInSentenceError as err:
            raise WordNotInSentenceError(f"Sentence {i}: {err}") from err
        pieces.append(p)
        rows.append(v)
    vectors = np.asarray(rows, dtype=np.float32)
    others = list(dict.fromkeys(" ".join(w.split()) for w in other_words if w.strip()))
    other_vectors = np.asarray([_word_vector(model, w, w)[1] for w in others], dtype=np.float32).reshape(
        len(others), vectors.shape[1]
    )
    occ = unit_rows(vectors.astype(np.float64))
    similarity = np.clip(occ @ occ.T, -1.0, 1.0)
    coords, explained = _pca_2d(occ, unit_rows(other_vectors.astype(np.float64)))
    return Occurrences(word, items, pieces, vectors, similarity, others, other_vectors, coords, explained)


def _pca_2d(x: np.ndarray, extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fit PCA on the rows of `x` and place the rows of `x`, then of `extra`, on its two axes.

    The axes are those of sklearn's PCA (signs made deterministic: the largest loading is positive).
    Fitting on the occurrences alone keeps the map about how the word's meaning moves; the other
    words are only placed on it. When the occurrences are all the same vector (a static model), the
    axes are fitted on every row instead.
    """
    if len(extra) and float(np.ptp(x, axis=0).max()) < 1e-9:
        coords, explained = _pca_2d(np.vstack([x, extra]), extra[:0])
        return coords, explained
    fit = pca(x, 2)
    return fit.transform(np.vstack([x, extra])), fit.explained_variance_ratio
