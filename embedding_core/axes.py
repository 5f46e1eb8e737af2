"""An axis of meaning from several word pairs (man → woman, king → queen, he → she, ...).

One pair makes a noisy direction: ``woman - man`` also carries whatever else separates those two
words. Averaging the differences of several pairs of the same relation keeps what they share, as
Touretzky's Word Embedding Demo does (AAAI EAAI 2022). With unit vectors ``v(w)``:

- ``d_i = v(b_i) - v(a_i)`` for each pair ``(a_i, b_i)``; the axis is ``u = mean(d_i) / ||mean(d_i)||``;
- each pair's agreement ``= cos(d_i, mean of the other pairs' d_j)`` (leaving the pair itself out, so
  unrelated pairs score near 0 however many there are: in high dimensions random differences are
  nearly orthogonal), and consistency is the mean agreement: near 1 when every pair points the same way;
- a text ``x`` (unit vector) has the coordinate ``along = (x - o) · u``, where ``o`` is the mean of
  all the pair words, and the residual ``r = (x - o) - along · u``, orthogonal to ``u``: what the
  axis leaves out. ``||r||`` is the residual coordinate.

Example:
    >>> axis = multi_pair_axis(glove, [("man", "woman"), ("king", "queen"), ("he", "she")])
    >>> round(axis.consistency, 2)
    0.7...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._linalg import unit_rows
from .errors import EmptyInputError, InvalidParameterError
from .models import Embedder
from .texts import MAX_TEXT_CHARS, clean_text
from .vectors import as_matrix

__all__ = ["MAX_PAIRS", "Axis", "multi_pair_axis", "parse_pairs"]

#: At most this many pairs make an axis.
MAX_PAIRS = 40
_SEPARATOR = re.compile(r"\s*(?:→|->|,|\t)\s*")


@dataclass(frozen=True)
class Axis:
    """A direction of meaning made from word pairs.

    Attributes:
        pairs: the ``(a, b)`` pairs; the axis points from the ``a`` words to the ``b`` words.
        direction: ``(dim,)`` unit vector, the normalised mean of the pair differences.
        consistency: the mean of `pair_agreement` (higher: the pairs agree more; about 0 for
            unrelated pairs); NaN for a single pair, which has nothing to agree with.
        pair_agreement: ``(len(pairs),)`` the cosine of each pair's difference to the mean difference
            of the other pairs (NaN for a single pair).
        origin: ``(dim,)`` the mean of all the pair words' unit vectors (``along`` is 0 there).
    """

    pairs: tuple[tuple[str, str], ...]
    direction: np.ndarray
    consistency: float
    pair_agreement: np.ndarray
    origin: np.ndarray

    def residual(self, x: np.ndarray) -> np.ndarray:
        """The part of each row of `x` (after `origin`) that the axis leaves out: ``(n, dim)``, orthogonal to it."""
        centred = self._centred(x)
        return centred - np.outer(centred @ self.direction, self.direction)

    def coordinates(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's place along the axis and its distance off it.

        Args:
            x: ``(n, dim)`` vectors of the same model (rows are scaled to length 1 first).

        Returns:
            ``(along, residual)``, two ``(n,)`` arrays: ``(x - origin) · direction`` and the length of
            the residual ``||(x - origin) - along · direction||``.
        """
        centred = self._centred(x)
        along = centred @ self.direction
        rest = centred - np.outer(along, self.direction)
        return along, np.linalg.norm(rest, axis=1)

    def _centred(self, x: np.ndarray) -> np.ndarray:
        data = as_matrix(x, name="x").astype(np.float64)
        if data.shape[1] != len(self.direction):
            raise InvalidParameterError(
                f"`x` must have {len(self.direction)} columns, as the axis. Got {data.shape[1]}. "
                "Embed the texts with the model that made the axis."
            )
        return unit_rows(data) - self.origin


def parse_pairs(text: str) -> list[tuple[str, str]]:
    """Pairs from a text box: one pair a line, ``man, woman`` or ``man → woman`` (``->`` works too).

    Blank lines are skipped; a repeated pair is kept once.

    Raises:
        InvalidParameterError: a line that is not two texts, or more than `MAX_PAIRS` pairs.
        EmptyInputError: no pair at all.
    """
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(str(text).splitlines(), start=1):
        if not line.strip():
            continue
        parts = [clean_text(p)[:MAX_TEXT_CHARS] for p in _SEPARATOR.split(line.strip())]
        if len(parts) != 2 or not all(parts):
            raise InvalidParameterError(
                f"Each line must be a pair of two texts, such as 'man, woman'. Got {line.strip()[:60]!r} on line "
                f"{number}. Write one pair a line, separated by a comma or an arrow (→)."
            )
        pair = (parts[0], parts[1])
        if pair not in pairs:
            pairs.append(pair)
    if not pairs:
        raise EmptyInputError("The axis needs pairs. Got none. Type one pair a line, such as 'man, woman'.")
    if len(pairs) > MAX_PAIRS:
        raise InvalidParameterError(
            f"An axis must have at most {MAX_PAIRS} pairs. Got {len(pairs)}. Keep those that best show the relation."
        )
    return pairs


def multi_pair_axis(model: Embedder, pairs: Sequence[tuple[str, str]]) -> Axis:
    """The axis of the relation the `pairs` share, with how well they agree.

    Args:
        model: the model whose vectors make the axis.
        pairs: ``(a, b)`` texts, e.g. ``[("man", "woman"), ("king", "queen")]``; the axis points to the b's.

    Returns:
        An `Axis` (see the module docstring for the maths).

    Raises:
        EmptyInputError: no pairs.
        InvalidParameterError: a pair that is not two texts, or whose two texts have the same vector,
            or pairs whose differences cancel out.
        UnknownWordError: a word model does not know a word.
    """
    if isinstance(pairs, str):
        raise InvalidParameterError(
            f"`pairs` must be a list of (a, b) pairs. Got the text {pairs[:40]!r}. Use parse_pairs(text) first."
        )
    cleaned: list[tuple[str, str]] = []
    for i, pair in enumerate(pairs):
        if isinstance(pair, str) or len(pair) != 2 or not all(isinstance(t, str) and clean_text(t) for t in pair):
            raise InvalidParameterError(
                f"Each pair must be two texts (a, b). Got {pair!r} at position {i}. Pass pairs like ('man', 'woman')."
            )
        cleaned.append((clean_text(pair[0])[:MAX_TEXT_CHARS], clean_text(pair[1])[:MAX_TEXT_CHARS]))
    if not cleaned:
        raise EmptyInputError("The axis needs pairs. Got none. Pass pairs like [('man', 'woman'), ('king', 'queen')].")
    words = [w for pair in cleaned for w in pair]
    vectors = unit_rows(model.embed(words).astype(np.float64)).reshape(len(cleaned), 2, -1)
    diffs = vectors[:, 1] - vectors[:, 0]
    lengths = np.linalg.norm(diffs, axis=1)
    same = [f"{a} / {b}" for (a, b), n in zip(cleaned, lengths, strict=True) if n < 1e-9]
    if same:
        raise InvalidParameterError(
            f"Each pair must be two texts with different vectors. Got {', '.join(same[:3])} with the same vector. "
            "Use two different words in each pair."
        )
    mean = diffs.mean(axis=0)
    size = float(np.linalg.norm(mean))
    if size < 1e-9:
        raise InvalidParameterError(
            "The pairs' differences must not cancel out. Got a mean difference of length 0. "
            "Write every pair in the same order (e.g. male word first)."
        )
    direction = mean / size
    n = len(cleaned)
    if n == 1:
        agreement = np.array([np.nan])
    else:
        others = unit_rows((diffs.sum(axis=0) - diffs) / (n - 1))  # the mean of the other pairs' differences
        agreement = np.einsum("ij,ij->i", diffs / lengths[:, None], others)
    return Axis(
        tuple(cleaned),
        direction,
        float(agreement.mean()),
        agreement,
        vectors.reshape(-1, vectors.shape[2]).mean(axis=0),
    )
