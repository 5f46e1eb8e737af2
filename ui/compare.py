"""The Compare page's data: texts typed or taken from a built-in dataset, embedded by any model."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

import embedding_core as ec

from .cache import embed, get_model
from .datasets import builtin_dataset, builtin_vectors

TYPED = "__typed__"
#: Sentences that share words but not meaning (and the reverse), from data/lessons.toml ``[compare]``.
EXAMPLE = ec.lesson_text("compare", "example")


class Texts(NamedTuple):
    """The texts compared: all of them, or an evenly spread subset of a dataset (`rows` into it)."""

    texts: list[str]
    source: str
    rows: list[int] | None = None
    total: int = 0


def spread(total: int, n: int) -> list[int]:
    """`n` row numbers spread evenly over `total` rows (all of them when `n >= total`)."""
    if n >= total:
        return list(range(total))
    step = total / n
    return [math.floor(i * step) for i in range(n)]


def dataset_texts(name: str, n: int) -> Texts:
    dataset = builtin_dataset(name)
    rows = spread(len(dataset.texts), n)
    return Texts([dataset.texts[i] for i in rows], name, rows, len(dataset.texts))


def vectors(texts: Texts, model_name: str) -> np.ndarray:
    """The vectors of `texts` under `model_name` (precomputed or cached where possible)."""
    if texts.source == TYPED:
        return embed(model_name, tuple(texts.texts))
    if ec.is_remote(model_name):  # this session's server: no cross-session cache
        full = ec.dataset_vectors(builtin_dataset(texts.source), get_model(model_name))
    else:
        full = builtin_vectors(texts.source, model_name)
    return full[texts.rows]


def source_label(option: str) -> str:
    return "Texts I type" if option == TYPED else builtin_dataset(option).title


def agreement(spearman: float) -> str:
    """A word for how much two models agree, from Spearman's rho."""
    for limit, word in ((0.8, "strongly"), (0.5, "broadly"), (0.2, "partly")):
        if spearman >= limit:
            return word
    return "hardly"
