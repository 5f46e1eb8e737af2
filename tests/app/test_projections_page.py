import base64
import json

import numpy as np
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page

WORDS = ["apple", "banana", "cherry", "dog", "cat", "horse"] + [f"thing {i}" for i in range(50)]


def submit(at):
    """Press the settings form's button (form values apply only then); PCA has no form, so just run."""
    buttons = [b for b in at.button if b.label == "Draw the map"]
    (buttons[0].click() if buttons else at).run()


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
        at.radio(key="projection_method").set_value(method).run()
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
    at.radio(key="projection_method").set_value(method).run()
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
    at.radio(key="projection_method").set_value(method).run()
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
    at.session_state["projection_tab"] = "Compare the three"
    at.run()
    assert not exceptions(at) and not errors(at)
    (chart,) = at.get("plotly_chart")  # one figure, three wide maps, one shared legend
    spec = json.loads(chart.proto.spec)
    assert [a["text"] for a in spec["layout"]["annotations"]] == ["PCA", "t-SNE", "UMAP"]
    assert {t.get("xaxis", "x") for t in spec["data"]} == {"x", "x2", "x3"}
    in_legend = [t["name"] for t in spec["data"] if t.get("showlegend", True)]
    assert sorted(in_legend) == ["animal", "feeling", "fruit", "vehicle"]  # each group once, not once per map


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


REVIEWS = """Great laptop for the price.
Update: the screen cracked after a week, and support took ten days to answer.
Pros: light, cheap, fast. Cons: the battery dies by noon.
Note: the charger is sold separately, which nobody mentions.
Would buy again, but not for work.
The keyboard is a joy to type on.
Shipping: slow, but the box was intact.
Two stars: it works, that is all."""


def test_pasted_reviews_stay_whole_lines_with_a_note(at):
    at.text_area(key="projection_typed").input(REVIEWS).run()
    assert not exceptions(at) and not errors(at)
    traces = chart_data(at)
    assert sum(len(t["x"]) for t in traces) == 8  # eight reviews, eight points
    assert all(t.get("name") in (None, "", "texts") for t in traces) or len(traces) == 1
    assert any("Each line is one text (5 contain a colon)" in c.value for c in at.caption)
    at.radio(key="projection_grouping").set_value("always").run()  # asked for: split as before
    assert sum(len(t["x"]) for t in chart_data(at)) > 8


def test_default_example_is_read_as_groups_and_says_so(at):
    assert any("Read as 4 groups" in c.value for c in at.caption)
    at.radio(key="projection_grouping").set_value("never").run()
    assert sum(len(t["x"]) for t in chart_data(at)) == 4  # each 'name: a, b' line whole


def test_built_in_data_is_named_and_its_categories_written_as_words(at):
    at.selectbox(key="projection_source").set_value("word_sets").run()
    assert not exceptions(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "PCA map of Words by category (357)"
    names = {t["name"] for t in spec["data"]}
    assert "body parts" in names and not any("_" in n for n in names)


def test_a_method_change_redraws_the_map_at_once_and_shows_only_its_settings(at):
    """No pending state: clicking t-SNE draws the t-SNE map; the form holds the chosen method's settings."""
    assert "PCA map" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert not [b for b in at.button if b.label == "Draw the map"]  # PCA has no settings to apply
    at.radio(key="projection_method").set_value("tsne").run()
    assert "t-SNE map" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    shown = {s.key for s in at.slider}
    assert "projection_perplexity" in shown and "projection_neighbors" not in shown
    assert not any("PCA has no settings" in c.value for c in at.caption)
    at.radio(key="projection_method").set_value("umap").run()
    assert "UMAP map" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert {s.key for s in at.slider} >= {"projection_neighbors", "projection_min_dist"}


def test_an_axis_from_several_pairs_places_texts_and_scores_the_pairs(at):
    at.text_area(key="projection_typed").input("king\nqueen\nactor\nactress\nuncle\naunt\ntable").run()
    at.session_state["projection_tab"] = "Custom axes"
    at.run()
    assert not exceptions(at) and not errors(at)
    pairs = [tuple(p) for p in ec.lesson("projections")["axis"][0]["pairs"]]
    assert at.text_area(key="projection_pairs").value == "\n".join(f"{a}, {b}" for a, b in pairs)
    axis = ec.multi_pair_axis(ec.load_model("minilm"), pairs)
    assert at.metric[-1].label == "Consistency" and at.metric[-1].value == f"{axis.consistency:.2f}"
    traces = {t["name"]: t for t in chart_data(at, -1)}
    xs = dict(zip(traces["your texts"]["text"], traces["your texts"]["x"], strict=True))
    assert xs["actress"] > xs["actor"] and xs["aunt"] > xs["uncle"]
    assert all(y >= 0 for y in traces["your texts"]["y"])  # a residual length
    assert len(traces["pair: from"]["x"]) == len(pairs)


def test_ready_axes_and_own_pairs_with_a_clear_message_for_a_bad_line(at):
    at.session_state["projection_tab"] = "Custom axes"
    at.run()
    at.selectbox(key="projection_pairs_axis").select("past tense").run()
    assert at.text_area(key="projection_pairs").value.startswith("walk, walked")
    assert not errors(at)
    at.selectbox(key="projection_pairs_axis").select("my own pairs").run()
    at.text_area(key="projection_pairs").input("cat → kitten\ndog").run()
    assert "Each line must be a pair of two texts" in errors(at)[0]
    assert at.text_area(key="projection_pairs").value == "cat → kitten\ndog"
    at.text_area(key="projection_pairs").input("cat → kitten").run()
    assert not errors(at) and at.metric[-1].value == "–"
