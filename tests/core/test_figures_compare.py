import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import aligned_maps_figure, pair_agreement_figure, twin_heatmaps_figure

TEXTS = ["a cat", "a kitten", "a dog", "stock prices fell", "<b>markets</b> & shares"]


@pytest.fixture(scope="module")
def comparison(minilm, glove):
    return ec.compare(minilm.embed(TEXTS), glove.embed(TEXTS), k=2)


def test_twin_heatmaps_share_one_scale_and_blank_the_diagonal(comparison):
    fig = twin_heatmaps_figure(TEXTS, comparison, names=("MiniLM", "GloVe"))
    left, right = fig.data
    assert np.isnan(np.asarray(left.z, dtype=float)).sum() == 5
    assert np.allclose(np.asarray(right.z, dtype=float)[0, 1], comparison.similarities_b[0, 1])
    off = ~np.eye(5, dtype=bool)
    both = np.concatenate([comparison.similarities_a[off], comparison.similarities_b[off]])
    scale = fig.layout.coloraxis
    assert scale.cmin == pytest.approx(both.min()) and scale.cmax == pytest.approx(both.max())
    assert "<b>" not in "".join(left.y)  # user text is escaped for plotly


def test_pair_agreement_has_one_dot_per_pair(comparison):
    fig = pair_agreement_figure(TEXTS, comparison)
    (dots,) = fig.data
    assert len(dots.x) == 10
    assert np.allclose(dots.x[0], comparison.similarities_a[0, 1])
    assert f"{comparison.spearman:.2f}" in fig.layout.title.text


def test_aligned_maps_join_each_text_to_itself(comparison):
    fig = aligned_maps_figure(TEXTS, comparison, names=("MiniLM", "GloVe"))
    lines, a, b = fig.data
    assert len(lines.x) == 15 and lines.x[2] is None
    assert np.allclose(a.x, comparison.map_a[:, 0]) and np.allclose(b.y, comparison.map_b[:, 1])
    assert a.mode == "markers+text"
    assert aligned_maps_figure(TEXTS, comparison, labels=False).data[1].mode == "markers"


def test_figures_refuse_mismatched_texts(comparison):
    with pytest.raises(ec.InvalidParameterError, match="There are 2 texts but the comparison has 5"):
        twin_heatmaps_figure(TEXTS[:2], comparison)
