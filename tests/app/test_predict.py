"""Predict, then reveal (ui/predict.py) on the Similarity and Analogies pages: guess, answer, why, score."""

from __future__ import annotations

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page

SIM = "pages/similarity.py"


def _pairs(label: str) -> list[tuple[str, str]]:
    return next([tuple(p) for p in q["pairs"]] for q in ec.lesson("similarity")["predict"] if q["label"] == label)


def _closest(pairs, model: str = "minilm") -> str:
    x = ec.load_model(model).embed([t for p in pairs for t in p])
    sims = ec.similarity_matrix(x)
    i = max(range(len(pairs)), key=lambda i: sims[2 * i, 2 * i + 1])
    return f"“{pairs[i][0]}” and “{pairs[i][1]}”"


def test_similarity_hides_the_answer_until_the_guess_then_marks_both():
    at = open_page(SIM)
    guess = at.radio(key="similarity_predict_guess")
    assert guess.value is None and not at.success and not errors(at)
    assert all("option" not in d.value.columns for d in at.dataframe)  # no result table yet
    assert any("The answer shows after your guess." in c.value for c in at.caption)
    answer = _closest(_pairs("Negation"))
    wrong = next(o for o in guess.options if o != answer)
    guess.set_value(wrong).run()
    assert not exceptions(at) and f"You guessed {wrong}; the answer is {answer}." in errors(at)
    table = at.dataframe[-1].value
    marks = dict(zip(table["option"], table[""], strict=True))
    assert marks[answer] == "answer" and marks[wrong] == "your guess"
    assert any(c.value.startswith("Why: with MiniLM") for c in at.caption)
    assert any("Your guesses this session: 0 of 1 right." == c.value for c in at.caption)


def test_a_new_question_resets_the_guess_and_the_score_counts_once_each():
    at = open_page(SIM)
    at.radio(key="similarity_predict_guess").set_value(_closest(_pairs("Negation"))).run()
    at.radio(key="similarity_predict_guess").set_value(_closest(_pairs("Negation"))).run()  # the same again
    assert any("1 of 1 right" in c.value for c in at.caption)
    at.segmented_control(key="similarity_predict_set").set_value("Cats").run()
    assert at.radio(key="similarity_predict_guess").value is None
    assert any("The answer shows after your guess." in c.value for c in at.caption)
    at.radio(key="similarity_predict_guess").set_value(_closest(_pairs("Cats"))).run()
    assert any("2 of 2 right" in c.value for c in at.caption)


def test_presenter_mode_waits_for_reveal():
    at = open_page(SIM, query={"present": "1"})
    assert at.button(key="similarity_predict_reveal").label == "Reveal"
    at.radio(key="similarity_predict_guess").set_value(_closest(_pairs("Negation"))).run()
    assert any("The answer shows on Reveal." in c.value for c in at.caption) and not at.success
    at.button(key="similarity_predict_reveal").click().run()
    assert not exceptions(at) and at.success[0].value.startswith("Right:")


def test_analogies_predict_first_holds_back_the_answers_until_the_guess():
    at = open_page("pages/analogies.py")
    at.toggle(key="analogies_predict").set_value(True).run()
    assert not exceptions(at) and not at.metric  # no answers yet
    guess = at.radio(key="analogies_predict_guess")
    top = ec.analogy(ec.load_model("glove-50d"), "man", "king", "woman", topn=3)
    assert guess.options == sorted(n.text for n in top)
    guess.set_value(top[0].text).run()
    assert at.success[0].value == f"Right: {top[0].text}."
    assert [m.value for m in at.metric] == ["#1", "#1"]  # the answers show after the guess
    assert any(f"{top[0].score:.2f} for {top[0].text}" in c.value for c in at.caption)


def test_maps_predict_where_a_new_text_lands_by_picking_its_group():
    at = open_page("pages/projections.py")
    guess = at.radio(key="projection_predict_guess")
    assert guess.options == ["fruit", "animal", "vehicle", "feeling"]
    charts = len(at.get("plotly_chart"))
    assert at.text_input(key="projection_predict_text").value == ec.lesson_text("projections", "predict_text")
    guess.set_value("vehicle").run()
    assert not exceptions(at)
    assert "You guessed vehicle; the answer is animal." in errors(at)  # a puppy lands among the animals
    assert len(at.get("plotly_chart")) == charts + 1  # the map with the new text on it
    why = next(c.value for c in at.caption if c.value.startswith("Why:"))
    assert "distance on the map to the group's centre is" in why and why.index("animal") < why.index("vehicle")


def test_workshop_step_one_asks_before_the_page_opens():
    at = open_page("pages/workshop.py")
    guess = at.radio(key="workshop_predict_0_guess")
    assert guess.options == ["“cat” and “kitten”", "“cat” and “car”", "“kitten” and “car”"]
    guess.set_value("“cat” and “kitten”").run()
    assert not exceptions(at)
    assert at.success[0].value == "Right: “cat” and “kitten”."
    assert any(c.value.startswith("Why: with MiniLM") for c in at.caption)
