"""Your data: upload texts (or ready-made vectors), embed them, use them on every page, export vectors."""

import streamlit as st

import embedding_core as ec
from ui.background import embed_progress
from ui.cache import current_model
from ui.data import (
    add_vectors,
    choose_columns,
    data_pages,
    embed_button,
    export_buttons,
    export_coordinates,
    read_upload,
    session_list,
)
from ui.inputs import core_errors, requested
from ui.params import Param, number_input
from ui.shell import ensure_app_shell
from ui.sources import picker, uploads

ensure_app_shell()
# Buttons record a request in a callback (kept across the shell's first rerun); it is handled once, here.
clicked = requested("data_request")

st.title("Your data")
st.caption(
    f"Bring your own texts: they become a dataset on the {data_pages()} pages. "
    "They stay in this browser session's memory only: never written to disk, never seen by anyone else, "
    "gone when you close the tab."
)
model = current_model()
embed_progress()  # a running embedding: progress, time left and Cancel, redrawn on its own
upload_tab, vectors_tab, export_tab = st.tabs(["Upload texts", "Import vectors", "Export"])

with upload_tab:
    c1, c2 = st.columns([3, 1])
    file = c1.file_uploader(
        "A file of texts",
        type=list(ec.TABLE_EXTENSIONS),
        key="data_file",
        help="CSV, TSV, Excel (.xlsx) or Parquet with a column of texts, or a .txt with one text per line.",
    )
    row_limit = Param(
        "data_max_rows",
        ec.DEFAULT_MAX_ROWS,
        ec.Interval(100, ec.DEFAULT_MAX_ROWS, integer=True),
        "Row limit",
        "Bigger files are refused, with tips to cut them. MiniLM embeds a few hundred texts per second here, "
        "so 100,000 take many minutes; WordLlama (pick it in the sidebar) embeds thousands per second.",
        link=False,
    )
    max_rows = number_input(row_limit, container=c2, step=1_000)
    table = None
    if file is not None:
        with core_errors(stop=False):
            table = read_upload(file, int(max_rows))
    if table is not None:
        for note in table.notes:
            st.info(note, icon=":material/info:")
        text_column, label_column, name = choose_columns(table, file)
        upload = None
        with core_errors(stop=False):
            clean_name = ec.clean_text(name) or "my data"
            upload = ec.table_texts(table, text_column, label_column=label_column, name=clean_name)
        if upload is not None:
            for note in upload.notes[len(table.notes) :]:
                st.info(note, icon=":material/info:")
            rows = upload.dataset.frame
            st.space("medium")  # room for the preview's hover toolbar, which sits above it, off the Name box
            st.dataframe(rows.head(50), hide_index=True, width="stretch", key="data_preview")
            st.caption(f"Preview: {min(50, len(rows))} of {len(rows):,} rows shown.")
            embed_button(upload.dataset, model, clicked)

with vectors_tab:
    st.caption(
        "Vectors made elsewhere: a .npy matrix, a CSV/TSV of numbers (text and label columns allowed), Parquet, "
        "or the TensorFlow Embedding Projector pair vectors.tsv + metadata.tsv."
    )
    c1, c2 = st.columns(2)
    vec_file = c1.file_uploader(
        "Vectors",
        type=list(ec.VECTOR_EXTENSIONS),
        key="data_vectors_file",
        help="One vector per row, every row the same length.",
    )
    meta_file = c2.file_uploader(
        "Metadata (optional)",
        type=["tsv", "txt"],
        key="data_metadata_file",
        help="metadata.tsv: one text per line, or a header row then columns such as text and label.",
    )
    imported = None
    if vec_file is not None:
        with core_errors(stop=False):
            imported = ec.read_vectors(
                vec_file.getvalue(),
                vec_file.name,
                metadata=meta_file.getvalue() if meta_file else None,
                metadata_name=meta_file.name if meta_file else "metadata.tsv",
                max_rows=ec.DEFAULT_MAX_VECTORS,
            )
    if imported is not None:
        for note in imported.notes:
            st.info(note, icon=":material/info:")
        data = imported.dataset
        n, dim = data.vectors.shape
        st.write(f"**{n:,} vectors of {dim} numbers.** First rows:")
        st.dataframe(data.frame.head(20), hide_index=True, width="stretch", key="data_vectors_preview")
        add_vectors(data, vec_file, clicked)

session_list()

with export_tab:
    source = picker("data_export", allow_typed=True, first=next((f"upload:{n}" for n in uploads()), "job_listings"))
    st.write(f"**{len(source.texts):,} vectors of {source.vectors.shape[1]} numbers** ({source.name}).")
    export_buttons(source.texts, source.labels, source.vectors, f"{source.name}-{model.name}")
    st.divider()
    export_coordinates(source)
