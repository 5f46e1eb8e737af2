import json

import pytest

from tests.app.helpers import errors, exceptions, open_page

WORDS = ["cat", "kitten", "dog", "puppy", "car", "bus"] + [f"word{i}" for i in range(50)]


@pytest.fixture
def at():
    """A fresh session on the Similarity page for every test (the models are cached by the process)."""
    return open_page("pages/similarity.py")


@pytest.mark.parametrize("n", [2, 3, 5, 50])
def test_heatmap_and_pairs_for_n_texts(at, n):
    at.text_area(key="similarity_texts").input("\n".join(WORDS[:n])).run()
    assert not exceptions(at) and not errors(at)
    types = [t.get("type") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]]
    assert types.count("heatmap") == 1
    most, least = at.dataframe[0].value, at.dataframe[1].value
    assert len(most) == min(3, n * (n - 1) // 2)
    assert most["cosine similarity"].iloc[0] >= least["cosine similarity"].iloc[0]


def test_most_similar_pair_is_the_obvious_one(at):
    at.text_area(key="similarity_texts").input("cat\nkitten\nstock market crash").run()
    most = at.dataframe[0].value
    assert {most["text A"].iloc[0], most["text B"].iloc[0]} == {"cat", "kitten"}
    table = at.dataframe[2].value  # the unit-vector identity table
    assert (abs(table["dot"] - table["cosine"]) < 1e-4).all()


def test_one_text_asks_for_another_and_keeps_the_lesson(at):
    at.text_area(key="similarity_texts").input("cat").run()
    assert not exceptions(at) and not errors(at)
    assert any("at least two texts" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 1  # the two-arrow lesson still shows


@pytest.mark.parametrize("metric", ["dot", "euclidean"])
def test_metric_choice_changes_the_columns(at, metric):
    at.text_area(key="similarity_texts").input("cat\ndog\ncar").run()
    at.radio(key="similarity_metric").set_value(metric).run()
    assert not exceptions(at)
    label = {"dot": "dot product", "euclidean": "Euclidean distance"}[metric]
    assert label in at.dataframe[0].value.columns


def test_lesson_sliders_update_the_numbers(at):
    at.slider(key="similarity_a_angle").set_value(0).run()
    at.slider(key="similarity_b_angle").set_value(90).run()
    values = {m.label: m.value for m in at.metric}
    assert values["Angle"] == "90°" and values["Cosine"] in ("0.000", "-0.000")
    at.slider(key="similarity_b_angle").set_value(0).run()
    at.slider(key="similarity_a_len").set_value(2.0).run()
    values = {m.label: m.value for m in at.metric}
    assert values["Cosine"] == "1.000" and values["Dot product"] == "2.000"


@pytest.mark.parametrize("raw", ["", "\u200b\n  ", "<script>alert(1)</script>\n🙂 emoji\nשלום עולם\n" + "x" * 20_000])
def test_bad_input_gives_a_message_not_a_traceback(at, raw):
    at.text_area(key="similarity_texts").input(raw).run()
    assert not exceptions(at)
    if not raw.strip("\u200b \n"):
        assert "Type at least one word or sentence" in errors(at)[0]
    assert at.text_area(key="similarity_texts").value == raw


def test_unknown_glove_word_keeps_input():
    at = open_page("pages/similarity.py", model="glove-50d")
    at.text_area(key="similarity_texts").input("king\nqueeen").run()
    assert not exceptions(at)
    assert "did you mean 'queen'" in errors(at)[0]
