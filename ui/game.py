"""The word game page's inputs and its game state (kept in this session only)."""

from __future__ import annotations

import secrets
from typing import NamedTuple

import pandas as pd
import streamlit as st

import embedding_core as ec

from .cache import get_model
from .params import Param, Text

#: The models the game is played on: GloVe's own words, or MiniLM's 30,000-word vocabulary.
GAME_MODELS = ("glove-50d", "minilm")
#: The ranks count among this many of the most frequent words.
VOCAB_SIZE = 20_000
_STATE = "game_state"

MODEL = Param(
    "game_model",
    "glove-50d",
    ec.Options(GAME_MODELS),
    "Model",
    "Whose idea of 'close' you play against: GloVe (one vector per word) or MiniLM (a sentence model, here "
    f"on {VOCAB_SIZE:,} frequent English words, each embedded alone).",
    format_func=ec.model_label,
)
SEED = Param("game_seed", 1, ec.GAME_SEED, "Seed", ec.lesson_text("game", "seed_help"))
GUESS = Param(
    "game_guess",
    "",
    Text(40),
    "Your guess",
    "One word. Press Enter or 'Guess'. The closer its meaning to the secret, the higher its cosine.",
    link=False,
)


def new_seed() -> None:
    """on_click of 'New secret word': a fresh random seed (the page then shows it, to share)."""
    st.session_state[SEED.key] = secrets.randbelow(int(ec.GAME_SEED.high) + 1)


class Typed(NamedTuple):
    """A guess the form sent (taken out of the box, so the box is empty for the next one)."""

    word: str


def take_guess() -> None:
    """on_click of 'Guess': hand the typed word to the page and empty the box."""
    word = st.session_state.get(GUESS.key, "")
    st.session_state[GUESS.key] = ""
    if word.strip():
        st.session_state["game_request"] = Typed(word)


def game(model_name: str, seed: int) -> ec.WordGame:
    """This session's game for `model_name` and `seed`: kept across reruns, new when either changes."""
    current = st.session_state.get(_STATE)
    if current is None or (current.model.name, current.random_state) != (model_name, seed):
        with st.spinner(f"Loading {ec.model_label(model_name)} (first time only, a few seconds)…"):
            model = get_model(model_name)
        current = ec.WordGame(model, random_state=seed, vocab_size=VOCAB_SIZE)
        st.session_state[_STATE] = current
    return current


def rank_text(guess: ec.Guess) -> str:
    """A guess's rank as the table shows it."""
    if guess.found:
        return "found!"
    return f"#{guess.rank:,}" if guess.rank else "farther than #1,000"


def guesses_table(game: ec.WordGame) -> pd.DataFrame:
    """The guesses, closest first: word, cosine, rank, and whether it was a hint."""
    rows = game.sorted_guesses()
    return pd.DataFrame(
        {
            "word": [g.word for g in rows],
            "cosine": [round(g.cosine, 3) for g in rows],
            "rank": [rank_text(g) for g in rows],
            "hint": ["hint" if g.hint else "" for g in rows],
        }
    )


def intro(model_name: str) -> str:
    """The text under the title: how the game scores, and how the page's model learned what is close."""
    return ec.lesson_text("game", "intro").format(
        ranked=ec.NEAREST_RANKED, learned=ec.lesson("game")["learned"][model_name]
    )


def closing_line(game: ec.WordGame) -> str:
    """The text after a game ends: two opposites' closeness on the game's model, measured now."""
    section = ec.lesson("game")
    a, b = section["opposites"]
    texts = tuple(section["opposite_texts"])
    close = ec.opposites_closeness(game.model, (a, b), texts, vocab_size=VOCAB_SIZE)  # type: ignore[arg-type]
    why = section["why"][game.model.name].format(
        t1=texts[0], t2=texts[1], t3=texts[2], same=close.same_topic, other=close.shared_word
    )
    return ec.lesson_text("game", "lesson").format(
        model=ec.model_label(game.model.name),
        a=a,
        b=b,
        rank=rank_text(close.guess),
        n=close.vocabulary_size,
        cosine=close.guess.cosine,
        why=why,
    )
