"""The shared linear algebra, checked against numpy, scipy and scikit-learn."""

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.metrics.pairwise import cosine_similarity

from embedding_core._linalg import cosine_matrix, one_thread, pca, top_k, unit_rows


def test_unit_rows_scales_to_length_one_and_keeps_zero_rows():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [-1.0, 0.0]], dtype=np.float32)
    out = unit_rows(x)
    assert out.dtype == np.float32
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0], [-1.0, 0.0]])
    assert np.allclose(np.linalg.norm(out[[0, 2]], axis=1), 1.0)


def test_cosine_matrix_matches_sklearn():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(7, 5)), rng.normal(size=(4, 5))
    assert np.allclose(cosine_matrix(a, b), cosine_similarity(a, b))
    assert np.allclose(cosine_matrix(a), cosine_similarity(a))
    assert cosine_matrix(a).dtype == np.float64
    assert cosine_matrix(a.astype(np.float32)).dtype == np.float32
    assert np.all(np.abs(cosine_matrix(np.vstack([a, a * 3]))) <= 1.0)


@pytest.mark.parametrize("n", [5, 200, 3000])
@pytest.mark.parametrize("k", [1, 3, 10])
def test_top_k_equals_stable_argsort_with_many_ties(n, k):
    rng = np.random.default_rng(n + k)
    scores = rng.integers(0, 6, size=(3, n)).astype(np.float32)  # many equal scores
    expected = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    assert np.array_equal(top_k(scores, k), expected)
    for row, want in zip(scores, expected, strict=True):
        assert np.array_equal(top_k(row, k), want)


def test_top_k_wide_rows_use_the_block_bound_and_stay_exact():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=(4, 50_000)).round(2)  # ties at two decimals
    scores[0, 10] = -np.inf
    for k in (1, 5, 20):
        assert np.array_equal(top_k(scores, k), np.argsort(-scores, axis=1, kind="stable")[:, :k])
        assert np.array_equal(top_k(scores[1], k), np.argsort(-scores[1], kind="stable")[:k])


def test_top_k_more_than_n_keeps_all_and_nan_ranks_last():
    assert np.array_equal(top_k(np.array([0.2, np.nan, 0.5]), 9), [2, 0, 1])
    assert top_k(np.zeros((2, 3)), 0).shape == (2, 0)


def test_pca_matches_sklearn_up_to_sign():
    rng = np.random.default_rng(2)
    for shape in [(30, 8), (6, 40)]:
        x = rng.normal(size=shape)
        fit = pca(x, 2)
        ref = PCA(n_components=2).fit(x)
        coords = ref.transform(x)
        signs = np.sign((fit.coords * coords).sum(axis=0))
        assert np.allclose(fit.coords, coords * signs, atol=1e-8)
        assert np.allclose(fit.explained_variance_ratio, ref.explained_variance_ratio_)
        assert np.allclose(fit.transform(x[:3]), fit.coords[:3])
        lead = fit.components[np.arange(2), np.abs(fit.components).argmax(axis=1)]
        assert np.all(lead > 0)


def test_pca_of_rank_one_data_pads_with_a_zero_axis():
    x = np.outer(np.arange(4.0), [1.0, 2.0, 2.0])
    fit = pca(x, 2)
    assert np.allclose(fit.coords[:, 1], 0.0)
    assert np.allclose(fit.explained_variance_ratio, [1.0, 0.0])


def test_one_thread_limits_blas_inside_and_restores_after():
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads():
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() and all(n == 2 for n in blas_threads())
        with one_thread():
            assert all(n == 1 for n in blas_threads())
        assert all(n == 2 for n in blas_threads())
