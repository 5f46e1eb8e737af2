"""What the big map draws on its points: cluster labels, a placed query, the rows above a cosine."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics.pairwise import cosine_similarity

import embedding_core as ec

TOPICS = {
    "fruit": ["apples and pears", "ripe bananas", "fresh oranges", "sweet grapes", "juicy apples"],
    "boats": ["sailing boats", "a fishing boat", "the harbour ferry", "boats at the harbour", "a sailing yacht"],
    "music": ["piano music", "a jazz concert", "violin music", "the orchestra plays", "piano lessons"],
}


@pytest.fixture(scope="module")
def wordllama() -> ec.Embedder:
    return ec.load_model("wordllama")


def _blobs(per: int = 200) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Three far-apart blobs of 2D points, each with texts of one topic."""
    rng = np.random.default_rng(0)
    centres = np.array([[-10.0, 0.0], [10.0, 0.0], [0.0, 12.0]])
    xy, texts, truth = [], [], []
    for c, (_, phrases) in enumerate(TOPICS.items()):
        xy.append(centres[c] + rng.normal(0, 1, (per, 2)))
        texts += [phrases[i % len(phrases)] for i in range(per)]
        truth += [c] * per
    return np.vstack(xy), texts, np.array(truth)


def test_each_blob_gets_one_label_on_it_with_its_own_keywords():
    xy, texts, truth = _blobs()
    found = ec.map_labels(xy, texts, n_clusters=3, top_n=2)
    assert found.method == "kmeans" and len(found.labels) == 3 and found.n_texts == len(texts)
    assert sorted(label.size for label in found.labels) == [200, 200, 200]
    for label in found.labels:
        members = found.assignments == label.cluster
        (blob,) = set(truth[members].tolist())  # one cluster = one blob
        assert np.linalg.norm(np.array([label.x, label.y]) - xy[truth == blob].mean(axis=0)) < 1.0
        expected = ec.cluster_keywords(texts, found.assignments, top_n=2)[label.cluster]
        assert label.text == " · ".join(expected)
    by_blob = {int(truth[found.assignments == lab.cluster][0]): lab.text for lab in found.labels}
    assert "apples" in by_blob[0] and "boats" in by_blob[1] and "music" in by_blob[2]


def test_labels_follow_given_groups_and_sit_on_a_member_point():
    xy, texts, truth = _blobs(50)
    ring = np.column_stack([np.cos(np.linspace(0, 3, 150)), np.sin(np.linspace(0, 3, 150))]) * 5
    found = ec.map_labels(ring, texts, groups=truth * 7)  # any group ids
    assert found.method == "given" and len(found.labels) == 3
    for label in found.labels:
        assert any(np.allclose([label.x, label.y], p) for p in ring)  # on the arc, not inside it


def test_keywords_are_read_from_a_stated_sample_of_a_big_map():
    xy, texts, _ = _blobs()
    found = ec.map_labels(xy, texts, n_clusters=3, max_texts=90)
    assert found.n_texts == 90 and len(found.assignments) == len(texts)


def test_label_arguments_are_checked():
    xy, texts, _ = _blobs(10)
    with pytest.raises(ec.InvalidParameterError, match="`coords` must have 2 columns"):
        ec.map_labels(np.zeros((30, 3)), texts)
    with pytest.raises(ec.InvalidParameterError, match="`texts` must hold one text per point"):
        ec.map_labels(xy, texts[:-1])
    with pytest.raises(ec.InvalidParameterError, match="`n_clusters` must be"):
        ec.map_labels(xy, texts, n_clusters=1)
    with pytest.raises(ec.InvalidParameterError, match="`groups` must hold one cluster per point"):
        ec.map_labels(xy, texts, groups=[0, 1])


def _texts() -> list[str]:
    return [p for phrases in TOPICS.values() for p in phrases] * 4


def test_a_query_on_a_pca_map_is_placed_by_the_fitted_transform(wordllama):
    texts = _texts()
    x = wordllama.embed(texts)
    proj = ec.project(x, "pca")
    q = wordllama.embed(["a boat on the sea"])
    placed = ec.place_query(proj, x, q)
    assert placed.how == "transform" and len(placed.neighbours) == 0
    assert np.allclose(placed.xy, proj.transform(q)[0])
    assert np.allclose(placed.cosines, cosine_similarity(q, x)[0], atol=1e-5)


def test_a_query_on_a_tsne_map_sits_at_the_mean_of_its_nearest_neighbours(wordllama):
    texts = _texts()
    x = wordllama.embed(texts)
    proj = ec.project(x, "tsne", perplexity=5)
    q = wordllama.embed(["a boat on the sea"])
    placed = ec.place_query(proj, ec.SemanticIndex(x), q, k=5)
    cos = cosine_similarity(q, x)[0]
    top = np.argsort(-cos, kind="stable")[:5]
    assert placed.how == "neighbours" and sorted(placed.neighbours.tolist()) == sorted(top.tolist())
    assert np.allclose(placed.xy, proj.coords[top].mean(axis=0))
    assert "cannot place new points" in placed.note and "5 nearest neighbours" in placed.note
    assert {texts[i] for i in top} <= set(TOPICS["boats"])


def test_rows_above_a_threshold_are_every_row_with_that_cosine_best_first(wordllama):
    texts = _texts()
    x = wordllama.embed(texts)
    placed = ec.place_query(ec.project(x, "pca"), x, wordllama.embed(["piano"]))
    cos = cosine_similarity(wordllama.embed(["piano"]), x)[0]
    rows = ec.rows_above(placed.cosines, 0.3)
    chosen = set(rows.tolist())
    assert set(np.flatnonzero(cos >= 0.3 + 1e-5).tolist()) <= chosen  # scikit-learn's cosines, off the boundary
    assert not chosen & set(np.flatnonzero(cos < 0.3 - 1e-5).tolist())
    assert 0 < len(rows) < len(texts) and (np.diff(placed.cosines[rows]) <= 0).all()
    assert len(ec.rows_above(placed.cosines, -1.0)) == len(texts)
    with pytest.raises(ec.InvalidParameterError, match="`threshold` must be"):
        ec.rows_above(placed.cosines, 1.5)


def test_a_query_needs_the_maps_own_vectors_and_width(wordllama):
    x = wordllama.embed(_texts())
    proj = ec.project(x, "pca")
    with pytest.raises(ec.InvalidParameterError, match="one row per point of a 2D map"):
        ec.place_query(proj, x[:-1], x[0])
    with pytest.raises(ec.InvalidParameterError, match="same model"):
        ec.place_query(proj, x, np.ones(7))
