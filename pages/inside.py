"""Inside the model: word pieces, contextual versus static vectors, mean pooling, and attention."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import (
    attention_figure,
    barcode_figure,
    occurrence_map_figure,
    occurrence_similarity_figure,
    pooling_figure,
    token_chips_figure,
)
from embedding_core.figures.style import short_label
from ui import inside
from ui.cache import model_name
from ui.charts import show
from ui.errors import core_errors
from ui.params import Param, Text, prepare, segmented_control, selectbox, slider, text_area, text_input
from ui.shell import ensure_app_shell

ensure_app_shell()

VIEWS = ["Tokens", "Contextual vs static", "Pooling", "Attention"]

st.title("Inside the model")
st.caption("Where a sentence vector comes from, and why 'bank' means two things to MiniLM but one thing to GloVe.")
view = segmented_control(
    Param("inside_view", VIEWS[0], ec.Options(VIEWS), "Step", "Four short lessons; take them in order.")
)
sentence_name = inside.sentence_model_name()
if sentence_name != model_name():
    st.caption(
        "GloVe has no word pieces, layers or attention, "
        f"so the transformer parts use **{ec.model_label(sentence_name)}**."
    )


def _text_input(key: str, value: str, label: str, help: str) -> str:
    raw = text_area(Param(key, value, Text(), label, help), height=90)
    text = ec.clean_text(raw)
    if len(text) > ec.MAX_TEXT_CHARS:
        st.info(f"Used the first {ec.MAX_TEXT_CHARS:,} of {len(text):,} characters.", icon=":material/content_cut:")
        text = text[: ec.MAX_TEXT_CHARS]
    if not text:
        st.error("The text is empty. Type a word or a sentence.", icon=":material/error:")
        st.stop()
    return text


if view == "Tokens":
    text = _text_input(
        "inside_tokens_text",
        "Embeddings turn sentences into vectors, even unbelievably long words like 'antidisestablishmentarianism'.",
        "Text",
        "Any text. See how each model cuts it into the pieces it has vectors for.",
    )
    left, right = st.columns(2)
    with left, core_errors(stop=False):
        st.subheader(f"{ec.model_label(sentence_name)}: word pieces")
        toks = inside.tokenize(sentence_name, text)
        if toks.truncated:
            st.warning(
                f"This text is {len(toks.tokens) + toks.n_cut} word pieces long; the model reads only the first "
                f"{toks.max_tokens}. The last {toks.n_cut} pieces (everything after character {toks.cut_at:,}) "
                "are ignored.",
                icon=":material/content_cut:",
            )
        show(token_chips_figure(toks, width=560), width="content")
        st.caption(
            "Rare words are split into known pieces (`##` marks a piece that continues a word). "
            "[CLS] and [SEP] mark the start and end. Same colour = pieces of one word."
        )
        st.dataframe(toks.table(), hide_index=True, width="stretch", height=250)
    with right, core_errors(stop=False):
        st.subheader("GloVe: whole words")
        words = inside.tokenize("glove-50d", text)
        if words.tokens:
            known = sum(words.known)
            st.metric("Words GloVe knows", f"{known} of {len(words.tokens)}")
            show(token_chips_figure(words, width=560), width="content")
        unknown = list(dict.fromkeys(words.unknown))
        if unknown:
            st.warning(
                f"Out of vocabulary (no vector at all): {', '.join(short_label(w, 30) for w in unknown[:20])}"
                + (f" and {len(unknown) - 20} more" if len(unknown) > 20 else "")
                + ". GloVe simply drops these words.",
                icon=":material/help:",
            )
        st.dataframe(words.table(), hide_index=True, width="stretch", height=250)

elif view == "Contextual vs static":
    presets = ec.CONTEXT_PRESETS

    def _apply_preset() -> None:
        preset = presets[st.session_state["inside_preset"]]
        st.session_state["inside_word"] = preset.word
        st.session_state["inside_sentences"] = "\n".join(s for _, s in preset.sentences)
        st.session_state["inside_others"] = ", ".join(preset.other_words)

    preset_param = Param(
        "inside_preset",
        "bank",
        ec.Options(presets),
        "Preset",
        "A word with two meanings, and sentences that use each. Picking one replaces the boxes below.",
    )
    first = presets[prepare(preset_param)]
    c1, c2, c3 = st.columns([1, 1, 2])
    selectbox(preset_param, container=c1, on_change=_apply_preset)
    word = text_input(
        Param("inside_word", first.word, Text(), "Word to follow", "Found as a whole word, in any case."), container=c2
    )
    others = text_input(
        Param(
            "inside_others",
            ", ".join(first.other_words),
            Text(),
            "Other words for the map",
            "Comma-separated words placed on the map, each said on its own, to show which meaning is which.",
        ),
        container=c3,
    )
    sentences_param = Param(
        "inside_sentences",
        "\n".join(s for _, s in first.sentences),
        Text(),
        "Sentences, one per line (each must use the word)",
        "Up to 12 sentences. Mix the meanings and watch them separate.",
    )
    raw = text_area(sentences_param, height=170)
    with core_errors():
        parsed = ec.parse_texts(raw, max_items=12)
    for note in parsed.notes():
        st.info(note, icon=":material/info:")
    sentences = parsed.texts
    other_words = tuple(w.strip() for w in others.split(",") if w.strip())[:8]
    preset = presets[st.session_state["inside_preset"]]
    senses = [preset.sense_of(s) or "your sentence" for s in sentences]
    labels = [f"S{i}" for i in range(1, len(sentences) + 1)]
    with st.expander("Sentence labels", expanded=False):
        st.dataframe({"label": labels, "meaning": senses, "sentence": sentences}, hide_index=True, width="stretch")

    st.subheader(f"{ec.model_label(sentence_name)}: a new vector in every sentence")
    with core_errors():  # an input problem stops both parts; GloVe's unknown words stop only its own part
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
        st.caption(
            "Each point is the word's own vector (the mean of its word pieces' vectors after the last layer) in one "
            "sentence. Same word, different neighbours, different vector: the meaning comes from the context."
        )
    st.subheader("GloVe: one vector, whatever the sentence")
    with core_errors(stop=False):
        static = inside.occurrences("glove-50d", tuple(sentences), word, ())
        show(barcode_figure([f"{lab}: {word}" for lab in labels], static.vectors))
        st.caption(
            f"Every row is GloVe's vector for '{word}': identical in all {len(sentences)} sentences "
            f"(cosine between any two = {static.similarity.min():.2f}). A static model cannot tell the meanings apart."
        )

elif view == "Pooling":
    model = inside.load(model_name())
    text = _text_input(
        "inside_pool_text",
        "The cat sat on the warm mat.",
        "Sentence",
        "A short sentence: every token gets a vector, and their average becomes the sentence's vector.",
    )
    with core_errors():
        pool = inside.pooling(model.name, text)
    n = len(pool.token_vectors.tokens)
    st.markdown(
        f"1. The model gives each of the **{n} tokens** a vector of {model.dim} numbers (top rows).\n"
        f"2. **Mean pooling**: average the rows, number by number (the row *= mean*).\n"
        f"3. Divide by the mean's length ({pool.norm:.3f}) so the sentence vector has length 1."
    )
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

else:
    model = inside.load(sentence_name)
    layers, heads = ec.attention_shape(model)
    text = _text_input(
        "inside_attn_text",
        "The animal didn't cross the street because it was too tired.",
        "Short sentence",
        "Keep it short (under 30 words) so the grid stays readable.",
    )
    c1, c2 = st.columns(2)
    layer_range, head_range = ec.Interval(1, layers, integer=True), ec.Interval(1, heads, integer=True)
    layer = slider(
        Param("inside_layer", 1, layer_range, "Layer", f"1 reads the raw pieces; {layers} feeds the pooling."),
        container=c1,
    )
    head = slider(
        Param("inside_head", 1, head_range, "Head", f"Each layer has {heads} heads that look independently."),
        container=c2,
    )
    st.info(
        "In every layer, each token's vector is updated with a weighted average of all tokens' vectors; a row of this "
        "grid shows those weights for one token (they add up to 1). It shows where one head looks, not why the model "
        "decides anything: many heads mostly look at [CLS], [SEP] or punctuation.",
        icon=":material/lightbulb:",
    )
    with core_errors():
        amap = inside.attention(model.name, text, layer, head)
    show(attention_figure(amap))
