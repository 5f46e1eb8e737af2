"""Embed: an embedding is just a list of numbers. Table, bar plot and barcode of the user's texts."""

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import bar_figure, barcode_figure
from ui.cache import current_model, embed_current
from ui.charts import arrow_table, show
from ui.inputs import core_errors, text_list
from ui.params import Param, Text, radio, selectbox, text_area
from ui.parts import part
from ui.shell import ensure_app_shell

ensure_app_shell()

st.title("Embed: text in, numbers out")
st.caption(ec.lesson_text("embed", "intro"))

TEXTS = Param(
    "embed_texts",
    ec.lesson_text("embed", "example"),
    Text(),
    "Texts, one per line",
    "Each line is embedded separately. Blank lines are skipped and repeated lines kept once.",
)
BAR_MODE = Param(
    "embed_bar_mode",
    "overlay",
    ec.Options(("overlay", "stacked")),
    "Layout",
    "Overlay puts all vectors on one axis; stacked gives each its own row.",
)
ORDER = Param(
    "embed_order",
    "index",
    ec.Options(ec.DIMENSION_ORDERS),
    "Order of the columns",
    "Reordering the dimensions changes nothing about the vectors, but makes similar rows easier to spot.",
    format_func={"index": "dimension number", "variance": "most varied first", "first": "by the first text"}.get,
)
raw = text_area(TEXTS, height=160)

texts = text_list(raw, max_items=200).texts

model = current_model()
with core_errors():
    vectors = embed_current(texts)

if model.kind == "sentence":
    long = [t for t in texts if model.count_tokens(t) > model.max_tokens]
    if long:
        st.warning(
            f"{len(long)} text(s) are longer than {model.max_tokens} word pieces; "
            "the model reads only the beginning of each.",
            icon=":material/content_cut:",
        )

table = ec.vector_table(texts, vectors)
c1, c2, c3 = st.container(key="embed_metrics").columns(3)  # after the picture on a phone
c1.metric("Texts", len(texts))
c2.metric("Numbers per text (dimensions)", model.dim)
low, high = float(table["norm"].min()), float(table["norm"].max())
c3.metric(
    "Length (norm) of each vector",
    f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f} – {high:.2f}",
    help="This app scales every vector to length 1 (MiniLM's already have it; GloVe's raw vectors do not): "
    "only the direction matters.",
)


@part("embed_views")
def views(texts: list[str], vectors: np.ndarray, table: pd.DataFrame, model: ec.Embedder) -> None:
    """The table, bar plot and barcode tabs: a tab, the layout, the texts or the order rerun only these."""
    numbers, bars, barcode = st.tabs(["The numbers", "Bar plot", "Barcode heatmap"], key="embed_tab", on_change="rerun")
    with numbers:
        st.space("medium")  # room for the table's hover toolbar, which sits above the table, under the tab labels
        st.dataframe(
            arrow_table(table),  # the same table, sent without pandas' column-by-column conversion
            hide_index=True,
            width="stretch",
            column_config={"text": st.column_config.TextColumn(pinned=True)},
        )
        st.download_button(
            "Download as CSV",
            lambda: table.to_csv(index=False).encode("utf-8"),  # built when clicked, not on every rerun
            file_name=f"embeddings-{model.name.replace('/', '_')}.csv",
            mime="text/csv",
            key="embed_download",
            help="One row per text: the text, its norm, then every dimension.",
        )
    with bars:
        mode = radio(BAR_MODE, horizontal=True)
        shown = st.multiselect(
            "Texts to plot",
            texts,
            default=texts[:4],
            key=f"bar_texts_{hash(tuple(texts))}",
            max_selections=8,
            help="Pick up to 8 texts to compare.",
        )
        if shown:
            idx = [texts.index(t) for t in shown]
            show(bar_figure(shown, vectors[idx], mode=mode))
        else:
            st.info("Pick at least one text to plot.")
    with barcode:
        order = selectbox(ORDER)
        show(barcode_figure(texts, vectors, order=order))
        st.caption(ec.lesson_text("embed", "barcode"))


views(texts, vectors, table, model)
