import json

import pytest

from tests.app.helpers import errors, exceptions, open_page

WORDS = ["cat", "kitten", "dog", "puppy", "car", "bus"] + [f"word{i}" for i in range(50)]


@pytest.fixture(scope="module")
def page():
    return open_page("pages/similarity.py")


@pytest.mark.parametrize("n", [2, 3, 5, 50])
def test_heatmap_and_pairs_for_n_texts(page, n):
    page.text_area(key="similarity_texts").input("\n".join(WORDS[:n])).run()
    assert not exceptions(page) and not errors(page)
    types = [t.get("type") for c in page.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]]
    assert types.count("heatmap") == 1
    most, least = page.dataframe[0].value, page.dataframe[1].value
    assert len(most) == min(3, n * (n - 1) // 2)
    assert most["cosine similarity"].iloc[0] >= least["cosine similarity"].iloc[0]


def test_most_similar_pair_is_the_obvious_one(page):
    page.text_area(key="similarity_texts").input("cat\nkitten\nstock market crash").run()
    most = page.dataframe[0].value
    assert {most["text A"].iloc[0], most["text B"].iloc[0]} == {"cat", "kitten"}
    table = page.dataframe[2].value  # the unit-vector identity table
    assert (abs(table["dot"] - table["cosine"]) < 1e-4).all()


def test_one_text_asks_for_another_and_keeps_the_lesson(page):
    page.text_area(key="similarity_texts").input("cat").run()
    assert not exceptions(page) and not errors(page)
    assert any("at least two texts" in w.value for w in page.warning)
    assert len(page.get("plotly_chart")) == 1  # the two-arrow lesson still shows


@pytest.mark.parametrize("metric", ["dot", "euclidean"])
def test_metric_choice_changes_the_columns(page, metric):
    page.text_area(key="similarity_texts").input("cat\ndog\ncar").run()
    page.radio(key="similarity_metric").set_value(metric).run()
    assert not exceptions(page)
    label = {"dot": "dot product", "euclidean": "Euclidean distance"}[metric]
    assert label in page.dataframe[0].value.columns
    page.radio(key="similarity_metric").set_value("cosine").run()


def test_lesson_sliders_update_the_numbers(page):
    page.slider(key="similarity_a_angle").set_value(0).run()
    page.slider(key="similarity_b_angle").set_value(90).run()
    values = {m.label: m.value for m in page.metric}
    assert values["Angle"] == "90°" and values["Cosine"] in ("0.000", "-0.000")
    page.slider(key="similarity_b_angle").set_value(0).run()
    page.slider(key="similarity_a_len").set_value(2.0).run()
    values = {m.label: m.value for m in page.metric}
    assert values["Cosine"] == "1.000" and values["Dot product"] == "2.000"


@pytest.mark.parametrize("raw", ["", "\u200b\n  ", "<script>alert(1)</script>\n🙂 emoji\nשלום עולם\n" + "x" * 20_000])
def test_bad_input_gives_a_message_not_a_traceback(page, raw):
    page.text_area(key="similarity_texts").input(raw).run()
    assert not exceptions(page)
    if not raw.strip("\u200b \n"):
        assert "Type at least one word or sentence" in errors(page)[0]
    assert page.text_area(key="similarity_texts").value == raw


def test_unknown_glove_word_keeps_input():
    at = open_page("pages/similarity.py", model="glove-50d")
    at.text_area(key="similarity_texts").input("king\nqueeen").run()
    assert not exceptions(at)
    assert "did you mean 'queen'" in errors(at)[0]
