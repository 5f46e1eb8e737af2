"""Arithmetic expressions: the grammar, the values, and errors that point at the bad token."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec


def test_king_minus_man_plus_woman_is_the_3cosadd_analogy(glove):
    result = ec.arithmetic(glove, "king - man + woman", topn=5)
    assert result.words == ["king", "man", "woman"]
    assert [n.text for n in result.neighbors] == [n.text for n in ec.analogy(glove, "man", "king", "woman", topn=5)]
    assert np.allclose(
        [n.score for n in result.neighbors],
        [n.score for n in ec.analogy(glove, "man", "king", "woman", topn=5)],
        atol=1e-5,
    )


def test_value_follows_the_usual_precedence(glove):
    u = {w: glove.embed([w])[0] for w in ["paris", "france", "italy"]}
    result = ec.arithmetic(glove, "paris - france + 0.5*italy")
    assert np.allclose(result.vector, u["paris"] - u["france"] + 0.5 * u["italy"], atol=1e-6)
    grouped = ec.arithmetic(glove, "-(france - paris) + italy/2")
    assert np.allclose(grouped.vector, result.vector, atol=1e-6)
    assert np.allclose(ec.arithmetic(glove, "2 * 3 * paris").vector, 6 * u["paris"], atol=1e-5)


def test_unicode_minus_and_times_are_read(glove):
    a = ec.arithmetic(glove, "king − man + 0.5×woman").vector
    b = ec.arithmetic(glove, "king - man + 0.5*woman").vector
    assert np.allclose(a, b)


def test_quoted_phrases_and_hyphenated_words(glove, minilm):
    phrase = ec.arithmetic(glove, '"new york" - "united states"', topn=3)
    assert phrase.words == ["new york", "united states"]
    assert ec.arithmetic(glove, "'e-mail'", topn=3).words == ["e-mail"]
    assert len(ec.arithmetic(minilm, '"a royal woman" - king', topn=3).neighbors) == 3


def test_inputs_can_be_kept_in_the_answers(glove):
    assert ec.arithmetic(glove, "king", topn=1, exclude_inputs=False).neighbors[0].text == "king"
    assert ec.arithmetic(glove, "king", topn=1).neighbors[0].text != "king"


@pytest.mark.parametrize(
    ("expression", "message", "position"),
    [
        ("king - * man", r"got '\*' at character 8: `king - »\*« man`", 7),
        ("king man", r"Unexpected 'man' at character 6", 5),
        ("king - (man", r"Missing '\)' at the end", 11),
        ("king -", "stops too early at the end", 6),
        (")king", r"got '\)' at character 1", 0),
        ("king + man)", r"Unexpected '\)' at character 11", 10),
        ("king + 2", "Cannot add a number and a word at character 6", 5),
        ("2 - king", "Cannot subtract a number and a word at character 3", 2),
        ("king * queen", "Cannot multiply two words at character 6", 5),
        ("king / queen", "Cannot divide by a word at character 6", 5),
        ("king / 0", "Cannot divide by zero at character 6", 5),
        ("king 😀", "The character '😀' cannot be used at character 6", 5),
        ("king <script>", "The character '<' cannot be used at character 6", 5),
        ('king + "queen', "A quoted phrase is not closed at character 8", 7),
        ('king + ""', "A quoted phrase is empty at character 8", 7),
    ],
)
def test_bad_expressions_point_at_the_token(glove, expression, message, position):
    with pytest.raises(ec.ExpressionError, match=message) as info:
        ec.arithmetic(glove, expression)
    assert info.value.position == position


@pytest.mark.parametrize("blank", ["", "   ", "\u200b\t"])
def test_empty_expression_is_refused(glove, blank):
    with pytest.raises(ec.EmptyInputError, match="The expression is empty"):
        ec.arithmetic(glove, blank)


def test_numbers_only_are_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="no word, only numbers"):
        ec.arithmetic(glove, "1 + 2")


def test_cancelling_out_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="adds up to zero"):
        ec.arithmetic(glove, "king - king")


def test_too_long_and_too_many_words_are_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="too long"):
        ec.arithmetic(glove, "king + " * 200 + "queen")
    with pytest.raises(ec.InvalidParameterError, match="too many words"):
        ec.arithmetic(glove, " + ".join(f"w{i}" for i in range(60)))


def test_unknown_words_list_every_one_with_suggestions(glove):
    with pytest.raises(ec.UnknownWordError, match="did you mean 'king'") as info:
        ec.arithmetic(glove, "kingg - man + womann")
    assert info.value.words == ["kingg", "womann"]


def test_rtl_words_are_read_as_words(glove, minilm):
    with pytest.raises(ec.UnknownWordError):
        ec.arithmetic(glove, "מלך - גבר")
    assert ec.arithmetic(minilm, "מלך - גבר", topn=2).words == ["מלך", "גבר"]


def test_not_text_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="must be text"):
        ec.arithmetic(glove, 42)  # type: ignore[arg-type]
