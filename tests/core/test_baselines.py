"""Honest analogies: the baselines beside b − a + c, 3CosAvg, and the per-relation accuracy table."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.vocabulary import VOCAB_DIR


def test_baseline_keys_and_nearest_c_equals_nearest(glove):
    got = ec.analogy_baselines(glove, "man", "king", "woman", topn=5)
    assert {"3cosadd", "nearest_c", "nearest_b", "with_inputs"} <= set(got)
    assert got["nearest_c"] == ec.nearest(glove, "woman", topn=5, exclude=("man", "king"))
    assert got["nearest_b"] == ec.nearest(glove, "king", topn=5, exclude=("man", "woman"))
    assert got["3cosadd"] == ec.analogy(glove, "man", "king", "woman", topn=5)
    assert got["3cosadd"][0].text == "queen"
    assert got["with_inputs"][0].text == "king"  # b itself wins when the inputs are allowed
    assert all(len(v) == 5 for v in got.values())


def test_nearest_c_on_minilm_equals_nearest(minilm):
    got = ec.analogy_baselines(minilm, "france", "paris", "italy", topn=3)
    assert got["nearest_c"] == ec.nearest(minilm, "italy", topn=3, exclude=("france", "paris"))
    assert not {"france", "paris", "italy"} & {n.text for n in got["nearest_c"]}


def test_3cosavg_is_the_mean_offset_by_numpy(glove):
    pairs = [("france", "paris"), ("japan", "tokyo"), ("germany", "berlin")]
    got = ec.analogy_3cosavg(glove, pairs, "italy", topn=5)
    assert got[0].text == "rome"
    u = glove.unit_vectors(50_000)
    row = glove.index
    target = u[row["italy"]] + np.mean([u[row[b]] - u[row[a]] for a, b in pairs], axis=0)
    scores = u @ (target / np.linalg.norm(target))
    scores[row["italy"]] = -np.inf
    order = np.argsort(-scores, kind="stable")[:5]
    assert [n.text for n in got] == [glove.vocab[i] for i in order]
    assert np.allclose([n.score for n in got], scores[order], atol=1e-5)


def test_3cosavg_with_one_pair_is_3cosadd_with_only_c_excluded(glove):
    one = ec.analogy_3cosavg(glove, [("man", "king")], "woman", topn=3)
    add = ec.nearest(glove, _offset(glove), topn=3, exclude=("woman",))
    assert one == add


def _offset(glove):
    u = glove.unit_vectors(50_000)
    r = glove.index
    return u[r["king"]] - u[r["man"]] + u[r["woman"]]


def test_relation_pairs_are_known_to_both_models(glove):
    minilm_words = set((VOCAB_DIR / "minilm_words.txt").read_text(encoding="utf-8").split())
    glove_words = set(glove.vocab[:50_000])
    pairs = ec.relation_pairs()
    assert set(pairs) == {"capital", "plural", "past tense", "comparative", "gender", "opposite"}
    for relation, items in pairs.items():
        assert len(items) >= 5, relation
        for word in (w for pair in items for w in pair):
            assert word in minilm_words and word in glove_words, (relation, word)


def test_relation_accuracy_counts_top1_answers(glove):
    pairs = {"capital": [("france", "paris"), ("italy", "rome"), ("japan", "tokyo")]}
    table = ec.relation_accuracy(glove, pairs, methods=("3cosadd", "nearest_c", "with_inputs"))
    assert list(table.columns) == ["relation", "questions", "3cosadd", "nearest_c", "with_inputs"]
    assert list(table["relation"]) == ["capital", "all"]
    assert table["questions"].tolist() == [6, 6]
    right = 0
    for a, b in pairs["capital"]:
        for c, d in pairs["capital"]:
            if (a, b) != (c, d):
                right += ec.analogy(glove, a, b, c, topn=1)[0].text == d
    assert table.loc[0, "3cosadd"] == pytest.approx(right / 6)
    near = sum(
        ec.nearest(glove, c, topn=1, exclude=(a, b))[0].text == d
        for a, b in pairs["capital"]
        for c, d in pairs["capital"]
        if (a, b) != (c, d)
    )
    assert table.loc[0, "nearest_c"] == pytest.approx(near / 6)


def test_offset_beats_nearest_c_on_the_builtin_set(glove):
    table = ec.relation_accuracy(glove, ec.relation_pairs())
    add, base, base_acc = ec.offset_gain(table)
    assert base in ("nearest_c", "nearest_b")
    assert add > base_acc  # GloVe's offsets carry real relational information
    assert table.set_index("relation").loc["all", "with_inputs"] < add  # inputs allowed: b often wins


def test_3cosavg_leaves_the_question_pair_out(glove):
    table = ec.relation_accuracy(glove, {"capital": [("france", "paris"), ("italy", "rome")]}, methods=("3cosavg",))
    # italy + (paris - france) must find rome, and france + (rome - italy) paris, without seeing the answer pair
    assert table.loc[0, "3cosavg"] == pytest.approx(
        np.mean(
            [
                ec.analogy_3cosavg(glove, [("france", "paris")], "italy", topn=1)[0].text == "rome",
                ec.analogy_3cosavg(glove, [("italy", "rome")], "france", topn=1)[0].text == "paris",
            ]
        )
    )


def test_bad_inputs(glove):
    with pytest.raises(ec.EmptyInputError, match="at least one"):
        ec.analogy_3cosavg(glove, [], "italy")
    with pytest.raises(ec.InvalidParameterError, match="two words"):
        ec.analogy_3cosavg(glove, [("france",)], "italy")
    with pytest.raises(ec.EmptyInputError, match="`c` is empty"):
        ec.analogy_3cosavg(glove, [("france", "paris")], "  ")
    with pytest.raises(ec.UnknownWordError):
        ec.analogy_3cosavg(glove, [("france", "qqzzxxw")], "italy")
    with pytest.raises(ec.InvalidParameterError, match="topn"):
        ec.analogy_3cosavg(glove, [("france", "paris")], "italy", topn=0)
    with pytest.raises(ec.InvalidParameterError, match="methods"):
        ec.relation_accuracy(glove, {"x": [("a", "b"), ("c", "d")]}, methods=("nearest_a",))
    with pytest.raises(ec.InvalidParameterError, match="at least two pairs"):
        ec.relation_accuracy(glove, {"x": [("a", "b")]})
    with pytest.raises(ec.EmptyInputError):
        ec.analogy_baselines(glove, "", "king", "woman")
    with pytest.raises(ec.UnknownWordError):
        ec.analogy_baselines(glove, "man", "king", "qqzzxxw")
