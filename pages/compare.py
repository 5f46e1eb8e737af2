"""Compare: the same texts through two models. Do they agree on what is similar to what?"""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import aligned_maps_figure, pair_agreement_figure, twin_heatmaps_figure
from ui.charts import show
from ui.compare import EXAMPLE, TYPED, agreement, source_label
from ui.inputs import core_errors, text_list
from ui.params import Param, Text, selectbox, slider, text_area
from ui.shell import ensure_app_shell
from ui.sidebar import available_models
from ui.sources import sample_texts, source_of, with_model

ensure_app_shell()

st.title("Compare two models")
st.caption(ec.lesson_text("compare", "intro"))

models = available_models()
MODEL_A = Param(
    "compare_model_a",
    "minilm",
    ec.Options(models),  # a model no longer available (a server disconnected) goes back to the default
    "Model A",
    "The first model. Add hub models or an embedding server in the sidebar under 'More models'.",
    format_func=ec.model_label,
)
MODEL_B = Param(
    "compare_model_b",
    "glove-50d",
    ec.Options(models),
    "Model B",
    "The second model; the same texts go through both.",
    format_func=ec.model_label,
)
# In presenter mode the settings follow the picture (ui/presenter.py orders this container last).
with st.container(key="compare_settings"):
    col_a, col_b = st.columns(2)
    name_a = selectbox(MODEL_A, container=col_a)
    name_b = selectbox(MODEL_B, container=col_b)
    if name_a == name_b:
        st.info("Both sides use the same model, so they agree perfectly. Pick another model B to see differences.")

    sources = [TYPED, *ec.list_datasets()]
    source = selectbox(
        Param(
            "compare_source",
            TYPED,
            ec.Options(sources),
            "Texts",
            "Your own lines, or a built-in dataset.",
            format_func=source_label,
        )
    )
    if source == TYPED:
        typed = Param(
            "compare_texts",
            EXAMPLE,
            Text(),
            "Texts, one per line",
            "Both models embed every line. Try sentences that share words but not meaning (river bank, bank rates).",
        )
        raw = text_area(typed, height=180)
        texts, n = text_list(raw, max_items=100).texts, None
    else:
        how_many = Param(
            "compare_n",
            60,
            ec.Interval(10, 150, integer=True, step=10),
            "Texts compared",
            "Texts taken evenly across the dataset. More texts make the figures steadier but the heatmaps busier.",
        )
        n = slider(how_many)
        texts, total = sample_texts(source, n)
        st.caption(f"{len(texts)} of {total} texts shown, spread evenly over the dataset.")
    if len(texts) < 3:
        st.error(
            f"Comparing two models needs at least 3 texts. Got {len(texts)}. Add more lines.", icon=":material/error:"
        )
        st.stop()

    k_max = min(10, len(texts) - 1)
    neighbours = Param(
        "compare_k",
        min(3, k_max),
        ec.Interval(1, k_max, integer=True),
        "Neighbours per text (k)",
        "For each text, its k most similar other texts under each model. The overlap counts how many are shared.",
        clamp=True,
    )
    k = slider(neighbours)
with core_errors(), st.spinner(f"Embedding {len(texts)} texts with both models…"):
    chosen = source_of(source, name_a, texts=texts, n=n)
    va, vb = chosen.vectors, with_model(chosen, name_b).vectors
with core_errors():
    result = ec.compare(va, vb, k=k)

label_a, label_b = ec.model_label(name_a), ec.model_label(name_b)
names = (f"A: {label_a}", f"B: {label_b}")
m1, m2, m3 = st.columns(3)
m1.metric(
    "Rank correlation of similarities",
    f"{result.spearman:.2f}",
    help=f"Spearman's ρ over all {result.n_pairs:,} pairs: 1 means both models put the pairs in the same order "
    "of similarity, 0 means no relation. Only the order counts, not the raw cosine values.",
)
m2.metric(
    "Shared nearest neighbours",
    f"{result.mean_overlap:.0%}",
    help=f"On average, this share of each text's {k} nearest neighbours is the same under both models. "
    f"Two unrelated models would share about {result.chance_overlap:.0%} by chance.",
)
m3.metric(
    "Map disparity",
    f"{result.disparity:.2f}",
    help="How far apart the two 2D maps stay after turning one onto the other: 0 same layout, 1 nothing in common.",
)
st.markdown(
    f"**{label_a}** and **{label_b}** {agreement(result.spearman)} agree on which texts are similar "
    f"(chance level for the neighbours: {result.chance_overlap:.0%})."
)

heat, pairs, neighbours, maps = st.tabs(["Heatmaps", "Every pair", "Neighbours", "Aligned maps"])
with heat:
    show(twin_heatmaps_figure(texts, result, names=names))
    st.caption("Same colour scale on both sides. Different models use different ranges of cosine; compare patterns.")
with pairs:
    show(pair_agreement_figure(texts, result, names=names))
    st.caption("One dot per pair of texts. The closer the dots lie to a rising curve, the more the models agree.")
with neighbours:
    st.dataframe(
        ec.neighbor_table(texts, result),
        hide_index=True,
        width="stretch",
        column_config={
            "overlap": st.column_config.ProgressColumn("overlap", min_value=0.0, max_value=1.0, format="percent"),
            "only A": st.column_config.TextColumn(f"only {label_a}"),
            "only B": st.column_config.TextColumn(f"only {label_b}"),
        },
    )
    st.caption(f"Each text's {k} nearest neighbours under both models; the biggest disagreements come first.")
with maps:
    show(aligned_maps_figure(texts, result, names=names))
    st.caption(ec.lesson_text("compare", "aligned_maps"))
