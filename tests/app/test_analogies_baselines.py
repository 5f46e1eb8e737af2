"""The Analogies page's baselines tab in AppTest: baselines beside b − a + c, 3CosAvg, accuracy per relation."""

from __future__ import annotations

import re

import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page
from ui.analogies import PRESETS
from ui.baselines import RELATIONS, TABLE_VOCAB

BASE = "nearest to c alone"


@pytest.fixture
def at():
    """A fresh session on the Analogies page for every test (the models are cached by the process)."""
    return open_page("pages/analogies.py")


def _baseline_tables(at):
    return [d.value for d in at.dataframe if BASE in d.value.columns]


def _avg_tables(at):
    # the 3CosAvg tables come right after the baselines' two tables
    frames = [d.value for d in at.dataframe]
    first = next(i for i, f in enumerate(frames) if BASE in f.columns)
    return frames[first + 2 : first + 4]


def test_baselines_beside_the_offset_match_the_core(at, glove):
    assert not exceptions(at) and not errors(at)
    glove_table, minilm_table = _baseline_tables(at)
    core = ec.analogy_baselines(glove, "man", "king", "woman", topn=10)
    assert list(glove_table["b − a + c"]) == [n.text + (" ✓" if n.text == "queen" else "") for n in core["3cosadd"]]
    assert list(glove_table[BASE]) == [n.text for n in core["nearest_c"]]
    assert glove_table["b − a + c, inputs allowed"].iloc[0] == "king"
    assert minilm_table["b − a + c, inputs allowed"].iloc[0] == "king"


def test_3cosavg_uses_the_relation_pairs_without_c(at, glove):
    label = next(k for k, v in PRESETS.items() if v[:3] == ("france", "paris", "italy"))
    at.selectbox(key="analogies_preset").select(label).run()
    assert not exceptions(at) and not errors(at)
    glove_avg, minilm_avg = _avg_tables(at)
    pairs = [p for p in RELATIONS["capital"] if "italy" not in p][:5]
    core = ec.analogy_3cosavg(glove, pairs, "italy", topn=10)
    assert list(glove_avg["word"].str.removesuffix(" ✓")) == [n.text for n in core]
    assert len(minilm_avg) == 10
    caption = next(c.value for c in at.caption if c.value.startswith("Averaged pairs"))
    assert "italy" not in caption.split(";")[0] and caption.count("→") == 5
    at.select_slider(key="analogies_pairs").set_value(2).run()
    caption = next(c.value for c in at.caption if c.value.startswith("Averaged pairs"))
    assert caption.count("→") == 2
    at.selectbox(key="analogies_relation").select("plural").run()
    caption = next(c.value for c in at.caption if c.value.startswith("Averaged pairs"))
    assert caption.startswith("Averaged pairs: " + " → ".join(RELATIONS["plural"][0]))


def test_accuracy_table_and_sentence_come_from_the_methods(at, glove):
    charts = len(at.get("plotly_chart"))
    at.toggle(key="analogies_score_all").set_value(True).run()
    assert not exceptions(at) and not errors(at)
    assert len(at.get("plotly_chart")) == charts + 1
    table = ec.relation_accuracy(glove, RELATIONS, vocab_size=TABLE_VOCAB)
    add, base, base_acc = ec.offset_gain(table)
    sentence = next(m.value for m in at.markdown if m.value.startswith("**GloVe") and "built-in" in m.value)
    shares = re.findall(r"(\d+)%", sentence)
    assert shares[:2] == [f"{100 * add:.0f}", f"{100 * base_acc:.0f}"]
    assert f"adds {100 * (add - base_acc):.0f} points" in sentence
    assert any(m.value.startswith("**MiniLM") and "built-in" in m.value for m in at.markdown)
    shown = [d.value for d in at.dataframe if "questions" in d.value.columns]
    assert len(shown) == 2 and list(shown[0]["relation"]) == [*RELATIONS, "all"]


def test_unknown_word_in_c_is_a_message_not_a_crash(at):
    at.text_input(key="analogies_c").input("womann").run()
    assert not exceptions(at)
    assert any("womann" in e for e in errors(at))
    assert len(_baseline_tables(at)) == 1  # MiniLM embeds any text, so its baselines still show


def test_a_bad_relation_in_a_link_falls_back_to_the_default():
    at = open_page("pages/analogies.py", query={"analogies_relation": "nonsense", "analogies_pairs": "40"})
    assert not exceptions(at)
    assert at.selectbox(key="analogies_relation").value == next(iter(RELATIONS))
    assert at.select_slider(key="analogies_pairs").value == 5
