"""The Compare page's example texts and its words for agreement."""

from __future__ import annotations

import embedding_core as ec

from .sources import TYPED
from .sources import label as source_label

__all__ = ["EXAMPLE", "TYPED", "agreement", "source_label"]
#: Sentences that share words but not meaning (and the reverse), from data/lessons.toml ``[compare]``.
EXAMPLE = ec.lesson_text("compare", "example")


def agreement(spearman: float) -> str:
    """A word for how much two models agree, from Spearman's rho."""
    for limit, word in ((0.8, "strongly"), (0.5, "broadly"), (0.2, "partly")):
        if spearman >= limit:
            return word
    return "hardly"
