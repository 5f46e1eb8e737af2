"""Similarity: how alike two meanings are, measured as the angle between their vectors."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import identity_figure
from ui.cache import embed_current, model_name
from ui.charts import show
from ui.inputs import core_errors, text_list
from ui.params import Param, Text, text_area
from ui.shell import ensure_app_shell
from ui.similarity import (
    arrows_section,
    hubs_section,
    may_embed_builtin,
    pairs_section,
    predict_section,
    raw_section,
    spread_section,
)

ensure_app_shell()

st.title("Similarity: the angle between meanings")
st.caption(ec.lesson_text("similarity", "intro"))

yours, lesson, unit, meaning = st.tabs(
    ["Your texts", "How cosine similarity works", "Why models use unit vectors", "What counts as similar"]
)

with lesson:
    st.markdown(ec.lesson_text("similarity", "cosine"))
    arrows_section()
    st.caption(ec.lesson_text("similarity", "try_it"))

with yours:
    texts_param = Param(
        "similarity_texts",
        ec.lesson_text("similarity", "example"),
        Text(),
        "Texts, one per line",
        "Each line is embedded, then every pair is compared. Up to 60 texts.",
    )
    raw = text_area(texts_param, height=150)
    texts = text_list(raw, max_items=60).texts
    with core_errors():
        vectors = embed_current(texts)
    pairs_section(texts, vectors)

with unit:
    st.markdown(ec.lesson_text("similarity", "unit_vectors"))
    if len(texts) < 2:
        st.warning("Type at least two texts on the first tab to see this on your embeddings.")
    else:
        table = ec.unit_identity_table(texts, vectors, max_pairs=10)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={c: st.column_config.NumberColumn(format="%.4f") for c in table.columns[2:]},
        )
        show(identity_figure(table["cosine"], table["distance²"]), width="stretch", key="similarity_identity")

with meaning:
    if may_embed_builtin(model_name()):
        spread_section(model_name(), texts, vectors)
        hubs_section(model_name())
    raw_section()
predict_section()
