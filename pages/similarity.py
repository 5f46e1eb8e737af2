"""Similarity: how alike two meanings are, measured as the angle between their vectors."""

import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import angle_figure, identity_figure, similarity_heatmap
from ui.cache import embed_current
from ui.charts import show
from ui.inputs import core_errors, text_list
from ui.params import Param, Text, radio, slider, text_area
from ui.shell import ensure_app_shell

ensure_app_shell()

st.title("Similarity: the angle between meanings")
st.caption(ec.lesson_text("similarity", "intro"))

yours, lesson, unit = st.tabs(["Your texts", "How cosine similarity works", "Why models use unit vectors"])

with lesson:
    st.markdown(ec.lesson_text("similarity", "cosine"))
    degrees, length = ec.Interval(0, 359, integer=True), ec.Interval(0.1, 2.0, step=0.1)
    left, right = st.columns([1, 2])
    with left:
        a_angle = slider(Param("similarity_a_angle", 30, degrees, "Direction of a (degrees)", "Turn arrow a."))
        a_len = slider(Param("similarity_a_len", 1.0, length, "Length of a", "Stretch arrow a."))
        b_angle = slider(Param("similarity_b_angle", 75, degrees, "Direction of b (degrees)", "Turn arrow b."))
        b_len = slider(Param("similarity_b_len", 1.0, length, "Length of b", "Stretch arrow b."))
    u, v = ec.polar(a_angle, a_len), ec.polar(b_angle, b_len)
    pair = ec.compare_two(u, v)
    with right:
        show(angle_figure(u, v), width="stretch", key="similarity_angle_chart")
    m = st.columns(4)
    m[0].metric("Angle", f"{pair.angle_degrees:.0f}°")
    m[1].metric("Cosine", f"{pair.cosine:.3f}", help="cos(angle): only the directions count.")
    m[2].metric("Dot product", f"{pair.dot:.3f}", help="|a| × |b| × cos(angle): lengths count too.")
    m[3].metric("Euclidean distance", f"{pair.euclidean:.3f}", help="How far apart the arrow tips are.")
    st.caption(ec.lesson_text("similarity", "try_it"))

with yours:
    texts_param = Param(
        "similarity_texts",
        ec.lesson_text("similarity", "example"),
        Text(),
        "Texts, one per line",
        "Each line is embedded, then every pair is compared. Up to 60 texts.",
    )
    metric_param = Param(
        "similarity_metric",
        "cosine",
        ec.Options(ec.SIMILARITY_METRICS),
        "Measure",
        "Cosine: angle only, -1 to 1 (the usual choice). Dot product: angle and lengths. "
        "Euclidean distance: how far apart, so smaller means more similar.",
        format_func=ec.metric_label,
    )
    raw = text_area(texts_param, height=150)
    metric = radio(metric_param, horizontal=True)

with yours:
    texts = text_list(raw, max_items=60).texts
    with core_errors():
        vectors = embed_current(texts)
    if len(texts) < 2:
        st.warning("Type at least two texts, one per line, to compare them.", icon=":material/info:")
    else:
        matrix = ec.similarity_matrix(vectors, metric=metric)
        show(similarity_heatmap(texts, matrix, metric=metric), width="stretch", key="similarity_heatmap")
        most, least = ec.extreme_pairs(matrix, metric=metric, k=3)
        name = ec.metric_label(metric)
        c1, c2 = st.columns(2)
        for col, title, pairs in ((c1, "Most similar pairs", most), (c2, "Least similar pairs", least)):
            col.subheader(title)
            col.dataframe(
                pd.DataFrame(
                    {
                        "text A": [texts[p.i] for p in pairs],
                        "text B": [texts[p.j] for p in pairs],
                        name: [p.score for p in pairs],
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={name: st.column_config.NumberColumn(format="%.3f")},
            )

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
