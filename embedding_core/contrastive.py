"""How sentence models are trained: a few real steps of contrastive training on a copy of MiniLM.

Sentence models such as MiniLM are fine-tuned on pairs of texts that mean the same (a question and its
answer, a title and its description). For a batch of pairs ``(a_i, b_i)`` the loss is the cross-entropy
of ``scale · cos(a_i, b_j)`` over ``j`` with the right answer ``j = i`` (sentence-transformers'
``MultipleNegativesRankingLoss``, also called InfoNCE): it pulls each pair together and pushes every
other sentence of the batch apart. `contrastive_finetune` runs a few steps of it for real, on a copy of
the model, and reports the similarities before and after.

The shared model is never changed: the copy is trained and freed at the end. One run at a time per
process (it holds a copy of the weights and the optimiser's state, about 400 MB), on one thread
(measured: 4-6 s per step of 24 pairs on one thread of a loaded 2-core machine, 20-35 s on two).
"""

from __future__ import annotations

import copy
import gc
import threading
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._linalg import unit_rows
from ._validate import Interval, check, message
from .datasets import DATA_DIR
from .errors import EmbeddingCoreError, EmptyInputError, InvalidParameterError
from .models import Embedder, SentenceEmbedder

__all__ = [
    "CONTRASTIVE_CONSTRAINTS",
    "MAX_PAIRS",
    "ContrastivePairs",
    "ContrastiveRun",
    "TrainingBusyError",
    "contrastive_finetune",
    "contrastive_pairs",
]

#: More pairs or steps than this take more than about 20 s on a shared 2-core machine.
MAX_PAIRS = 32
CONTRASTIVE_CONSTRAINTS = {
    "steps": Interval(1, 5, integer=True),
    "learning_rate": Interval(1e-6, 1e-3, slider=(1e-5, 5e-4)),
    "scale": Interval(1.0, 100.0, slider=(5.0, 50.0)),
    "random_state": Interval(0, 2**31 - 1, integer=True, slider=(0, 100)),
}
_MAX_CHARS = 300

_LOCK = threading.Lock()


class TrainingBusyError(EmbeddingCoreError):
    """Another contrastive training run is in progress in this process."""


@dataclass(frozen=True)
class ContrastivePairs:
    """A set of training pairs from data/contrastive_pairs.toml.

    Attributes:
        name: the set's key (``"jargon"``, ``"paraphrase"``).
        title: a title for a picker.
        why: one sentence on what training does to these pairs.
        pairs: ``(a, b)`` texts that should end up close.
    """

    name: str
    title: str
    why: str
    pairs: list[tuple[str, str]]


def contrastive_pairs() -> dict[str, ContrastivePairs]:
    """The lesson's pair sets, by name, in file order."""
    with open(DATA_DIR / "contrastive_pairs.toml", "rb") as fh:
        table = tomllib.load(fh)
    return {
        name: ContrastivePairs(name, t["title"], t["why"], [(str(a), str(b)) for a, b in t["pairs"]])
        for name, t in table.items()
    }


@dataclass(frozen=True)
class ContrastiveRun:
    """Similarities of the pairs before and after a few steps of contrastive training.

    Attributes:
        anchors, positives: the two sides of the pairs, ``anchors[i]`` goes with ``positives[i]``.
        before, after: ``(n, n)`` cosines; ``before[i, j] = cos(anchor_i, positive_j)`` with the shared
            model, ``after`` with the trained copy. The diagonal holds the pairs.
        losses: ``(steps,)`` the loss at each step, before that step's update.
        seconds: the time of the training steps (copying and scoring left out).
        params: steps, learning_rate, scale, random_state.
    """

    anchors: list[str]
    positives: list[str]
    before: np.ndarray
    after: np.ndarray
    losses: np.ndarray
    seconds: float
    params: dict[str, float]

    @staticmethod
    def _split(m: np.ndarray) -> tuple[float, float]:
        off = ~np.eye(len(m), dtype=bool)
        return float(np.mean(np.diag(m))), float(np.mean(m[off]))

    @property
    def pair_similarity(self) -> tuple[float, float]:
        """Mean cosine of the pairs (the diagonal), before and after."""
        return self._split(self.before)[0], self._split(self.after)[0]

    @property
    def other_similarity(self) -> tuple[float, float]:
        """Mean cosine of a sentence with the other pairs' sentences (off the diagonal), before and after."""
        return self._split(self.before)[1], self._split(self.after)[1]


def _check_pairs(pairs: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    if isinstance(pairs, str):
        raise InvalidParameterError(message("pairs", "a list of (text, text) pairs", pairs[:30], "Pass pairs."))
    items = list(pairs)
    if len(items) < 2:
        raise EmptyInputError(
            message(
                "pairs",
                "at least 2 pairs",
                len(items),
                "Contrastive training pushes a pair away from the other pairs, so it needs two or more.",
            )
        )
    if len(items) > MAX_PAIRS:
        raise InvalidParameterError(
            message(
                "pairs",
                f"at most {MAX_PAIRS} pairs",
                len(items),
                "Use fewer pairs: training runs while you wait, on a shared CPU.",
            )
        )
    anchors, positives = [], []
    for i, pair in enumerate(items):
        if isinstance(pair, str) or len(pair) != 2 or not all(isinstance(t, str) and t.strip() for t in pair):
            raise InvalidParameterError(
                message(f"pairs[{i}]", "two non-empty texts", pair, "Write each pair as two texts.")
            )
        a, b = (t.strip()[:_MAX_CHARS] for t in pair)
        anchors.append(a)
        positives.append(b)
    if len(set(anchors)) < len(anchors):
        raise InvalidParameterError(
            message("pairs", "pairs with different first texts", "a repeated text", "Write each text once.")
        )
    return anchors, positives


def contrastive_finetune(
    model: Embedder,
    pairs: Sequence[Sequence[str]],
    *,
    steps: int = 3,
    learning_rate: float = 1e-4,
    scale: float = 20.0,
    random_state: int = 0,
) -> ContrastiveRun:
    """Fine-tune a copy of a sentence-transformers model on `pairs` for a few steps, and compare.

    Each step is one AdamW update on the whole batch with sentence-transformers'
    ``MultipleNegativesRankingLoss`` (the pairs' other sentences are the negatives). Dropout is on
    during training, as in real fine-tuning, seeded by `random_state` without touching torch's global
    random state. The copy is deleted before returning; `model` is left exactly as it was.

    Args:
        model: a `SentenceEmbedder` (MiniLM or a hub model); word models and servers cannot be trained here.
        pairs: 2 to `MAX_PAIRS` pairs of texts that should be close.
        steps: gradient steps (1 to 5).
        learning_rate: AdamW's learning rate (1e-6 to 1e-3; models are usually fine-tuned at 2e-5 to 1e-4).
        scale: the inverse temperature of the loss (higher punishes near-misses harder); 20 is the library's default.
        random_state: seeds dropout.

    Raises:
        InvalidParameterError: the model cannot be trained here, too many pairs, bad options.
        TrainingBusyError: another run is in progress in this process.
    """
    if not isinstance(model, SentenceEmbedder):
        raise InvalidParameterError(
            message(
                "model",
                "a sentence-transformers model such as 'minilm'",
                model.name,
                "Pick MiniLM: a word model has no network to fine-tune, and a server's model cannot be changed.",
            )
        )
    steps = check("steps", steps, CONTRASTIVE_CONSTRAINTS["steps"])
    learning_rate = check("learning_rate", learning_rate, CONTRASTIVE_CONSTRAINTS["learning_rate"])
    scale = check("scale", scale, CONTRASTIVE_CONSTRAINTS["scale"])
    random_state = check("random_state", random_state, CONTRASTIVE_CONSTRAINTS["random_state"])
    anchors, positives = _check_pairs(pairs)
    if not _LOCK.acquire(blocking=False):
        raise TrainingBusyError(
            "Another contrastive training run is in progress on this server (one at a time, to bound memory). "
            "Try again in a few seconds."
        )
    try:
        before = _cosines(model.embed(anchors), model.embed(positives))
        return _train(model, anchors, positives, before, steps, learning_rate, scale, random_state)
    finally:
        gc.collect()
        _LOCK.release()


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.clip(unit_rows(a.astype(np.float64)) @ unit_rows(b.astype(np.float64)).T, -1.0, 1.0)


def _train(
    model: SentenceEmbedder,
    anchors: list[str],
    positives: list[str],
    before: np.ndarray,
    steps: int,
    learning_rate: float,
    scale: float,
    random_state: int,
) -> ContrastiveRun:
    import torch
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    trainee = None
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(random_state)
            trainee = copy.deepcopy(model.model)
            trainee.train()
            loss_fn = MultipleNegativesRankingLoss(trainee, scale=scale)
            optimizer = torch.optim.AdamW(trainee.parameters(), lr=learning_rate)
            losses = []
            started = time.perf_counter()
            for _ in range(steps):
                features = [trainee.preprocess(anchors), trainee.preprocess(positives)]
                loss = loss_fn(features, None)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                losses.append(float(loss.detach()))
            seconds = time.perf_counter() - started
            del optimizer, loss_fn
            trainee.eval()
            copy_model = SentenceEmbedder(model.name, trainee)
            after = _cosines(copy_model.embed(anchors), copy_model.embed(positives))
            del copy_model
    finally:
        del trainee
        torch.set_num_threads(threads)
    params = {"steps": steps, "learning_rate": learning_rate, "scale": scale, "random_state": random_state}
    return ContrastiveRun(anchors, positives, before, after, np.array(losses), seconds, params)
