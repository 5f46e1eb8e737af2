"""The Word game page in AppTest: a seeded secret, guesses with cosine and rank, hints, giving up, links."""

from __future__ import annotations

import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page
from ui.game import VOCAB_SIZE


@pytest.fixture
def at():
    """A fresh session on the Word game page for every test."""
    return open_page("pages/game.py")


def _game(at, model: str = "glove-50d", seed: int = 1) -> ec.WordGame:
    return ec.WordGame(ec.load_model(model), random_state=seed, vocab_size=VOCAB_SIZE)


def _guess(at, word: str) -> None:
    at.text_input(key="game_guess").input(word)
    at.button(key="FormSubmitter:game_form-Guess").click().run()
    assert not exceptions(at)


def test_a_guess_shows_its_cosine_and_rank_as_the_core_computes_them(at):
    assert not exceptions(at) and not errors(at)
    assert len(at.get("plotly_chart")) == 1
    reference = _game(at)
    near = reference.nearest[7].text
    _guess(at, near)
    expected = reference.guess(near)
    metric = at.metric[0]
    assert metric.value == f"cosine {expected.cosine:.3f}" and metric.delta == "#8"
    table = at.dataframe[0].value
    assert list(table["word"]) == [near] and list(table["rank"]) == ["#8"]
    assert at.text_input(key="game_guess").value == ""  # the box is cleared for the next guess


def test_finding_the_secret_and_unknown_words(at):
    _guess(at, "qwzxv")
    assert "'qwzxv'" in errors(at)[0]
    _guess(at, _game(at).secret)
    assert any("Found!" in s.value for s in at.success)
    assert at.dataframe[0].value["rank"].iloc[0] == "found!"
    assert [c for c in at.dataframe[-1].value["word"]] == [n.text for n in _game(at).nearest[:10]]


def test_hint_then_give_up_reveals_the_secret_and_its_neighbours(at):
    at.button(key="game_hint_button").click().run()
    reference = _game(at)
    word = reference.nearest[ec.NEAREST_RANKED // 2 - 1].text
    assert any(f"“{word}” is #500" in i.value for i in at.info)
    at.button(key="game_give_up_button").click().run()
    assert not exceptions(at)
    assert any(reference.secret in w.value for w in at.warning)
    assert at.button(key="game_hint_button").disabled and at.button(key="game_give_up_button").disabled
    assert list(at.dataframe[-1].value["word"]) == [n.text for n in reference.nearest[:10]]
    close = ec.opposites_closeness(reference.model, ("hot", "cold"), ("a hot day", "a cold day", "a hot meal"))
    closing = next(c.value for c in at.caption if "Opposites are close" in c.value)
    assert f"“cold” comes #{close.guess.rank} of the 20,000 words" in closing
    assert f"(cosine {close.guess.cosine:.2f})" in closing and f"cosine {close.same_topic:.2f}" in closing
    assert "GloVe learned from which words occur near which" in closing


def test_the_texts_tell_the_chosen_models_story(at):
    assert "counts of which words occur near which" in at.caption[0].value
    at.selectbox(key="game_model").select("minilm").run()
    assert not exceptions(at)
    intro = at.caption[0].value
    assert "pairs of texts that belong together" in intro and "occur near" not in intro
    at.button(key="game_give_up_button").click().run()
    closing = next(c.value for c in at.caption if "Opposites are close" in c.value)
    assert "on MiniLM" in closing and "MiniLM learned which texts belong together" in closing


def test_the_seed_and_model_in_a_link_open_the_same_secret():
    at = open_page("pages/game.py", query={"game_seed": "42", "game_model": "minilm"})
    assert at.number_input(key="game_seed").value == 42
    secret = _game(at, "minilm", 42).secret
    _guess(at, secret)
    assert any("Found!" in s.value for s in at.success)
    assert at.query_params["game_seed"] in ("42", ["42"])  # the link keeps the seed


def test_new_secret_word_draws_a_new_seed_and_a_new_game(at):
    _guess(at, "water")
    at.button(key="game_new").click().run()
    seed = at.number_input(key="game_seed").value
    assert not exceptions(at) and 0 <= seed <= 9_999
    assert any(f"Seed **{seed}**" in c.value for c in at.caption)
    if seed != 1:
        assert not at.dataframe  # a new seed starts a new game
