"""The analogy parallelogram: PCA coordinates and the figure."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import parallelogram_figure


def test_target_completes_the_parallelogram_and_pca_matches_sklearn(glove):
    from sklearn.decomposition import PCA

    plane = ec.parallelogram(glove, "man", "king", "woman", n_neighbors=4)
    assert plane.labels[:4] == ["man", "king", "woman", "queen"]
    assert plane.roles == ["a", "b", "c", "answer", *["neighbor"] * 4]
    assert np.allclose(plane.target_xy, plane.xy[1] - plane.xy[0] + plane.xy[2], atol=1e-5)
    x = glove.embed(plane.labels).astype(np.float64)
    reference = PCA(n_components=2, svd_solver="full").fit(x)
    ours = plane.xy.astype(np.float64)
    theirs = reference.transform(x)
    for k in range(2):  # PCA axes are defined up to their sign
        assert np.allclose(ours[:, k], theirs[:, k], atol=1e-4) or np.allclose(ours[:, k], -theirs[:, k], atol=1e-4)
    assert plane.explained == pytest.approx(reference.explained_variance_ratio_.sum(), abs=1e-5)


def test_same_input_same_picture(minilm):
    one = ec.parallelogram(minilm, "man", "king", "woman", answer="queen")
    two = ec.parallelogram(minilm, "man", "king", "woman", answer="queen")
    assert np.array_equal(one.xy, two.xy) and one.labels[3] == "queen"


@pytest.mark.parametrize("n", [-1, 31, 2.5])
def test_bad_neighbor_count_is_refused(glove, n):
    with pytest.raises(ec.InvalidParameterError, match="`n_neighbors` must be a whole number between 0 and 30"):
        ec.parallelogram(glove, "man", "king", "woman", n_neighbors=n)


def test_figure_has_points_arrows_and_the_target(glove):
    fig = parallelogram_figure(ec.parallelogram(glove, "man", "king", "woman", n_neighbors=3))
    names = [t.name for t in fig.data]
    assert names[-1].startswith("b − a + c")
    assert sum(len(t.x) for t in fig.data) == 4 + 3 + 1
    assert sum(a.axref == "x" for a in fig.layout.annotations) == 3  # the arrows (others: labels moved out)
    assert fig.layout.yaxis.scaleanchor == "x"


def test_figure_shows_typed_markup_as_text(minilm):
    plane = ec.parallelogram(minilm, "<b>man</b>", "king", "woman", n_neighbors=1)
    fig = parallelogram_figure(plane, title="<script>x</script>")
    assert "<script>" not in fig.layout.title.text and "&lt;script&gt;" in fig.layout.title.text
    assert all("<b>" not in str(t.text) + str(t.hovertext) for t in fig.data)
