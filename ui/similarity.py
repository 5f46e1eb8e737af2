"""The Similarity page's parts: the two arrows, the heatmap of the user's texts, 'What counts as similar'
(random-pair cosines, hubs, raw GloVe metrics) and the prediction.

Each control here changes one chart, so each section is a part (`ui.parts.part`): moving an arrow's
slider, choosing the measure, the hub dataset or k, or the raw word reruns that section alone.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import streamlit as st

import embedding_core as ec
from embedding_core.figures import angle_figure, k_occurrence_figure, random_cosines_figure, similarity_heatmap

from . import predict
from .cache import cached, embed_current, get_model, model_name, scope
from .charts import show
from .inputs import core_errors
from .params import Flag, Param, Text, radio, segmented_control, selectbox, slider, text_input, toggle
from .parts import part
from .sources import builtin_dataset, builtin_vectors

#: How many of the user's pairs are listed, and how many are marked on the histogram.
MAX_PAIRS, MAX_MARKS = 15, 8
RAW_MODEL = "glove-50d"

DEGREES, LENGTH = ec.Interval(0, 359, integer=True), ec.Interval(0.1, 2.0, step=0.1)
A_ANGLE = Param("similarity_a_angle", 30, DEGREES, "Direction of a (degrees)", "Turn arrow a.")
A_LEN = Param("similarity_a_len", 1.0, LENGTH, "Length of a", "Stretch arrow a.")
B_ANGLE = Param("similarity_b_angle", 75, DEGREES, "Direction of b (degrees)", "Turn arrow b.")
B_LEN = Param("similarity_b_len", 1.0, LENGTH, "Length of b", "Stretch arrow b.")
METRIC = Param(
    "similarity_metric",
    "cosine",
    ec.Options(ec.SIMILARITY_METRICS),
    "Measure",
    "Cosine: angle only, -1 to 1 (the usual choice). Dot product: angle and lengths. "
    "Euclidean distance: how far apart, so smaller means more similar.",
    format_func=ec.metric_label,
)
HUB_DATA = Param(
    "similarity_hub_data",
    "sentence_sets",
    ec.Options(ec.list_datasets()),
    "Dataset",
    "The built-in texts to look for hubs in, embedded with the sidebar's model.",
    format_func=lambda name: ec.load_dataset(name).title,
)
HUB_K = Param(
    "similarity_hub_k",
    10,
    ec.K_NEIGHBORS,
    "Neighbours per text (k)",
    "Each text lists its k nearest texts by cosine; a text's k-occurrence is how many lists it is on.",
)
RAW_WORD = Param(
    "similarity_raw_word",
    ec.lesson_text("similarity", "raw_word"),
    Text(40),
    "A word",
    "One GloVe word; its ten nearest words are ranked by cosine, dot product and distance on the raw vectors.",
)
SEND = Param(
    "similarity_send_builtin",
    False,
    Flag(),
    "Send the built-in texts to the server model",
    "Random pairs and hubs need the built-in sentences (and the chosen dataset) embedded by this model: for a "
    "server model they are sent to your server, once per session.",
)


@part("similarity_arrows")
def arrows_section() -> None:
    """Two arrows to turn and stretch, with their angle, cosine, dot product and distance."""
    left, right = st.columns([1, 2])
    with left:
        a_angle, a_len, b_angle, b_len = (slider(p) for p in (A_ANGLE, A_LEN, B_ANGLE, B_LEN))
    u, v = ec.polar(a_angle, a_len), ec.polar(b_angle, b_len)
    pair = ec.compare_two(u, v)
    with right:
        show(angle_figure(u, v), width="stretch", key="similarity_angle_chart")
    m = st.columns(4)
    m[0].metric("Angle", f"{pair.angle_degrees:.0f}°")
    m[1].metric("Cosine", f"{pair.cosine:.3f}", help="cos(angle): only the directions count.")
    m[2].metric("Dot product", f"{pair.dot:.3f}", help="|a| × |b| × cos(angle): lengths count too.")
    m[3].metric("Euclidean distance", f"{pair.euclidean:.3f}", help="How far apart the arrow tips are.")


@part("similarity_pairs")
def pairs_section(texts: list[str], vectors: np.ndarray) -> None:
    """The measure, the heatmap of every pair of the user's texts, and the closest and farthest pairs."""
    metric = radio(METRIC, horizontal=True)
    if len(texts) < 2:
        st.warning("Type at least two texts, one per line, to compare them.", icon=":material/info:")
        return
    matrix = ec.similarity_matrix(vectors, metric=metric)
    show(similarity_heatmap(texts, matrix, metric=metric), width="stretch", key="similarity_heatmap")
    most, least = ec.extreme_pairs(matrix, metric=metric, k=3)
    name = ec.metric_label(metric)
    for col, title, pairs in zip(
        st.columns(2), ("Most similar pairs", "Least similar pairs"), (most, least), strict=True
    ):
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


@part("similarity_predict")
def predict_section() -> None:
    """Predict first: which of three pairs the model finds closest (the question picker reruns only this)."""
    with st.expander("Predict first: which pair is closest?", expanded=True):
        questions = {q["label"]: [tuple(p) for p in q["pairs"]] for q in ec.lesson("similarity")["predict"]}
        set_param = Param(
            "similarity_predict_set",
            next(iter(questions)),
            ec.Options(questions),
            "Question",
            "Three pairs of texts. Guess which pair the model finds most alike before the cosines show.",
        )
        pairs = questions[segmented_control(set_param)]
        with core_errors(stop=False):
            scores = predict.pair_scores(pairs, embed_current([t for p in pairs for t in p]))
            why = predict.ranked_why(scores, model=model_name())
            predict.ask(
                "similarity_predict", "Which pair does the model find closest?", scores, score_label="cosine", why=why
            )


def may_embed_builtin(name: str) -> bool:
    """True for a local model; for a server model only once the person agrees to send the built-in texts."""
    if scope(name) == "process":
        return True
    return toggle(SEND)


@cached(kind="data", model_arg="name", max_entries=16)
def random_cosines(name: str) -> tuple[str, np.ndarray]:
    """The description of the reference texts and 10,000 random-pair cosines among them."""
    ref = ec.reference_vectors(get_model(name))
    return ref.description, ec.random_pair_cosines(ref.vectors)


@cached(kind="data", model_arg="name", max_entries=32)
def cached_hubness(data: str, name: str, k: int) -> ec.Hubness:
    return ec.hubness(builtin_vectors(data, name), k=k)


@cached(kind="data", max_entries=256, ttl=3600)
def cached_raw(word: str) -> ec.RawRankings:
    return ec.raw_rankings(get_model(RAW_MODEL), word, topn=10)


def user_pairs(texts: list[str], vectors: np.ndarray, reference: np.ndarray) -> pd.DataFrame:
    """The most similar of the user's pairs (at most `MAX_PAIRS`) with their cosine and percentile."""
    cos = ec.similarity_matrix(vectors)
    pairs = sorted(itertools.combinations(range(len(texts)), 2), key=lambda p: -cos[p])[:MAX_PAIRS]
    return pd.DataFrame(
        {
            "text A": [texts[i] for i, _ in pairs],
            "text B": [texts[j] for _, j in pairs],
            "cosine": [float(cos[p]) for p in pairs],
            "percentile": [ec.cosine_percentile(reference, float(cos[p])) for p in pairs],
        }
    )


def spread_section(name: str, texts: list[str], vectors: np.ndarray) -> None:
    """The random-pair histogram for the model, the user's pairs marked as percentiles."""
    st.markdown(ec.lesson_text("similarity", "spread"))
    with core_errors(stop=False), st.spinner("Comparing random pairs…"):
        description, reference = random_cosines(name)
        low, mid, high = np.percentile(reference, [5, 50, 95])
        st.markdown(
            f"For **{ec.model_label(name)}**, half of 10,000 random pairs of {description} have a cosine above "
            f"**{mid:.2f}**; 90% lie between {low:.2f} and {high:.2f}. A cosine is high or low only against that."
        )
        pairs = user_pairs(texts, vectors, reference) if len(texts) >= 2 else pd.DataFrame()
        marks = [(f"{a[:12]} / {b[:12]}", c, p) for a, b, c, p in pairs.head(MAX_MARKS).itertuples(index=False)]
        show(random_cosines_figure(reference, marks, title=f"Random pairs of {description}"), key="similarity_spread")
        if isinstance(get_model(name), ec.WordEmbedder) and any(len(ec.word_tokens(t)) > 1 for t in texts):
            st.caption(
                "A text of several words is the mean of its word vectors; means of words are more alike than "
                "single words, so read its percentile against these random words with care."
            )
        if pairs.empty:
            st.info("Type at least two texts on the first tab to place your pairs on this curve.")
        else:
            fmt = {
                "cosine": st.column_config.NumberColumn(format="%.3f"),
                "percentile": st.column_config.NumberColumn(format="%.1f", help="% of random pairs less similar"),
            }
            st.dataframe(pairs, hide_index=True, column_config=fmt, key="similarity_pairs_pct")


@part("similarity_hubs")
def hubs_section(name: str) -> None:
    """k-occurrence on a built-in dataset: the histogram, the busiest texts, why it matters for search."""
    st.markdown(ec.lesson_text("similarity", "hubs"))
    left, right = st.columns(2)
    data, k = selectbox(HUB_DATA, container=left), slider(HUB_K, container=right)
    with core_errors(stop=False), st.spinner("Finding every text's nearest neighbours…"):
        hub = cached_hubness(data, name, int(k))
        dataset = builtin_dataset(data)
        n = len(hub.counts)
        st.markdown(
            f"Among {n} texts, the busiest 5% fill **{hub.share_top:.0%}** of all neighbour slots (an even spread "
            f"would be 5%); **{hub.never}** texts are nobody's neighbour; skewness {hub.skewness:.2f} (0 is even)."
        )
        show(k_occurrence_figure(hub.counts, k=hub.k), key="similarity_hubs_chart")
        top = hub.order[:10]
        labels = dataset.labels or [""] * n
        frame = pd.DataFrame({"text": [dataset.texts[i] for i in top], "label": [labels[i] for i in top]})
        frame["k-occurrence"] = hub.counts[top]
        st.dataframe(frame, hide_index=True, key="similarity_hubs_table")


@part("similarity_raw")
def raw_section() -> None:
    """Cosine, dot product and distance on GloVe's raw vectors: where the rankings disagree."""
    st.markdown(ec.lesson_text("similarity", "raw"))
    word = text_input(RAW_WORD)
    with core_errors(stop=False):
        ranks = cached_raw(word)
        for col, metric in zip(st.columns(3), ec.RAW_METRICS, strict=True):
            items = ranks.by_metric[metric]
            others = set(ranks.only_in(metric)) if metric != "cosine" else set()
            col.subheader(ec.metric_label(metric))
            frame = pd.DataFrame(
                {
                    "word": [x.text + (" •" if x.text in others else "") for x in items],
                    "score": [x.score for x in items],
                    "length": [ranks.norms[x.text] for x in items],
                }
            )
            fmt = {c: st.column_config.NumberColumn(format="%.2f") for c in ("score", "length")}
            col.dataframe(frame, hide_index=True, column_config=fmt, key=f"similarity_raw_{metric}")
        dot, euc = ranks.only_in("dot"), ranks.only_in("euclidean")
        mean = np.mean([ranks.norms[w] for w in dot]) if dot else float("nan")
        st.markdown(
            f"“{ranks.word}” has length {ranks.norms[ranks.word]:.2f}; the median word has {ranks.median_norm:.2f}. "
            + (
                f"Dot product lists {len(dot)} word(s) cosine does not (•: {', '.join(dot)}), "
                f"of mean length {mean:.2f}. "
                if dot
                else "Dot product lists the same ten words as cosine. "
            )
            + f"Euclidean distance lists {len(euc)} word(s) cosine does not."
        )
