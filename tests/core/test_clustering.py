import numpy as np
import pytest
from sklearn.cluster import HDBSCAN, AgglomerativeClustering, KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

import embedding_core as ec
from embedding_core.figures import (
    agreement_figure,
    cluster_colour,
    cluster_map_figure,
    sizes_figure,
    sweep_figure,
)
from embedding_core.figures.clusters import NOISE_COLOUR
from embedding_core.figures.style import PALETTE


def blobs(k: int = 4, per: int = 25, dim: int = 8, spread: float = 0.3, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = np.eye(k, dim) * 6  # orthogonal, so every pair of blobs is equally far apart
    x = np.concatenate([c + rng.normal(scale=spread, size=(per, dim)) for c in centres])
    return x.astype(np.float32), np.repeat(np.arange(k), per)


def labelled(name, model):
    data = ec.load_dataset(name)
    return ec.dataset_vectors(data, model), data.labels


# Quality floors, set a little below the ARI measured with random_state=0 (see the README's
# "what to expect"): word_sets MiniLM 0.765, word_sets GloVe 0.803, job_listings MiniLM 0.477.
@pytest.mark.parametrize(
    ("dataset", "model_name", "floor"),
    [("word_sets", "minilm", 0.70), ("word_sets", "glove", 0.75), ("job_listings", "minilm", 0.42)],
)
def test_kmeans_at_the_true_number_of_categories_reaches_the_measured_ari(dataset, model_name, floor, request):
    x, labels = labelled(dataset, request.getfixturevalue(model_name))
    result = ec.cluster(x, method="kmeans", n_clusters=len(set(labels)))
    assert ec.cluster_agreement(labels, result.labels).ari > floor


def test_agglomerative_ward_on_word_sets(minilm):
    x, labels = labelled("word_sets", minilm)
    result = ec.cluster(x, method="agglomerative", n_clusters=len(set(labels)))
    assert ec.cluster_agreement(labels, result.labels).ari > 0.70  # measured 0.770


def test_hdbscan_clusters_on_word_sets_are_pure(glove):
    x, labels = labelled("word_sets", glove)
    result = ec.cluster(x, method="hdbscan", min_cluster_size=3)
    kept = result.labels >= 0
    assert result.n_clusters >= 10 and result.n_noise < len(x) / 2  # measured 17 clusters, 113 noise
    assert adjusted_rand_score(np.array(labels)[kept], result.labels[kept]) > 0.85  # measured 0.933


@pytest.mark.parametrize(
    ("method", "params", "reference"),
    [
        ("kmeans", {}, lambda: KMeans(4, n_init=10, random_state=0)),
        ("agglomerative", {"linkage": "average"}, lambda: AgglomerativeClustering(4, linkage="average")),
        ("hdbscan", {}, lambda: HDBSCAN(min_cluster_size=5, copy=True)),
    ],
)
def test_each_method_matches_scikit_learn_and_finds_the_blobs(method, params, reference):
    x, truth = blobs()
    result = ec.cluster(x, method=method, n_clusters=None if method == "hdbscan" else 4, **params)
    assert np.array_equal(result.labels, reference().fit_predict(x))
    assert adjusted_rand_score(truth, result.labels) == 1.0
    assert result.n_clusters == 4
    assert np.isclose(result.silhouette, silhouette_score(x, result.labels))


def test_hdbscan_brute_search_gives_the_tree_search_labels(minilm):
    x, _ = labelled("job_listings", minilm)
    ours = ec.cluster(x, method="hdbscan", min_cluster_size=3)
    assert ours.params["algorithm"] == "brute"
    assert np.array_equal(ours.labels, HDBSCAN(min_cluster_size=3, copy=True).fit_predict(x))


def test_same_seed_same_clusters_and_k_chosen_by_silhouette():
    x, truth = blobs(k=5, spread=0.6)
    first, again = ec.cluster(x, random_state=3), ec.cluster(x, random_state=3)
    assert np.array_equal(first.labels, again.labels)
    assert first.n_clusters == 5 and first.sweep is not None and first.sweep.best_k == 5
    assert "highest silhouette" in first.notes[0]
    assert adjusted_rand_score(truth, first.labels) > 0.95


def test_sweep_matches_scikit_learn_inertia_and_silhouette():
    x, _ = blobs(k=3, per=20)
    sweep = ec.silhouette_sweep(x, k_range=range(2, 7))
    assert sweep.k.tolist() == [2, 3, 4, 5, 6] and sweep.best_k == 3 and not sweep.sampled
    for k, sil, inertia in zip(sweep.k, sweep.silhouette, sweep.inertia, strict=True):
        model = KMeans(int(k), n_init=1, random_state=0).fit(x)
        assert np.isclose(inertia, model.inertia_, rtol=1e-4)
        assert np.isclose(sil, silhouette_score(x, model.labels_), atol=1e-5)


def test_agglomerative_sweep_cuts_the_same_tree_as_fitting_each_k(glove):
    x, _ = labelled("word_sets", glove)
    sweep = ec.silhouette_sweep(x, method="agglomerative", k_range=[3, 8, 14], linkage="complete")
    assert sweep.inertia is None
    for k, sil in zip(sweep.k, sweep.silhouette, strict=True):
        labels = AgglomerativeClustering(int(k), linkage="complete").fit_predict(x)
        assert np.isclose(sil, silhouette_score(x, labels), atol=1e-5)


def test_sweep_samples_the_silhouette_on_large_sets_and_says_so():
    x, _ = blobs(k=4, per=100)
    sweep = ec.silhouette_sweep(x, k_range=range(2, 6), sample_size=150)
    assert sweep.sampled and sweep.sample_size == 150 and sweep.best_k == 4
    assert "random sample of 150 of the 400 points" in sweep.notes()[0]
    result = ec.cluster(x, n_clusters=4, sample_size=150)
    assert any("sample of 150 of the 400" in n for n in result.notes)
    assert np.isclose(result.silhouette, silhouette_score(x, result.labels), atol=0.05)


def test_sweep_skips_k_that_cannot_be_scored():
    x, _ = blobs(k=2, per=3)
    assert ec.silhouette_sweep(x).k.tolist() == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("x", "kwargs", "error", "match"),
    [
        (np.ones((1, 3)), {}, ec.InvalidParameterError, "needs at least 2 points. Got 1"),
        (np.ones((6, 3)), {}, ec.InvalidParameterError, "All 6 points are identical"),
        (np.eye(3), {"n_clusters": 5}, ec.InvalidParameterError, r"at most the number of points \(3\). Got 5"),
        (np.eye(3), {"n_clusters": 1}, ec.InvalidParameterError, "at least 2. Got 1"),
        (np.eye(3), {"n_clusters": True}, ec.InvalidParameterError, "at least 2. Got True"),
        (np.eye(3), {"method": "dbscan"}, ec.InvalidParameterError, "`method` must be one of 'kmeans'"),
        (np.eye(3), {"linkage": "ward"}, ec.InvalidParameterError, "kmeans does not take 'linkage'"),
        (np.eye(3), {"method": "agglomerative", "linkage": "single"}, ec.InvalidParameterError, "`linkage` must"),
        (
            np.eye(3),
            {"method": "agglomerative", "metric": "cosine"},
            ec.InvalidParameterError,
            "Ward linkage works with Euclidean distances only",
        ),
        (np.eye(3), {"n_init": 0}, ec.InvalidParameterError, "`n_init` must be a whole number of at least 1"),
        (np.eye(3), {"method": "hdbscan", "min_cluster_size": 1}, ec.InvalidParameterError, "`min_cluster_size`"),
        (
            np.eye(3),
            {"method": "hdbscan", "cluster_selection_epsilon": -1},
            ec.InvalidParameterError,
            "`cluster_selection_epsilon` must be a number of at least 0",
        ),
        (np.eye(3), {"sample_size": 1}, ec.InvalidParameterError, "`sample_size` must be at least 2"),
        (np.array([[np.nan, 1.0], [0.0, 1.0]]), {}, ec.InvalidParameterError, "NaN"),
        (np.ones(4), {}, ec.InvalidParameterError, "must be a 2D array"),
        (
            np.random.default_rng(0).uniform(size=(8_001, 2)),
            {"method": "agglomerative", "n_clusters": 3},
            ec.InvalidParameterError,
            "takes at most 8,000 points here. Got 8,001. Use k-means or HDBSCAN",
        ),
    ],
)
def test_cluster_rejects(x, kwargs, error, match):
    with pytest.raises(error, match=match):
        ec.cluster(x, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "hdbscan"}, "`method` must be one of 'kmeans', 'agglomerative'"),
        ({"k_range": [1, 2]}, "Every k in `k_range` must be at least 2"),
        ({"k_range": []}, "Every k in `k_range` must be at least 2"),
        ({"k_range": [7, 8]}, "No k in 7…8 can be scored on 4 points"),
    ],
)
def test_sweep_rejects(kwargs, match):
    with pytest.raises(ec.InvalidParameterError, match=match):
        ec.silhouette_sweep(np.eye(4), **kwargs)


def test_adjusted_parameters_are_reported():
    x = np.array([[0.0, 0], [0, 0], [0, 0], [5, 5], [5, 5]])
    lowered = ec.cluster(x, n_clusters=4)
    assert lowered.params["n_clusters"] == 2 and lowered.n_clusters == 2
    assert "lowered from 4 to 2: only 2 of the 5 points are different" in lowered.notes[0]
    two = ec.cluster(np.eye(2))
    assert two.n_clusters == 2 and two.silhouette is None and "only 2 points" in two.notes[0]
    hdb = ec.cluster(blobs(per=3)[0], method="hdbscan", n_clusters=3, min_cluster_size=50)
    assert hdb.params["min_cluster_size"] == 12
    assert any("requested 3 was not used" in n for n in hdb.notes)
    assert any("lowered from 50 to 12" in n for n in hdb.notes)


def test_hdbscan_all_noise_says_what_to_do():
    rng = np.random.default_rng(0)
    result = ec.cluster(rng.uniform(size=(30, 10)), method="hdbscan", min_cluster_size=15)
    assert result.n_clusters == 0 and result.n_noise == 30 and result.silhouette is None
    assert any("every point is noise. Lower `min_cluster_size`" in n for n in result.notes)
    assert result.sizes() == {-1: 30}


def test_keywords_on_a_toy_corpus():
    texts = [
        "the apple pie with fresh apple",
        "apple juice and pear",
        "the fast red car",
        "a car engine and a car wheel",
        "the striker scored a goal",
        "goal keeper saves the goal",
    ]
    keywords = ec.cluster_keywords(texts, [0, 0, 1, 1, 2, 2], top_n=2)
    assert keywords == {0: ["apple", "fresh"], 1: ["car", "engine"], 2: ["goal", "keeper"]}
    assert all("the" not in words for words in keywords.values())


def test_keywords_follow_the_c_tf_idf_formula():
    from sklearn.feature_extraction.text import CountVectorizer

    texts = ["cat dog", "cat cat fish", "dog bird", "bird bird fish"]
    labels = [0, 0, 1, 1]
    counts = CountVectorizer().fit(["cat dog bird fish"])
    tf = counts.transform(["cat dog cat cat fish", "dog bird bird bird fish"]).toarray().astype(float)
    words = counts.get_feature_names_out()
    score = tf / tf.sum(1, keepdims=True) * np.log(1 + tf.sum(1).mean() / tf.sum(0))
    expected = {c: [str(words[j]) for j in np.argsort(-score[c], kind="stable") if score[c, j] > 0] for c in (0, 1)}
    assert ec.cluster_keywords(texts, labels, top_n=4) == expected
    assert expected[0][0] == "cat" and expected[1][0] == "bird"


def test_tied_keywords_are_ordered_by_closeness_to_the_centre():
    texts = ["zebra", "apple", "mango", "car"]
    x = np.array([[0.0, 1.5], [0.0, 3.0], [0.0, 2.1], [9.0, 9.0]])  # centre y = 2.2
    assert ec.cluster_keywords(texts, [0, 0, 0, 1])[0] == ["apple", "mango", "zebra"]
    assert ec.cluster_keywords(texts, [0, 0, 0, 1], x=x)[0] == ["mango", "zebra", "apple"]
    with pytest.raises(ec.InvalidParameterError, match="one label per item"):
        ec.cluster_keywords(texts, [0, 0, 0, 1], x=x[:3])


def test_keywords_of_emoji_numbers_and_noise():
    keywords = ec.cluster_keywords(["🍎 🍐", "123 456", "the and", "<script>alert</script>"], [0, 1, 1, -1])
    assert keywords == {-1: ["script", "alert"], 0: [], 1: []}
    assert ec.cluster_keywords(["🍎", "🚗"], [0, 1]) == {0: [], 1: []}
    with pytest.raises(ec.InvalidParameterError, match="`top_n` must be a whole number of at least 1"):
        ec.cluster_keywords(["a"], [0], top_n=0)
    with pytest.raises(ec.InvalidParameterError, match=r"one label per item \(2\)"):
        ec.cluster_keywords(["a", "b"], [0])


def test_nearest_to_centre():
    x = np.array([[0.0, 0], [1, 0], [-1, 0], [3, 0], [10, 10], [11, 10], [50, 50]])
    labels = [0, 0, 0, 0, 1, 1, -1]
    assert ec.nearest_to_centre(x, labels, n=2) == {0: [1, 0], 1: [4, 5]}
    with pytest.raises(ec.InvalidParameterError, match="`n` must be a whole number of at least 1"):
        ec.nearest_to_centre(x, labels, n=0)


def test_agreement_matches_scikit_learn_and_tabulates():
    truth = ["a", "a", "b", "b", "c", "c"]
    pred = [0, 0, 1, 1, 1, -1]
    agree = ec.cluster_agreement(truth, pred)
    assert np.isclose(agree.ari, adjusted_rand_score(truth, pred))
    assert np.isclose(agree.nmi, normalized_mutual_info_score(truth, pred))
    assert agree.table.index.tolist() == ["cluster 1", "cluster 2", "noise"]
    assert agree.table.loc["cluster 2"].tolist() == [0, 2, 1]
    assert ec.cluster_agreement(truth, [0, 0, 1, 1, 2, 2]).ari == 1.0
    with pytest.raises(ec.InvalidParameterError, match=r"`labels_pred` must hold one label per item \(6\)"):
        ec.cluster_agreement(truth, [0, 1])
    with pytest.raises(ec.InvalidParameterError, match="no items to compare"):
        ec.cluster_agreement([], [])


def test_assignments_and_overview_tables():
    texts = ["apple", "pear", "car", "noise"]
    labels = np.array([0, 0, 1, -1])
    keywords = {0: ["apple", "pear"], 1: ["car"], -1: []}
    table = ec.assignments_table(texts, labels, true_labels=["f", "f", "v", "x"], keywords=keywords)
    assert table.columns.tolist() == ["text", "label", "cluster", "keywords"]
    assert table["cluster"].tolist() == ["cluster 1", "cluster 1", "cluster 2", "noise"]
    assert table["keywords"].tolist() == ["apple, pear", "apple, pear", "car", ""]
    assert ec.assignments_table(texts, labels)["label"].tolist() == [""] * 4
    with pytest.raises(ec.InvalidParameterError, match="4 texts but 1 true labels"):
        ec.assignments_table(texts, labels, true_labels=["f"])
    overview = ec.cluster_overview(texts, labels, keywords=keywords, nearest={0: [1, 0], 1: [2]})
    assert overview["cluster"].tolist() == ["cluster 1", "cluster 2", "noise"]
    assert overview["typical texts"].tolist() == ["pear · apple", "car", ""]


def test_figures():
    x, _ = blobs(k=3, per=10)
    sweep = ec.silhouette_sweep(x, k_range=range(2, 6))
    fig = sweep_figure(sweep, chosen_k=5)
    star = [t for t in fig.data if t.marker.symbol == "star"][0]
    assert star.x[0] == 3 and len(fig.data) == 3 and "your k = 5" in str(fig.layout.annotations)
    labels = np.array([0] * 10 + [1] * 10 + [-1] * 10)
    texts = ["<b>bold</b>"] + [f"t{i}" for i in range(1, 30)]
    fig = cluster_map_figure(x[:, :2], labels, texts, true_labels=["<i>x</i>"] * 30, keywords={0: ["apple"]})
    assert fig.data[1].hovertext[0] == "&lt;b&gt;bold&lt;/b&gt;<br>label: &lt;i&gt;x&lt;/i&gt;"
    assert fig.data[0].name == "noise" and fig.data[0].marker.color == NOISE_COLOUR
    assert fig.data[1].name == "cluster 1 · apple" and fig.data[1].marker.color == cluster_colour(0)
    assert cluster_colour(len(PALETTE)) == cluster_colour(0)  # colours repeat past the palette; the shape differs
    result = ec.ClusterResult(labels, 2, None, "hdbscan", {})
    assert list(result.sizes()) == [0, 1, -1]
    bars = sizes_figure(result.sizes())
    assert list(bars.data[0].marker.color) == [cluster_colour(0), cluster_colour(1), NOISE_COLOUR]
    table = ec.cluster_agreement(["a"] * 15 + ["b"] * 15, labels).table
    assert agreement_figure(table).data[0].z.shape == (3, 2)


def test_agglomerative_sweep_with_tied_distances_scores_every_k():
    x = np.array([[0.0], [1], [2], [3], [10], [11], [12]])
    sweep = ec.silhouette_sweep(x, method="agglomerative", k_range=range(2, 7), linkage="complete")
    assert sweep.k.tolist() == [2, 3, 4, 5, 6] and np.isfinite(sweep.silhouette).all()
    assert sweep.best_k == 2


def test_keywords_have_no_clitic_fragments():
    texts = ["You'll fix pipes.", "You'll repair leaks.", "Don't we teach kids?", "It's a school we can't leave."]
    words = {w for ws in ec.cluster_keywords(texts, [0, 0, 1, 1], top_n=10).values() for w in ws}
    assert {"pipes", "leaks", "teach", "school"} <= words
    assert not words & {"ll", "don", "ca", "t", "s"}


def test_job_listing_keywords_are_real_distinctive_words(minilm):
    jobs = ec.load_dataset("job_listings")
    x = ec.dataset_vectors(jobs, minilm)
    result = ec.cluster(x, method="kmeans", n_clusters=11)
    keywords = ec.cluster_keywords(jobs.texts, result.labels, x=x)
    used = [w for ws in keywords.values() for w in ws]
    assert "ll" not in used  # from "You'll", in 235 of the 326 listings
    common = {"seeks", "required"}  # each in about a third of the listings
    assert not common & set(used)
    assert all(ws for ws in keywords.values())  # every cluster still gets words


def test_large_kmeans_starts_with_mini_batches_and_is_as_good_as_full_kmeans(monkeypatch):
    from embedding_core import clustering

    x, truth = blobs(k=6, per=100, spread=1.5)
    monkeypatch.setattr(clustering, "MINIBATCH_FROM", 500)  # the 10,000 of the app, at test size
    result = ec.cluster(x, n_clusters=6)
    assert result.params["minibatch"] is True
    assert any("starts with mini-batch k-means" in n and "minibatch=False" in n for n in result.notes)
    full = KMeans(6, n_init=10, random_state=0).fit(x)
    inertia = float(((x - np.stack([x[result.labels == c].mean(axis=0) for c in range(6)])[result.labels]) ** 2).sum())
    assert inertia <= full.inertia_ * 1.01
    assert adjusted_rand_score(truth, result.labels) >= adjusted_rand_score(truth, full.labels_) - 0.02
    classic = ec.cluster(x, n_clusters=6, minibatch=False)
    assert classic.params["minibatch"] is False and np.array_equal(classic.labels, full.labels_)
    assert ec.cluster(x[:100], n_clusters=2, minibatch=True).params["minibatch"] is True  # forced below the size


def test_minibatch_must_be_true_false_or_none():
    x, _ = blobs()
    with pytest.raises(ec.InvalidParameterError, match="`minibatch` must be True, False or None. Got 'yes'"):
        ec.cluster(x, n_clusters=2, minibatch="yes")


def test_the_sweep_fits_kmeans_on_its_stated_sample():
    from embedding_core.clustering import _sample

    x, _ = blobs(k=4, per=100)
    sweep = ec.silhouette_sweep(x, k_range=range(2, 6), sample_size=150)
    sub = x[_sample(len(x), 150, 0)]
    for k, sil, inertia in zip(sweep.k, sweep.silhouette, sweep.inertia, strict=True):
        model = KMeans(int(k), n_init=1, random_state=0).fit(sub)
        assert np.isclose(inertia, model.inertia_, rtol=1e-4)  # fitted on the 150, not on the 400
        assert np.isclose(sil, silhouette_score(sub, model.labels_), atol=1e-5)
    note = sweep.notes()[0]
    assert "k-means and the silhouette both run on it" in note and "sample_size=400" in note


def test_hdbscan_above_max_fit_is_fitted_on_a_sample_and_places_the_rest():
    x, truth = blobs(k=3, per=200, dim=2, spread=0.4)
    result = ec.cluster(x, method="hdbscan", min_cluster_size=10, max_fit=200)
    assert result.n_fitted == 200 and len(result.labels) == 600 and result.params["max_fit"] == 200
    assert any("random sample of 200 of the 600 points" in n and "max_fit=None" in n for n in result.notes)
    assert adjusted_rand_score(truth, result.labels) > 0.9
    whole = ec.cluster(x, method="hdbscan", min_cluster_size=10, max_fit=None)
    assert whole.n_fitted == 600
    reference = HDBSCAN(min_cluster_size=10, min_samples=10).fit_predict(x)
    assert np.array_equal(whole.labels, reference)
    assert ec.cluster(x, method="hdbscan").n_fitted == 600  # under the default HDBSCAN_FIT


def test_hdbscan_max_fit_must_be_a_whole_number_of_at_least_2():
    x, _ = blobs()
    with pytest.raises(ec.InvalidParameterError, match="`max_fit` must be"):
        ec.cluster(x, method="hdbscan", max_fit=1)
