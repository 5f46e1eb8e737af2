"""Maps of many rows: fitted on a sample, the rest placed (`max_fit`), and measures bounded by a sample."""

import numpy as np
import pytest
from sklearn.manifold import trustworthiness as sk_trust

import embedding_core as ec


def _clusters(n: int, dim: int = 16, k: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, n)
    centres = rng.normal(0, 4, (k, dim))
    return (centres[labels] + rng.normal(0, 1, (n, dim))).astype(np.float32), labels


def test_every_row_is_placed_and_n_fitted_says_how_many_shaped_the_map():
    x, _ = _clusters(2_000)
    p = ec.project(x, "pca", max_fit=300)
    assert p.coords.shape == (2_000, 2) and len(p.indices) == p.n_input == 2_000
    assert (p.n_fitted, p.n_placed) == (300, 1_700)
    # PCA is linear: a row placed with transform sits where the fitted map puts it.
    assert np.allclose(p.coords, p.estimator.transform(x), atol=1e-4)


def test_without_max_fit_every_row_is_fitted():
    x, _ = _clusters(200)
    p = ec.project(x, "pca")
    assert (p.n_fitted, p.n_placed) == (200, 0)
    assert ec.project(x, "pca", max_fit=500).n_fitted == 200  # fewer rows than max_fit


def test_the_sample_is_drawn_with_the_seed():
    x, _ = _clusters(1_000)
    a = ec.project(x, "pca", max_fit=100, random_state=1)
    b = ec.project(x, "pca", max_fit=100, random_state=1)
    c = ec.project(x, "pca", max_fit=100, random_state=2)
    assert np.array_equal(a.coords, b.coords)
    assert not np.allclose(np.abs(a.coords), np.abs(c.coords))


@pytest.mark.slow
def test_umap_fitted_on_a_sample_keeps_the_clusters_for_the_placed_rows():
    x, labels = _clusters(3_000)
    p = ec.project(x, "umap", max_fit=600)
    assert (p.n_fitted, p.n_placed) == (600, 2_400) and p.coords.shape == (3_000, 2)
    assert ec.trustworthiness(x, p.coords, k=10) > 0.9
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    found = KMeans(6, n_init=4, random_state=0).fit_predict(p.coords)
    assert adjusted_rand_score(labels, found) > 0.9


def test_tsne_cannot_place_so_it_shows_the_fitted_rows_and_says_so():
    x, _ = _clusters(400)
    p = ec.project(x, "tsne", max_fit=150, max_iter=250)
    assert p.coords.shape == (150, 2) and len(p.indices) == 150 and p.n_input == 400
    assert p.n_fitted == 150 and p.n_placed == 0
    assert any("t-SNE cannot place new points" in note and "150 of 400" in note for note in p.adjustments)


@pytest.mark.parametrize("bad", [0, 2, 2.5, "ten"])
def test_max_fit_must_be_a_whole_number_of_at_least_3(bad):
    x, _ = _clusters(50)
    with pytest.raises(ec.InvalidParameterError, match="`max_fit` must be"):
        ec.project(x, "pca", max_fit=bad)


def test_trustworthiness_of_a_small_map_is_scikit_learns():
    x, _ = _clusters(300)
    coords = ec.project(x, "pca").coords
    assert np.isclose(ec.trustworthiness(x, coords, k=5), sk_trust(x, coords, n_neighbors=5, metric="cosine"))


def test_trustworthiness_of_a_big_map_is_scikit_learns_on_the_stated_sample():
    x, _ = _clusters(20_000)  # whole: three 20,000 x 20,000 arrays, about 10 GB
    coords = ec.project(x, "pca").coords
    rows = np.random.default_rng(0).choice(20_000, 1_000, replace=False)
    expected = sk_trust(x[rows], coords[rows], n_neighbors=5, metric="cosine")
    assert np.isclose(ec.trustworthiness(x, coords, sample=1_000, random_state=0), expected)
    assert 0.5 < ec.trustworthiness(x, coords) <= 1.0  # the default sample, ec.TRUST_SAMPLE rows


@pytest.mark.parametrize("bad", [2, 0, 1.5])
def test_trustworthiness_sample_must_be_a_whole_number_of_at_least_3(bad):
    x, _ = _clusters(50)
    with pytest.raises(ec.InvalidParameterError, match="`sample` must be"):
        ec.trustworthiness(x, x[:, :2], sample=bad)
