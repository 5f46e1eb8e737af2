"""Contrastive training on a copy of the real MiniLM: pairs pulled together, the shared model untouched."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import embedding_core as ec
from embedding_core import contrastive


def _fingerprint(model: ec.SentenceEmbedder) -> list[float]:
    return [float(p.detach().double().sum()) for p in model.model.parameters()]


@pytest.mark.slow
def test_training_pulls_pairs_together_and_leaves_the_shared_model_alone(minilm):
    pairs = ec.contrastive_pairs()["jargon"].pairs[:6]
    before_weights = _fingerprint(minilm)
    before_vectors = minilm.embed(["DP-203", "a registered nurse"])
    threads = torch.get_num_threads()
    run = ec.contrastive_finetune(minilm, pairs, steps=3, learning_rate=1e-4, random_state=0)
    assert run.before.shape == run.after.shape == (6, 6)
    assert run.losses.shape == (3,) and run.losses[-1] < run.losses[0]
    pair_before, pair_after = run.pair_similarity
    other_before, other_after = run.other_similarity
    assert pair_after > pair_before + 0.1  # measured 0.27 -> 0.49 on all 12 pairs
    assert other_after < other_before
    # "before" is the shared model's own cosine of each pair
    a, b = minilm.embed([p[0] for p in pairs]), minilm.embed([p[1] for p in pairs])
    np.testing.assert_allclose(run.before, a @ b.T, atol=1e-5)
    # the shared model is exactly as it was, in eval mode, and torch's thread count is restored
    assert _fingerprint(minilm) == before_weights
    assert not minilm.model.training
    np.testing.assert_array_equal(minilm.embed(["DP-203", "a registered nurse"]), before_vectors)
    assert torch.get_num_threads() == threads


def test_pair_sets_load():
    sets = ec.contrastive_pairs()
    assert list(sets) == ["jargon", "paraphrase"]
    assert all(2 <= len(s.pairs) <= ec.MAX_CONTRASTIVE_PAIRS and s.why for s in sets.values())


def test_one_run_at_a_time(minilm):
    assert contrastive._LOCK.acquire(blocking=False)
    try:
        with pytest.raises(ec.TrainingBusyError, match="one at a time"):
            ec.contrastive_finetune(minilm, [("a", "b"), ("c", "d")], steps=1)
    finally:
        contrastive._LOCK.release()


def test_bad_input(minilm, glove):
    with pytest.raises(ec.InvalidParameterError, match="sentence-transformers model"):
        ec.contrastive_finetune(glove, [("a", "b"), ("c", "d")])
    with pytest.raises(ec.EmptyInputError, match="at least 2 pairs"):
        ec.contrastive_finetune(minilm, [("a", "b")])
    with pytest.raises(ec.InvalidParameterError, match="at most 32 pairs"):
        ec.contrastive_finetune(minilm, [(f"a{i}", "b") for i in range(33)])
    with pytest.raises(ec.InvalidParameterError, match=r"pairs\[1\]"):
        ec.contrastive_finetune(minilm, [("a", "b"), ("c", " ")])
    with pytest.raises(ec.InvalidParameterError, match="`steps`"):
        ec.contrastive_finetune(minilm, [("a", "b"), ("c", "d")], steps=6)
