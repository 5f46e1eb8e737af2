"""ui.charts.for_projector, the one place a figure is sized for presenter mode."""

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.figures import search_map_figure, similarity_heatmap
from tests.app.helpers import open_page
from tests.support.label_boxes import WIDTH, home_figure, inside_map, labelled_map, problems, the_parallelogram
from ui.charts import HEIGHT_SCALE, MARKER_SCALE, for_projector


def _search_figure():
    coords = np.array([[0.0, 0.0], [1.0, 0.5], [0.2, 1.0]])
    hits = [ec.SearchHit(0, 0.9), ec.SearchHit(2, 0.5)]
    return search_map_figure(coords, ["a", "b", "c"], None, np.array([0.5, 0.5]), "query", hits, hits[:1])


def test_projector_figure_has_bigger_fonts_markers_labels_and_height():
    screen, big = _search_figure(), for_projector(_search_figure())
    assert big.layout.font.size > screen.layout.font.size
    assert big.layout.legend.font.size > screen.layout.legend.font.size
    assert big.layout.height == int(screen.layout.height * HEIGHT_SCALE)
    for small, large in zip(screen.data, big.data, strict=True):
        assert large.marker.size == small.marker.size * MARKER_SCALE
        if small.textfont.size is not None:
            assert large.textfont.size > small.textfont.size


def test_projector_heatmap_cells_get_readable_text():
    fig = for_projector(similarity_heatmap(["a", "b", "c"], np.eye(3)))
    assert fig.data[0].textfont.size == 18


def test_presenter_mode_draws_the_enlarged_figure():
    screen = open_page("pages/similarity.py")
    present = open_page("pages/similarity.py", query={"present": "1"})

    def heights(at):
        import json

        return [json.loads(c.proto.spec)["layout"].get("height") for c in at.get("plotly_chart")]

    assert any(h is not None for h in heights(screen)) and len(heights(screen)) == len(heights(present))
    for a, b in zip(heights(screen), heights(present), strict=True):
        assert a is None or b == int(a * HEIGHT_SCALE)


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("home", lambda models: home_figure()),
        ("parallelogram", lambda models: the_parallelogram(models["minilm"])),
        ("parallelogram", lambda models: the_parallelogram(models["glove"])),
        ("inside", lambda models: inside_map(models["minilm"])),
        ("map", lambda models: labelled_map(models["minilm"], "pca")),
        ("map", lambda models: labelled_map(models["minilm"], "umap")),
    ],
    ids=["home", "parallelogram-minilm", "parallelogram-glove", "inside", "map-pca", "map-umap"],
)
def test_projector_labels_are_placed_again_at_the_projector_sizes(name, build, minilm, glove):
    """Labels placed for screen fonts would touch at the projector's; `for_projector` places them again."""
    fig = for_projector(build({"minilm": minilm, "glove": glove}))
    assert fig.layout.font.size == 22  # drawn at the projector's sizes, and measured at them
    assert problems(fig, WIDTH[name], markers=True) == []


def test_arrow_table_is_what_streamlit_would_send_for_the_frame():
    import pandas as pd
    import pyarrow as pa

    from ui.charts import arrow_table

    vectors = ec.vector_table(["a cat", "<b>dog</b>", "a car"], np.random.default_rng(0).normal(size=(3, 384)))
    mixed = pd.DataFrame(
        {"n": [1, 2], "word": ["x", None], "score": [1.5, 2.5], "small": np.int32([1, 2]), "ok": [True, False]}
    )
    for frame in (vectors, mixed):
        table = arrow_table(frame)
        assert table.column_names == [str(c) for c in frame.columns]
        assert table.equals(pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None))
