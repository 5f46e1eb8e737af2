"""Embeddings as features: classify with a few examples, classify with none (zero-shot), recommend."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import confusion_figure, learning_curve_figure, probability_figure
from ui import features as F
from ui.charts import show
from ui.inputs import core_errors
from ui.params import Param, radio, segmented_control, slider, text_input
from ui.shell import ensure_app_shell
from ui.sources import picker

ensure_app_shell()
LESSON = ec.lesson("features")

st.title("Embeddings as features: classify and recommend")
st.caption(LESSON["intro"])

# In presenter mode the settings follow the picture (ui/presenter.py orders this container last).
with st.container(key="features_settings"):
    src = picker(
        "features", grouped=True, grouping_first="always", first="job_listings", typed_default=LESSON["example"]
    )
    if not src.labels:
        st.info(LESSON["needs_labels"], icon=":material/label:")
        st.stop()
    c1, c2 = st.columns(2)
    test_size = slider(F.TEST_SIZE, container=c1)
    seed = slider(F.SEED, container=c2)
texts, labels, kinds = tuple(src.texts), tuple(src.labels), F.kinds(src)
features = {name: (F.owner_of(src, m), F.vectors(src, m) if m else None) for name, m in kinds.items()}
with core_errors(), st.spinner("Training one classifier per kind of features…"):
    results = {name: F.classify(o, texts, labels, x, test_size, seed) for name, (o, x) in features.items()}
first = next(iter(results.values()))
classes = first.classes
for col, (name, res) in zip(st.columns(len(results)), results.items(), strict=True):
    col.metric(
        f"{name}: accuracy",
        f"{res.accuracy:.0%}",
        help=f"Logistic regression on {name} features, scored on the {len(res.test_index)} held-out texts.",
    )

tabs = st.tabs(["Classify", "Few examples", "Zero-shot", "Try it", "Recommend"], key="features_tab", on_change="rerun")
with tabs[0]:
    KIND = Param(
        "features_kind", next(iter(results)), ec.Options(tuple(results)), "Features", "Whose confusion to see."
    )
    kind = segmented_control(KIND)
    show(confusion_figure(results[kind], title=kind))
    st.dataframe(results[kind].report.round(2), hide_index=True)
    st.caption(LESSON["classify"])

mode = radio(F.ZERO_SHOT, container=tabs[2], horizontal=True)
label_list, zs_note = F.label_texts(src, classes, mode)
zs = F.zero_shot(src, classes, label_list, first.test_index)

with tabs[1]:
    with core_errors(), st.spinner("Training on 1, 2, 5, 10, 20 and all examples per class…"):
        curves = {name: F.curve(o, texts, labels, x, test_size, seed) for name, (o, x) in features.items()}
    level = {f"zero-shot ({F.kind_name(src.model)})": zs.held_out} if zs.predicted else {}
    show(learning_curve_figure(curves, zero_shot=level))
    st.caption(LESSON["curve"])

with tabs[2]:
    if zs_note:
        st.info(zs_note, icon=":material/info:")
    if zs.error:
        st.error(zs.error, icon=":material/error:")
    else:
        a, b = st.columns(2)
        a.metric(
            "Zero-shot accuracy, held-out texts", f"{zs.held_out:.0%}", help="The texts the classifiers are scored on."
        )
        b.metric("Zero-shot accuracy, all texts", f"{zs.overall:.0%}", help="No training, so no text is 'seen'.")
        st.dataframe(F.zero_shot_table(classes, label_list, labels, zs.predicted), hide_index=True)
    st.caption(LESSON["zero_shot"])

with tabs[3]:
    text = text_input(F.TRY_TEXT)
    if text.strip():
        with core_errors():
            probs = F.try_probabilities(src, kinds, features, results, text)
        show(probability_figure(classes, probs))
        st.caption(LESSON["try_it"])

with tabs[4]:
    st.caption(LESSON["recommend"])
    options = list(range(len(src.texts)))  # one pick per data source: rows of other data are other texts
    liked = st.multiselect(
        "Texts you like",
        options,
        default=F.first_liked(src),
        format_func=lambda i: src.texts[i][:90],
        key=f"features_liked_{src.id}",
        help="Pick one or more; the recommender looks for texts like these.",
    )
    disliked = st.multiselect(
        "Texts you do not like (optional)",
        [i for i in options if i not in liked],
        format_func=lambda i: src.texts[i][:90],
        key=f"features_disliked_{src.id}",
        help="The recommender steers away from these.",
    )
    if not liked:
        st.info("Pick at least one text you like.", icon=":material/thumb_up:")
    else:
        left, right_col = st.columns(2)
        for col, (title, table) in zip(
            (left, right_col), F.recommendations(src, liked, disliked, features), strict=True
        ):
            col.subheader(title)
            col.dataframe(table, hide_index=True)
