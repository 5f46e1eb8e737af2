"""The 'Inside the model' page's inputs, cached calls and parts: tokens, pooling, occurrences, attention.

Each view is a part (`ui.parts.part`): its text box, sliders and pickers rerun only that view.
"""

from __future__ import annotations

from typing import NamedTuple

import plotly.graph_objects as go
import streamlit as st

import embedding_core as ec
from embedding_core.figures import context_cloud_figure, token_chips_figure
from embedding_core.figures.style import short_label

from .cache import cached, get_model, model_name
from .charts import show
from .inputs import core_errors, part_texts
from .params import Param, Text, prepare, selectbox, slider, text_area, text_input
from .parts import part


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


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def token_chips(name: str, text: str, width: int) -> go.Figure:
    """The token-chip figure of `text` under model `name`, built once per text (a copy handed out)."""
    return token_chips_figure(tokenize(name, text), width=width)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def pooling(name: str, text: str) -> ec.Pooling:
    return ec.pooling_steps(get_model(name), text)


@cached(kind="data", model_arg="name", max_entries=32, ttl=3600)
def occurrences(name: str, sentences: tuple[str, ...], word: str, others: tuple[str, ...]) -> ec.Occurrences:
    return ec.compare_occurrences(get_model(name), sentences, word, other_words=others)


@cached(kind="data", model_arg="name", max_entries=64, ttl=3600)
def attention(name: str, text: str, layer: int, head: int) -> ec.AttentionMap:
    return ec.attention(get_model(name), text, layer=layer, head=head)


@part("inside_tokens")
def tokens_view(sentence_name: str) -> None:
    """The text cut into the sentence model's word pieces beside GloVe's whole words."""
    text = text_box(
        "inside_tokens_text",
        ec.lesson_text("inside", "tokens_text"),
        "Text",
        "Any text. See how each model cuts it into the pieces it has vectors for.",
    )
    if not text:
        return
    left, right = st.columns(2)
    with left, core_errors(stop=False):
        st.subheader(f"{ec.model_label(sentence_name)}: word pieces")
        toks = tokenize(sentence_name, text)
        if toks.truncated:
            st.warning(
                f"This text is {len(toks.tokens) + toks.n_cut} word pieces long; the model reads only the first "
                f"{toks.max_tokens}. The last {toks.n_cut} pieces (everything after character {toks.cut_at:,}) "
                "are ignored.",
                icon=":material/content_cut:",
            )
        show(token_chips(sentence_name, text, 560), width="content")
        st.caption(ec.lesson_text("inside", "tokens_explained"))
        st.dataframe(toks.table(), hide_index=True, width="stretch", height=250)
    with right, core_errors(stop=False):
        st.subheader("GloVe: whole words")
        words = tokenize("glove-50d", text)
        if words.tokens:
            known = sum(words.known)
            st.metric("Words GloVe knows", f"{known} of {len(words.tokens)}")
            show(token_chips("glove-50d", text, 560), width="content")
        unknown = list(dict.fromkeys(words.unknown))
        if unknown:
            st.warning(
                f"Out of vocabulary (no vector at all): {', '.join(short_label(w, 30) for w in unknown[:20])}"
                + (f" and {len(unknown) - 20} more" if len(unknown) > 20 else "")
                + ". GloVe simply drops these words.",
                icon=":material/help:",
            )
        st.dataframe(words.table(), hide_index=True, width="stretch", height=250)


def text_box(key: str, first: str, label: str, help: str) -> str:
    """A text box for one text, cleaned and cut to `ec.MAX_TEXT_CHARS`; empty (with a message) when it is."""
    raw = text_area(Param(key, first, Text(), label, help), height=90)
    text = ec.clean_text(raw)
    if len(text) > ec.MAX_TEXT_CHARS:
        st.info(f"Used the first {ec.MAX_TEXT_CHARS:,} of {len(text):,} characters.", icon=":material/content_cut:")
        text = text[: ec.MAX_TEXT_CHARS]
    if not text:
        st.error("The text is empty. Type a word or a sentence.", icon=":material/error:")
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


def context_inputs() -> ContextInputs | None:
    """Draw the preset picker, the word, other words and sentences boxes; what they hold (None: a message)."""
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
    sentences = part_texts(raw, max_items=12)
    if sentences is None:
        return None
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


# -- One word in twenty sentences --------------------------------------------------------------------

CLOUD = Param(
    "inside_cloud_word",
    next(iter(ec.CONTEXT_CLOUDS)),
    ec.Options(ec.CONTEXT_CLOUDS),
    "Word",
    "A word with two meanings, in twenty sentences written for this lesson (ten for each meaning).",
)
CLOUD_EXTRA = Param(
    "inside_cloud_extra",
    "",
    Text(),
    "Add your own sentences (one per line, each using the word)",
    "Up to 10 sentences. Each shows on the maps in its own colour, and the page says which meaning its "
    "vector is closest to.",
)
YOURS = "your sentence"


@part("inside_cloud")
def cloud_view(sentence_name: str) -> None:
    """'One word in twenty sentences': a cloud of contextual vectors beside GloVe's single point."""
    st.subheader("One word in twenty sentences")
    c1, c2 = st.columns([1, 3])
    cloud = ec.CONTEXT_CLOUDS[selectbox(CLOUD, container=c1)]
    with c2:
        raw = text_area(CLOUD_EXTRA, height=90, placeholder=f"e.g. We walked along the {cloud.word} at dawn.")
    extra = part_texts(raw, max_items=10) if raw.strip() else []
    if extra is None:
        return
    sentences = tuple([s for _, s in cloud.sentences] + extra)
    senses = [s for s, _ in cloud.sentences] + [YOURS] * len(extra)
    with core_errors(stop=False):
        contextual = occurrences(sentence_name, sentences, cloud.word, cloud.other_words)
        static = occurrences("glove-50d", sentences, cloud.word, cloud.other_words)
        guessed = contextual.nearest_group([s if s != YOURS else None for s in senses])
        n = len(cloud.sentences)
        right = sum(g == s for g, s in zip(guessed[:n], senses[:n], strict=True))
        titles = (
            f"{ec.model_label(sentence_name)}: {len(sentences)} vectors of '{cloud.word}'",
            f"GloVe: one vector of '{cloud.word}'",
        )
        show(context_cloud_figure(contextual, static, senses, titles=titles), key="inside_cloud_figure")
        st.caption(
            f"Closest meaning by the word's vector alone (the mean of the other sentences of each meaning): "
            f"{ec.model_label(sentence_name)} gets {right} of {n} sentences right. GloVe's vector is the same "
            f"in all {len(sentences)} (lowest cosine between two: {static.similarity.min():.2f}), so it cannot tell."
        )
        for sentence, group in zip(extra, guessed[n:], strict=True):
            st.info(f"“{sentence}” — closest to the '{group}' sentences.", icon=":material/my_location:")
