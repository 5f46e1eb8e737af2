"""Workshop: the lesson as steps, each with an explanation, a link that opens the page ready to try,
a checkpoint, and the same thing in Python for a notebook afterwards."""

import streamlit as st

import embedding_core as ec
from ui.params import Param, prepare, selectbox
from ui.shell import ensure_app_shell
from ui.state import request_page
from ui.workshop import go_to_step, pause_at, steps

ensure_app_shell()

st.title("Workshop: embeddings in seven steps")
st.caption(
    "Work through the steps in order. Each one opens a page of the app ready to try, then pauses at a "
    "checkpoint. The code under each step does the same in Python, to redo it in a notebook later."
)

all_steps = steps()
STEP = Param(
    "workshop_step",
    0,
    ec.Options(range(len(all_steps))),
    "Step",
    "Jump to any step; the speaker may tell you where to be.",
    format_func=lambda i: f"{i + 1}. {all_steps[i].title}",
)
index = prepare(STEP)
st.progress((index + 1) / len(all_steps), text=f"Step {index + 1} of {len(all_steps)}")
selectbox(STEP)
step = all_steps[index]

st.header(f"{index + 1}. {step.title}")
st.markdown(step.explain)
with st.container(border=True):
    st.markdown(f"**Try it:** {step.try_it}")
    st.button(
        "Open the page with these inputs",
        icon=":material/open_in_new:",
        type="primary",
        key=f"workshop_try_{index}",
        on_click=request_page,
        args=(step.page, step.params),
        help="Opens the page for this step with its inputs filled in. Come back here with the menu.",
    )

with st.container(border=True):
    st.markdown(f"**Checkpoint:** {step.checkpoint}")
    stop, go = st.columns(2)
    stop.button(
        "Stop here",
        icon=":material/pause:",
        key=f"workshop_stop_{index}",
        on_click=pause_at,
        args=(index,),
        width="stretch",
        help="Pause here to discuss before going on.",
    )
    last = index == len(all_steps) - 1
    go.button(
        "Go on" if not last else "Back to step 1",
        icon=":material/arrow_forward:",
        key=f"workshop_go_{index}",
        on_click=go_to_step,
        args=(0 if last else index + 1,),
        width="stretch",
        help="The next step.",
    )
    if st.session_state.get("workshop_paused") == index:
        st.info("Paused here. Discuss the checkpoint, then press **Go on**.", icon=":material/pause_circle:")

st.subheader("The same in Python")
st.caption("Runs offline after `pip install -r requirements.txt`, from the app's folder. Click the copy icon.")
st.code(step.code, language="python")
