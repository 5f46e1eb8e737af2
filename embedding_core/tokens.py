"""What a model actually reads: tokens, their vectors, and how pooling makes one sentence vector.

MiniLM splits a text into word pieces (``"embeddings"`` → ``em ##bed ##ding ##s``), adds
``[CLS]`` and ``[SEP]``, reads at most 256 pieces, and gives every piece a 384-number vector
(the transformer's last hidden state). The sentence vector is the mean of those piece vectors,
scaled to length 1. GloVe splits a text into lower-case words and looks each one up.

torch is only touched through the model's own `encode`, so importing this module is fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .errors import EmptyInputError, InvalidParameterError, UnknownWordError
from .models import Embedder, SentenceEmbedder, WordEmbedder, word_tokens
from .vectors import as_matrix

__all__ = [
    "Pooling",
    "TokenVectors",
    "Tokenization",
    "check_text",
    "mean_pool",
    "pooling_steps",
    "sentence_model",
    "token_embeddings",
    "tokenize",
]


@dataclass(frozen=True)
class Tokenization:
    """How a model splits one text.

    Attributes:
        text: the text as given.
        kind: ``"sentence"`` (word pieces of a transformer) or ``"word"`` (whole words of GloVe).
        tokens: what the model reads, in order. For a sentence model these are the word pieces
            the model keeps, with the special tokens (``[CLS]`` … ``[SEP]``); for a word model, the
            lower-case words (punctuation left out).
        ids: the vocabulary number of each token (for a word model, the GloVe row; -1 when unknown).
        known: for a word model, whether each word has a vector; for a sentence model every piece
            is known (unknown characters become ``[UNK]``), so all True.
        offsets: for a sentence model, the ``(start, end)`` characters of `text` that each token
            covers (``(0, 0)`` for special tokens); ``None`` for a word model.
        max_tokens: the longest input the model reads (special tokens included); ``None`` for a word model.
        n_cut: how many word pieces beyond `max_tokens` the model never sees (0 when nothing was cut).
        cut_at: the character of `text` where the cut falls (``None`` when nothing was cut).
        word_ids: for each token, the number of the word it comes from (pieces of one word share it,
            punctuation marks are words of their own, special tokens get -1).
    """

    text: str
    kind: Literal["sentence", "word"]
    tokens: list[str]
    ids: list[int]
    known: list[bool]
    offsets: list[tuple[int, int]] | None = None
    max_tokens: int | None = None
    n_cut: int = 0
    cut_at: int | None = None
    word_ids: list[int] | None = None

    @property
    def truncated(self) -> bool:
        """True when the text is longer than the model reads."""
        return self.n_cut > 0

    @property
    def unknown(self) -> list[str]:
        """The tokens the model has no vector for (always empty for a sentence model)."""
        return [t for t, ok in zip(self.tokens, self.known, strict=True) if not ok]

    def table(self) -> pd.DataFrame:
        """One row per token: its position, the token, its id, and the characters it covers (or whether it is known)."""
        frame = pd.DataFrame({"position": range(len(self.tokens)), "token": self.tokens, "id": self.ids})
        if self.offsets is not None:
            frame["from the text"] = [self.text[s:e] if e > s else "(special)" for s, e in self.offsets]
        else:
            frame["in vocabulary"] = self.known
        return frame

    def word_groups(self) -> list[int]:
        """For each token, the number of the word it belongs to; special tokens get -1."""
        return list(self.word_ids) if self.word_ids is not None else list(range(len(self.tokens)))


def check_text(text: str) -> str:
    """`text` itself, checked to be a non-blank string (one text, as the token views take)."""
    if not isinstance(text, str):
        raise InvalidParameterError(f"The text must be a string. Got {type(text).__name__}. Pass text only.")
    if not text.strip():
        raise EmptyInputError("The text is empty. Got only blanks. Type a word or a sentence.")
    return text


def tokenize(model: Embedder, text: str) -> Tokenization:
    """Split `text` the way `model` does.

    Args:
        model: a `SentenceEmbedder` (word pieces) or a `WordEmbedder` (whole words).
        text: any text; a sentence model reads only its first ``model.max_tokens`` pieces.

    Returns:
        A `Tokenization`. For MiniLM, ``tokenize(m, "embeddings").tokens`` is
        ``["[CLS]", "em", "##bed", "##ding", "##s", "[SEP]"]``.

    Raises:
        EmptyInputError: the text is empty or blank.
    """
    text = check_text(text)
    if isinstance(model, WordEmbedder):
        words = word_tokens(text)
        ids = [model.index.get(w, -1) for w in words]
        return Tokenization(text, "word", words, ids, [i >= 0 for i in ids])
    sentence = sentence_model(model)
    tokenizer = sentence.model.tokenizer
    full = tokenizer(text, add_special_tokens=True, truncation=False, return_offsets_mapping=True, verbose=False)
    limit = sentence.max_tokens
    n_full = len(full["input_ids"])
    if n_full <= limit:
        enc, n_cut, cut_at = full, 0, None
    else:
        enc = tokenizer(
            text, add_special_tokens=True, truncation=True, max_length=limit, return_offsets_mapping=True, verbose=False
        )
        n_cut = n_full - len(enc["input_ids"])
        cut_at = max(end for _, end in enc["offset_mapping"])
    ids, offsets = list(enc["input_ids"]), list(enc["offset_mapping"])
    try:
        words = [-1 if w is None else int(w) for w in enc.word_ids()]
    except (ValueError, AttributeError):  # pragma: no cover - a slow (Python) tokenizer
        words = None
    tokens = tokenizer.convert_ids_to_tokens(ids)
    return Tokenization(
        text,
        "sentence",
        list(tokens),
        [int(i) for i in ids],
        [True] * len(ids),
        [(int(s), int(e)) for s, e in offsets],
        limit,
        n_cut,
        cut_at,
        words,
    )


@dataclass(frozen=True)
class TokenVectors:
    """One vector per token of a text.

    Attributes:
        tokenization: how the text was split (`tokenization.tokens` labels the rows).
        vectors: float32 ``(n_tokens, dim)``. For a sentence model, the transformer's last hidden
            states before pooling (not normalised); for a word model, the raw GloVe vectors of the words.
    """

    tokenization: Tokenization
    vectors: np.ndarray

    @property
    def tokens(self) -> list[str]:
        return self.tokenization.tokens


def token_embeddings(model: Embedder, text: str) -> TokenVectors:
    """The vector of every token of `text`, before pooling.

    Args:
        model: a sentence model (contextual piece vectors) or a word model (static word vectors).
        text: the text; a sentence model reads only its first ``model.max_tokens`` pieces.

    Returns:
        `TokenVectors` with ``vectors.shape == (len(tokens), model.dim)``.

    Raises:
        EmptyInputError: the text is empty or has no words.
        UnknownWordError: a word model does not know some words of the text.
    """
    tokenization = tokenize(model, text)
    if isinstance(model, WordEmbedder):
        if tokenization.unknown:
            missing = list(dict.fromkeys(tokenization.unknown))
            raise UnknownWordError(missing, {w: model.suggest(w) for w in missing})
        vectors = np.asarray(model.raw[tokenization.ids], dtype=np.float32)
        return TokenVectors(tokenization, vectors)
    sentence = sentence_model(model)
    out = sentence.model.encode(text, output_value="token_embeddings", convert_to_numpy=True, show_progress_bar=False)
    vectors = np.asarray(out.detach().cpu().numpy() if hasattr(out, "detach") else out, dtype=np.float32)
    if vectors.shape[0] != len(tokenization.tokens):  # pragma: no cover - a model with its own preprocessing
        raise InvalidParameterError(
            f"The model returned {vectors.shape[0]} token vectors for {len(tokenization.tokens)} tokens. "
            "This model preprocesses texts in its own way; use MiniLM for this lesson."
        )
    return TokenVectors(tokenization, vectors)


def mean_pool(token_vectors: np.ndarray, *, normalize: bool = True) -> np.ndarray:
    """Average the token vectors into one vector: ``v = (1/n) Σ_i t_i``, then ``v / ‖v‖`` if `normalize`.

    This is exactly how MiniLM (mean pooling, then a Normalize layer) and the GloVe text baseline
    turn token vectors into a sentence vector.

    Args:
        token_vectors: ``(n_tokens, dim)``.
        normalize: scale the mean to length 1.

    Returns:
        float32 ``(dim,)``.
    """
    x = as_matrix(token_vectors, name="token_vectors")
    mean = x.mean(axis=0, dtype=np.float64)
    if normalize:
        norm = float(np.linalg.norm(mean))
        mean = mean / norm if norm > 0 else mean
    return mean.astype(np.float32)


@dataclass(frozen=True)
class Pooling:
    """Every step from token vectors to the sentence vector, next to what `Embedder.embed` returns.

    Attributes:
        token_vectors: the tokens and their ``(n_tokens, dim)`` vectors.
        mean: the plain mean of the token vectors, ``(dim,)``.
        norm: the length of `mean` (divided out in the last step).
        pooled: ``mean / norm``, the sentence vector rebuilt by hand, ``(dim,)``.
        embedded: ``model.embed([text])[0]``, the model's own sentence vector, ``(dim,)``.
        max_abs_diff: ``max_i |pooled_i - embedded_i|`` (float32 rounding only, about 1e-7).
    """

    token_vectors: TokenVectors
    mean: np.ndarray
    norm: float
    pooled: np.ndarray
    embedded: np.ndarray
    max_abs_diff: float


def pooling_steps(model: Embedder, text: str) -> Pooling:
    """Rebuild the sentence vector of `text` from its token vectors and compare it with `model.embed`.

    Raises:
        InvalidParameterError: the model pools in another way than a mean (e.g. the [CLS] token).
        EmptyInputError, UnknownWordError: as `token_embeddings`.
    """
    if isinstance(model, SentenceEmbedder):
        mode = _pooling_mode(model)
        if mode != "mean":
            raise InvalidParameterError(
                f"This lesson shows mean pooling, but {model.name!r} pools with {mode!r}. Pick MiniLM in the sidebar."
            )
    tv = token_embeddings(model, text)
    mean = mean_pool(tv.vectors, normalize=False)
    norm = float(np.linalg.norm(mean.astype(np.float64)))
    pooled = mean_pool(tv.vectors)
    embedded = model.embed([text])[0]
    return Pooling(tv, mean, norm, pooled, embedded, float(np.abs(pooled - embedded).max()))


def _pooling_mode(model: SentenceEmbedder) -> str:
    for module in model.model:
        if type(module).__name__ == "Pooling":
            return str(getattr(module, "pooling_mode", "mean"))
    return "none"


def sentence_model(model: Embedder) -> SentenceEmbedder:
    """`model` itself when it is a sentence (transformer) model; a word model is refused with a message."""
    if isinstance(model, SentenceEmbedder):
        return model
    raise InvalidParameterError(f"This needs a sentence model (a transformer). Got {model!r}. Use MiniLM ('minilm').")
