"""The app side of "Your data": embedding in the background, the session's store, export buttons.

Uploaded data lives only in `st.session_state` (this browser tab's session): it is never written
to disk, never shared with another session, and gone when the session ends. A session runs one
embedding at a time (an `ec.EmbedJob` on a worker thread; its vectors are ``n x dim`` float32:
100,000 x 256 with WordLlama is 102.4 MB, 100,000 x 384 with MiniLM 153.6 MB) and keeps at most
`MAX_KEPT` datasets; the vectors become a dataset only when every text is embedded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

import embedding_core as ec

from .cache import cached, identify, session_cache
from .inputs import request
from .nav import LESSON
from .params import Param, radio
from .projection import fit_map
from .sources import UPLOADS, Owner, Source, uploads


@cached(kind="data", model_arg="owner")
def _read_table(owner: Owner, content: bytes, filename: str, max_rows: int) -> ec.UploadedTable:
    return ec.read_table(content, filename, max_rows=max_rows)


def read_upload(file: UploadedFile, max_rows: int) -> ec.UploadedTable:
    """The table in an uploaded file, read once per (file, row limit) and kept in this session."""
    owner = Owner("upload", "", f"file:{file.file_id}")
    return _read_table(owner, file.getvalue(), file.name, max_rows)


def unique_name(filename: str) -> str:
    """A name for an upload that clashes with no built-in dataset and no earlier upload."""
    base = ec.clean_text(PurePath(filename).stem)[:40] or "my data"
    taken = set(ec.list_datasets()) | set(uploads())
    name, n = base, 2
    while name in taken:
        name, n = f"{base} ({n})", n + 1
    return name


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


def embed_button(dataset: ec.Dataset, model: ec.Embedder, clicked: object) -> None:
    """The Embed button (off while an embedding runs or the session is full), and its click."""
    if dataset.name in uploads():
        st.warning(f"Embedding replaces your earlier data called {dataset.name!r} once it has finished.")
    full = full_message(dataset.name)
    if full:
        st.warning(full, icon=":material/inventory_2:")
    busy = running() is not None
    st.button(
        f"Embed {len(dataset):,} texts with {ec.model_label(model.name)}",
        key="data_embed",
        type="primary",
        disabled=busy or bool(full),
        on_click=request,
        args=("data_request", "data_embed"),
        help="Turns every text into a vector in the background, in batches of 64: the page stays usable, "
        "and Cancel stops it." + (" One embedding runs at a time: wait for this one or cancel it." if busy else ""),
    )
    if clicked == "data_embed":
        start_embed(dataset, model)


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


def add_vectors(data: ec.Dataset, file: UploadedFile, clicked: object) -> None:
    """Under imported vectors: which model made them, and the "Add to my data" button with its click."""
    dim = data.vectors.shape[1]
    makers = [None] + [m for m, info in ec.BUNDLED_MODELS.items() if info.dim == dim]
    made_by = st.selectbox(
        "Which model made them?",
        makers,
        format_func=lambda m: "unknown" if m is None else ec.model_label(m),
        key=f"data_vectors_model_{file.file_id}",
        help="If you know it, typed queries can be compared with these vectors (same model needed).",
    )
    name = unique_name(file.name)
    full = full_message(name)
    if full:
        st.warning(full, icon=":material/inventory_2:")
    st.button(
        "Add to my data",
        key="data_vectors_add",
        type="primary",
        disabled=bool(full),
        on_click=request,
        args=("data_request", "data_vectors_add"),
        help="Keep these vectors for this session, as a dataset for the other pages.",
    )
    if clicked == "data_vectors_add" and not full:
        keep(dataclasses.replace(data, name=name, title=f"{name} ({len(data):,})", vectors_model=made_by))
        st.session_state["data_last_added"] = name


def remove(name: str) -> None:
    """Forget an upload (and its re-embedded vectors)."""
    st.session_state.get(UPLOADS, {}).pop(name, None)
    session_cache().drop_source(f"upload:{name}")


def choose_columns(table: ec.UploadedTable, file: UploadedFile) -> tuple[str, str | None, str]:
    """Draw the text-column, label-column and name boxes under an upload; return what they hold."""
    columns = list(table.frame.columns)
    c1, c2, c3 = st.columns(3)
    text_column = c1.selectbox(
        "Text column",
        columns,
        index=columns.index(table.text_columns[0]),
        key=f"data_text_{file.file_id}",
        help="The column whose texts are embedded (we guessed the one with the longest texts).",
    )
    label_options = [None] + [c for c in columns if c != text_column]
    guess = next((c for c in table.label_columns if c != text_column), None)
    label_column = c2.selectbox(
        "Label column (optional)",
        label_options,
        index=label_options.index(guess) if guess else 0,
        format_func=lambda c: "(none)" if c is None else c,
        key=f"data_label_{file.file_id}",
        help="A category for each row (topic, department…). Maps and clusters colour points by it.",
    )
    name = c3.text_input(
        "Name",
        value=unique_name(file.name),
        key=f"data_name_{file.file_id}",
        max_chars=40,
        help="How this data appears in the data pickers of the other pages.",
    )
    return text_column, label_column, name


#: The pages whose Data box offers an upload.
DATA_PAGES = ("pages/projections.py", "pages/search.py", "pages/clusters.py")


def data_pages(joiner: str = "and") -> str:
    """The pages that take an upload, by their menu labels in menu order: “Maps: projections”, … and …."""
    names = [f"“{p.title}”" for p in LESSON if p.file in DATA_PAGES]
    return f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def session_list() -> None:
    """What this session keeps: the last addition confirmed, then each upload with a Remove button."""
    if st.session_state.get("data_last_added") in uploads():
        name = st.session_state["data_last_added"]
        st.success(
            f"Kept {name!r} for this session. Pick 'My data: {name}' in the Data box of the {data_pages('or')} page.",
            icon=":material/check_circle:",
        )
    if uploads():
        st.subheader("In this session")
        for name, data in list(uploads().items()):
            c1, c2 = st.columns([5, 1])
            made = ec.model_label(data.vectors_model) if data.vectors_model else "unknown model"
            c1.write(f"**{name}**: {len(data):,} texts, vectors by {made}")
            c2.button("Remove", key=f"data_remove_{name}", on_click=remove, args=(name,), help="Forget this data now.")


def export_buttons(texts: list[str], labels: list[str] | None, vectors: np.ndarray, stem: str) -> None:
    """Download buttons for the vectors in every format (files are built only when clicked)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:40] or "vectors"
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "Vectors as CSV",
        lambda: ec.export_vectors_csv(vectors, texts, labels),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="data_export_csv",
        help="One row per text: text, label, then one column per dimension. Opens in any spreadsheet.",
    )
    c2.download_button(
        "Vectors as .npy",
        lambda: ec.export_npy(vectors),
        file_name=f"{stem}.npy",
        mime="application/octet-stream",
        key="data_export_npy",
        help="The matrix alone, for numpy: np.load('file.npy'). Row i is text i.",
    )
    c3.download_button(
        "Vectors as Parquet",
        lambda: ec.export_parquet(vectors, texts, labels),
        file_name=f"{stem}.parquet",
        mime="application/octet-stream",
        key="data_export_parquet",
        help="Compact and exact, for pandas or other data tools: pd.read_parquet('file.parquet').",
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "Projector: vectors.tsv",
        lambda: ec.export_projector(vectors, texts, labels)[0],
        file_name=f"{stem}_vectors.tsv",
        mime="text/tab-separated-values",
        key="data_export_projector_vectors",
        help="For projector.tensorflow.org → Load: the numbers, one vector per line.",
    )
    c2.download_button(
        "Projector: metadata.tsv",
        lambda: ec.export_projector(vectors, texts, labels)[1],
        file_name=f"{stem}_metadata.tsv",
        mime="text/tab-separated-values",
        key="data_export_projector_metadata",
        help="For projector.tensorflow.org → Load: the texts (and labels), one per line, same order.",
    )


EXPORT_DIMS = Param(
    "data_export_dims",
    2,
    ec.N_COMPONENTS,
    "Map coordinates",
    "Positions of every text on a flat (2D) or 3D map, with its text and label, as CSV.",
    format_func=lambda d: f"{d}D",
)
EXPORT_MAP = Param(
    "data_export_map",
    "pca",
    ec.Options(ec.MAP_METHODS),
    "Projection",
    "PCA keeps the widest directions (fast, exact); UMAP keeps neighbours together (slower, random seed 0).",
    format_func={"pca": "PCA", "umap": "UMAP"}.get,
)


def export_coordinates(source: Source) -> None:
    """Choose 2D or 3D and PCA or UMAP, then download the map positions with texts and labels."""
    c1, c2 = st.columns(2)
    dims = radio(EXPORT_DIMS, container=c1, horizontal=True)
    method = radio(EXPORT_MAP, container=c2, horizontal=True)

    def build() -> bytes:
        coords = fit_map("fit_search_map", source.vectors, method=method, n_components=dims, keep=False).coords
        return ec.export_coordinates(coords, source.texts, source.labels)

    if len(source.texts) <= dims:
        st.info(f"A {dims}D map needs at least {dims + 1} texts.")
        return
    st.download_button(
        f"Coordinates ({dims}D {method.upper()}) as CSV",
        build,
        file_name=f"coordinates-{dims}d-{method}.csv",
        mime="text/csv",
        key="data_export_coordinates",
        help="Computed when you click (UMAP can take a while on thousands of texts).",
    )
