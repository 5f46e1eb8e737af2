import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page

PAGE = "pages/inside.py"


def _view(at, name):
    at.segmented_control(key="inside_view").set_value(name).run()
    assert not exceptions(at), exceptions(at)
    return at


def test_tokens_view_shows_pieces_and_glove_words():
    at = open_page(PAGE)
    at.text_area(key="inside_tokens_text").input("Embeddings of the kingg").run()
    assert not exceptions(at) and not errors(at)
    pieces, words = at.dataframe[0].value, at.dataframe[1].value
    assert pieces["token"].tolist()[:5] == ["[CLS]", "em", "##bed", "##ding", "##s"]
    assert words["in vocabulary"].tolist() == [True, True, True, False]
    assert any("kingg" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 2


def test_tokens_view_notes_truncation():
    at = open_page(PAGE)
    at.text_area(key="inside_tokens_text").input("word " * 400).run()
    assert not exceptions(at)
    assert any("reads only the first 256" in w.value and "146 pieces" in w.value for w in at.warning)


@pytest.mark.parametrize("raw", ["", "  \u200b "])
def test_empty_text_asks_for_text(raw):
    at = open_page(PAGE)
    at.text_area(key="inside_tokens_text").input(raw).run()
    assert not exceptions(at)
    assert "Type a word or a sentence" in errors(at)[0]


def test_contextual_view_separates_meanings_and_glove_is_static():
    at = _view(open_page(PAGE), "Contextual vs static")
    assert not errors(at)
    same, different = (float(m.value) for m in at.metric[:2])
    assert same > different
    assert len(at.get("plotly_chart")) == 4  # heatmap, map, GloVe barcode, the twenty-sentence cloud
    assert any("identical in all 6 sentences" in c.value for c in at.caption)


@pytest.mark.parametrize("name", list(ec.CONTEXT_PRESETS))
def test_picking_a_contextual_preset_fills_the_boxes_and_separates_its_meanings(name):
    preset = ec.CONTEXT_PRESETS[name]
    at = _view(open_page(PAGE), "Contextual vs static")
    if at.selectbox(key="inside_preset").value == name:  # picking the shown preset would change nothing
        at.selectbox(key="inside_preset").select(next(n for n in ec.CONTEXT_PRESETS if n != name)).run()
    at.selectbox(key="inside_preset").select(name).run()
    assert not exceptions(at) and not errors(at)
    assert at.text_input(key="inside_word").value == preset.word
    assert at.text_area(key="inside_sentences").value == "\n".join(s for _, s in preset.sentences)
    assert at.text_input(key="inside_others").value == ", ".join(preset.other_words)
    assert at.dataframe[0].value["meaning"].tolist() == [sense for sense, _ in preset.sentences]
    same, different = (float(m.value) for m in at.metric[:2])
    assert same > different
    assert any(f"identical in all {len(preset.sentences)} sentences" in c.value for c in at.caption)


def test_contextual_sentence_without_the_word_is_a_message():
    at = _view(open_page(PAGE), "Contextual vs static")
    at.text_area(key="inside_sentences").input("The river bank.\nThe money is gone.").run()
    assert not exceptions(at)
    assert any("Sentence 2: 'bank' does not appear" in e for e in errors(at))
    assert at.text_area(key="inside_sentences").value == "The river bank.\nThe money is gone."


def test_contextual_unknown_glove_word_only_stops_the_glove_part():
    at = _view(open_page(PAGE), "Contextual vs static")
    at.text_input(key="inside_word").input("bankk").run()
    at.text_area(key="inside_sentences").input("The bankk here.\nA bankk there.").run()
    assert not exceptions(at)
    assert any("not in the model's vocabulary" in e for e in errors(at))
    assert len(at.get("plotly_chart")) == 2  # MiniLM still works on any word (this view's part reran alone)
    at.run()
    assert len(at.get("plotly_chart")) == 3  # the whole page: the cloud below too


def test_twenty_sentences_make_a_cloud_beside_glove_s_one_point_and_own_sentences_join_it():
    at = _view(open_page(PAGE), "Contextual vs static")
    cloud = ec.CONTEXT_CLOUDS["bank"]
    senses = [s for s, _ in cloud.sentences]
    occ = ec.compare_occurrences(ec.load_model("minilm"), [s for _, s in cloud.sentences], "bank")
    right = sum(g == s for g, s in zip(occ.nearest_group(senses), senses, strict=True))
    assert any(f"gets {right} of 20 sentences right" in c.value for c in at.caption)
    spec = at.get("plotly_chart")[-1].proto.spec
    assert "all 20 sentences: one point" in spec and "GloVe: one vector" in spec
    at.selectbox(key="inside_cloud_word").select("mouse").run()
    at.text_area(key="inside_cloud_extra").input("I clicked the mouse to open the menu.").run()
    assert not exceptions(at) and not errors(at)
    assert any("closest to the 'computer' sentences" in i.value for i in at.info)
    assert any("of 20 sentences right" in c.value and "all 21" in c.value for c in at.caption)
    at.text_area(key="inside_cloud_extra").input("A sentence about something else.").run()
    assert any("Sentence 21: 'mouse' does not appear" in e for e in errors(at))


@pytest.mark.parametrize("model", ["minilm", "glove-50d"])
def test_pooling_view_matches_embed(model):
    at = _view(open_page(PAGE, model=model), "Pooling")
    assert not errors(at)
    assert float(at.metric[2].value) <= 1e-5
    assert any("Same vector" in s.value for s in at.success)


def test_attention_view_and_sliders():
    at = _view(open_page(PAGE), "Attention")
    at.slider(key="inside_layer").set_value(6).run()
    at.slider(key="inside_head").set_value(12).run()
    assert not exceptions(at) and not errors(at)
    assert len(at.get("plotly_chart")) == 1
    assert "add up to 1" in at.info[0].value


def test_attention_with_glove_selected_uses_minilm():
    at = _view(open_page(PAGE, model="glove-50d"), "Attention")
    assert not errors(at)
    assert any("transformer parts use" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 1


def test_view_and_inputs_survive_a_page_switch():
    at = _view(open_page(PAGE), "Pooling")
    at.text_area(key="inside_pool_text").input("Dogs bark.").run()  # reruns the Pooling part alone
    # AppTest's tree now holds only that part, so a next run would not send the other widgets' values
    # as a browser (which keeps the whole page) does: draw the whole page first.
    at.run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.segmented_control(key="inside_view").value == "Pooling"
    assert at.text_area(key="inside_pool_text").value == "Dogs bark."


@pytest.mark.parametrize(
    ("word", "sentences", "message"),
    [("", "the bank\na bank", "The target word is empty"), ("bank", "the bank\nthe bank", "at least two sentences")],
)
def test_contextual_input_problems_show_one_message(word, sentences, message):
    at = _view(open_page(PAGE), "Contextual vs static")
    at.text_input(key="inside_word").input(word).run()
    at.text_area(key="inside_sentences").input(sentences).run()
    assert not exceptions(at)
    assert len(errors(at)) == 1 and message in errors(at)[0]
