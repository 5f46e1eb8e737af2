"""The Analogies page's honest baselines: b − a + c beside the nearest words to c and to b, 3CosAvg,
and every method's accuracy on the built-in relations, for both models."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import METHOD_LABELS, relation_accuracy_figure

from .cache import cached, get_model
from .charts import show
from .inputs import core_errors
from .params import Flag, Param, select_slider, selectbox, toggle

#: The built-in example pairs per relation (data/analogy_relations.csv).
RELATIONS = ec.relation_pairs()
#: Candidate words searched by the accuracy table (the same for every visitor, so it is computed once).
TABLE_VOCAB = 50_000
_SHOWN = ("3cosadd", "nearest_c", "nearest_b", "with_inputs")

RELATION = Param(
    "analogies_relation",
    next(iter(RELATIONS)),
    ec.Options(list(RELATIONS)),
    "Relation for 3CosAvg",
    "3CosAvg averages the step a → b over several example pairs of one relation, then applies it to c.",
)
N_PAIRS = Param(
    "analogies_pairs",
    5,
    ec.Options(list(range(1, 10))),
    "Example pairs",
    "How many of the relation's built-in pairs to average (pairs that contain c are left out).",
)
SCORE_ALL = Param(
    "analogies_score_all",
    False,
    Flag(),
    "Score every method on the built-in analogies",
    "Runs every method on 90 questions per relation for both models (a few seconds the first time, then cached).",
)


@cached(kind="data", model_arg="name", max_entries=256, ttl=3600)
def cached_baselines(name: str, a: str, b: str, c: str, topn: int, vocab_size: int) -> dict:
    return ec.analogy_baselines(get_model(name), a, b, c, topn=topn, vocab_size=vocab_size)


@cached(kind="data", model_arg="name", max_entries=256, ttl=3600)
def cached_3cosavg(name: str, pairs: tuple, c: str, topn: int, vocab_size: int) -> list[ec.Neighbor]:
    return ec.analogy_3cosavg(get_model(name), list(pairs), c, topn=topn, vocab_size=vocab_size)


@cached(kind="data", model_arg="name", max_entries=8)
def cached_accuracy(name: str) -> pd.DataFrame:
    return ec.relation_accuracy(get_model(name), RELATIONS, vocab_size=TABLE_VOCAB)


def _words(neighbors: list[ec.Neighbor], expected: str, n: int) -> list[str]:
    want = expected.strip().lower()
    words = [x.text + (" ✓" if want and x.text == want else "") for x in neighbors]
    return words + [""] * (n - len(words))


def baselines_table(result: dict, expected: str, topn: int) -> pd.DataFrame:
    """One column of words per method, ranked, the expected word ticked."""
    return pd.DataFrame({METHOD_LABELS[m]: _words(result[m], expected, topn) for m in _SHOWN})


def example_pairs(relation: str, c: str, n: int) -> list[tuple[str, str]]:
    """The first `n` built-in pairs of `relation` that do not contain `c`."""
    word = c.strip().lower()
    return [p for p in RELATIONS[relation] if word not in p][:n]


def gain_sentence(label: str, table: pd.DataFrame) -> str:
    """What the offset adds beyond the best baseline, in words, from the table's numbers."""
    add, base, base_acc = ec.offset_gain(table)
    rows = table.set_index("relation")
    n = int(rows.loc["all", "questions"])
    per = rows.drop(index="all")
    worst = per["3cosadd"].idxmin()
    gain = 100 * (add - base_acc)
    verb = f"adds {gain:.0f} points" if gain > 0 else f"adds nothing ({gain:.0f} points)"
    return (
        f"**{label}**: b − a + c answers {add:.0%} of {n} built-in analogies; the {METHOD_LABELS[base]} answers "
        f"{base_acc:.0%}, so the offset {verb} beyond that baseline. 3CosAvg answers {rows.loc['all', '3cosavg']:.0%}; "
        f"with the inputs allowed b − a + c answers only {rows.loc['all', 'with_inputs']:.0%}. "
        f"Weakest relation: {worst} ({per.loc[worst, '3cosadd']:.0%})."
    )


def honest_tab(names: list[str], words: tuple[str, str, str, str], vocab_size: int, topn: int) -> None:
    """The baselines beside b − a + c, 3CosAvg over several pairs, and the per-relation accuracy."""
    a, b, c, expected = words
    st.markdown(ec.lesson_text("analogies", "baselines"))
    for col, name in zip(st.columns(2), names, strict=True):
        with col, core_errors(stop=False):
            col.subheader(ec.model_label(name))
            result = cached_baselines(name, a, b, c, topn, vocab_size)
            st.dataframe(baselines_table(result, expected, topn), hide_index=True, key=f"analogies_base_{name}")
    st.subheader("The offset averaged over several pairs (3CosAvg)")
    st.caption(ec.lesson_text("analogies", "average"))
    left, right = st.columns(2)
    relation = selectbox(RELATION, container=left)
    n = select_slider(N_PAIRS, container=right)
    pairs = example_pairs(relation, c, int(n))
    st.caption("Averaged pairs: " + ", ".join(f"{x} → {y}" for x, y in pairs) + f"; applied to “{c}”.")
    for col, name in zip(st.columns(2), names, strict=True):
        with col, core_errors(stop=False):
            avg = cached_3cosavg(name, tuple(pairs), c, topn, vocab_size)
            frame = pd.DataFrame({"rank": range(1, len(avg) + 1), "word": _words(avg, expected, len(avg))})
            frame["score"] = [x.score for x in avg]
            st.dataframe(frame, hide_index=True, key=f"analogies_avg_{name}")
    st.subheader("How often each method is right, per relation")
    st.caption(ec.lesson_text("analogies", "accuracy"))
    if not toggle(SCORE_ALL):
        return
    tables = {}
    for name in names:
        with st.spinner(f"Scoring every method with {ec.model_label(name)}…"), core_errors(stop=False):
            tables[ec.model_label(name)] = cached_accuracy(name)
    if not tables:
        return
    show(relation_accuracy_figure(tables), key="analogies_accuracy_chart")
    for label, table in tables.items():
        st.markdown(gain_sentence(label, table))
        shown = table.rename(columns=METHOD_LABELS)
        fmt = {METHOD_LABELS[m]: st.column_config.NumberColumn(format="percent") for m in ec.BASELINE_METHODS}
        st.dataframe(shown, hide_index=True, column_config=fmt, key=f"analogies_acc_{label}")
