"""The Analogies page in AppTest: presets, both models, the exclude toggle, unknown words, the explorer."""

from __future__ import annotations

import pytest

from tests.app.helpers import errors, exceptions, open_page
from ui.analogies import KEYS, PRESETS


@pytest.fixture
def at():
    """A fresh session on the Analogies page for every test (the models are cached by the process)."""
    return open_page("pages/analogies.py")


def _tables(at):
    return [d.value for d in at.dataframe]


def test_default_question_answers_queen_on_both_models(at):
    assert not exceptions(at) and not errors(at)
    assert [m.value for m in at.metric] == ["#1", "#1"]
    glove, minilm, *rest = _tables(at)
    assert glove["word"].iloc[0] == "queen ✓" and minilm["word"].iloc[0] == "queen ✓"
    explorer = [t for t in rest if list(t.columns) == ["rank", "word", "score"]]
    assert len(explorer) == 4  # 3CosAvg and the nearest-neighbour explorer, one table per model each
    assert len(at.get("plotly_chart")) == 2  # one parallelogram per model
    assert any("itself ranks #1" in i.value for i in at.info)


def test_every_preset_fills_the_inputs_and_the_answer_shows_its_rank(at):
    for label, (a, b, c, expected) in PRESETS.items():
        at.selectbox(key="analogies_preset").select(label).run()
        assert not exceptions(at) and not errors(at), label
        assert [at.text_input(key=k).value for k in KEYS] == [a, b, c, expected], label
        assert [m.label for m in at.metric] == [f"Rank of “{expected}”"] * 2, label
        for metric, table in zip(at.metric, _tables(at)[:2], strict=True):  # GloVe, then MiniLM
            rank = int(metric.value.removeprefix("#").replace(",", ""))
            words = list(table["word"])
            if rank <= len(words):  # the expected word is listed at its rank, ticked
                assert words[rank - 1] == f"{expected} ✓", label
            else:
                assert f"{expected} ✓" not in words, label
            if label.endswith("— fails"):  # the failing examples really fail
                assert rank > 1 and words[0] != f"{expected} ✓", label


def test_including_the_inputs_lets_b_win(at):
    at.toggle(key="analogies_exclude").set_value(False).run()
    assert not exceptions(at)
    glove, minilm, *_ = _tables(at)
    assert glove["word"].iloc[0] == "king" and minilm["word"].iloc[0] == "king"


def test_unknown_word_is_shown_inline_with_one_click_fixes(at):
    at.text_input(key="analogies_b").input("kingg").run()
    assert not exceptions(at)
    assert "'kingg' (did you mean 'king'" in errors(at)[0]
    assert at.text_input(key="analogies_b").value == "kingg"
    assert len(_tables(at)) >= 1  # MiniLM still answers: it can embed any text
    fix = next(b for b in at.button if b.label == "Use “king” for “kingg”")
    fix.click().run()
    assert at.text_input(key="analogies_b").value == "king"
    assert not errors(at)


def test_expected_word_that_cannot_be_an_answer_says_why(at):
    at.text_input(key="analogies_expected").input("king").run()
    assert [m.value for m in at.metric] == ["–", "–"]
    assert all("one of the input words" in m.help for m in at.metric)


def test_missing_word_asks_for_three_words(at):
    at.text_input(key="analogies_c").input("   ").run()
    assert not exceptions(at)
    assert any("Type the three words" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("king - * man", "got '*' at character 8"),
        ("king + 2", "Cannot add a number and a word"),
        ("", "The expression is empty"),
        ("<script>alert(1)</script>", "The character '<' cannot be used"),
    ],
)
def test_explorer_errors_point_at_the_token(at, expression, message):
    at.text_input(key="analogies_expr").input(expression).run()
    assert not exceptions(at)
    assert sum(message in e for e in errors(at)) == (2 if "number and a word" in message else 1)
    assert at.text_input(key="analogies_expr").value == expression


def test_explorer_unknown_word_on_glove_only(at):
    at.text_input(key="analogies_expr").input("paris - france + itlay").run()
    assert not exceptions(at)
    assert ["did you mean 'italy'" in e for e in errors(at)] == [True]
    at.text_input(key="analogies_expr").input("paris - france + 0.5*italy").run()
    assert not errors(at) and len(_tables(at)) == 6  # the tabs' part alone: baselines, 3CosAvg, explorer
    at.run()
    assert not errors(at) and len(_tables(at)) == 8  # the whole page: the answers too


def test_deep_link_opens_the_same_question():
    at = open_page(
        "pages/analogies.py",
        query={"analogies_a": "france", "analogies_b": "paris", "analogies_c": "italy", "analogies_expected": "rome"},
    )
    assert not exceptions(at) and not errors(at)
    assert at.text_input(key="analogies_c").value == "italy"
    assert [m.label for m in at.metric] == ["Rank of “rome”"] * 2
    assert at.dataframe[0].value["word"].iloc[0] == "rome ✓"


def test_a_non_word_on_minilm_gets_a_note(at):
    at.text_input(key="analogies_a").input("kng").run()
    assert not exceptions(at)
    notes = [w.value for w in at.warning]
    assert any("“kng” as kn ##g" in n for n in notes), notes
    at.text_input(key="analogies_a").input("man").run()
    assert not any("does not know" in w.value for w in at.warning)


def test_candidate_words_say_how_many_minilm_searches(at):
    import embedding_core as ec

    box = at.selectbox(key="analogies_vocab")
    assert box.value == 50_000
    assert f"50,000 (MiniLM: {ec.VOCAB_WORDS:,})" in box.options and "10,000" in box.options


def test_exclude_toggle_help_matches_what_the_models_do(at):
    help_text = at.toggle(key="analogies_exclude").help
    assert "an input word, often b itself" in help_text and "b itself usually wins" not in help_text
