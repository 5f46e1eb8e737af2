"""Figures of the features and learning lessons: data in, the numbers on the figure out."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import (
    confusion_figure,
    contrastive_figure,
    learning_curve_figure,
    loss_figure,
    probability_figure,
    trajectory_figure,
)


@pytest.fixture(scope="module")
def classified():
    rng = np.random.default_rng(0)
    labels = ["<b>a</b>", "b", "c"] * 20
    centres = {"<b>a</b>": [3, 0], "b": [0, 3], "c": [-3, -3]}
    x = np.array([centres[y] for y in labels]) + rng.normal(size=(60, 2))
    return x, labels, ec.train_classifier(x, labels)


def test_confusion_figure_shows_the_counts(classified):
    _, _, res = classified
    fig = confusion_figure(res, title="MiniLM")
    (heat,) = fig.data
    np.testing.assert_array_equal(np.asarray(heat.z), res.confusion)
    assert f"{res.accuracy:.0%}" in fig.layout.title.text and "15 held-out" in fig.layout.title.text
    assert "<b>" not in "".join(heat.x)


def test_learning_curve_figure_has_a_line_per_kind_and_zero_shot_levels(classified):
    x, labels, _ = classified
    curve = ec.learning_curve(x, labels, shots=[1, 2, "all"])
    fig = learning_curve_figure({"MiniLM": curve, "TF-IDF": curve}, zero_shot={"zero-shot": 0.5})
    assert len(fig.data) == 2
    assert list(fig.data[0].x) == ["1", "2", "all"]
    np.testing.assert_allclose(fig.data[0].y, curve.accuracy)
    assert fig.layout.shapes[0].y0 == 0.5
    with pytest.raises(ec.InvalidParameterError, match="at least one"):
        learning_curve_figure({})


def test_probability_figure_keeps_the_likeliest_classes(classified):
    x, _, res = classified
    probs = res.predict_proba(x[:1])[0]
    fig = probability_figure(res.classes, {"MiniLM": probs}, top=2)
    assert len(fig.data[0].x) == 2
    assert fig.data[0].x[0] == pytest.approx(probs.max())
    with pytest.raises(ec.InvalidParameterError, match="one value per class"):
        probability_figure(res.classes, {"MiniLM": probs[:2]})


@pytest.fixture(scope="module")
def run():
    return ec.train_word2vec(ec.learning_corpus().sentences, epochs=5)


def test_trajectory_figure_has_a_frame_per_epoch(run):
    words = ["king", "queen", "dog", "cat"]
    groups = {"king": "royalty", "queen": "royalty", "dog": "animals", "cat": "animals"}
    fig = trajectory_figure(run, words, groups=groups)
    assert len(fig.frames) == 6
    assert fig.frames[0].layout.title.text == "start (random)"
    path = run.trajectory(words)
    np.testing.assert_allclose(fig.frames[3].data[0].x, path[3, :2, 0])
    assert [t.name for t in fig.data] == ["royalty", "animals"]
    assert fig.frames[3].data[0].marker.size is None  # the traces' own markers (a projector enlarges them)


def test_loss_figure(run):
    fig = loss_figure(run)
    np.testing.assert_allclose(fig.data[0].y, run.losses)


def test_contrastive_figure_titles_carry_the_means():
    before = np.array([[0.2, 0.1], [0.0, 0.3]])
    after = np.array([[0.6, 0.0], [-0.1, 0.7]])
    run = ec.ContrastiveRun(["a", "b"], ["c", "d"], before, after, np.array([1.0]), 0.1, {"steps": 1})
    fig = contrastive_figure(run)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["before: pairs 0.25, others 0.05", "after 1 step: pairs 0.65, others -0.05"]
    assert fig.layout.coloraxis.cmin == pytest.approx(-0.1)
