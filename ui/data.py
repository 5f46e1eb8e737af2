"""The app side of "Your data": reading uploads, the Embed button, the session's list, export buttons.

Uploaded data lives only in `st.session_state` (this browser tab's session): it is never written
to disk, never shared with another session, and gone when the session ends. The session's store and
its background embedding (one `ec.EmbedJob` at a time, at most `ui.background.MAX_KEPT` datasets;
vectors of ``n x dim`` float32: 100,000 x 256 with WordLlama is 102.4 MB, 100,000 x 384 with MiniLM
153.6 MB) are in `ui.background`; the vectors become a dataset only when every text is embedded.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

import numpy as np
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

import embedding_core as ec

from .background import UPLOADS, full_message, keep, running, start_embed
from .cache import cached, session_cache
from .inputs import request
from .nav import LESSON
from .params import Param, radio
from .projection import fit_map
from .sources import Owner, Source, uploads


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
