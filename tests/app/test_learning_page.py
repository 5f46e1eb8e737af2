"""The 'How embeddings are learned' page: word2vec live, training pairs, contrastive training, bad input."""

from __future__ import annotations

import pytest

from tests.app.helpers import errors, exceptions, open_page

PAGE = "pages/learning.py"


def test_word2vec_on_the_apps_corpus():
    at = open_page(PAGE)
    assert not exceptions(at) and not errors(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Words in the corpus"] == "4,174"
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the map (with its frames) and the loss
    assert '"frames"' in charts[0].proto.spec
    table = at.dataframe[0].value
    assert table.columns.tolist()[0] == "start" and len(table) == 5
    last = table.iloc[:, -1].str.split(" ").str[0].tolist()
    assert set(last) <= {"queen", "prince", "princess", "emperor", "empress", "duke", "duchess"}  # of 'king'
    assert any("Different numbers, the same shape" in c.value for c in at.caption)


def test_options_new_seed_and_other_corpora():
    at = open_page(PAGE)
    at.segmented_control(key="learning_sg").set_value(0).run()
    at.slider(key="learning_epochs").set_value(10).run()
    assert not exceptions(at) and not errors(at)
    at.button(key="learning_new_seed").click().run()
    assert at.slider(key="learning_seed").value == 1
    at.selectbox(key="learning_corpus").select("job_listings").run()
    assert not exceptions(at) and not errors(at)
    assert at.text_input(key="learning_words_job_listings").value.startswith("nurse")


def test_unknown_words_and_one_word():
    at = open_page(PAGE)
    at.text_input(key="learning_words_app").input("king, zzyzx").run()
    assert not exceptions(at)
    assert any("zzyzx" in w.value for w in at.warning)
    assert any("at least two words" in i.value for i in at.info)
    at.text_input(key="learning_word_app").input("qqq").run()
    assert any("qqq" in e for e in errors(at))


def test_training_pairs_follow_the_window():
    at = open_page(PAGE)
    at.text_input(key="learning_sentence").input("the king wore a crown").run()
    assert not exceptions(at) and not errors(at)
    pairs = [d.value for d in at.dataframe if "centre word" in d.value.columns][0]
    assert len(pairs) == 3 + 4 + 4 + 4 + 3  # window 3 over 5 words
    at.slider(key="learning_window").set_value(1).run()
    pairs = [d.value for d in at.dataframe if "centre word" in d.value.columns][0]
    assert len(pairs) == 8
    at.text_input(key="learning_sentence").input("!!!").run()
    assert any("no words" in e for e in errors(at))


def test_a_link_out_of_range_gets_a_note_and_the_default():
    at = open_page(PAGE, query={"learning_epochs": "500"})
    assert not exceptions(at) and not errors(at)
    assert at.slider(key="learning_epochs").value == 30
    assert any("'learning_epochs' is not valid here" in w.value for w in at.warning)


@pytest.mark.slow
def test_contrastive_training_runs_on_click():
    at = open_page(PAGE)
    at.slider(key="learning_steps").set_value(1).run()
    at.button(key="learning_train").click().run()
    assert not exceptions(at) and not errors(at)
    assert any("copy is deleted" in c.value for c in at.caption)


def test_presenter_mode():
    at = open_page(PAGE, query={"present": "1"})
    assert not exceptions(at) and not errors(at)
    assert at.toggle(key="present").value
    assert len(at.get("plotly_chart")) == 2
