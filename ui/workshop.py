"""The workshop's steps, read from data/workshop.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

import embedding_core as ec
from embedding_core.lessons import WORKSHOP_FILE

from .cache import cached
from .state import request_page

#: The session key of the step whose page was opened with its inputs: (step index, page file).
_OPENED = "workshop_opened"


@dataclass(frozen=True)
class Step:
    title: str
    page: str
    explain: str
    try_it: str
    checkpoint: str
    params: dict[str, Any]
    code: str
    #: Pairs of texts for "Predict first: which pair is closest?" (empty: no prediction in this step).
    predict: tuple[tuple[str, str], ...] = ()


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
            tuple((str(a), str(b)) for a, b in s.get("predict", [])),
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


def step_prefixes(step: Step) -> tuple[str, ...]:
    """The key prefixes of the page inputs a step sets (``analogies_`` for ``analogies_a``)."""
    return tuple(sorted({key.split("_", 1)[0] + "_" for key in step.params if "_" in key}))


def open_step(index: int) -> None:
    """Button callback: open step `index`'s page with its inputs, every other input of that page at its default."""
    step = steps()[index]
    st.session_state["workshop_step"] = index
    st.session_state[_OPENED] = (index, step.page)
    request_page(step.page, step.params, reset=step_prefixes(step))


def back_to_workshop(index: int) -> None:
    """Button callback: back to the Workshop page at step `index`."""
    go_to_step(index)
    st.session_state.pop(_OPENED, None)
    request_page("pages/workshop.py", {})


def step_banner(url_path: str) -> None:
    """On a page opened from a workshop step: "step N of 9", a way back and on to the next step.

    Args:
        url_path: the shown page's URL path (``"analogies"`` for ``pages/analogies.py``).
    """
    opened = st.session_state.get(_OPENED)
    if not opened or str(opened[1]).removeprefix("pages/").removesuffix(".py") != url_path:
        return
    index = int(opened[0])
    all_steps = steps()
    with st.container(border=True, key="workshop_banner"):
        text, back, forward = st.columns([3, 2, 2], vertical_alignment="center")
        text.markdown(f"**Workshop · step {index + 1} of {len(all_steps)}:** {all_steps[index].title}")
        back.button(
            "Back to the Workshop",
            icon=":material/arrow_back:",
            key="workshop_banner_back",
            on_click=back_to_workshop,
            args=(index,),
            width="stretch",
            help="Return to this step's explanation and checkpoint.",
        )
        if index + 1 < len(all_steps):
            forward.button(
                f"Next: {index + 2}. {all_steps[index + 1].title}",
                icon=":material/arrow_forward:",
                key="workshop_banner_next",
                on_click=open_step,
                args=(index + 1,),
                width="stretch",
                help="Open the next step's page with its inputs filled in.",
            )
