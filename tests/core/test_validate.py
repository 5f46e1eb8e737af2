"""The constraint tables and the one message template."""

import math

import numpy as np
import pytest

import embedding_core as ec
from embedding_core._validate import Interval, Options, check, message


def test_message_follows_the_template():
    assert message("k", "a whole number", 0, "Use 1.") == "`k` must be a whole number. Got 0. Use 1."


@pytest.mark.parametrize("value", [1, 5, np.int64(3), 10**9])
def test_whole_number_interval_accepts_ints_and_returns_int(value):
    out = check("k", value, Interval(1, math.inf, integer=True))
    assert out == value and type(out) is int


@pytest.mark.parametrize("value", [0, -1, 2.0, True, "3", None, float("nan")])
def test_whole_number_interval_refuses(value):
    with pytest.raises(
        ec.InvalidParameterError, match=r"`k` must be a whole number of at least 1\. Got .*Use a value at least 1\."
    ):
        check("k", value, Interval(1, math.inf, integer=True))


def test_number_interval_is_inclusive_and_returns_float():
    rule = Interval(0, 1)
    assert check("b", 0, rule) == 0.0 and type(check("b", 1, rule)) is float
    assert check("b", np.float32(0.5), rule) == 0.5
    with pytest.raises(
        ec.InvalidParameterError, match=r"`b` must be a number between 0 and 1\. Got 1\.5\. Use a value"
    ):
        check("b", 1.5, rule)
    with pytest.raises(ec.InvalidParameterError, match="Got False"):
        check("b", False, rule)


def test_advice_replaces_the_default_last_sentence():
    with pytest.raises(ec.InvalidParameterError, match=r"Got 0\. Use for example 10\.$"):
        check("topn", 0, Interval(1, math.inf, integer=True), advice="Use for example 10.")


def test_options_keep_order_and_refuse_bools():
    rule = Options([2, 3])
    assert rule.values == (2, 3)
    assert check("n_components", 3, rule) == 3
    for bad in (4, True, "2"):
        with pytest.raises(
            ec.InvalidParameterError, match=r"`n_components` must be one of 2, 3\. .*Pick one of 2, 3\."
        ):
            check("n_components", bad, rule)


def test_widget_range_needs_finite_ends():
    assert Interval(1, 10, integer=True).widget_range == (1, 10)
    assert Interval(0.001, math.inf, slider=(2, 100)).widget_range == (2.0, 100.0)
    with pytest.raises(ValueError, match="slider"):
        _ = Interval(1, math.inf).widget_range


def test_core_tables_are_constraints():
    from embedding_core.clustering import N_CLUSTERS
    from embedding_core.models.remote import PARAM_CONSTRAINTS
    from embedding_core.parallelogram import N_NEIGHBORS
    from embedding_core.projection import N_COMPONENTS
    from embedding_core.search import BM25_B, TOP_K

    tables = [TOP_K, BM25_B, N_CLUSTERS, N_NEIGHBORS, N_COMPONENTS, *PARAM_CONSTRAINTS.values()]
    assert all(isinstance(t, Interval | Options) for t in tables)
    assert check("max_batch", 32, PARAM_CONSTRAINTS["max_batch"]) == 32
    with pytest.raises(ec.InvalidParameterError, match="`n_neighbors` must be a whole number between 0 and 30"):
        check("n_neighbors", 31, N_NEIGHBORS)
