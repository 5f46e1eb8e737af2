"""The word game: seeded secrets, cosines and ranks as `nearest` ranks them, hints, giving up."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec


@pytest.fixture(params=["glove", "minilm"])
def model(request):
    return request.getfixturevalue(request.param)


def test_same_seed_same_secret_and_seeds_spread_over_the_list(model):
    assert ec.WordGame(model, random_state=42).secret == ec.WordGame(model, random_state=42).secret
    secrets = {ec.WordGame(model, random_state=s).secret for s in range(40)}
    assert len(secrets) > 20 and secrets <= set(ec.game_secrets())


def test_every_secret_is_a_candidate_word_of_both_models(glove, minilm):
    for m in (glove, minilm):
        vocab = ec.vocabulary(m, 20_000)
        assert all(vocab.position(w) is not None for w in ec.game_secrets())


def test_rank_is_the_position_in_nearest_and_cosine_is_the_cosine(model):
    game = ec.WordGame(model, secret="river", vocab_size=20_000)
    reference = ec.nearest(model, "river", topn=ec.NEAREST_RANKED, vocab_size=20_000)
    assert [n.text for n in game.nearest] == [n.text for n in reference]
    for i in (0, 4, 99, 999):
        word = reference[i].text
        guess = game.guess(word)
        assert guess.rank == i + 1
        assert guess.cosine == pytest.approx(reference[i].score, abs=1e-5)
    v = model.embed(["river", "music"])
    far = game.guess("music")
    assert far.cosine == pytest.approx(float(ec.similarity_matrix(v)[0, 1]), abs=1e-4)
    ranks = {n.text: i + 1 for i, n in enumerate(reference)}
    assert far.rank == ranks.get("music")


def test_the_secret_itself_wins_and_repeats_are_not_counted_twice(glove):
    game = ec.WordGame(glove, secret="coffee")
    assert not game.found
    game.guess("tea")
    game.guess(" Tea ")
    assert [g.word for g in game.guesses] == ["tea"]
    won = game.guess("coffee")
    assert won.rank == 0 and won.cosine == 1.0 and won.found and game.found
    assert game.sorted_guesses()[0].word == "coffee"


def test_hints_move_closer_and_end_at_the_nearest_word(glove):
    game = ec.WordGame(glove, secret="horse")
    ranks = [game.hint().rank for _ in range(12)]
    assert ranks[0] == ec.NEAREST_RANKED // 2
    assert all(b < a for a, b in zip(ranks, ranks[1:], strict=False) if a > 1)
    assert ranks[-1] == 1 and all(g.hint for g in game.guesses)
    assert len({g.word for g in game.guesses}) == len(game.guesses)


def test_give_up_lists_the_nearest_words(minilm):
    game = ec.WordGame(minilm, random_state=3)
    words = game.give_up(topn=5)
    assert game.given_up and len(words) == 5
    scores = [n.score for n in words]
    assert scores == sorted(scores, reverse=True) and game.secret not in [n.text for n in words]


def test_minilm_scores_a_word_outside_its_list_without_a_rank(minilm):
    game = ec.WordGame(minilm, secret="ocean")
    guess = game.guess("oceanographyish")
    assert guess.rank is None and -1 <= guess.cosine <= 1
    expected = ec.similarity_matrix(np.vstack([minilm.embed(["oceanographyish"]), minilm.embed(["ocean"])]))[0, 1]
    assert guess.cosine == pytest.approx(float(expected), abs=1e-4)


def test_bad_inputs_are_refused_with_a_clear_message(glove):
    with pytest.raises(ec.InvalidParameterError, match=r"`random_state` must be a whole number between 0 and 9999"):
        ec.WordGame(glove, random_state=-1)
    with pytest.raises(ec.InvalidParameterError, match=r"`vocab_size` must be .* Got 10"):
        ec.WordGame(glove, vocab_size=10)
    with pytest.raises(ec.InvalidParameterError, match=r"`secret` must be one of the 20,000 candidate words"):
        ec.WordGame(glove, secret="qwzx")
    game = ec.WordGame(glove, secret="king")
    with pytest.raises(ec.EmptyInputError, match="`word` is empty"):
        game.guess("   ")
    with pytest.raises(ec.InvalidParameterError, match="`word` must be one word"):
        game.guess("two words")
    with pytest.raises(ec.UnknownWordError, match="qwzxv"):
        game.guess("qwzxv")
    assert game.guesses == []
