import base64
import json

import numpy as np
import pytest

from tests.app.helpers import errors, exceptions, open_page

WORDS = ["apple", "banana", "cherry", "dog", "cat", "horse"] + [f"thing {i}" for i in range(50)]


def submit(at):
    """Press the settings form's button (form values apply only then)."""
    next(b for b in at.button if b.label == "Draw the map").click().run()


def _decode(value):
    """Plotly sends numpy arrays as base64 typed arrays; turn them back into lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return value


def chart_data(at, index: int = 0) -> list[dict]:
    traces = json.loads(at.get("plotly_chart")[index].proto.spec)["data"]
    return [{k: _decode(v) for k, v in t.items()} for t in traces]


@pytest.fixture(scope="module")
def page():
    return open_page("pages/projections.py")


def test_default_map_is_grouped_and_labelled(page):
    assert not exceptions(page) and not errors(page)
    traces = chart_data(page)
    assert [t["name"] for t in traces] == ["fruit", "animal", "vehicle", "feeling"]
    assert traces[0]["text"][0] == "apple"
    assert any(c.value == "24 of 24 points shown." for c in page.caption)
    assert page.metric[0].label.startswith("Trustworthiness")


@pytest.mark.parametrize("n", [1, 2])
def test_too_few_texts_asks_for_more(page, n):
    page.text_area(key="projection_typed").input("\n".join(WORDS[:n])).run()
    assert not exceptions(page) and not errors(page)
    assert "A map needs at least 3 texts" in page.warning[0].value


@pytest.mark.parametrize("n", [3, 5, 50])
def test_every_method_maps_n_texts(page, n):
    page.text_area(key="projection_typed").input("\n".join(WORDS[:n])).run()
    for method in ["pca", "tsne", "umap"]:
        page.radio(key="projection_method").set_value(method)
        submit(page)
        assert not exceptions(page) and not errors(page), method
        points = sum(len(t["x"]) for t in chart_data(page))
        assert points == n
        if method != "pca" and n < 31:
            assert any("too large" in i.value for i in page.info)  # perplexity / n_neighbors lowered, and said
    page.radio(key="projection_method").set_value("pca")
    submit(page)


def test_3d_with_three_points_explains_and_3d_with_more_works(page):
    page.text_area(key="projection_typed").input("a\nb\nc").run()
    page.radio(key="projection_dims").set_value(3)
    submit(page)
    assert "3D map needs at least 4 points" in errors(page)[0]
    page.text_area(key="projection_typed").input("apple\nbanana\ncar\nbus").run()
    assert not errors(page)
    assert chart_data(page)[0]["type"] == "scatter3d"
    page.radio(key="projection_dims").set_value(2)
    submit(page)


def test_the_seed_fixes_the_map_and_a_new_seed_changes_it(page):
    # The "New seed" button's on_click sets this key; AppTest loses button clicks under st.navigation
    # (its widget ids change between runs), so the test sets the key the button sets.
    page.radio(key="projection_method").set_value("tsne")
    page.radio(key="projection_tsne_init").set_value("random")
    submit(page)
    before = chart_data(page)[0]["x"]
    page.run()
    assert chart_data(page)[0]["x"] == before
    page.session_state["projection_seed"] = 1234
    page.run()
    assert chart_data(page)[0]["x"] != before
    assert any("Seed **1234**" in c.value for c in page.caption)
    page.session_state["projection_seed"] = 0
    page.run()
    assert chart_data(page)[0]["x"] == before
    page.radio(key="projection_method").set_value("pca")
    submit(page)


def test_pca_shows_explained_variance(page):
    page.text_area(key="projection_typed").input("\n".join(WORDS[:12])).run()
    bars = chart_data(page, 1)
    assert bars[0]["type"] == "bar" and bars[0]["x"] == ["PC1", "PC2"]


def test_compare_tab_draws_all_three_methods(page):
    page.text_area(key="projection_typed").input("\n".join(WORDS[:12])).run()
    page.session_state["projection_tab"] = "Compare the three"
    page.run()
    assert not exceptions(page) and not errors(page)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in page.get("plotly_chart")]
    assert titles == ["PCA", "t-SNE", "UMAP"]


def test_distortion_tab_compares_neighbours(page):
    page.session_state["projection_tab"] = "Distortion"
    page.run()
    assert not exceptions(page)
    kept = page.metric[0].value
    assert kept.endswith("of 5")
    original, on_map = page.dataframe[0].value, page.dataframe[1].value
    assert len(original) == len(on_map) == 5
    assert original["also near on the map"].sum() == int(kept.split()[0])


def test_custom_axes_place_the_axis_texts_at_zero_and_one(page):
    page.text_area(key="projection_typed").input("small\nbig\nsad\nhappy\nmouse\nelephant").run()
    page.session_state["projection_tab"] = "Custom axes"
    page.run()
    assert not exceptions(page) and not errors(page)
    trace = chart_data(page)[0]
    xs = dict(zip(trace["text"], trace["x"], strict=True))
    assert abs(xs["small"]) < 1e-3 and abs(xs["big"] - 1) < 1e-3
    assert xs["elephant"] > xs["mouse"]
    page.text_input(key="projection_ax_a").input("big").run()
    assert "starts and ends at the same vector" in errors(page)[0]
    page.text_input(key="projection_ax_a").input("small").run()
    page.session_state["projection_tab"] = "Map"
    page.run()


@pytest.mark.parametrize("dataset", ["word_sets", "sentence_sets", "job_listings"])
def test_builtin_datasets_map_with_their_labels(page, dataset):
    page.session_state["projection_source"] = dataset
    page.run()
    assert not exceptions(page) and not errors(page)
    traces = chart_data(page)
    assert len(traces) > 3 and all(t.get("customdata") for t in traces)
    page.session_state["projection_source"] = "__typed__"
    page.run()


def test_unknown_glove_word_keeps_input():
    at = open_page("pages/projections.py", model="glove-50d")
    at.text_area(key="projection_typed").input("king\nqueen\nqqqzzzx").run()
    assert not exceptions(at)
    assert "not in the model's vocabulary" in errors(at)[0]
    assert at.text_area(key="projection_typed").value == "king\nqueen\nqqqzzzx"
