"""Analogies and nearest neighbours: agreement with gensim, known answers, invalid inputs."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import embedding_core as ec

TABLE = Path(__file__).with_name("analogies.csv")
QUESTIONS = list(csv.DictReader(TABLE.open(encoding="utf-8")))
N = 50_000


@pytest.fixture(scope="module")
def keyed_vectors(glove):
    """gensim KeyedVectors built from the very same GloVe matrix (the whole vocabulary)."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors(glove.dim)
    kv.add_vectors(glove.vocab, np.asarray(glove.raw, dtype=np.float32))
    return kv


@pytest.fixture(scope="module")
def keyed_vectors_50k(glove):
    """The first 50,000 words only: gensim 4.4's most_similar_cosmul ignores `restrict_vocab`."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors(glove.dim)
    kv.add_vectors(glove.vocab[:N], np.asarray(glove.raw[:N], dtype=np.float32))
    return kv


def _same(ours: list[ec.Neighbor], theirs: list[tuple[str, float]]) -> None:
    assert [n.text for n in ours] == [w for w, _ in theirs]
    assert np.allclose([n.score for n in ours], [s for _, s in theirs], atol=1e-5, rtol=0)


def test_the_table_has_over_a_hundred_analogies_of_five_kinds():
    assert len(QUESTIONS) >= 100
    assert {q["kind"] for q in QUESTIONS} == {"capital", "gender", "plural", "tense", "comparative"}


@pytest.mark.parametrize("vocab_size", [10_000, N])
def test_3cosadd_equals_gensim_most_similar(glove, keyed_vectors, vocab_size):
    for q in QUESTIONS:
        ours = ec.analogy(glove, q["a"], q["b"], q["c"], topn=10, vocab_size=vocab_size)
        theirs = keyed_vectors.most_similar(
            positive=[q["b"], q["c"]], negative=[q["a"]], topn=10, restrict_vocab=vocab_size
        )
        _same(ours, theirs)


def test_3cosmul_equals_gensim_most_similar_cosmul(glove, keyed_vectors_50k):
    for q in QUESTIONS:
        ours = ec.analogy(glove, q["a"], q["b"], q["c"], topn=10, method="3cosmul", vocab_size=N)
        theirs = keyed_vectors_50k.most_similar_cosmul(positive=[q["b"], q["c"]], negative=[q["a"]], topn=10)
        _same(ours, theirs)


@pytest.mark.parametrize("method", ec.ANALOGY_METHODS)
def test_batched_analogies_equal_one_at_a_time(glove, method):
    triples = [(q["a"], q["b"], q["c"]) for q in QUESTIONS]
    batched = ec.analogies(glove, triples, topn=5, method=method, vocab_size=30_000)
    for triple, answers in zip(triples, batched, strict=True):
        one = ec.analogy(glove, *triple, topn=5, method=method, vocab_size=30_000)
        assert [n.text for n in answers] == [n.text for n in one]
        assert np.allclose([n.score for n in answers], [n.score for n in one], atol=1e-6)


def test_nearest_equals_gensim_most_similar(glove, keyed_vectors):
    for word in ["king", "frog", "computer", "paris"]:
        _same(ec.nearest(glove, word, vocab_size=N), keyed_vectors.most_similar(word, topn=10, restrict_vocab=N))


def test_glove_gets_most_of_the_table_right(glove):
    answers = ec.analogies(glove, [(q["a"], q["b"], q["c"]) for q in QUESTIONS], topn=1)
    right = sum(a[0].text == q["expected"] for a, q in zip(answers, QUESTIONS, strict=True))
    assert right / len(QUESTIONS) > 0.5


@pytest.mark.parametrize("model_name", ["minilm", "glove"])
@pytest.mark.parametrize(
    ("a", "b", "c", "expected", "worst"),
    [("man", "king", "woman", "queen", 1), ("man", "uncle", "woman", "aunt", 4), ("he", "uncle", "she", "aunt", 1)],
)
def test_known_answers_on_both_models(request, model_name, a, b, c, expected, worst):
    """GloVe 50d puts daughter, niece and granddaughter before aunt for man:uncle::woman (rank 4)."""
    model = request.getfixturevalue(model_name)
    answers = [n.text for n in ec.analogy(model, a, b, c, topn=5)]
    assert expected in answers[:worst]
    assert ec.answer_rank(model, a, b, c, expected) == answers.index(expected) + 1


def test_with_inputs_included_b_itself_wins(glove):
    top = ec.analogy(glove, "man", "king", "woman", topn=3, exclude_inputs=False)
    assert top[0].text == "king"
    assert ec.answer_rank(glove, "man", "king", "woman", "king") is None
    assert ec.answer_rank(glove, "man", "king", "woman", "king", exclude_inputs=False) == 1


def test_rank_of_a_word_outside_the_candidates_is_none(glove):
    assert ec.answer_rank(glove, "man", "king", "woman", "stepdaughter", vocab_size=1_000) is None


def test_answers_are_sorted_unique_and_exclude_the_inputs(minilm):
    top = ec.analogy(minilm, "France", "Paris", "Italy", topn=10)
    scores = [n.score for n in top]
    assert scores == sorted(scores, reverse=True)
    assert len({n.text for n in top}) == 10
    assert not {"france", "paris", "italy"} & {n.text for n in top}


def test_nearest_accepts_a_vector(glove):
    v = glove.embed(["king"])[0]
    by_vector = ec.nearest(glove, v, topn=3)
    assert by_vector[0].text == "king" and by_vector[0].score == pytest.approx(1.0, abs=1e-5)
    assert [n.text for n in ec.nearest(glove, "king", topn=2)] == [n.text for n in by_vector[1:3]]


def test_unknown_words_are_all_listed_with_suggestions(glove):
    with pytest.raises(ec.UnknownWordError, match="did you mean 'king'") as info:
        ec.analogy(glove, "man", "kingg", "womann")
    assert info.value.words == ["kingg", "womann"]


def test_sentence_model_takes_any_word(minilm):
    assert len(ec.analogy(minilm, "man", "kingg", "woman", topn=2)) == 2


@pytest.mark.parametrize("bad", ["", "   ", "\u200b"])
def test_empty_input_is_refused(glove, bad):
    with pytest.raises(ec.EmptyInputError, match="`b` is empty"):
        ec.analogy(glove, "man", bad, "woman")


def test_bad_method_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="`method` must be one of '3cosadd', '3cosmul'"):
        ec.analogy(glove, "man", "king", "woman", method="cosine")  # type: ignore[arg-type]


@pytest.mark.parametrize("topn", [0, -1, 2.5, True])
def test_bad_topn_is_refused(glove, topn):
    with pytest.raises(ec.InvalidParameterError, match="`topn` must be a whole number"):
        ec.analogy(glove, "man", "king", "woman", topn=topn)


@pytest.mark.parametrize("size", [0, -5, 1.5, 400_001])
def test_bad_vocab_size_is_refused(glove, size):
    with pytest.raises(ec.InvalidParameterError, match="`vocab_size` must be"):
        ec.analogy(glove, "man", "king", "woman", vocab_size=size)


def test_bad_question_shape_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="three words"):
        ec.analogies(glove, [("man", "king")])  # type: ignore[list-item]


def test_non_string_word_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="`a` must be a word"):
        ec.analogy(glove, 3, "king", "woman")  # type: ignore[arg-type]


@pytest.mark.parametrize("vector", [np.zeros(50), np.ones(49), np.full(50, np.nan)])
def test_bad_query_vector_is_refused(glove, vector):
    with pytest.raises(ec.InvalidParameterError, match="`query` must be a finite, non-zero vector of length 50"):
        ec.nearest(glove, vector)
