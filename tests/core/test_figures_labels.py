"""Point labels of the figures a room reads do not overlap and stay inside the plot.

Each label's box is computed from the figure alone, independently of the placement code
(`tests.support.label_boxes`).
"""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import bar_figure, word_map_figure
from embedding_core.figures.labels import respread_labels
from tests.support.label_boxes import CHAR_EM, WIDTH, home_figure, inside_map, labelled_map, the_parallelogram
from tests.support.label_boxes import problems as _problems


def test_home_picture_labels_are_apart_and_inside():
    fig = home_figure()
    assert {"king", "queen", "prince", "princess"} <= {t for tr in fig.data for t in tr.text} | {
        a.text for a in fig.layout.annotations
    }
    assert _problems(fig, WIDTH["home"]) == []


@pytest.mark.parametrize("model", ["minilm", "glove"])
def test_parallelogram_labels_are_apart_and_inside(model, request):
    fig = the_parallelogram(request.getfixturevalue(model))
    assert _problems(fig, WIDTH["parallelogram"]) == []


def test_minilm_parallelogram_has_the_crowded_monarch_words(minilm):
    """The case the issue saw: MiniLM's runners-up monarch, monarchy, monarchs sit close together."""
    plane = ec.parallelogram(minilm, "man", "king", "woman")
    assert {"monarch", "monarchs"} <= set(plane.labels)


def test_inside_sentence_labels_are_apart_and_inside(minilm):
    fig = inside_map(minilm)
    assert _problems(fig, WIDTH["inside"]) == []


@pytest.mark.parametrize("method", ["pca", "umap", "tsne"])
def test_map_labels_are_apart_and_inside(minilm, method):
    fig = labelled_map(minilm, method)
    assert _problems(fig, WIDTH["map"]) == []


def test_a_crowded_label_set_still_has_no_overlap():
    """Twelve words on almost the same spot: labels fan out (some joined by a line), none overlaps."""
    rng = np.random.default_rng(0)
    xy = rng.normal(scale=0.01, size=(12, 2))
    words = [f"word{i}" for i in range(12)]
    fig = word_map_figure(words, ["g"] * 12, xy[:, 0], xy[:, 1])
    assert _problems(fig, WIDTH["home"]) == []


def test_stacked_bars_title_the_shared_axis_once(minilm):
    texts = ["king", "queen", "man", "woman"]
    fig = bar_figure(texts, minilm.embed(texts), mode="stacked")
    titled = [name for name in fig.layout if name.startswith("xaxis") and fig.layout[name].title.text]
    assert titled == [f"xaxis{len(texts)}"]  # the bottom row's axis, the one with tick labels
    font = fig.layout.font.size
    rows = [fig.layout[name] for name in fig.layout if name.startswith("yaxis")]
    inner = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    for axis in rows:  # each row's "value" title, written sideways, fits beside its own row
        assert len(axis.title.text) * CHAR_EM * font <= (axis.domain[1] - axis.domain[0]) * inner


def test_labels_are_placed_again_for_larger_fonts_without_piling_up_annotations():
    """`respread_labels` takes back the earlier placement (leader-line annotations, padded ranges) first."""
    rng = np.random.default_rng(0)
    xy = rng.normal(scale=0.01, size=(12, 2))
    words = [f"word{i}" for i in range(12)]
    fig = word_map_figure(words, ["g"] * 12, xy[:, 0], xy[:, 1])
    fig.update_layout(font={"size": 30})
    assert _problems(fig, WIDTH["home"]) != []  # placed for 13 px, drawn at 30 px
    respread_labels(fig)
    assert _problems(fig, WIDTH["home"]) == []
    assert len(fig.layout.annotations) == 1  # one label fits nowhere beside its marker: joined by a line
    fig.update_layout(font={"size": 18})
    respread_labels(fig)  # smaller again: the annotation goes back to its trace
    assert _problems(fig, WIDTH["home"]) == [] and not fig.layout.annotations
    assert sorted(t for tr in fig.data for t in tr.text if t) == sorted(words)
    plain = word_map_figure(words, ["g"] * 12, xy[:, 0] * 100, xy[:, 1] * 100)
    plain.layout.meta = None  # not placed by spread_labels: left as it is
    before = plain.to_dict()
    assert respread_labels(plain).to_dict() == before
