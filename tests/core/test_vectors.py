import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import bar_figure, barcode_figure


def test_vector_table_has_text_norm_and_every_dimension():
    x = np.array([[0.6, 0.8], [1.0, 0.0]], dtype=np.float32)
    table = ec.vector_table(["a", "b"], x)
    assert table.columns.tolist() == ["text", "norm", "d0", "d1"]
    assert np.allclose(table["norm"], [1.0, 1.0])


def test_vector_table_length_mismatch():
    with pytest.raises(ec.InvalidParameterError, match="2 texts but 1 vectors"):
        ec.vector_table(["a", "b"], np.ones((1, 3)))


@pytest.mark.parametrize(
    ("x", "match"),
    [(np.ones(3), "must be a 2D array"), (np.ones((0, 3)), "is empty"), (np.array([[np.nan, 1.0]]), "NaN")],
)
def test_as_matrix_rejects(x, match):
    with pytest.raises(ec.InvalidParameterError, match=match):
        ec.as_matrix(x)


def test_dimension_orders():
    x = np.array([[0.0, 5.0, 1.0], [0.0, -5.0, 2.0]])
    assert ec.dimension_order(x, "index").tolist() == [0, 1, 2]
    assert ec.dimension_order(x, "variance").tolist() == [1, 2, 0]
    assert ec.dimension_order(x, "first").tolist() == [1, 2, 0]
    with pytest.raises(ec.InvalidParameterError, match="`by` must be one of 'index', 'variance', 'first'"):
        ec.dimension_order(x, "random")  # type: ignore[arg-type]


def test_barcode_is_centred_on_zero_and_keeps_duplicate_labels_apart(glove):
    v = glove.embed(["king", "queen"])
    fig = barcode_figure(["same label", "same label"], v, order="variance")
    heat = fig.data[0]
    assert heat.zmid == 0 and heat.zmin == -heat.zmax
    assert len(set(heat.y)) == 2
    assert np.allclose(np.asarray(heat.z), v[:, ec.dimension_order(v, "variance")])


def test_bar_figure_modes(minilm):
    v = minilm.embed(["one", "two"])
    assert len(bar_figure(["one", "two"], v).data) == 2
    stacked = bar_figure(["one", "two"], v, mode="stacked")
    assert len(stacked.data) == 2 and len(stacked.data[0].x) == 384
