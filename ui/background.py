"""This session's uploads and its background embedding (one `ec.EmbedJob` at a time).

The session's datasets live in `st.session_state` only (`uploads`); `keep` stores one. An embedding
runs on a worker thread, its progress redraws in a fragment while it runs, and its vectors become the
dataset when every text is done (`wait_for_vectors` is what a page's data picker shows while an
upload is embedded again after a model switch). `ui.sources` and `ui.data` build on this module;
it imports neither.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

import embedding_core as ec

from .cache import identify, session_cache

UPLOADS = "data_uploads"


def uploads() -> dict[str, ec.Dataset]:
    """The datasets uploaded in this session, by name."""
    return st.session_state.setdefault(UPLOADS, {})


def keep(dataset: ec.Dataset, vectors: np.ndarray | None = None, model_name: str | None = None) -> ec.Dataset:
    """Store `dataset` (with its vectors) in this session under its name, replacing older vectors."""
    if vectors is not None:
        dataset = dataclasses.replace(dataset, vectors=vectors, vectors_model=model_name)
    if dataset.vectors is not None:
        identify(dataset.vectors)  # its token, once: cached calls name it without digesting it per rerun
    uploads()[dataset.name] = dataset
    session_cache().drop_source(f"upload:{dataset.name}")
    return dataset


#: Datasets one session keeps at most (each up to 100,000 texts or 200,000 vectors).
MAX_KEPT = 3
JOB = "data_job"  # session key of the running (or just ended) `BackgroundEmbed`
JOB_NOTE = "data_job_note"  # how the last embedding ended, when it did not finish
STOPPED = "data_job_stopped"  # (dataset name, model name) of the last embedding that did not finish
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class BackgroundEmbed:
    """An embedding running for this session: the job, and the dataset its vectors will belong to."""

    job: ec.EmbedJob
    dataset: ec.Dataset
    model_name: str


def full_message(name: str) -> str | None:
    """Why a dataset called `name` cannot be kept now (None when it can)."""
    if name in uploads() or len(uploads()) < MAX_KEPT:
        return None
    return f"This session already keeps {MAX_KEPT} datasets, the most it holds. Remove one under 'In this session'."


def running() -> BackgroundEmbed | None:
    """This session's embedding, while it runs."""
    bg = st.session_state.get(JOB)
    return bg if bg is not None and not bg.job.ended else None


def _session_alive() -> Callable[[], bool]:
    """A check that this browser session is still connected (True outside a server, as in AppTest)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return lambda: True
    runtime, session_id = Runtime.instance(), ctx.session_id
    return lambda: runtime.is_active_session(session_id)


def start_embed(dataset: ec.Dataset, model: ec.Embedder) -> None:
    """Start embedding `dataset`'s texts in the background (one embedding per session at a time)."""
    if running() is not None or full_message(dataset.name):
        return
    st.session_state.pop(JOB_NOTE, None)
    st.session_state.pop(STOPPED, None)
    job = ec.EmbedJob(model, dataset.texts, batch_size=64, keep_going=_session_alive())
    st.session_state[JOB] = BackgroundEmbed(job.start(), dataset, model.name)
    st.rerun()  # the progress is drawn above the button, so the page starts again to show it


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def _collect(bg: BackgroundEmbed, p: ec.JobProgress) -> None:
    """An ended job: its vectors become the dataset (done), or a note says why not; then the app reruns."""
    st.session_state.pop(JOB, None)
    if p.state == "done":
        keep(bg.dataset, bg.job.result(), bg.model_name)
        st.session_state["data_last_added"] = bg.dataset.name
    else:
        earlier = " Your earlier data is unchanged." if uploads() else ""
        st.session_state[JOB_NOTE] = (p.error or "The embedding stopped.") + earlier
        st.session_state[STOPPED] = (bg.dataset.name, bg.model_name)  # not started again on its own
    st.rerun()


@st.fragment(run_every=POLL_SECONDS)
def _progress(compact: bool, place: str = "") -> None:
    bg = st.session_state.get(JOB)
    if bg is None:
        return
    p = bg.job.progress()
    if bg.job.ended:
        _collect(bg, p)
    what = f"{bg.dataset.name!r} with {ec.model_label(bg.model_name)}"
    rate = f" · {p.rate:,.0f} texts/s" if p.rate else ""
    left = f" · about {_duration(p.seconds_left)} left" if p.seconds_left is not None else " · measuring the speed…"
    st.progress(p.fraction, text=f"Embedding {what}: {p.done:,} of {p.total:,} texts{rate}{left}")
    st.button(
        "Cancel",
        key=f"data_embed_cancel{'_side' if compact else place}",
        icon=":material/cancel:",
        on_click=bg.job.cancel,
        help="Stops after the current batch. Nothing is kept from this embedding; your earlier data stays.",
    )
    if not compact:
        n, dim = p.total, bg.job.model.dim
        st.caption(
            f"Runs in the background: use this page or the others meanwhile. Its vectors, {n:,} × {dim} "
            f"numbers, take {bg.job.nbytes / 1e6:,.1f} MB of this session's memory and become your data "
            "when every text is done."
        )


def embed_progress(*, compact: bool = False) -> None:
    """This session's embedding: a progress bar (done / total, measured rate, time left) and Cancel.

    It redraws every `POLL_SECONDS` while a job runs (and only then); when the job ends its vectors
    become the dataset, or a note says it was cancelled or failed. `compact` is the sidebar's
    version, drawn on the other pages.
    """
    if st.session_state.get(JOB) is not None:
        _progress(compact)
    elif not compact and st.session_state.get(JOB_NOTE):
        st.warning(st.session_state[JOB_NOTE], icon=":material/cancel:")


def wait_for_vectors(dataset: ec.Dataset, model: ec.Embedder) -> None:
    """An upload without vectors of the sidebar's model (another model's, or none): embed it in the background.

    The page cannot use another model's vectors (its queries, labels and captions are the sidebar
    model's, and two models' numbers are not comparable), so it says what is happening, shows the
    job's progress and Cancel, and stops; it fills in when every text is done, as the job's vectors
    then become the dataset's. One embedding runs per session: with another one running, this one
    starts when that ends. A cancelled or failed embedding is not started again on its own (the
    earlier vectors stay); a button starts it again. Always stops the page.
    """
    new = ec.model_label(model.name)
    old = ec.model_label(dataset.vectors_model) if dataset.vectors is not None and dataset.vectors_model else None
    bg = running()
    if bg is not None and (bg.dataset.name, bg.model_name) == (dataset.name, model.name):
        why = (
            f"Its vectors were made with {old}, and the sidebar's model is now {new}: the two models' numbers "
            f"cannot be compared, so its {len(dataset):,} texts are embedded again"
            if old
            else f"It has no vectors yet, so its {len(dataset):,} texts are embedded"
        )
        kept = (
            f" The {new} vectors then replace the {old} ones in your data; Cancel keeps the {old} ones (switch "
            f"the model back to {old} to use them)."
            if old
            else " Cancel stops it, and nothing of it is kept."
        )
        st.info(
            f"**Embedding {dataset.name!r} with {new}.** {why} in the background. This page fills in when every "
            f"text is done; the other pages work meanwhile.{kept}",
            icon=":material/sync:",
        )
        _progress(False, "_source")  # its own key: "Your data" draws the bar above too
    elif bg is not None:
        has = f"has {old} vectors" if old else "has no vectors yet"
        back = f" Or switch the model back to {old}." if old else ""
        st.info(
            f"**{dataset.name!r} {has}; the sidebar's model is {new}.** Its texts are embedded with {new} once "
            f"the embedding now running ({bg.dataset.name!r}, in the sidebar) has finished: one runs at a time. "
            f"This page fills in then.{back}",
            icon=":material/hourglass_top:",
        )
    elif st.session_state.get(STOPPED) == (dataset.name, model.name):
        again = f"embed its texts with {new} again below." if old else f"Embed its texts with {new} below."
        keeps = (
            f" {dataset.name!r} keeps its {old} vectors: switch the model back to {old} to use them, or "
            if old
            else " "
        )
        st.warning(
            f"{st.session_state.get(JOB_NOTE) or 'The embedding stopped.'}{keeps}{again}", icon=":material/cancel:"
        )
        if st.button(f"Embed {len(dataset):,} texts with {new}", key="data_reembed", type="primary"):
            start_embed(dataset, model)
    else:
        start_embed(dataset, model)  # reruns the page, which then shows the progress above
    st.stop()
