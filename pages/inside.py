"""Inside the model: word pieces, contextual versus static vectors, mean pooling, and attention."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import (
    attention_figure,
    barcode_figure,
    occurrence_map_figure,
    occurrence_similarity_figure,
    pooling_figure,
)
from ui import inside
from ui.cache import model_name
from ui.charts import show
from ui.inputs import core_errors
from ui.params import Param, segmented_control
from ui.parts import part
from ui.shell import ensure_app_shell

ensure_app_shell()

VIEWS = ["Tokens", "Contextual vs static", "Pooling", "Attention"]

st.title("Inside the model")
st.caption(ec.lesson_text("inside", "intro"))
view = segmented_control(
    Param("inside_view", VIEWS[0], ec.Options(VIEWS), "Step", "Four short lessons; take them in order.")
)
sentence_name = inside.sentence_model_name()
if sentence_name != model_name():
    st.caption(
        "GloVe has no word pieces, layers or attention, "
        f"so the transformer parts use **{ec.model_label(sentence_name)}**."
    )


@part("inside_context")
def context_view(sentence_name: str) -> None:
    """One word in a dozen sentences: a new vector in each from MiniLM, one vector from GloVe."""
    inputs = inside.context_inputs()
    if inputs is None:
        return
    word, sentences, other_words, senses, labels = inputs
    with st.expander("Sentence labels", expanded=False):
        st.dataframe({"label": labels, "meaning": senses, "sentence": sentences}, hide_index=True, width="stretch")

    st.subheader(f"{ec.model_label(sentence_name)}: a new vector in every sentence")
    occ = None
    with core_errors(stop=False):  # an input problem ends the view; GloVe's unknown words only its own part
        occ = inside.occurrences(sentence_name, tuple(sentences), word, other_words)
        same, different = occ.group_means(senses)
        m1, m2 = st.columns(2)
        m1.metric("Mean cosine, same meaning", f"{same:.2f}" if same == same else "—")
        m2.metric("Mean cosine, different meaning", f"{different:.2f}" if different == different else "—")
        left, right = st.columns(2)
        with left:
            show(occurrence_similarity_figure(occ, labels))
        with right:
            show(occurrence_map_figure(occ, labels, senses))
        st.caption(ec.lesson_text("inside", "occurrences_explained"))
    if occ is None:
        return
    st.subheader("GloVe: one vector, whatever the sentence")
    with core_errors(stop=False):
        static = inside.occurrences("glove-50d", tuple(sentences), word, ())
        show(barcode_figure([f"{lab}: {word}" for lab in labels], static.vectors))
        st.caption(
            ec.lesson_text("inside", "static_explained").format(
                word=word, n=len(sentences), cosine=static.similarity.min()
            )
        )


@part("inside_pooling")
def pooling_view() -> None:
    """The sentence vector as the mean of the token vectors, checked against the model's own."""
    model = inside.load(model_name())
    text = inside.text_box(
        "inside_pool_text",
        ec.lesson_text("inside", "pooling_text"),
        "Sentence",
        "A short sentence: every token gets a vector, and their average becomes the sentence's vector.",
    )
    if not text:
        return
    pool = None
    with core_errors(stop=False):
        pool = inside.pooling(model.name, text)
    if pool is None:
        return
    n = len(pool.token_vectors.tokens)
    st.markdown(ec.lesson_text("inside", "pooling_steps").format(n=n, dim=model.dim, norm=pool.norm))
    c1, c2, c3 = st.columns(3)
    c1.metric("Tokens averaged", n)
    c2.metric("Length of the mean", f"{pool.norm:.3f}")
    c3.metric(
        "Largest difference from model.embed",
        f"{pool.max_abs_diff:.1e}",
        help="The biggest gap over all dimensions between the hand-made vector and the model's own. "
        "Below 1e-5 means they are the same vector (float rounding only).",
    )
    if pool.max_abs_diff <= 1e-5:
        st.success(
            "Same vector: the sentence embedding is just the average of the token vectors.", icon=":material/check:"
        )
    else:
        st.error(f"The vectors differ by {pool.max_abs_diff:.1e}; this model does more than mean pooling.")
    show(pooling_figure(pool))


@part("inside_attention")
def attention_view(sentence_name: str) -> None:
    """One head's attention in one layer (the layer and head sliders rerun only this part)."""
    model = inside.load(sentence_name)
    text = inside.text_box(
        "inside_attn_text",
        ec.lesson_text("inside", "attention_text"),
        "Short sentence",
        "Keep it short (under 30 words) so the grid stays readable.",
    )
    if not text:
        return
    layer, head = inside.layer_and_head(model)
    st.info(
        ec.lesson_text("inside", "attention_explained").format(heads=ec.attention_shape(model)[1]),
        icon=":material/lightbulb:",
    )
    with core_errors(stop=False):
        show(attention_figure(inside.attention(model.name, text, layer, head)))


if view == "Tokens":
    inside.tokens_view(sentence_name)
elif view == "Contextual vs static":
    context_view(sentence_name)
    inside.cloud_view(sentence_name)
elif view == "Pooling":
    pooling_view()
else:
    attention_view(sentence_name)
