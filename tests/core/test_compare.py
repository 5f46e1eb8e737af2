import numpy as np
import pytest
from scipy.spatial import procrustes
from scipy.stats import rankdata
from sklearn.decomposition import PCA

import embedding_core as ec

WORDS = [
    "king",
    "queen",
    "prince",
    "man",
    "woman",
    "apple",
    "banana",
    "cherry",
    "car",
    "truck",
    "bicycle",
    "dog",
    "cat",
]


def _upper(m):
    return m[np.triu_indices(len(m), k=1)]


def test_a_model_against_itself_agrees_perfectly(minilm):
    v = minilm.embed(WORDS)
    c = ec.compare(v, v, k=4)
    assert c.spearman == pytest.approx(1.0)
    assert np.all(c.overlap == 1.0) and c.mean_overlap == 1.0
    assert c.disparity == pytest.approx(0.0, abs=1e-10)
    assert np.allclose(c.map_a, c.map_b, atol=1e-8)
    assert c.n_pairs == 13 * 12 // 2 and c.chance_overlap == pytest.approx(4 / 12)


def test_a_rotated_and_scaled_copy_is_the_same_model(minilm):
    v = minilm.embed(WORDS).astype(np.float64)
    q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(384, 384)))
    c = ec.compare(v, 3.0 * v @ q, k=3)
    assert c.spearman == pytest.approx(1.0)
    assert c.mean_overlap == 1.0
    assert c.disparity == pytest.approx(0.0, abs=1e-8)


def test_numbers_match_scipy_and_sklearn(minilm, glove):
    a, b = minilm.embed(WORDS), glove.embed(WORDS)
    c = ec.compare(a, b, k=3)
    sa = a @ a.T
    sb = b @ b.T
    assert np.allclose(c.similarities_a, sa, atol=1e-5) and np.allclose(c.similarities_b, sb, atol=1e-5)
    ranks = np.corrcoef(rankdata(_upper(sa)), rankdata(_upper(sb)))[0, 1]
    assert c.spearman == pytest.approx(ranks, abs=1e-6)
    pa = PCA(2).fit_transform(a.astype(np.float64))
    pb = PCA(2).fit_transform(b.astype(np.float64))
    ref_a, ref_b, disparity = procrustes(pa, pb)
    assert c.disparity == pytest.approx(disparity, abs=1e-8)
    flip = np.sign(np.sum(c.map_a * ref_a, axis=0))  # PCA axes have no fixed sign
    assert np.allclose(c.map_a * flip, ref_a, atol=1e-6) and np.allclose(c.map_b * flip, ref_b, atol=1e-6)


def test_overlap_is_the_shared_fraction_of_neighbours(minilm, glove):
    a, b = minilm.embed(WORDS), glove.embed(WORDS)
    c = ec.compare(a, b, k=3)
    for i in range(len(WORDS)):
        na = set(np.argsort(-(a @ a[i]))[1:4])  # itself first, then its 3 neighbours
        nb = set(np.argsort(-(b @ b[i]))[1:4])
        assert c.overlap[i] == pytest.approx(len(na & nb) / 3)
    assert c.mean_overlap == pytest.approx(c.overlap.mean())


def test_minilm_and_glove_agree_far_above_chance_but_not_fully(minilm, glove):
    c = ec.compare(minilm.embed(WORDS), glove.embed(WORDS), k=2)
    assert 0.3 < c.spearman < 0.99
    assert c.chance_overlap < c.mean_overlap < 1.0
    assert 0 < c.disparity < 1


def test_unrelated_random_vectors_agree_at_chance_level():
    rng = np.random.default_rng(1)
    c = ec.compare(rng.normal(size=(80, 50)), rng.normal(size=(80, 30)), k=5)
    assert abs(c.spearman) < 0.1
    assert c.mean_overlap < 3 * c.chance_overlap
    assert c.disparity > 0.8


def test_neighbor_table_puts_disagreements_first(minilm, glove):
    c = ec.compare(minilm.embed(WORDS), glove.embed(WORDS), k=2)
    table = ec.neighbor_table(WORDS, c)
    assert list(table.columns) == ["text", "overlap", "both", "only A", "only B"]
    assert sorted(table["text"]) == sorted(WORDS)
    assert table["overlap"].is_monotonic_increasing
    row = table.set_index("text").loc["banana"]
    shown = [t for col in ("both", "only A") for t in row[col].split(" · ") if t]
    assert len(shown) == 2
    with pytest.raises(ec.InvalidParameterError, match="There are 2 texts but the comparison has 13"):
        ec.neighbor_table(WORDS[:2], c)


def test_different_row_counts_are_refused():
    with pytest.raises(ec.InvalidParameterError, match="Both models must embed the same texts. Got 4 and 3"):
        ec.compare(np.eye(4), np.eye(3))


def test_fewer_than_three_texts_are_refused():
    with pytest.raises(ec.InvalidParameterError, match="at least 3 texts"):
        ec.compare(np.eye(2), np.eye(2), k=1)


@pytest.mark.parametrize("k", [0, 4, -1, 2.5, True])
def test_k_out_of_range_is_refused(k):
    with pytest.raises(ec.InvalidParameterError, match=r"`k` must be a whole number between 1 and 3"):
        ec.compare(np.eye(4), np.eye(4), k=k)


def test_all_identical_vectors_are_refused(glove):
    same = glove.embed(["King", "king", "KING"])
    with pytest.raises(ec.InvalidParameterError, match="Model B finds every pair equally similar"):
        ec.compare(np.random.default_rng(0).normal(size=(3, 5)), same, k=1)


def test_nan_vectors_are_refused():
    bad = np.eye(3)
    bad[0, 0] = np.nan
    with pytest.raises(ec.InvalidParameterError, match="`vectors_a` holds NaN"):
        ec.compare(bad, np.eye(3), k=1)
