"""Parts of a page (`ui.parts.part`): a control in a part reruns only that part, and the page's link follows.

AppTest performs the fragment rerun a part's input asks for, and its element tree then holds what
that rerun drew: the part and the page link, not the page's title or its other charts (the browser
keeps those on screen). A full `at.run()` afterwards draws the whole page again.
"""

from __future__ import annotations

import json

from tests.app.helpers import exceptions, open_page

ARROW_KEYS = ("similarity_a_angle", "similarity_a_len", "similarity_b_angle", "similarity_b_len")


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _link(at) -> str:
    """The URL shown in the sidebar's "Link to this view" popover."""
    return next(c.value for c in at.code if c.value.startswith("http"))


def test_similarity_arrow_reruns_only_its_part_and_the_link():
    at = open_page("pages/similarity.py")
    at.text_area(key="similarity_texts").input("cat\nkitten\ncar").run()
    assert len(_charts(at)) >= 4 and at.title
    at.slider(key="similarity_a_angle").set_value(0).run()
    at.slider(key="similarity_b_angle").set_value(90).run()
    assert not exceptions(at)
    assert not at.title and len(_charts(at)) == 1  # the arrows alone were drawn again
    values = {m.label: m.value for m in at.metric}
    assert values["Angle"] == "90°" and values["Cosine"] in ("0.000", "-0.000")
    assert at.query_params["similarity_b_angle"] == ["90"] or at.query_params["similarity_b_angle"] == "90"
    assert "similarity_b_angle=90" in _link(at) and "similarity_texts=" in _link(at)
    assert at.session_state["similarity_texts"] == "cat\nkitten\ncar"  # the other inputs are kept
    at.run()
    assert at.title and at.text_area(key="similarity_texts").value == "cat\nkitten\ncar"
    assert at.slider(key="similarity_b_angle").value == 90


def test_similarity_measure_redraws_the_heatmap_and_keeps_the_texts():
    at = open_page("pages/similarity.py")
    at.text_area(key="similarity_texts").input("cat\ndog\ncar").run()
    at.radio(key="similarity_metric").set_value("euclidean").run()
    assert not exceptions(at) and not at.title
    (heatmap,) = [c for c in _charts(at) if c["data"][0]["type"] == "heatmap"]
    assert "Euclidean" in json.dumps(heatmap["layout"])
    assert "Euclidean distance" in at.dataframe[0].value.columns
    assert "similarity_metric=euclidean" in _link(at)
    at.run()
    assert at.text_area(key="similarity_texts").value == "cat\ndog\ncar"
    assert at.radio(key="similarity_metric").value == "euclidean"


def test_similarity_deep_link_restores_the_part_controls():
    query = {"similarity_a_angle": "10", "similarity_b_angle": "100", "similarity_metric": "dot"}
    at = open_page("pages/similarity.py", query=query)
    assert [at.slider(key=k).value for k in ARROW_KEYS] == [10, 1.0, 100, 1.0]
    assert at.radio(key="similarity_metric").value == "dot"
    assert {m.label: m.value for m in at.metric}["Angle"] == "90°"


def test_inside_attention_sliders_rerun_only_the_attention_view():
    at = open_page("pages/inside.py")
    at.segmented_control(key="inside_view").set_value("Attention").run()
    first = _charts(at)[0]["data"][0]["z"]
    at.slider(key="inside_layer").set_value(3).run()
    assert not exceptions(at) and not at.title
    second = _charts(at)[0]["data"][0]["z"]
    assert second != first  # another layer's attention
    assert "inside_layer=3" in _link(at) and "inside_view=Attention" in _link(at)
    at.run()
    assert at.segmented_control(key="inside_view").value == "Attention"
    assert at.slider(key="inside_layer").value == 3


def test_inside_deep_link_restores_layer_and_head():
    at = open_page("pages/inside.py", query={"inside_view": "Attention", "inside_layer": "2", "inside_head": "4"})
    assert (at.slider(key="inside_layer").value, at.slider(key="inside_head").value) == (2, 4)
    assert not exceptions(at)


def test_inside_empty_text_in_a_part_says_so_and_the_link_follows():
    at = open_page("pages/inside.py")
    at.segmented_control(key="inside_view").set_value("Pooling").run()
    at.text_area(key="inside_pool_text").input("   ").run()
    assert not exceptions(at)
    assert any("The text is empty" in e.value for e in at.error)
    assert "inside_pool_text=" in _link(at)  # the part ended without stopping the run: the link was redrawn


def test_inside_cloud_word_redraws_the_cloud():
    at = open_page("pages/inside.py")
    at.segmented_control(key="inside_view").set_value("Contextual vs static").run()
    at.selectbox(key="inside_cloud_word").set_value("plant").run()
    assert not exceptions(at) and not at.title
    assert "plant" in json.dumps(_charts(at)[0]["layout"])
    assert at.session_state["inside_word"] == "bank"  # the context view's inputs are kept


def test_embed_barcode_order_reruns_the_tabs_and_keeps_the_texts():
    at = open_page("pages/embed.py")
    at.text_area(key="embed_texts").input("king\nqueen\nbanana").run()
    before = [c for c in _charts(at) if c["data"][0]["type"] == "heatmap"][0]["data"][0]["x"]
    at.selectbox(key="embed_order").set_value("variance").run()
    assert not exceptions(at) and not at.title and not at.metric  # the metrics above the tabs were not redrawn
    after = [c for c in _charts(at) if c["data"][0]["type"] == "heatmap"][0]["data"][0]["x"]
    assert sorted(map(str, after)) == sorted(map(str, before)) and after != before
    assert "embed_order=variance" in _link(at)
    at.run()
    assert at.text_area(key="embed_texts").value == "king\nqueen\nbanana"
    assert at.selectbox(key="embed_order").value == "variance"


def test_analogies_expression_reruns_the_tabs_and_keeps_the_words():
    at = open_page("pages/analogies.py")
    at.text_input(key="analogies_expr").input("berlin - germany + japan").run()
    assert not exceptions(at) and not at.title
    words = [df.value["word"].tolist() for df in at.dataframe if "word" in df.value.columns]
    assert any("tokyo" in w for w in words[-2:])
    assert "analogies_expr=berlin" in _link(at)
    at.text_input(key="analogies_expr").input("paris + (").run()  # a typo: one message, no stop
    assert not exceptions(at) and len(at.error) == 1
    at.run()
    assert at.text_input(key="analogies_a").value == "man" and at.text_input(key="analogies_b").value == "king"


def test_presenter_scene_opens_embed_on_its_tab_and_its_part_still_reruns():
    at = open_page(query={"present": "1"})
    at.button(key="present_next").click().run()  # scene 1: Embed, the barcode tab, columns by variance
    assert not exceptions(at)
    assert at.session_state["embed_tab"] == "Barcode heatmap"
    assert at.selectbox(key="embed_order").value == "variance"
    at.selectbox(key="embed_order").set_value("index").run()  # presenter mode draws no link popover
    assert not exceptions(at) and at.query_params.get("embed_order") is None
