"""The words a model can answer with: a `Vocabulary` of words and their unit vectors.

A word model (GloVe) has its own vocabulary, in frequency order. A sentence model (MiniLM)
can embed any text but has no word list, so analogies and nearest neighbours on it search the
most frequent alphabetic English words (GloVe's frequency order), embedded once with the model.
For MiniLM that matrix ships in ``data/vocab/`` (rebuilt by ``python -m data.build_vocab``);
for another sentence model it is embedded on first use and cached on disk.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from ._linalg import unit_rows
from ._validate import Interval, check
from .errors import InvalidParameterError, ModelUnavailableError
from .models import Embedder, SentenceEmbedder, WordEmbedder

__all__ = [
    "VOCAB_DIR",
    "VOCAB_WORDS",
    "Vocabulary",
    "alphabetic_words",
    "english_words",
    "regular_rule_nonword",
    "vocabulary",
]

#: Where the shipped sentence-model vocabulary lives.
VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"
#: How many words the sentence-model vocabulary holds.
VOCAB_WORDS = 30_000
VOCAB_SIZE = Interval(1, math.inf, integer=True)
_CACHE_DIR = Path(os.environ.get("EMBEDDINGS_EXPLORER_CACHE", Path.home() / ".cache" / "embeddings-explorer"))


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Candidate words with one unit vector each, most frequent first.

    Attributes:
        words: ``n`` words; ``vectors[i]`` is the vector of ``words[i]``.
        vectors: float32 array of shape ``(n, dim)`` with unit rows (read-only).
        description: where the words come from, for the page to say.
    """

    words: Sequence[str]
    vectors: np.ndarray
    description: str
    lookup: Mapping[str, int] | None = None

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def _index(self) -> Mapping[str, int]:
        return self.lookup if self.lookup is not None else {w: i for i, w in enumerate(self.words)}

    def position(self, word: str) -> int | None:
        """Row of `word` (lower-cased), or None when it is not among the candidates."""
        i = self._index.get(word.strip().lower())
        return i if i is not None and i < len(self.words) else None


def alphabetic_words(words: Sequence[str], n: int) -> list[str]:
    """The first `n` words of `words` made only of the letters a-z (no digits, no punctuation)."""
    out = []
    for w in words:
        if w.isascii() and w.isalpha():
            out.append(w)
            if len(out) == n:
                break
    return out


_VOWELS = frozenset("aeiou")
#: The regular endings, each with the Penn tags of the forms it makes and how it is spelled after a stem.
_ENDINGS = {"s": ("NNS", "VBZ"), "ed": ("VBD", "VBN"), "er": ("JJR", "RBR"), "est": ("JJS", "RBS")}


def _regular_forms(base: str, ending: str) -> set[str]:
    """What the regular spelling rules make of `base` with `ending` (cars, boxes, babies; walked, liked,
    cried, stopped; taller, nicer, happier, bigger)."""
    if ending == "s":
        return {base + "s", base + "es"} | ({base[:-1] + "ies"} if base.endswith("y") else set())
    doubles = (
        len(base) >= 3 and base[-1] not in _VOWELS | {"w", "x", "y"} and base[-2] in _VOWELS and base[-3] not in _VOWELS
    )
    if doubles:  # stop -> stopped, big -> bigger
        return {base + base[-1] + ending}
    forms = {base + ending}
    if base.endswith("e"):
        forms.add(base + ending[1:])
    if base.endswith("y"):
        forms.add(base[:-1] + "i" + ending)
    return forms


def _stems(word: str):
    for ending, spellings in (("s", ("s", "es", "ies")), ("ed", ("ed", "d", "ied")), ("er", ("er", "r", "ier"))):
        for spelling in (*spellings, *(("est", "st", "iest") if ending == "er" else ())):
            if word.endswith(spelling) and len(word) - len(spelling) >= 2:
                stem = word[: -len(spelling)]
                kind = "est" if spelling.endswith("st") else ending
                for base in {stem, stem + "e", stem + "y", stem[:-1] if stem[-1] == stem[-2] else stem}:
                    yield base, kind


def regular_rule_nonword(word: str) -> str | None:
    """The real form when `word` is a regular rule's form of a word whose real form is irregular, else None.

    "childs" is child + s where English says "children"; "swimmed", "goed", "gooder" likewise. Read
    from LemmInflect's English lexicon (a build-time dependency: ``data/build_vocab.py`` drops these
    words from the shipped MiniLM vocabulary; nothing calls this at run time). A word LemmInflect
    knows as a form of any lemma is kept ("ringed" is not, so it is dropped: the rule errs that way).

    Example: ``regular_rule_nonword("childs")`` is ``"children"``; ``regular_rule_nonword("cars")`` is None.
    """
    from lemminflect import getAllInflections, getAllLemmas

    word = word.lower()
    if getAllLemmas(word):
        return None
    for base, ending in _stems(word):
        inflections = getAllInflections(base)
        forms = {f for tag in _ENDINGS[ending] for f in inflections.get(tag, ())} - {base}
        regular = _regular_forms(base, ending)
        if forms and word in regular and not forms & regular:
            return "/".join(sorted(forms))
    return None


def _check_size(size: int) -> int:
    return check("vocab_size", size, VOCAB_SIZE, advice="Use for example 50000.")


def vocabulary(model: Embedder, size: int = 50_000) -> Vocabulary:
    """The `size` most frequent candidate words of `model` and their unit vectors.

    A word model gives its own first `size` words (every token, as gensim's ``restrict_vocab``
    does). A sentence model gives at most its precomputed words (30,000 for MiniLM): a larger
    `size` is cut to that, so `len(result)` tells how many words are really searched.

    Raises:
        InvalidParameterError: `size` is not a whole number of at least 1, or larger than a
            word model's vocabulary.
    """
    size = _check_size(size)
    if isinstance(model, WordEmbedder):
        if size > len(model.vocab):
            raise InvalidParameterError(
                f"`vocab_size` must be at most {len(model.vocab):,} for {model.name}. Got {size:,}. "
                "Use a smaller vocabulary size."
            )
        return _word_vocabulary(model, size)
    if isinstance(model, SentenceEmbedder):
        full = _sentence_vocabulary(model)
        if size >= len(full):
            return full
        return _cut(full, size)
    raise InvalidParameterError(
        "Analogies and neighbours search a vocabulary of 30,000 embedded words, which is only built for "
        f"local models (a server model would be sent every word). Got {type(model).__name__} {model.name!r}. "
        "Use MiniLM, GloVe or a sentence-transformers model."
    )


@lru_cache(maxsize=8)
def _word_vocabulary(model: WordEmbedder, size: int) -> Vocabulary:
    return Vocabulary(
        model.vocab[:size],
        model.unit_vectors(size),
        f"the {size:,} most frequent words of {model.name}",
        lookup=model.index,
    )


@lru_cache(maxsize=16)
def _cut(full: Vocabulary, size: int) -> Vocabulary:
    return Vocabulary(
        full.words[:size], full.vectors[:size], f"the {size:,} most frequent English words, embedded by the model"
    )


def _read_only(x: np.ndarray) -> np.ndarray:
    out = unit_rows(x).astype(np.float32)
    out.setflags(write=False)
    return out


def _shipped_words() -> list[str]:
    path = VOCAB_DIR / "minilm_words.txt"
    if not path.exists():
        raise ModelUnavailableError(
            f"The word list {path} is missing. Got no file. Rebuild it with `python -m data.build_vocab`."
        )
    return path.read_text(encoding="utf-8").split()


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The 30,000 most frequent alphabetic words of GloVe 6B (``data/vocab/minilm_words.txt``), lower case.

    The candidate words of analogies on sentence models, and the yardstick of `ec.unfamiliar_words`.
    """
    return frozenset(_shipped_words())


@lru_cache(maxsize=4)
def _sentence_vocabulary(model: SentenceEmbedder) -> Vocabulary:
    words = _shipped_words()
    description = f"the {len(words):,} most frequent English words, embedded by the model"
    if model.name == "minilm":
        matrix = np.load(VOCAB_DIR / "minilm_vocab.npy")
        if matrix.shape != (len(words), model.dim):
            raise ModelUnavailableError(
                f"data/vocab/minilm_vocab.npy has shape {matrix.shape}, expected ({len(words)}, {model.dim}). "
                "Rebuild it with `python -m data.build_vocab`."
            )
        return Vocabulary(words, _read_only(matrix.astype(np.float32)), description)
    key = hashlib.sha1(model.name.encode()).hexdigest()[:16]
    path = _CACHE_DIR / f"vocab-{key}-{len(words)}.npy"
    if path.exists():
        matrix = np.load(path)
        if matrix.shape == (len(words), model.dim):
            return Vocabulary(words, _read_only(matrix.astype(np.float32)), description)
    matrix = model.embed(words)
    try:  # a cache only: a read-only disk just means embedding again next time
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, matrix.astype(np.float16))
    except OSError:
        pass
    return Vocabulary(words, _read_only(matrix), description)
