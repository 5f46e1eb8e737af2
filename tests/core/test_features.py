"""Embeddings as features: classifiers against bare scikit-learn, zero-shot and recommendation against
manual rankings, on the real MiniLM vectors of the built-in datasets."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

import embedding_core as ec


@pytest.fixture(scope="module")
def jobs(minilm):
    ds = ec.load_dataset("job_listings")
    return ds, ec.dataset_vectors(ds, minilm)


@pytest.fixture(scope="module")
def jobs_tfidf(jobs):
    return ec.tfidf_features(jobs[0].texts)


def _bare_accuracy(x, labels, *, test_size=0.25, random_state=0):
    y = np.asarray(labels, dtype=object)
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=test_size, random_state=random_state, stratify=y)
    pipe = make_pipeline(LogisticRegression(C=10.0, max_iter=2000)).fit(x[train], y[train])
    predicted = pipe.predict(x[test])
    return accuracy_score(y[test], predicted), confusion_matrix(y[test], predicted, labels=pipe.classes_), test


@pytest.mark.parametrize("random_state", [0, 7])
def test_accuracy_equals_bare_sklearn_pipeline(jobs, random_state):
    ds, x = jobs
    res = ec.train_classifier(x, ds.labels, random_state=random_state)
    accuracy, confusion, test = _bare_accuracy(x, ds.labels, random_state=random_state)
    assert res.accuracy == pytest.approx(accuracy, abs=1e-12)
    np.testing.assert_array_equal(res.confusion, confusion)
    np.testing.assert_array_equal(res.test_index, np.sort(test))
    assert res.confusion.sum() == len(res.test_index) == 82  # 25 % of 326, rounded up
    assert res.accuracy > 0.8  # measured 0.88 with MiniLM


def test_tfidf_accuracy_equals_bare_sklearn_on_the_same_features(jobs, jobs_tfidf):
    ds, _ = jobs
    res = ec.train_classifier(jobs_tfidf.matrix, ds.labels)
    accuracy, _, _ = _bare_accuracy(jobs_tfidf.matrix, ds.labels)
    assert res.accuracy == pytest.approx(accuracy, abs=1e-12)


def test_report_and_probabilities(jobs, minilm):
    ds, x = jobs
    res = ec.train_classifier(x, ds.labels)
    assert res.classes == sorted(set(ds.labels))
    assert list(res.report["class"]) == res.classes
    assert res.report["support"].sum() == len(res.test_index)
    recall = np.diag(res.confusion) / res.confusion.sum(axis=1)
    np.testing.assert_allclose(res.report["recall"], recall)
    texts = ["We need a Python developer to build our web application.", "Serve guests at our hotel bar."]
    probs = res.predict_proba(minilm.embed(texts))
    assert probs.shape == (2, 12)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert res.predict(minilm.embed(texts)) == ["software", "hospitality"]
    assert [res.classes[i] for i in probs.argmax(axis=1)] == ["software", "hospitality"]


def test_knn_method(jobs):
    ds, x = jobs
    res = ec.train_classifier(x, ds.labels, method="knn")
    assert 0.7 < res.accuracy <= 1.0
    np.testing.assert_allclose(res.predict_proba(x[:3]).sum(axis=1), 1.0)


def test_predict_refuses_other_dimensions(jobs, glove):
    ds, x = jobs
    res = ec.train_classifier(x, ds.labels)
    with pytest.raises(ec.InvalidParameterError, match="rows of 384 numbers"):
        res.predict(glove.embed(["nurse"]))


def test_learning_curve_shapes_and_the_all_point(jobs):
    ds, x = jobs
    curve = ec.learning_curve(x, ds.labels, shots=[1, 5, "all"], random_state=0, repeats=3)
    assert curve.shots == (1, 5, "all")
    assert curve.accuracy.shape == curve.accuracy_std.shape == (3,)
    assert curve.scores.shape == (3, 3)
    assert curve.n_train[0] == 12 and curve.n_train[1] == 60  # every class has at least 5 training texts
    assert curve.n_train[2] == 326 - 82
    assert curve.n_test == 82
    assert curve.accuracy_std[2] == 0
    # the "all" point is the classifier of train_classifier on the same split
    assert curve.accuracy[2] == pytest.approx(ec.train_classifier(x, ds.labels).accuracy)
    assert curve.accuracy[0] < curve.accuracy[1] < curve.accuracy[2]
    assert list(curve.frame().columns) == ["shots", "n_train", "accuracy", "accuracy_std"]


def test_learning_curve_is_seeded(jobs):
    ds, x = jobs
    a = ec.learning_curve(x, ds.labels, shots=[2], random_state=3)
    b = ec.learning_curve(x, ds.labels, shots=[2], random_state=3)
    np.testing.assert_array_equal(a.scores, b.scores)


def test_embeddings_win_with_few_examples(jobs, jobs_tfidf):
    """The lesson of the curve: with one example per class MiniLM is far ahead; with all, TF-IDF is close."""
    ds, x = jobs
    emb = ec.learning_curve(x, ds.labels, shots=[1, "all"])
    words = ec.learning_curve(jobs_tfidf.matrix, ds.labels, shots=[1, "all"])
    assert emb.accuracy[0] > words.accuracy[0] + 0.1  # measured 0.59 against 0.37
    assert words.accuracy[1] > emb.accuracy[1] - 0.05  # measured 0.87 against 0.88


def test_zero_shot_equals_manual_argmax():
    rng = np.random.default_rng(0)
    x, labels = rng.normal(size=(50, 8)), rng.normal(size=(4, 8))
    unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)  # noqa: E731
    expected = np.argmax(unit(x) @ unit(labels).T, axis=1)
    assert ec.zero_shot(x, labels) == expected.tolist()


def test_zero_shot_on_job_listings(jobs, minilm):
    ds, x = jobs
    descriptions = ec.label_descriptions("job_listings")
    names = list(descriptions)
    assert sorted(names) == sorted(set(ds.labels))
    by_name = ec.zero_shot(x, minilm.embed(names))
    by_description = ec.zero_shot(x, minilm.embed(list(descriptions.values())))
    acc = lambda pred: np.mean([names[i] == label for i, label in zip(pred, ds.labels, strict=True)])  # noqa: E731
    assert acc(by_name) > 0.55  # measured 0.67: no training at all, 12 classes (chance 0.08)
    assert acc(by_description) > acc(by_name)  # measured 0.77


def test_label_descriptions_cover_the_sentence_topics():
    ds = ec.load_dataset("sentence_sets")
    assert sorted(ec.label_descriptions("sentence_sets")) == sorted(set(ds.labels))
    with pytest.raises(ec.InvalidParameterError, match="Use the label names instead"):
        ec.label_descriptions("word_sets")


def test_zero_shot_refuses_zero_label_vectors_and_other_dimensions():
    with pytest.raises(ec.InvalidParameterError, match=r"label_vectors\[1\]"):
        ec.zero_shot(np.ones((3, 4)), np.array([[1.0, 0, 0, 0], [0, 0, 0, 0]]))
    with pytest.raises(ec.InvalidParameterError, match="same model"):
        ec.zero_shot(np.ones((3, 4)), np.ones((2, 5)))


def _manual_ranking(liked, disliked, corpus, exclude=()):
    unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)  # noqa: E731
    profile = unit(liked).mean(axis=0) - (unit(disliked).mean(axis=0) if disliked is not None else 0)
    scores = unit(corpus) @ profile / np.linalg.norm(profile)
    order = [int(i) for i in np.argsort(-scores, kind="stable") if i not in set(exclude)]
    return order, scores


def test_recommend_equals_manual_ranking(jobs):
    _, x = jobs
    liked, disliked = [3, 40, 41], [100]
    hits = ec.recommend(x[liked], x[disliked], x, top_k=10, exclude=liked + disliked)
    order, scores = _manual_ranking(x[liked].astype(np.float64), x[disliked], x, exclude=liked + disliked)
    assert [h.index for h in hits] == order[:10]
    np.testing.assert_allclose([h.score for h in hits], scores[order[:10]], atol=1e-5)
    plain = ec.recommend(x[liked], None, x, top_k=5)
    assert [h.index for h in plain] == _manual_ranking(x[liked], None, x)[0][:5]


def test_recommend_finds_more_of_the_same_kind(jobs):
    ds, x = jobs
    labels = np.array(ds.labels)
    liked = np.flatnonzero(labels == "nursing")[:3].tolist()
    hits = ec.recommend(x[liked], None, x, top_k=10, exclude=liked)
    assert not set(liked) & {h.index for h in hits}
    assert np.mean(labels[[h.index for h in hits]] == "nursing") >= 0.7


def test_keyword_recommendation_on_tfidf_rows(jobs, jobs_tfidf):
    _, _ = jobs
    m = jobs_tfidf.matrix
    hits = ec.recommend(m[[0, 1]], None, m, top_k=3, exclude=[0, 1])
    dense = m.toarray()
    assert [h.index for h in hits] == _manual_ranking(dense[[0, 1]], None, dense, exclude=[0, 1])[0][:3]


def test_recommend_bad_input(jobs):
    _, x = jobs
    with pytest.raises(ec.InvalidParameterError, match="cancel out"):
        ec.recommend(x[[1]], x[[1]], x)
    with pytest.raises(ec.InvalidParameterError, match="same model"):
        ec.recommend(np.ones((1, 5)), None, x)
    with pytest.raises(ec.InvalidParameterError, match="`top_k`"):
        ec.recommend(x[[1]], None, x, top_k=0)
    with pytest.raises(ec.InvalidParameterError, match="`exclude`"):
        ec.recommend(x[[1]], None, x, exclude=[9999])


def test_word_mean_features(glove):
    x = ec.word_mean_features(glove, ["a nurse at night", "zzzqqq"])
    assert x.shape == (2, 50)
    np.testing.assert_allclose(np.linalg.norm(x[0]), 1.0, rtol=1e-6)
    assert not x[1].any()  # no known word: a zero row


def test_word_mean_features_needs_a_word_model(minilm):
    with pytest.raises(ec.InvalidParameterError, match="a word model"):
        ec.word_mean_features(minilm, ["a"])


def test_tfidf_transform_uses_the_fitted_vocabulary():
    feats = ec.tfidf_features(["night nurse wanted", "day teacher wanted", "nurse for the ward"])
    row = feats.transform(["nurse unknownword"])
    assert row.shape == (1, len(feats.vocabulary))
    assert row[0, feats.vocabulary.index("nurse")] == pytest.approx(1.0)
    with pytest.raises(ec.EmptyInputError, match="common words"):
        ec.tfidf_features(["the and of", "a an"])


# Bad input: each its own message.
X4 = np.eye(8, 4)


def test_one_class():
    with pytest.raises(ec.LabelError, match=r"at least 2 different classes.*1 class \('a'\)"):
        ec.train_classifier(X4, ["a"] * 8)


def test_a_class_with_one_example():
    with pytest.raises(ec.LabelError, match="one example of 'c'"):
        ec.train_classifier(X4, ["a"] * 4 + ["b"] * 3 + ["c"])


@pytest.mark.parametrize("labels", [[1, 2] * 4, ["1.5", "2", "3", "4", "5", "6", "7", "8"], list(np.arange(8.0))])
def test_numeric_labels(labels):
    with pytest.raises(ec.LabelError, match="category names, not numbers"):
        ec.train_classifier(X4, labels)


def test_blank_label():
    with pytest.raises(ec.LabelError, match=r"labels\[2\]"):
        ec.train_classifier(X4, ["a", "b", "", "a", "b", "a", "b", "a"])


def test_too_few_rows_for_the_split():
    x = np.random.default_rng(0).normal(size=(12, 4))
    with pytest.raises(ec.LabelError, match="Use at least 24 rows"):
        ec.train_classifier(x, ["a", "b", "c", "d", "e", "f"] * 2)


def test_labels_length_and_options():
    with pytest.raises(ec.LabelError, match="one label per row"):
        ec.train_classifier(X4, ["a", "b"])
    with pytest.raises(ec.InvalidParameterError, match="`method`"):
        ec.train_classifier(X4, ["a", "b"] * 4, method="svm")
    with pytest.raises(ec.InvalidParameterError, match="`test_size`"):
        ec.train_classifier(X4, ["a", "b"] * 4, test_size=0.9)
    with pytest.raises(ec.InvalidParameterError, match="`shots`"):
        ec.learning_curve(X4, ["a", "b"] * 4, shots=[0])
    with pytest.raises(ec.InvalidParameterError, match="NaN"):
        ec.train_classifier(np.full((8, 4), np.nan), ["a", "b"] * 4)


def test_an_uploaded_table_with_a_numeric_label_column():
    rows = "\n".join(f"Job number {i} in the city,{1000 + 250 * i},{'a' if i % 2 else 'b'}" for i in range(12))
    table = ec.read_table(("text,salary,kind\n" + rows).encode(), "jobs.csv")
    by_salary = ec.table_texts(table, "text", label_column="salary").dataset
    with pytest.raises(ec.LabelError, match="A numeric column"):
        ec.train_classifier(np.eye(12, 4), by_salary.labels)
    by_kind = ec.table_texts(table, "text", label_column="kind").dataset
    assert ec.train_classifier(np.eye(12, 4), by_kind.labels, test_size=0.5).classes == ["a", "b"]
