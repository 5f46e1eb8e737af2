"""What counts as similar: k-occurrence against scikit-learn, random-pair cosines, raw-vector rankings."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

import embedding_core as ec


def _sklearn_k_occurrence(x: np.ndarray, k: int) -> np.ndarray:
    idx = NearestNeighbors(n_neighbors=k + 1, metric="cosine").fit(x).kneighbors(x, return_distance=False)
    rows = [[j for j in row if j != i][:k] for i, row in enumerate(idx)]
    return np.bincount(np.ravel(rows), minlength=len(x))


@pytest.mark.parametrize("k", [1, 5, 10])
def test_k_occurrence_matches_sklearn(k):
    x = np.random.default_rng(k).normal(size=(400, 16))
    got = ec.k_occurrence(x, k=k)
    assert got.dtype.kind == "i" and got.sum() == 400 * k
    assert np.array_equal(got, _sklearn_k_occurrence(x, k))


def test_k_occurrence_on_real_vectors_matches_sklearn(minilm):
    data = ec.load_dataset("sentence_sets")
    x = ec.dataset_vectors(data, minilm)
    assert np.array_equal(ec.k_occurrence(x, k=10), _sklearn_k_occurrence(x.astype(np.float64), 10))


def test_k_occurrence_spans_chunks():
    x = np.random.default_rng(0).normal(size=(1500, 8))
    assert np.array_equal(ec.k_occurrence(x, k=3), _sklearn_k_occurrence(x, 3))


def test_hubness_summary():
    x = np.random.default_rng(2).normal(size=(300, 50))
    h = ec.hubness(x, k=10)
    counts = ec.k_occurrence(x, k=10)
    assert np.array_equal(h.counts, counts)
    c = counts - counts.mean()
    assert h.skewness == pytest.approx((c**3).mean() / (c**2).mean() ** 1.5)
    assert list(counts[h.order]) == sorted(counts, reverse=True)
    assert h.never == int((counts == 0).sum())
    assert h.share_top == pytest.approx(np.sort(counts)[::-1][:15].sum() / counts.sum())


def test_random_pair_cosines_by_numpy_and_seeded():
    x = np.random.default_rng(3).normal(size=(50, 6))
    got = ec.random_pair_cosines(x, n_pairs=2000, random_state=7)
    assert got.shape == (2000,)
    assert np.array_equal(got, ec.random_pair_cosines(x, n_pairs=2000, random_state=7))
    assert not np.array_equal(got, ec.random_pair_cosines(x, n_pairs=2000, random_state=8))
    rng = np.random.default_rng(7)
    i = rng.integers(0, 50, size=2000)
    j = rng.integers(0, 49, size=2000)
    j = j + (j >= i)
    assert (i != j).all()
    u = x / np.linalg.norm(x, axis=1, keepdims=True)
    assert np.allclose(got, (u[i] * u[j]).sum(axis=1))


def test_random_pairs_never_pair_a_row_with_itself():
    x = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert np.allclose(ec.random_pair_cosines(x, n_pairs=100), 0.0)  # only pair (0, 1): cosine 0


def test_reference_cosines_differ_by_model(glove, minilm):
    words = ec.reference_vectors(glove)
    sentences = ec.reference_vectors(minilm)
    assert len(words.texts) == 5000 and all(w.isalpha() for w in words.texts)
    assert len(sentences.texts) == len(ec.load_dataset("sentence_sets"))
    g = np.median(ec.random_pair_cosines(words.vectors))
    m = np.median(ec.random_pair_cosines(sentences.vectors))
    assert g > m + 0.1  # unrelated GloVe words sit further above 0 than unrelated MiniLM sentences


def test_cosine_percentile():
    ref = np.array([0.1, 0.2, 0.3, 0.4])
    assert ec.cosine_percentile(ref, 0.25) == 50.0
    assert ec.cosine_percentile(ref, 0.3) == 62.5
    assert ec.cosine_percentile(ref, 1.0) == 100.0
    with pytest.raises(ec.EmptyInputError, match="reference"):
        ec.cosine_percentile(np.array([]), 0.5)


def test_raw_rankings_by_numpy(glove):
    got = ec.raw_rankings(glove, "king", topn=10, vocab_size=20_000)
    raw = np.asarray(glove.raw[:20_000], dtype=np.float64)
    q = raw[glove.index["king"]]
    dots = raw @ q
    cos = dots / np.linalg.norm(raw, axis=1) / np.linalg.norm(q)
    dist = np.linalg.norm(raw - q, axis=1)
    for name, order in (("cosine", np.argsort(-cos)), ("dot", np.argsort(-dots)), ("euclidean", np.argsort(dist))):
        expected = [glove.vocab[i] for i in order if glove.vocab[i] != "king"][:10]
        assert [n.text for n in got.by_metric[name]] == expected, name
    assert np.allclose([n.score for n in got.by_metric["euclidean"]], np.sort(dist)[1:11], atol=1e-4)
    assert got.norms["king"] == pytest.approx(np.linalg.norm(q), rel=1e-5)
    assert got.only_in("dot") == [
        n.text for n in got.by_metric["dot"] if n.text not in {m.text for m in got.by_metric["cosine"]}
    ]


def test_bad_inputs(glove, minilm):
    with pytest.raises(ec.InvalidParameterError, match="`k` must be"):
        ec.k_occurrence(np.eye(5), k=0)
    with pytest.raises(ec.EmptyInputError, match="more than k"):
        ec.k_occurrence(np.eye(5), k=5)
    with pytest.raises(ec.InvalidParameterError, match="2D"):
        ec.k_occurrence(np.ones(5), k=1)
    with pytest.raises(ec.InvalidParameterError, match="finite"):
        ec.random_pair_cosines(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ec.EmptyInputError, match="at least 2 rows"):
        ec.random_pair_cosines(np.ones((1, 3)))
    with pytest.raises(ec.InvalidParameterError, match="n_pairs"):
        ec.random_pair_cosines(np.eye(3), n_pairs=0)
    with pytest.raises(ec.InvalidParameterError, match="word model"):
        ec.raw_rankings(minilm, "king")
    with pytest.raises(ec.UnknownWordError):
        ec.raw_rankings(glove, "qqzzxxw")
    with pytest.raises(ec.EmptyInputError):
        ec.raw_rankings(glove, " ")
    with pytest.raises(ec.InvalidParameterError, match="one word"):
        ec.raw_rankings(glove, "new york")
