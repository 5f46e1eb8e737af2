"""The Analogies page's presets, cached core calls, one model's result column and the tabs below (a part)."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import parallelogram_figure

from .baselines import honest_tab
from .cache import cached, get_model
from .charts import show
from .inputs import core_errors, unfamiliar_note
from .params import Param, Text, text_input
from .parts import part

#: label -> (a, b, c, expected), from data/lessons.toml ``[[analogies.preset]]`` (the last ones fail on purpose).
PRESETS: dict[str, tuple[str, str, str, str]] = {
    p["label"]: (p["a"], p["b"], p["c"], p["expected"]) for p in ec.lesson("analogies")["preset"]
}
#: Choices of how many frequent words to search.
VOCAB_SIZES = [10_000, 30_000, 50_000, 100_000, 400_000]
KEYS = ("analogies_a", "analogies_b", "analogies_c", "analogies_expected")


def apply_preset() -> None:
    """on_change callback of the preset picker: copy the preset into the four inputs."""
    label = st.session_state.get("analogies_preset")
    if label in PRESETS:
        for key, value in zip(KEYS, PRESETS[label], strict=True):
            st.session_state[key] = value


def use_suggestion(wrong: str, right: str) -> None:
    """on_click callback: replace an unknown word by a suggestion in whichever input holds it."""
    for key in (*KEYS, "analogies_expr"):
        value = st.session_state.get(key, "")
        if isinstance(value, str):
            st.session_state[key] = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, value, flags=re.IGNORECASE)


@cached(kind="data", model_arg="name", max_entries=512, ttl=3600)
def cached_analogy(name: str, a: str, b: str, c: str, expected: str, options: tuple) -> dict:
    """Answers, rank of the expected word and rank of b-with-inputs-allowed, for one model."""
    method, vocab_size, exclude, topn = options
    model = get_model(name)
    kwargs = {"method": method, "vocab_size": vocab_size}
    return {
        "answers": ec.analogy(model, a, b, c, topn=topn, exclude_inputs=exclude, **kwargs),
        "expected": ec.answer_rank(model, a, b, c, expected, exclude_inputs=exclude, **kwargs) if expected else None,
        "top_with_inputs": ec.analogy(model, a, b, c, topn=1, exclude_inputs=False, **kwargs)[0].text,
        "searched": len(ec.vocabulary(model, vocab_size)),
    }


@cached(kind="data", model_arg="name", max_entries=256, ttl=3600)
def cached_arithmetic(name: str, expression: str, topn: int, vocab_size: int, exclude: bool) -> ec.ArithmeticResult:
    return ec.arithmetic(get_model(name), expression, topn=topn, vocab_size=vocab_size, exclude_inputs=exclude)


@cached(kind="data", model_arg="name", max_entries=128, ttl=3600)
def cached_parallelogram(name: str, a: str, b: str, c: str, method: str, vocab_size: int) -> ec.Parallelogram:
    return ec.parallelogram(get_model(name), a, b, c, method=method, vocab_size=vocab_size)  # type: ignore[arg-type]


def neighbor_table(neighbors: list[ec.Neighbor], *, mark: str = "", key: str) -> None:
    """A ranked table of words and scores, the expected word marked with ✓."""
    frame = pd.DataFrame(
        {
            "rank": range(1, len(neighbors) + 1),
            "word": [n.text + (" ✓" if mark and n.text == mark.strip().lower() else "") for n in neighbors],
            "score": [n.score for n in neighbors],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={"score": st.column_config.NumberColumn(format="%.3f")},
    )


def show_unknown_words(err: ec.UnknownWordError, key: str) -> None:
    """Offer each suggestion for an unknown word as a one-click fix."""
    fixes = [(w, s) for w in err.words for s in err.suggestions.get(w, [])[:3]]
    if fixes:
        cols = st.columns(min(len(fixes), 3))
        for i, (wrong, right) in enumerate(fixes):
            cols[i % len(cols)].button(
                f"Use “{right}” for “{wrong}”",
                key=f"{key}_fix_{i}",
                on_click=use_suggestion,
                args=(wrong, right),
                help="Replace the unknown word by this close match in the inputs.",
            )


def analogy_column(name: str, words: tuple[str, str, str, str], options: tuple) -> list[ec.Neighbor] | None:
    """One model's answers: top-k table, rank of the expected word, and the 'b wins' lesson."""
    a, b, c, expected = words
    st.subheader(ec.model_label(name))
    try:
        shipped = name in ("minilm", "glove-50d")
        first_time = "" if shipped else " (the first time, it embeds 30,000 words: a minute or more)"
        with st.spinner(f"Asking {ec.model_label(name)}{first_time}…"):
            get_model(name)
            result = cached_analogy(name, a, b, c, expected, options)
    except ec.UnknownWordError as err:
        st.error(str(err), icon=":material/spellcheck:")
        show_unknown_words(err, key=f"analogies_{name}")
        return None
    except ec.EmbeddingCoreError as err:
        st.error(str(err), icon=":material/error:")
        return None
    answers = result["answers"]
    method, vocab_size, exclude, topn = options
    unfamiliar_note(get_model(name), " ".join(words), share=0.0)
    if expected:
        rank = result["expected"]
        if rank is None:
            why = (
                "it is one of the input words"
                if exclude and expected.lower() in {a.lower(), b.lower(), c.lower()}
                else (f"it is not among the {result['searched']:,} candidate words")
            )
            st.metric(f"Rank of “{expected}”", "–", help=f"It cannot be an answer: {why}.")
            if not (exclude and expected.lower() in {a.lower(), b.lower(), c.lower()}):  # a typo, or a rare word
                st.info(
                    f"“{expected[:40]}” has no rank: {why}. Check the spelling, or search more candidate words.",
                    icon=":material/help:",
                )
        else:
            st.metric(f"Rank of “{expected}”", f"#{rank:,}", help=f"Out of {result['searched']:,} candidate words.")
    neighbor_table(answers, mark=expected, key=f"analogies_table_{name}")
    st.caption(f"Searched {result['searched']:,} words: the most frequent ones of the model's vocabulary.")
    top = result["top_with_inputs"]
    roles = [r for r, w in zip("abc", (a, b, c), strict=True) if w.lower() == top]
    if roles:
        why = "b − a + c is still closest to b" if roles[0] == "b" else "b − a + c stays close to its inputs"
        st.info(
            f"With the input words allowed, **{roles[0]}** (“{top}”) itself ranks #1: {why}. "
            + ("Excluding the inputs, as gensim does, hides that." if exclude else "That is what you see now."),
            icon=":material/lightbulb:",
        )
    return answers


EXPRESSION = Param(
    "analogies_expr",
    ec.lesson_text("analogies", "expression"),
    Text(ec.MAX_EXPRESSION_CHARS),
    "A word or an expression",
    "A word (cat), or arithmetic on words: + and -, numbers to scale (paris - france + 0.5*italy), "
    'parentheses, and quotes for phrases ("ice cream").',
)


@part("analogies_views")
def views(
    names: list[str],
    words: tuple[str, str, str, str],
    answers: dict[str, list[ec.Neighbor] | None],
    options: tuple,
) -> None:
    """The parallelogram, the baselines and the free arithmetic: a tab or a control here reruns only these."""
    a, b, c, expected = words
    method, vocab_size, exclude, topn = options
    plane_tab, baselines_tab, explore_tab = st.tabs(
        ["The parallelogram", "Is it the offset? Baselines", "Explore neighbours and arithmetic"],
        key="analogies_tab",
        on_change="rerun",
    )
    with plane_tab:
        st.caption(ec.lesson_text("analogies", "parallelogram"))
        for col, name in zip(st.columns(2), names, strict=True):
            if answers.get(name):
                with col, core_errors(stop=False):
                    plane = cached_parallelogram(name, a, b, c, method, int(vocab_size))
                    title = f"{a} → {b}, {c} → {plane.labels[3]}"
                    show(parallelogram_figure(plane, title=title), key=f"plane_{name}")
                    col.caption(
                        f"The two axes keep {plane.explained:.0%} of the spread of these words; the rest is lost."
                    )
    with baselines_tab:
        honest_tab(names, (a, b, c, expected), int(vocab_size), int(topn))
    with explore_tab:
        expr = text_input(EXPRESSION)
        try:
            ec.parse_expression(expr)
        except ec.EmbeddingCoreError as err:  # a typo in the expression is the same for both models: say it once
            st.error(str(err), icon=":material/error:")
            return
        for col, name in zip(st.columns(2), names, strict=True):
            with col:
                st.subheader(ec.model_label(name))
                try:
                    result = cached_arithmetic(name, expr, int(topn), int(vocab_size), bool(exclude))
                except ec.UnknownWordError as err:
                    st.error(str(err), icon=":material/spellcheck:")
                    show_unknown_words(err, key=f"analogies_expr_{name}")
                except ec.EmbeddingCoreError as err:
                    st.error(str(err), icon=":material/error:")
                else:
                    neighbor_table(result.neighbors, key=f"analogies_expr_table_{name}")
                    left_out = " (the words you typed are left out)" if exclude else ""
                    st.caption(f"Nearest words by cosine to `{result.expression.replace('`', '')}`{left_out}.")
