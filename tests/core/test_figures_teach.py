"""Figures of honest analogies and of what 'similar' means: data in, figure out, user text escaped."""

import numpy as np
import pandas as pd

import embedding_core as ec
from embedding_core.figures import METHOD_LABELS, k_occurrence_figure, random_cosines_figure, relation_accuracy_figure


def test_random_cosines_figure_marks_each_pair_with_its_percentile():
    cos = ec.random_pair_cosines(np.random.default_rng(0).normal(size=(40, 5)), n_pairs=500)
    fig = random_cosines_figure(cos, [("<b>cat</b> / kitten", 0.8, 99.5), ("dog / car", -0.2, 12.0)])
    (hist,) = fig.data
    assert np.array_equal(np.asarray(hist.x), cos)
    assert [s.x0 for s in fig.layout.shapes] == [0.8, -0.2]
    texts = [a.text for a in fig.layout.annotations]
    assert texts[0].endswith("(percentile 99.5)") and texts[1].endswith("(percentile 12.0)")
    assert "<b>" not in "".join(texts)  # user text is escaped for plotly
    lo, hi = fig.layout.xaxis.range
    assert lo <= min(cos.min(), -0.2) and hi >= 0.8
    assert fig.layout.height and fig.layout.font.size == 13  # screen size; the presenter enlarges it


def test_k_occurrence_figure_counts_texts_per_value():
    counts = np.array([0, 0, 3, 1, 1, 1])
    fig = k_occurrence_figure(counts, k=1)
    (bars,) = fig.data
    assert list(bars.x) == [0, 1, 2, 3] and list(bars.y) == [2, 3, 0, 1]
    assert fig.layout.shapes[0].x0 == 1  # the mean, k


def test_relation_accuracy_figure_has_one_bar_group_per_method_and_model():
    table = pd.DataFrame(
        {"relation": ["capital", "all"], "questions": [2, 2], "3cosadd": [0.5, 0.5], "nearest_c": [0.0, 0.0]}
    )
    fig = relation_accuracy_figure({"GloVe": table, "MiniLM": table})
    assert len(fig.data) == 4
    assert [t.name for t in fig.data[:2]] == [METHOD_LABELS["3cosadd"], METHOD_LABELS["nearest_c"]]
    assert [t.showlegend for t in fig.data] == [True, True, False, False]
    assert list(fig.data[0].y) == [0.5, 0.5] and list(fig.data[0].x) == ["capital", "all"]
