"""The Compare page's example texts and its words for agreement."""

from __future__ import annotations

from .sources import TYPED
from .sources import label as source_label

__all__ = ["EXAMPLE", "TYPED", "agreement", "source_label"]
#: Sentences that share words but not meaning (and the reverse): where word and sentence models part.
EXAMPLE = """the cat sat on the mat
a kitten slept on the rug
dogs love to play fetch
stock prices fell sharply
the market crashed today
investors lost money
i love this movie
i do not love this movie
the bank raised interest rates
we sat on the river bank
the pizza was delicious
this soup tastes great"""


def agreement(spearman: float) -> str:
    """A word for how much two models agree, from Spearman's rho."""
    for limit, word in ((0.8, "strongly"), (0.5, "broadly"), (0.2, "partly")):
        if spearman >= limit:
            return word
    return "hardly"
