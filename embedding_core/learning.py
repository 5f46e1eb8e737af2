"""How word vectors are learned: word2vec trained live, epoch by epoch, and what it is trained on.

Word2vec (Mikolov et al., 2013) starts from small random vectors and reads the corpus word by word.
Skip-gram (``sg=1``) makes each word's vector predict the words around it within `window`; CBOW
(``sg=0``) predicts a word from the mean of its neighbours. With negative sampling, each real
(centre, context) pair is pushed to a high score ``σ(v_centre · u_context)`` and `negative` random
words, drawn in proportion to ``count^0.75``, to a low one, by gradient descent. Words that occur in
the same contexts get pulled the same way, so they end up with similar vectors.

Training keeps one snapshot of the vectors after every epoch. Any rotation of a word2vec space is
an equally good solution, so consecutive snapshots are aligned with orthogonal Procrustes before they
are drawn: the picture then shows words moving, not the space spinning.

Example:
    >>> corpus = learning_corpus()
    >>> run = train_word2vec(corpus.sentences, epochs=30)
    >>> run.neighbors("king", k=3)
    [Neighbor(text='queen', score=0.93), ...]
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._linalg import top_k, unit_rows
from ._validate import Interval, Options, check, message
from .analogy import Neighbor
from .datasets import DATA_DIR
from .errors import EmbeddingCoreError, EmptyInputError, InvalidParameterError, UnknownWordError
from .models import word_tokens

__all__ = [
    "MAX_TOKENS",
    "MAX_WORDS",
    "MIN_TOKENS",
    "MIN_WORDS",
    "W2V_CONSTRAINTS",
    "CorpusTooSmallError",
    "LearningCorpus",
    "RunComparison",
    "TrainingRun",
    "align_snapshots",
    "compare_runs",
    "corpus_sentences",
    "learning_corpus",
    "negative_samples",
    "noise_distribution",
    "train_word2vec",
    "training_pairs",
]

#: Bounds of the training options, each with the reason for its cap (shown when it is exceeded).
W2V_CONSTRAINTS: dict[str, Interval | Options] = {
    "sg": Options((1, 0)),  # 1 skip-gram, 0 CBOW
    "vector_size": Interval(2, 100, integer=True, step=1),
    "window": Interval(1, 10, integer=True),
    "negative": Interval(1, 20, integer=True),
    "epochs": Interval(1, 50, integer=True),
    "min_count": Interval(1, 10, integer=True),
    "random_state": Interval(0, 2**31 - 1, integer=True, slider=(0, 100)),
}
_REASONS = {
    "vector_size": "one snapshot per epoch is kept, so memory grows with vector size times epochs",
    "window": "a wider window mostly adds distant, unrelated words and slows training",
    "negative": "more negative samples per pair slow training with little gain on a small corpus",
    "epochs": "training runs while you wait, on a shared CPU, and every epoch keeps a snapshot",
}
#: Above this many tokens one run takes more than a few seconds on a shared 2-core machine.
MAX_TOKENS = 100_000
#: The vocabulary is cut to the most frequent words beyond this, to bound the snapshots' memory
#: (50 epochs × 2,000 words × 100 numbers × 4 bytes = 40 MB at the largest).
MAX_WORDS = 2_000
#: Fewer tokens than this give each word too few contexts to learn anything but noise.
MIN_TOKENS = 200
#: A map and neighbours need at least this many words that occur `min_count` times.
MIN_WORDS = 10


class CorpusTooSmallError(EmbeddingCoreError):
    """The corpus is too small to train word vectors on (the message names the minimum)."""


def _check_capped(name: str, value: Any) -> Any:
    constraint = W2V_CONSTRAINTS[name]
    if not constraint.contains(value) and name in _REASONS and isinstance(constraint, Interval):
        raise InvalidParameterError(
            message(name, constraint.describe(), value, f"Use a value {constraint.bounds()}: {_REASONS[name]}.")
        )
    return check(name, value, constraint)


def _check_sentences(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    if isinstance(sentences, str):
        raise InvalidParameterError(
            message(
                "sentences",
                "a list of sentences, each a list of words",
                sentences[:30],
                "Split the text first: corpus_sentences(texts).",
            )
        )
    out: list[list[str]] = []
    for i, sentence in enumerate(sentences):
        if isinstance(sentence, str) or not all(isinstance(w, str) for w in sentence):
            raise InvalidParameterError(
                message(
                    f"sentences[{i}]",
                    "a list of words (strings)",
                    sentence if isinstance(sentence, str) else type(sentence).__name__,
                    "Split each sentence into words: corpus_sentences(texts).",
                )
            )
        words = [w for w in sentence if w.strip()]
        if words:
            out.append(words)
    if not out:
        raise EmptyInputError("There are no words to train on. Pick a corpus or type some sentences.")
    return out


@dataclass(frozen=True)
class LearningCorpus:
    """The app's small corpus with known structure (data/learning_corpus.txt).

    Attributes:
        sentences: one list of lower-case words per sentence.
        groups: group name → its words (royalty, family, animals, food, places).
    """

    sentences: list[list[str]]
    groups: dict[str, list[str]]

    def group_of(self, word: str) -> str | None:
        """The group `word` belongs to, or None for the other words."""
        return next((g for g, words in self.groups.items() if word in words), None)


def learning_corpus() -> LearningCorpus:
    """Load data/learning_corpus.txt: sentences of five known word groups, written for the app (CC0)."""
    sentences: list[list[str]] = []
    groups: dict[str, list[str]] = {}
    for line in (DATA_DIR / "learning_corpus.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# group "):
            name, words = line.removeprefix("# group ").split(":", 1)
            groups[name.strip()] = words.split()
        elif line.strip() and not line.startswith("#"):
            sentences.append(line.split())
    return LearningCorpus(sentences, groups)


def corpus_sentences(texts: Sequence[str]) -> list[list[str]]:
    """Split texts into lower-case words, one sentence per text (punctuation dropped).

    Example:
        >>> corpus_sentences(["The King's horse!"])
        [["the", "king's", "horse"]]
    """
    if isinstance(texts, str):
        raise InvalidParameterError(message("texts", "a list of texts", texts[:30], "Wrap it in a list: [text]."))
    return [words for words in (_words(str(t)) for t in texts) if words]


def _words(text: str) -> list[str]:
    """Lower-case words of `text`; a text of punctuation only has none."""
    return [t for t in word_tokens(text) if any(ch.isalnum() for ch in t)]


@dataclass(frozen=True, eq=False)
class TrainingRun:
    """Word vectors after every epoch of one word2vec training run.

    Attributes:
        words: the vocabulary, most frequent first.
        counts: how often each word occurs in the corpus.
        vectors: ``(epochs, n_words, vector_size)``; ``vectors[e]`` is the state after epoch ``e + 1``.
        initial: ``(n_words, vector_size)`` the random start, before any training.
        losses: ``(epochs,)`` gensim's training loss summed over each epoch (lower is better).
        params: the options of the run (sg, vector_size, window, negative, epochs, min_count, random_state).
        n_tokens: the number of words in the corpus.
        seconds: the training time.
    """

    words: list[str]
    counts: np.ndarray
    vectors: np.ndarray
    initial: np.ndarray
    losses: np.ndarray
    params: dict[str, int]
    n_tokens: int
    seconds: float
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index.update({w: i for i, w in enumerate(self.words)})

    @property
    def epochs(self) -> int:
        return int(self.vectors.shape[0])

    def index(self, words: Sequence[str]) -> list[int]:
        """Rows of `words` in `words` order; raises `UnknownWordError` for words not in the vocabulary."""
        unknown = [w for w in words if w not in self._index]
        if unknown:
            import difflib

            raise UnknownWordError(unknown, {w: difflib.get_close_matches(w, self.words, n=3) for w in unknown})
        return [self._index[w] for w in words]

    def snapshot(self, epoch: int = -1) -> np.ndarray:
        """The vectors after `epoch` (1 … epochs; 0 is the random start, -1 the last)."""
        if epoch == -1:
            return self.vectors[-1]
        epoch = check("epoch", epoch, Interval(0, self.epochs, integer=True))
        return self.initial if epoch == 0 else self.vectors[epoch - 1]

    def neighbors(self, word: str, *, epoch: int = -1, k: int = 5) -> list[Neighbor]:
        """The `k` words with the highest cosine to `word` after `epoch` (the word itself left out)."""
        k = check("k", k, Interval(1, max(1, len(self.words) - 1), integer=True))
        (row,) = self.index([word])
        x = unit_rows(self.snapshot(epoch))
        sims = x @ x[row]
        sims[row] = -np.inf
        return [Neighbor(self.words[j], float(sims[j])) for j in top_k(sims, k)]

    def trajectory(self, words: Sequence[str]) -> np.ndarray:
        """2D positions of `words` at the start and after every epoch: ``(epochs + 1, len(words), 2)``.

        The snapshots are aligned with `align_snapshots` (so the space does not spin between frames),
        scaled to unit length (a map of cosines), and projected with one PCA fitted on the last frame
        of these words, the same projection for every frame.
        """
        rows = self.index(list(words))
        if len(rows) < 2:
            raise InvalidParameterError(
                message("words", "at least 2 words", len(rows), "Pick two or more words to draw.")
            )
        frames = align_snapshots(np.concatenate([self.initial[None], self.vectors]))
        chosen = np.stack([unit_rows(f[rows].astype(np.float64)) for f in frames])
        final = chosen[-1]
        mean = final.mean(axis=0)
        _, _, vt = np.linalg.svd(final - mean, full_matrices=False)
        axes = vt[:2]
        axes *= np.where(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)] < 0, -1.0, 1.0)[:, None]
        out = (chosen - mean) @ axes.T
        if out.shape[2] < 2:
            out = np.concatenate([out, np.zeros(out.shape[:2] + (2 - out.shape[2],))], axis=2)
        return out


def align_snapshots(vectors: np.ndarray) -> np.ndarray:
    """Rotate each snapshot onto the next one, so consecutive frames differ by movement, not rotation.

    Working back from the last snapshot (kept as it is), snapshot ``t`` is multiplied by the
    orthogonal matrix ``R`` that minimises ``||S_t R - S_{t+1}'||`` (orthogonal Procrustes, scipy),
    where ``S_{t+1}'`` is the already aligned next snapshot. A rotation keeps every cosine, so the
    neighbours of every word are unchanged.

    Args:
        vectors: ``(frames, n_words, dim)``.

    Returns:
        An array of the same shape.
    """
    from scipy.linalg import orthogonal_procrustes

    x = np.asarray(vectors, dtype=np.float64)
    if x.ndim != 3 or x.shape[0] == 0:
        raise InvalidParameterError(
            message("vectors", "an array of shape (frames, n_words, dim)", f"shape {x.shape}", "Pass run.vectors.")
        )
    out = x.copy()
    for t in range(len(x) - 2, -1, -1):
        rotation, _ = orthogonal_procrustes(x[t], out[t + 1])
        out[t] = x[t] @ rotation
    return out


def train_word2vec(
    sentences: Sequence[Sequence[str]],
    *,
    sg: int = 1,
    vector_size: int = 30,
    window: int = 3,
    negative: int = 5,
    epochs: int = 30,
    min_count: int = 2,
    random_state: int = 0,
) -> TrainingRun:
    """Train word2vec with gensim (negative sampling, one worker) and keep the vectors of every epoch.

    The learning rate falls linearly from 0.025 to 0.0001 over all epochs, as gensim's own one-call
    training does; each epoch is one ``Word2Vec.train`` call so its vectors and loss can be kept.
    With one worker the result depends only on the inputs and `random_state`.

    Args:
        sentences: lists of words (see `corpus_sentences`).
        sg: 1 for skip-gram (a word predicts its neighbours), 0 for CBOW (the neighbours predict the word).
        vector_size: numbers per word vector (2 to 100).
        window: how many words on each side count as context (1 to 10); gensim samples a window of
            1 … `window` for each centre word, so near words count more.
        negative: random "noise" words per real pair (1 to 20).
        epochs: passes over the corpus (1 to 50).
        min_count: words occurring fewer times are dropped (1 to 10).
        random_state: the seed of the random start and of the sampling.

    Returns:
        A `TrainingRun`.

    Raises:
        InvalidParameterError: an option out of range (the message gives the reason for each cap),
            or a corpus of more than `MAX_TOKENS` words.
        CorpusTooSmallError: fewer than `MIN_TOKENS` words, or fewer than `MIN_WORDS` distinct words
            occurring `min_count` times.
    """
    sg = check("sg", sg, W2V_CONSTRAINTS["sg"])
    vector_size = _check_capped("vector_size", vector_size)
    window = _check_capped("window", window)
    negative = _check_capped("negative", negative)
    epochs = _check_capped("epochs", epochs)
    min_count = check("min_count", min_count, W2V_CONSTRAINTS["min_count"])
    random_state = check("random_state", random_state, W2V_CONSTRAINTS["random_state"])
    corpus = _check_sentences(sentences)
    n_tokens = sum(len(s) for s in corpus)
    if n_tokens > MAX_TOKENS:
        raise InvalidParameterError(
            message(
                "sentences",
                f"at most {MAX_TOKENS:,} words in all",
                f"{n_tokens:,} words",
                "Use fewer texts: training runs while you wait, on a shared CPU.",
            )
        )
    if n_tokens < MIN_TOKENS:
        raise CorpusTooSmallError(
            message(
                "sentences",
                f"at least {MIN_TOKENS} words in all",
                f"{n_tokens} words",
                "Add more sentences: with fewer, each word has too few contexts to learn from.",
            )
        )
    kept = sum(1 for c in Counter(w for s in corpus for w in s).values() if c >= min_count)
    if kept < MIN_WORDS:
        raise CorpusTooSmallError(
            message(
                "sentences",
                f"at least {MIN_WORDS} different words that occur {min_count} times or more",
                f"{kept} such words",
                "Add sentences that repeat words, or lower `min_count`.",
            )
        )
    from gensim.models import Word2Vec

    started = time.perf_counter()
    model = Word2Vec(
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        max_final_vocab=MAX_WORDS,
        sg=sg,
        hs=0,
        negative=negative,
        workers=1,
        seed=random_state,
    )
    model.build_vocab(corpus)
    words = list(model.wv.index_to_key)
    initial = model.wv.vectors.copy()
    snapshots = np.empty((epochs, len(words), vector_size), dtype=np.float32)
    losses = np.empty(epochs)
    alpha, min_alpha = 0.025, 0.0001
    for e in range(epochs):
        model.train(
            corpus,
            total_examples=model.corpus_count,
            epochs=1,
            start_alpha=alpha - (alpha - min_alpha) * e / epochs,
            end_alpha=alpha - (alpha - min_alpha) * (e + 1) / epochs,
            compute_loss=True,
        )
        snapshots[e] = model.wv.vectors
        losses[e] = model.get_latest_training_loss()
    counts = np.array([model.wv.get_vecattr(w, "count") for w in words], dtype=np.int64)
    params = {
        "sg": sg,
        "vector_size": vector_size,
        "window": window,
        "negative": negative,
        "epochs": epochs,
        "min_count": min_count,
        "random_state": random_state,
    }
    return TrainingRun(words, counts, snapshots, initial, losses, params, n_tokens, time.perf_counter() - started)


@dataclass(frozen=True)
class RunComparison:
    """Two runs on the same corpus (different seeds): different coordinates, the same geometry.

    Attributes:
        words: the words both runs know.
        raw_cosine: mean cosine of a word's vector in run A with its vector in run B, as they come out
            (near 0: the coordinates are unrelated).
        aligned_cosine: the same after the best rotation of B onto A (orthogonal Procrustes).
        neighbor_overlap: mean share of each word's `k` nearest neighbours found by both runs.
    """

    words: list[str] = field(repr=False)
    raw_cosine: float
    aligned_cosine: float
    neighbor_overlap: float


def compare_runs(a: TrainingRun, b: TrainingRun, *, k: int = 5) -> RunComparison:
    """How far apart two runs are before and after rotating one onto the other, and their shared neighbours."""
    from scipy.linalg import orthogonal_procrustes

    words = [w for w in a.words if w in b._index]
    if len(words) <= k:
        raise InvalidParameterError(
            message("runs", f"more than {k} shared words", len(words), "Train both on the same corpus.")
        )
    xa = unit_rows(a.vectors[-1][a.index(words)].astype(np.float64))
    xb = unit_rows(b.vectors[-1][b.index(words)].astype(np.float64))
    rotation, _ = orthogonal_procrustes(xb, xa)
    rotated = unit_rows(xb @ rotation)
    sa, sb = xa @ xa.T, xb @ xb.T
    np.fill_diagonal(sa, -np.inf)
    np.fill_diagonal(sb, -np.inf)
    na, nb = top_k(sa, k), top_k(sb, k)
    overlap = np.mean([len(set(na[i]) & set(nb[i])) / k for i in range(len(words))])
    return RunComparison(
        words,
        float(np.mean(np.sum(xa * xb, axis=1))),
        float(np.mean(np.sum(xa * rotated, axis=1))),
        float(overlap),
    )


def training_pairs(sentence: str | Sequence[str], *, window: int = 2) -> list[tuple[str, str]]:
    """The (centre, context) pairs skip-gram learns from in one sentence.

    Every word is a centre once; its contexts are the words up to `window` places before and after
    it, nearest first within each side, left side first. (gensim draws a smaller window for each
    centre word at random, so in training the nearer pairs occur more often.)

    Args:
        sentence: a sentence (split into lower-case words, punctuation dropped) or a list of words.
        window: words on each side (1 to 10).

    Example:
        >>> training_pairs("the king wore a crown", window=1)[:3]
        [('the', 'king'), ('king', 'the'), ('king', 'wore')]
    """
    window = check("window", window, W2V_CONSTRAINTS["window"])
    words = _words(sentence) if isinstance(sentence, str) else [str(w) for w in sentence]
    if not words:
        raise EmptyInputError("The sentence has no words. Type a sentence.")
    pairs = []
    for i, centre in enumerate(words):
        for j in [i - d for d in range(1, window + 1)][::-1] + [i + d for d in range(1, window + 1)]:
            if 0 <= j < len(words):
                pairs.append((centre, words[j]))
    return pairs


def noise_distribution(counts: Mapping[str, int], *, power: float = 0.75) -> dict[str, float]:
    """The probability of drawing each word as a negative sample: ``count^power / Σ count^power``.

    The power 0.75 (word2vec's choice) draws rare words more often than their share of the corpus
    and common words ("the") less often.
    """
    power = check("power", power, Interval(0.0, 1.0))
    if not counts:
        raise EmptyInputError("There are no word counts. Train a run first.")
    weights = np.array([float(c) for c in counts.values()]) ** power
    probs = weights / weights.sum()
    return dict(zip(counts.keys(), probs.tolist(), strict=True))


def negative_samples(
    counts: Mapping[str, int],
    *,
    negative: int = 5,
    exclude: Sequence[str] = (),
    random_state: int = 0,
) -> list[str]:
    """Draw `negative` noise words from `noise_distribution`, never one of `exclude`.

    In training, each real (centre, context) pair comes with such words: the model learns to give the
    real context a high score and the noise words a low one. A word may be drawn twice.

    Args:
        counts: word → count (e.g. ``dict(zip(run.words, run.counts))``).
        negative: how many to draw (1 to 20).
        exclude: words never to draw (the pair's own context word, as gensim skips it).
        random_state: the seed.
    """
    negative = _check_capped("negative", negative)
    random_state = check("random_state", random_state, W2V_CONSTRAINTS["random_state"])
    allowed = {w: c for w, c in counts.items() if w not in set(exclude)}
    if not allowed:
        raise EmptyInputError("Every word is excluded, so there is nothing to draw. Use a larger vocabulary.")
    dist = noise_distribution(allowed)
    rng = np.random.default_rng(random_state)
    draws = rng.choice(len(dist), size=negative, p=np.array(list(dist.values())))
    keys = list(dist)
    return [keys[i] for i in draws]
