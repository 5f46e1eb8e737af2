"""Predict, then reveal: the attendee commits to a guess before the answer shows.

Learners who predict before they see a result remember and understand more (Kim, Reinecke & Hullman,
CHI 2017). A page asks with `ask`::

    revealed = ask("similarity_predict", "Which pair is closest?", {"cat / kitten": 0.81, ...},
                   score_label="cosine", why="...")

The options are the keys of `scores`, the answer is the one with the highest score (computed by the
page). The attendee picks an option; then the result appears: every option's score, the guess and the
answer marked, and a one-line computed "why". In presenter mode the room guesses aloud (the speaker
may pick the room's guess) and the speaker presses **Reveal**. The count of right guesses lives in
this session only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

import embedding_core as ec

from .params import Param, radio
from .presenter import is_presenting

if TYPE_CHECKING:
    import numpy as np

_SCORE = "predict_score"  # {"right": int, "asked": int, "seen": set of question ids}


def score() -> tuple[int, int]:
    """Right guesses and questions answered in this session."""
    tally = st.session_state.get(_SCORE, {})
    return tally.get("right", 0), tally.get("asked", 0)


def _question_id(key: str, question: str, scores: Mapping[str, float]) -> str:
    raw = "\x1f".join([key, question, *scores])
    return hashlib.blake2b(raw.encode(), digest_size=8).hexdigest()


def _count(qid: str, right: bool) -> None:
    tally = st.session_state.setdefault(_SCORE, {"right": 0, "asked": 0, "seen": set()})
    if qid not in tally["seen"]:
        tally["seen"].add(qid)
        tally["asked"] += 1
        tally["right"] += int(right)


def _reveal(key: str, qid: str) -> None:
    st.session_state[f"{key}_revealed"] = qid


def ask(
    key: str,
    question: str,
    scores: Mapping[str, float],
    *,
    score_label: str,
    why: str,
    help: str = "Make your guess first; the answer shows after it.",
    higher_is_answer: bool = True,
) -> bool:
    """Draw the question and, once the guess is in (or Reveal pressed), the result. Returns whether it shows.

    Args:
        key: widget key prefix (the page's name first, e.g. ``"similarity_predict"``).
        question: the question, one line.
        scores: option -> computed score; the answer is the highest (the lowest with
            ``higher_is_answer=False``, e.g. a distance).
        score_label: what the score is (``"cosine"``), for the result table's column.
        why: one computed line that explains the answer.
        help: the guess widget's help line.
    """
    options = list(scores)
    if len(options) < 2:
        return True  # nothing to guess between: the page shows its result as usual
    pick = max if higher_is_answer else min
    answer = pick(options, key=lambda o: scores[o])
    qid = _question_id(key, question, scores)
    guess_param = Param(f"{key}_guess", None, ec.Options(options), question, help, link=False)
    presenting = is_presenting()
    revealed_key = f"{key}_revealed"
    if st.session_state.get(f"{key}_qid") != qid:  # a new question: forget the old guess and reveal
        st.session_state[f"{key}_qid"] = qid
        st.session_state.pop(revealed_key, None)
        st.session_state[guess_param.key] = None
    with st.container(border=True):
        st.markdown(f"**Predict first.** {question}")
        guess = radio(guess_param, horizontal=True, label_visibility="collapsed")
        if presenting:
            st.button(
                "Reveal",
                key=f"{key}_reveal",
                on_click=_reveal,
                args=(key, qid),
                type="primary",
                help="Ask the room first (pick their guess above if you like), then show the answer.",
            )
        revealed = st.session_state.get(revealed_key) == qid or (guess is not None and not presenting)
        if not revealed:
            st.caption("The answer shows after your guess." if not presenting else "The answer shows on Reveal.")
            return False
        if guess is not None:
            _count(qid, guess == answer)
            if guess == answer:
                st.success(f"Right: {answer}.", icon=":material/check_circle:")
            else:
                st.error(f"You guessed {guess}; the answer is {answer}.", icon=":material/cancel:")
        table = pd.DataFrame(
            {
                "option": options,
                score_label: [round(float(scores[o]), 3) for o in options],
                "": [
                    " · ".join(m for m, on in (("answer", o == answer), ("your guess", o == guess)) if on)
                    for o in options
                ],
            }
        )
        st.dataframe(table, hide_index=True, key=f"{key}_result")
        st.caption(f"Why: {why}")
        right, asked = score()
        if asked:
            st.caption(f"Your guesses this session: {right} of {asked} right.")
    return True


def pair_label(a: str, b: str) -> str:
    """How a pair is shown as an option."""
    return f"“{a}” and “{b}”"


def pair_scores(pairs: list[tuple[str, str]], vectors: np.ndarray) -> dict[str, float]:
    """Each pair's cosine, from the vectors of the pairs' texts in order (a1, b1, a2, b2, ...)."""
    sims = ec.similarity_matrix(vectors)
    return {pair_label(a, b): float(sims[2 * i, 2 * i + 1]) for i, (a, b) in enumerate(pairs)}


def ranked_why(scores: Mapping[str, float], *, model: str, what: str = "cosine", higher_first: bool = True) -> str:
    """The one-line "why" made of the computed scores, best first: "With MiniLM the cosine is 0.83 for …"."""
    ranked = sorted(scores, key=lambda o: scores[o], reverse=higher_first)
    parts = [f"{scores[o]:.2f} for {o}" for o in ranked]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"with {ec.model_label(model)} the {what} is {listed}."
