"""The 'Inside the model' page's inputs and cached calls: tokens, pooling, occurrences, attention."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

import embedding_core as ec

from .cache import cached, get_model, model_name
from .inputs import text_list
from .params import Param, Text, prepare, selectbox, slider, text_area, text_input


def sentence_model_name() -> str:
    """The sidebar's model if it is a sentence model (a transformer), else MiniLM."""
    name = model_name()
    info = ec.BUNDLED_MODELS.get(name)
    return name if info is None or info.kind == "sentence" else "minilm"


def load(name: str) -> ec.Embedder:
    """A model by name, behind a spinner the first time."""
    with st.spinner(f"Loading {ec.model_label(name)} (first time only, a few seconds)…"):
        return get_model(name)


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def tokenize(name: str, text: str) -> ec.Tokenization:
    return ec.tokenize(get_model(name), text)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def pooling(name: str, text: str) -> ec.Pooling:
    return ec.pooling_steps(get_model(name), text)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def occurrences(name: str, sentences: tuple[str, ...], word: str, others: tuple[str, ...]) -> ec.Occurrences:
    return ec.compare_occurrences(get_model(name), sentences, word, other_words=others)


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def attention(name: str, text: str, layer: int, head: int) -> ec.AttentionMap:
    return ec.attention(get_model(name), text, layer=layer, head=head)


def text_box(key: str, first: str, label: str, help: str) -> str:
    """A text box for one text, cleaned and cut to `ec.MAX_TEXT_CHARS`; stops the page when it is empty."""
    raw = text_area(Param(key, first, Text(), label, help), height=90)
    text = ec.clean_text(raw)
    if len(text) > ec.MAX_TEXT_CHARS:
        st.info(f"Used the first {ec.MAX_TEXT_CHARS:,} of {len(text):,} characters.", icon=":material/content_cut:")
        text = text[: ec.MAX_TEXT_CHARS]
    if not text:
        st.error("The text is empty. Type a word or a sentence.", icon=":material/error:")
        st.stop()
    return text


PRESET = Param(
    "inside_preset",
    "bank",
    ec.Options(ec.CONTEXT_PRESETS),
    "Preset",
    "A word with two meanings, and sentences that use each. Picking one replaces the boxes below.",
)


def _apply_preset() -> None:
    """on_change callback of the preset picker: copy the preset into the word, sentence and other-word boxes."""
    preset = ec.CONTEXT_PRESETS[st.session_state[PRESET.key]]
    st.session_state["inside_word"] = preset.word
    st.session_state["inside_sentences"] = "\n".join(s for _, s in preset.sentences)
    st.session_state["inside_others"] = ", ".join(preset.other_words)


class ContextInputs(NamedTuple):
    """What the 'Contextual vs static' view works on."""

    word: str
    sentences: list[str]
    other_words: tuple[str, ...]
    senses: list[str]  # each sentence's meaning of the word in the preset, or "your sentence"
    labels: list[str]  # S1, S2, ...


def context_inputs() -> ContextInputs:
    """Draw the preset picker, the word, other words and sentences boxes, and return what they hold."""
    first = ec.CONTEXT_PRESETS[prepare(PRESET)]
    c1, c2, c3 = st.columns([1, 1, 2])
    preset = ec.CONTEXT_PRESETS[selectbox(PRESET, container=c1, on_change=_apply_preset)]
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
    sentences = text_list(raw, max_items=12).texts
    other_words = tuple(w.strip() for w in others.split(",") if w.strip())[:8]
    senses = [preset.sense_of(s) or "your sentence" for s in sentences]
    labels = [f"S{i}" for i in range(1, len(sentences) + 1)]
    return ContextInputs(word, sentences, other_words, senses, labels)


def layer_and_head(model: ec.Embedder) -> tuple[int, int]:
    """Draw the layer and head sliders (1 to the model's counts) and return the choice."""
    layers, heads = ec.attention_shape(model)
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
    return layer, head
