import math

import numpy as np
import pytest
from sklearn.metrics.pairwise import cosine_similarity, euclidean_distances

import embedding_core as ec
from embedding_core.figures import angle_figure, identity_figure, similarity_heatmap

RNG = np.random.default_rng(0)
A = RNG.normal(size=(7, 16))
B = RNG.normal(size=(4, 16))


def test_cosine_matches_scikit_learn():
    assert np.allclose(ec.similarity_matrix(A, B), cosine_similarity(A, B), atol=1e-5)
    assert np.allclose(ec.similarity_matrix(A), cosine_similarity(A), atol=1e-5)


def test_euclidean_matches_scikit_learn_with_zero_diagonal():
    assert np.allclose(ec.similarity_matrix(A, B, metric="euclidean"), euclidean_distances(A, B), atol=1e-5)
    own = ec.similarity_matrix(A, metric="euclidean")
    assert np.allclose(own, euclidean_distances(A), atol=1e-5)
    assert np.all(np.diagonal(own) == 0) and np.array_equal(own, own.T)


def test_dot_product_matches_numpy():
    assert np.allclose(ec.similarity_matrix(A, B, metric="dot"), A @ B.T, atol=1e-5)


def test_shape_is_n_by_m():
    assert ec.similarity_matrix(A, B).shape == (7, 4)


def test_zero_vector_has_cosine_zero_not_nan():
    x = np.array([[0.0, 0.0], [1.0, 0.0]])
    assert ec.similarity_matrix(x)[0, 1] == 0.0


def test_real_embeddings_unit_identities(minilm):
    texts = ["a cat", "a kitten", "stock prices fell", "the dog barks"]
    v = minilm.embed(texts)
    cos = ec.similarity_matrix(v)
    assert np.allclose(ec.similarity_matrix(v, metric="dot"), cos, atol=1e-5)
    assert np.allclose(ec.similarity_matrix(v, metric="euclidean") ** 2, 2 - 2 * cos, atol=1e-5)
    table = ec.unit_identity_table(texts, v)
    assert len(table) == 6
    assert np.allclose(table["dot"], table["cosine"], atol=1e-5)
    assert np.allclose(table["distance²"], table["2 − 2·cos"], atol=1e-5)
    assert np.allclose(table[["|a|", "|b|"]], 1.0, atol=1e-5)
    assert cos[0, 1] > cos[0, 2]  # kitten is closer to cat than stock prices are


def test_extreme_pairs_for_similarity_and_distance():
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0]])
    most, least = ec.extreme_pairs(ec.similarity_matrix(x), k=1)
    assert (most[0].i, most[0].j) == (0, 1) and (least[0].i, least[0].j) == (0, 3)
    most_d, least_d = ec.extreme_pairs(ec.similarity_matrix(x, metric="euclidean"), metric="euclidean", k=2)
    assert (most_d[0].i, most_d[0].j) == (0, 1) and least_d[0].score == pytest.approx(2.0)
    assert len(ec.extreme_pairs(ec.similarity_matrix(x[:2]), k=5)[0]) == 1


def test_compare_two_known_values():
    r = ec.compare_two([1, 0], [0, 2])
    assert r.angle_degrees == pytest.approx(90) and r.cosine == pytest.approx(0, abs=1e-12)
    assert r.dot == 0 and r.euclidean == pytest.approx(math.sqrt(5))
    same = ec.compare_two(ec.polar(30, 1), ec.polar(30, 2))
    assert same.cosine == pytest.approx(1) and same.dot == pytest.approx(2)
    assert math.isnan(ec.compare_two([0, 0], [1, 0]).cosine)


def test_polar():
    assert np.allclose(ec.polar(90, 2), [0, 2])
    assert np.allclose(ec.polar(180), [-1, 0])


def test_unknown_metric():
    with pytest.raises(ec.InvalidParameterError, match="`metric` must be one of 'cosine', 'dot', 'euclidean'"):
        ec.similarity_matrix(A, metric="manhattan")  # type: ignore[arg-type]


def test_mismatched_widths():
    with pytest.raises(ec.InvalidParameterError, match="same number of dimensions. Got 16 and 3"):
        ec.similarity_matrix(A, np.ones((2, 3)))


def test_empty_and_non_finite_input():
    with pytest.raises(ec.InvalidParameterError, match="is empty"):
        ec.similarity_matrix(np.zeros((0, 3)))
    with pytest.raises(ec.InvalidParameterError, match="NaN or infinite"):
        ec.similarity_matrix(np.array([[np.nan, 1.0]]))


def test_extreme_pairs_needs_two_texts():
    with pytest.raises(ec.InvalidParameterError, match="at least 2 texts"):
        ec.extreme_pairs(np.ones((1, 1)))


def test_extreme_pairs_k_at_least_one():
    with pytest.raises(ec.InvalidParameterError, match="`k` must be at least 1"):
        ec.extreme_pairs(np.eye(3), k=0)


def test_compare_two_needs_same_length():
    with pytest.raises(ec.InvalidParameterError, match="same, non-zero length"):
        ec.compare_two([1, 2], [1, 2, 3])


def test_identity_table_needs_two_texts():
    with pytest.raises(ec.InvalidParameterError, match="at least 2 texts"):
        ec.unit_identity_table(["one"], np.ones((1, 3)))


def test_figures_write_values_and_escape_text():
    texts = ["<script>alert(1)</script>", "b", "b "]
    fig = similarity_heatmap(texts, ec.similarity_matrix(A[:3]))
    heat = fig.data[0]
    assert heat.texttemplate == "%{z:.2f}" and heat.zmin == -1 and heat.zmax == 1
    assert "<script>" not in str(heat.x) and len(set(heat.x)) == 3
    assert len(angle_figure([1, 0], [0, 1]).layout.annotations) == 2
    assert len(identity_figure(np.array([0.5]), np.array([1.0])).data) == 2
