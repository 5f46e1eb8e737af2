"""The workshop's steps, read from data/workshop.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

import embedding_core as ec
from embedding_core.lessons import WORKSHOP_FILE

from .cache import cached


@dataclass(frozen=True)
class Step:
    title: str
    page: str
    explain: str
    try_it: str
    checkpoint: str
    params: dict[str, Any]
    code: str


def read_steps(path: Path = WORKSHOP_FILE) -> list[Step]:
    """Every step of the workshop, in order."""
    return [
        Step(
            s["title"],
            s["page"],
            s["explain"].strip(),
            s["try"].strip(),
            s["checkpoint"].strip(),
            dict(s.get("params", {})),
            s["code"].strip(),
        )
        for s in ec.read_workshop(path)
    ]


@cached(kind="data")
def steps() -> list[Step]:
    return read_steps()


def go_to_step(index: int) -> None:
    """Button callback: show step `index` and clear any pause."""
    st.session_state["workshop_step"] = index
    st.session_state.pop("workshop_paused", None)


def pause_at(index: int) -> None:
    """Button callback: mark a checkpoint as 'stop here'."""
    st.session_state["workshop_paused"] = index
