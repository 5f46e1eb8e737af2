"""Honest analogies: what b − a + c adds beyond simply taking the nearest word.

With the input words excluded, much of the offset's apparent "success" comes from the nearest
neighbour of c alone (Linzen 2016, "Issues in evaluating semantic spaces using word analogies";
Nissim, van Noord & van der Goot 2020, "Fair is better than sensational"). This module puts the
offset beside its baselines:

- ``"3cosadd"``: the words nearest to ``b - a + c``, inputs excluded (`analogy`);
- ``"nearest_c"``: the words nearest to ``c`` alone, with ``a`` and ``b`` excluded too;
- ``"nearest_b"``: the words nearest to ``b`` alone, with ``a`` and ``c`` excluded too;
- ``"with_inputs"``: ``b - a + c`` with the inputs allowed (``b`` itself usually wins);
- ``"3cosavg"`` (Drozd, Gladkova & Matsuoka 2016): the offset averaged over several example pairs
  of one relation, ``c + mean(b_i - a_i)`` (unit vectors), with only ``c`` excluded.

`relation_accuracy` runs every method on a set of pairs per relation (``data/analogy_relations.csv``,
`relation_pairs`): each ordered pair of two pairs ``(a, b), (c, d)`` of a relation is one question
"a : b :: c : ?" whose answer is ``d``. 3CosAvg answers the same question from the relation's other
pairs (leave one out: the pair ``(c, d)`` is never among its examples).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ._validate import check
from .analogy import TOPN, Neighbor, analogies, analogy, input_vectors, nearest
from .errors import EmptyInputError, InvalidParameterError, check_choice
from .models import Embedder
from .vocabulary import vocabulary

__all__ = [
    "BASELINE_METHODS",
    "RELATIONS_FILE",
    "BaselineMethod",
    "analogy_3cosavg",
    "analogy_baselines",
    "offset_gain",
    "relation_accuracy",
    "relation_pairs",
]

BaselineMethod = Literal["3cosadd", "nearest_c", "nearest_b", "with_inputs", "3cosavg"]
#: Every method `relation_accuracy` can score, offset first.
BASELINE_METHODS: tuple[BaselineMethod, ...] = ("3cosadd", "3cosavg", "nearest_c", "nearest_b", "with_inputs")
#: The built-in pairs per relation (columns relation, a, b).
RELATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "analogy_relations.csv"

Pair = tuple[str, str]


def analogy_baselines(
    model: Embedder, a: str, b: str, c: str, *, topn: int = 10, vocab_size: int = 50_000
) -> dict[str, list[Neighbor]]:
    """The offset ``b - a + c`` and its baselines for one question "`a` is to `b` as `c` is to ?".

    Returns:
        ``{"3cosadd": ..., "nearest_c": ..., "nearest_b": ..., "with_inputs": ...}``, each up to
        `topn` `Neighbor`s, best first. ``nearest_c`` excludes a, b and c, as ``3cosadd`` does, so
        the two are scored on the same candidates.

    Raises:
        EmptyInputError, UnknownWordError, InvalidParameterError: as `analogy`.
    """
    common = {"topn": topn, "vocab_size": vocab_size}
    return {
        "3cosadd": analogy(model, a, b, c, **common),
        "nearest_c": nearest(model, c, exclude=(a, b), **common),
        "nearest_b": nearest(model, b, exclude=(a, c), **common),
        "with_inputs": analogy(model, a, b, c, exclude_inputs=False, **common),
    }


def _check_pairs(pairs: Sequence[Pair], name: str = "pairs") -> list[Pair]:
    out = []
    for i, pair in enumerate(pairs):
        if isinstance(pair, str) or len(pair) != 2 or not all(isinstance(w, str) and w.strip() for w in pair):
            raise InvalidParameterError(
                f"Each of `{name}` must be two words (a, b). Got {pair!r} at position {i}. Pass (a, b) tuples."
            )
        out.append((pair[0].strip(), pair[1].strip()))
    return out


def analogy_3cosavg(
    model: Embedder,
    pairs: Sequence[Pair],
    c: str,
    *,
    topn: int = 10,
    vocab_size: int = 50_000,
) -> list[Neighbor]:
    """Apply the average offset of several example pairs to `c` (3CosAvg, Drozd et al. 2016).

    The target is ``unit(c) + mean_i(unit(b_i) - unit(a_i))``; the answers are the words nearest
    to it by cosine, `c` left out (the example words may be answers).

    Example:
        >>> [n.text for n in analogy_3cosavg(glove, [("france", "paris"), ("japan", "tokyo")], "italy", topn=1)]
        ['rome']

    Args:
        pairs: one or more ``(a, b)`` examples of the same relation.
        c: the word to apply the relation to.

    Raises:
        EmptyInputError: no pairs, or `c` is blank.
        UnknownWordError: a word model does not know a word.
    """
    checked = _check_pairs(pairs)
    if not checked:
        raise EmptyInputError("`pairs` must hold at least one (a, b) pair. Got none. Give example pairs.")
    if not isinstance(c, str) or not c.strip():
        raise EmptyInputError(f"`c` is empty. Got {c!r}. Type a word.")
    check("topn", topn, TOPN, advice="Use for example 10.")
    vocab = vocabulary(model, vocab_size)
    flat = [w for pair in checked for w in pair]
    v = input_vectors(model, [*flat, c.strip()], vocab=vocab)
    offset = (v[1 : len(flat) : 2] - v[0 : len(flat) : 2]).mean(axis=0)
    target = v[-1] + offset
    if not np.any(target):
        target = v[-1]
    return nearest(model, target, topn=topn, vocab_size=vocab_size, exclude=(c.strip(),))


def relation_pairs(path: str | Path | None = None) -> dict[str, list[Pair]]:
    """The built-in example pairs per relation (``data/analogy_relations.csv``), in file order.

    Returns:
        ``{"capital": [("france", "paris"), ...], "plural": [...], ...}``.
    """
    frame = pd.read_csv(path or RELATIONS_FILE, dtype=str)
    out: dict[str, list[Pair]] = {}
    for rel, a, b in frame[["relation", "a", "b"]].itertuples(index=False):
        out.setdefault(rel, []).append((a, b))
    return out


def _first(neighbors: list[Neighbor]) -> str | None:
    return neighbors[0].text if neighbors else None


def _nearest_skipping(model: Embedder, word: str, skip: set[str], table: dict, vocab_size: int) -> str | None:
    """The nearest word to `word` that is not in `skip`, from one list per word (kept in `table`)."""
    if word not in table:
        table[word] = [n.text for n in nearest(model, word, topn=8, vocab_size=vocab_size)]
    return next((w for w in table[word] if w not in skip), None)


def relation_accuracy(
    model: Embedder,
    analogies_by_relation: Mapping[str, Sequence[Pair]],
    *,
    methods: Sequence[BaselineMethod] = BASELINE_METHODS,
    vocab_size: int = 50_000,
) -> pd.DataFrame:
    """The share of questions each method answers right (top-1), per relation and overall.

    Args:
        analogies_by_relation: relation name -> at least two ``(a, b)`` pairs (`relation_pairs()`).
        methods: which of `BASELINE_METHODS` to run.

    Returns:
        One row per relation and a last row ``"all"``, with columns ``relation``, ``questions`` and
        one accuracy (0 to 1) per method, in the order of `methods`.

    Raises:
        InvalidParameterError: an unknown method, or a relation with fewer than two pairs.
        UnknownWordError: a word model does not know a word of the pairs.
    """
    methods = [check_choice("methods", m, BASELINE_METHODS) for m in methods]
    if not methods:
        raise InvalidParameterError(f"`methods` must name at least one method. Got none. Use {BASELINE_METHODS}.")
    rows, totals = [], {m: 0 for m in methods}
    near: dict[str, list[str]] = {}
    n_all = 0
    for relation, raw_pairs in analogies_by_relation.items():
        pairs = [(a.lower(), b.lower()) for a, b in _check_pairs(raw_pairs, name=f"{relation} pairs")]
        if len(pairs) < 2:
            raise InvalidParameterError(
                f"Each relation must have at least two pairs. Got {len(pairs)} for {relation!r}. Add pairs."
            )
        questions = [(i, j) for i in range(len(pairs)) for j in range(len(pairs)) if i != j]
        triples = [(*pairs[i], pairs[j][0]) for i, j in questions]
        expected = [pairs[j][1] for _, j in questions]
        answers: dict[str, list[str | None]] = {}
        if "3cosadd" in methods:
            answers["3cosadd"] = [_first(r) for r in analogies(model, triples, topn=1, vocab_size=vocab_size)]
        if "with_inputs" in methods:
            found = analogies(model, triples, topn=1, vocab_size=vocab_size, exclude_inputs=False)
            answers["with_inputs"] = [_first(r) for r in found]
        if "nearest_c" in methods:
            answers["nearest_c"] = [_nearest_skipping(model, c, {a, b}, near, vocab_size) for a, b, c in triples]
        if "nearest_b" in methods:
            answers["nearest_b"] = [_nearest_skipping(model, b, {a, c}, near, vocab_size) for a, b, c in triples]
        if "3cosavg" in methods:
            others = [pairs[:j] + pairs[j + 1 :] for j in range(len(pairs))]
            avg = {
                j: _first(analogy_3cosavg(model, others[j], pairs[j][0], topn=1, vocab_size=vocab_size))
                for j in range(len(pairs))
            }
            answers["3cosavg"] = [avg[j] for _, j in questions]
        row: dict[str, object] = {"relation": relation, "questions": len(questions)}
        for m in methods:
            right = sum(got == want for got, want in zip(answers[m], expected, strict=True))
            totals[m] += right
            row[m] = right / len(questions)
        n_all += len(questions)
        rows.append(row)
    if n_all:
        rows.append({"relation": "all", "questions": n_all, **{m: totals[m] / n_all for m in methods}})
    return pd.DataFrame(rows, columns=["relation", "questions", *methods])


def offset_gain(table: pd.DataFrame) -> tuple[float, str, float]:
    """How much 3CosAdd gains over the best baseline that ignores the relation (row ``"all"``).

    Returns:
        ``(3cosadd accuracy, best baseline's name, best baseline's accuracy)`` where the baseline is
        the better of ``nearest_c`` and ``nearest_b``.
    """
    overall = table.set_index("relation").loc["all"]
    base = max(("nearest_c", "nearest_b"), key=lambda m: float(overall[m]))
    return float(overall["3cosadd"]), base, float(overall[base])
