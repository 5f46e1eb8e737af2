"""Axes from several pairs: the direction, the pairs' consistency, the coordinates and the residual."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec

READY = {a["name"]: [tuple(p) for p in a["pairs"]] for a in ec.lesson("projections")["axis"]}


@pytest.fixture(params=["glove", "minilm"])
def model(request):
    return request.getfixturevalue(request.param)


def _random_pairs(model, seed: int, n: int = 6) -> list[tuple[str, str]]:
    words = ec.vocabulary(model, 5_000).words
    picks = np.random.default_rng(seed).choice(np.arange(200, 5_000), 2 * n, replace=False)
    return [(words[picks[2 * i]], words[picks[2 * i + 1]]) for i in range(n)]


def test_the_ready_axes_are_consistent_and_random_pairs_are_not(model):
    randoms = [ec.multi_pair_axis(model, _random_pairs(model, s)).consistency for s in range(5)]
    assert max(abs(r) for r in randoms) < 0.15  # leaving each pair out of its reference: no bias with n
    for name, pairs in READY.items():
        axis = ec.multi_pair_axis(model, pairs)
        assert axis.consistency > max(randoms) + 0.15, name
    assert ec.multi_pair_axis(model, READY["gender"]).consistency > 0.5


def test_direction_and_agreement_follow_their_definitions(glove):
    pairs = READY["gender"]
    axis = ec.multi_pair_axis(glove, pairs)
    v = glove.embed([w for p in pairs for w in p]).astype(np.float64)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    diffs = v[1::2] - v[0::2]
    mean = diffs.mean(axis=0)
    assert np.allclose(axis.direction, mean / np.linalg.norm(mean))
    assert np.linalg.norm(axis.direction) == pytest.approx(1.0)
    others = (diffs.sum(axis=0) - diffs[0]) / (len(pairs) - 1)
    cos0 = diffs[0] @ others / np.linalg.norm(diffs[0]) / np.linalg.norm(others)
    assert axis.pair_agreement[0] == pytest.approx(cos0)
    assert axis.consistency == pytest.approx(axis.pair_agreement.mean())
    assert np.allclose(axis.origin, v.mean(axis=0))


def test_residual_is_orthogonal_and_the_coordinates_rebuild_the_vector(model):
    axis = ec.multi_pair_axis(model, READY["gender"])
    x = model.embed(["actor", "actress", "uncle", "aunt", "table"])
    along, rest = axis.coordinates(x)
    residual = axis.residual(x)
    assert np.allclose(residual @ axis.direction, 0, atol=1e-9)
    assert np.allclose(np.linalg.norm(residual, axis=1), rest)
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    assert np.allclose(axis.origin + np.outer(along, axis.direction) + residual, unit, atol=1e-6)
    assert along[1] > along[0] and along[3] > along[2]  # the female word lies further along man → woman


def test_one_pair_is_an_axis_without_a_consistency(glove):
    axis = ec.multi_pair_axis(glove, [("man", "woman")])
    assert np.isnan(axis.consistency)
    v = glove.embed(["man", "woman"])
    assert np.allclose(axis.direction, (v[1] - v[0]) / np.linalg.norm(v[1] - v[0]), atol=1e-6)


def test_parse_pairs_reads_commas_and_arrows():
    assert ec.parse_pairs("man, woman\n\nking → queen\nhe -> she\nman,woman") == [
        ("man", "woman"),
        ("king", "queen"),
        ("he", "she"),
    ]


def test_bad_pairs_are_refused_with_a_clear_message(glove):
    with pytest.raises(ec.InvalidParameterError, match="Each line must be a pair of two texts.*line 2"):
        ec.parse_pairs("man, woman\nking")
    with pytest.raises(ec.EmptyInputError, match="The axis needs pairs"):
        ec.parse_pairs("  \n ")
    with pytest.raises(ec.InvalidParameterError, match=f"at most {ec.MAX_AXIS_PAIRS} pairs"):
        ec.parse_pairs("\n".join(f"a{i}, b{i}" for i in range(ec.MAX_AXIS_PAIRS + 1)))
    with pytest.raises(ec.InvalidParameterError, match="with the same vector"):
        ec.multi_pair_axis(glove, [("man", "woman"), ("king", "king")])
    with pytest.raises(ec.InvalidParameterError, match="must not cancel out"):
        ec.multi_pair_axis(glove, [("man", "woman"), ("woman", "man")])
    with pytest.raises(ec.InvalidParameterError, match="Each pair must be two texts"):
        ec.multi_pair_axis(glove, [("man", "woman", "child")])
    with pytest.raises(ec.UnknownWordError, match="qwzxv"):
        ec.multi_pair_axis(glove, [("man", "qwzxv")])
    axis = ec.multi_pair_axis(glove, READY["size"])
    with pytest.raises(ec.InvalidParameterError, match="`x` must have 50 columns"):
        axis.coordinates(np.ones((2, 384)))
