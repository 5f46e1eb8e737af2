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


@pytest.fixture
def at():
    """A fresh session on the Maps page for every test (the models are cached by the process)."""
    return open_page("pages/projections.py")


def test_default_map_is_grouped_and_labelled(at):
    assert not exceptions(at) and not errors(at)
    traces = chart_data(at)
    assert [t["name"] for t in traces] == ["fruit", "animal", "vehicle", "feeling"]
    assert traces[0]["text"][0] == "apple"
    assert any(c.value == "24 of 24 points shown." for c in at.caption)
    assert at.metric[0].label.startswith("Trustworthiness")


@pytest.mark.parametrize("n", [1, 2])
def test_too_few_texts_asks_for_more(at, n):
    at.text_area(key="projection_typed").input("\n".join(WORDS[:n])).run()
    assert not exceptions(at) and not errors(at)
    assert "A map needs at least 3 texts" in at.warning[0].value


@pytest.mark.parametrize("n", [3, 5, 50])
def test_every_method_maps_n_texts(at, n):
    at.text_area(key="projection_typed").input("\n".join(WORDS[:n])).run()
    for method in ["pca", "tsne", "umap"]:
        at.radio(key="projection_method").set_value(method)
        submit(at)
        assert not exceptions(at) and not errors(at), method
        points = sum(len(t["x"]) for t in chart_data(at))
        assert points == n
        if method != "pca" and n < 31:
            assert any("too large" in i.value for i in at.info)  # perplexity / n_neighbors lowered, and said


def test_3d_with_three_points_explains_and_3d_with_more_works(at):
    at.text_area(key="projection_typed").input("a\nb\nc").run()
    at.radio(key="projection_dims").set_value(3)
    submit(at)
    assert "3D map needs at least 4 points" in errors(at)[0]
    at.text_area(key="projection_typed").input("apple\nbanana\ncar\nbus").run()
    assert not errors(at)
    assert chart_data(at)[0]["type"] == "scatter3d"


def _seed_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Seed **"))


def _xy(at) -> list[tuple[float, float]]:
    return [xy for t in chart_data(at) for xy in zip(t["x"], t["y"], strict=True)]


@pytest.mark.parametrize(("method", "init"), [("tsne", "random"), ("umap", None)])
def test_new_seed_button_changes_the_map_and_seed_0_brings_it_back(at, method, init):
    at.radio(key="projection_method").set_value(method)
    if init:
        at.radio(key="projection_tsne_init").set_value(init)
    submit(at)
    assert _seed_caption(at).startswith("Seed **0**.")
    before = _xy(at)
    at.run()
    assert _xy(at) == before  # the same seed gives the same map
    at.button(key="projection_new_seed").click().run()
    assert not exceptions(at) and not errors(at)
    seed = int(_seed_caption(at).removeprefix("Seed **").split("**")[0])
    assert seed != 0
    after = _xy(at)
    assert len(after) == len(before) and after != before
    at.button(key="projection_reset_seed").click().run()
    assert _seed_caption(at).startswith("Seed **0**.")
    assert _xy(at) == before


@pytest.mark.parametrize(("method", "init"), [("pca", None), ("tsne", "pca")])
def test_a_new_seed_leaves_pca_and_tsne_from_pca_unchanged(at, method, init):
    """The caption says so: "PCA (and t-SNE started from PCA) never changes"."""
    at.radio(key="projection_method").set_value(method)
    if init:
        at.radio(key="projection_tsne_init").set_value(init)
    submit(at)
    before = _xy(at)
    at.button(key="projection_new_seed").click().run()
    assert not _seed_caption(at).startswith("Seed **0**.")
    assert np.allclose(_xy(at), before, atol=1e-6)


def test_pca_shows_explained_variance(at):
    at.text_area(key="projection_typed").input("\n".join(WORDS[:12])).run()
    bars = chart_data(at, 1)
    assert bars[0]["type"] == "bar" and bars[0]["x"] == ["PC1", "PC2"]


def test_compare_tab_draws_all_three_methods(at):
    at.text_area(key="projection_typed").input("\n".join(WORDS[:12])).run()
    at.session_state["projection_tab"] = "Compare the three"
    at.run()
    assert not exceptions(at) and not errors(at)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles == ["PCA", "t-SNE", "UMAP"]


def test_distortion_tab_compares_neighbours(at):
    at.session_state["projection_tab"] = "Distortion"
    at.run()
    assert not exceptions(at)
    kept = at.metric[0].value
    assert kept.endswith("of 5")
    original, on_map = at.dataframe[0].value, at.dataframe[1].value
    assert len(original) == len(on_map) == 5
    assert original["also near on the map"].sum() == int(kept.split()[0])


def test_custom_axes_place_the_axis_texts_at_zero_and_one(at):
    at.text_area(key="projection_typed").input("small\nbig\nsad\nhappy\nmouse\nelephant").run()
    at.session_state["projection_tab"] = "Custom axes"
    at.run()
    assert not exceptions(at) and not errors(at)
    trace = chart_data(at)[0]
    xs = dict(zip(trace["text"], trace["x"], strict=True))
    assert abs(xs["small"]) < 1e-3 and abs(xs["big"] - 1) < 1e-3
    assert xs["elephant"] > xs["mouse"]
    at.text_input(key="projection_ax_a").input("big").run()
    assert "starts and ends at the same vector" in errors(at)[0]


@pytest.mark.parametrize("dataset", ["word_sets", "sentence_sets", "job_listings"])
def test_builtin_datasets_map_with_their_labels(at, dataset):
    at.selectbox(key="projection_source").select(dataset).run()
    assert not exceptions(at) and not errors(at)
    traces = chart_data(at)
    assert len(traces) > 3 and all(t.get("customdata") for t in traces)


def test_unknown_glove_word_keeps_input():
    at = open_page("pages/projections.py", model="glove-50d")
    at.text_area(key="projection_typed").input("king\nqueen\nqqqzzzx").run()
    assert not exceptions(at)
    assert "not in the model's vocabulary" in errors(at)[0]
    assert at.text_area(key="projection_typed").value == "king\nqueen\nqqqzzzx"
