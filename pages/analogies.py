"""Analogies: "a is to b as c is to ?" as b − a + c, on a word model and a sentence model side by side."""

import streamlit as st

import embedding_core as ec
from ui import analogies as an
from ui import predict
from ui.cache import get_model, model_name, scope
from ui.inputs import core_errors
from ui.params import Flag, Param, Text, number_input, radio, selectbox, text_input, toggle
from ui.shell import ensure_app_shell

ensure_app_shell()

st.title("Analogies: arithmetic on meanings")
st.caption(ec.lesson_text("analogies", "intro"))

PRESET = Param(
    "analogies_preset",
    None,
    ec.Options(an.PRESETS),
    "Try an example",
    "Fills the four boxes below. The last examples fail on purpose: analogies work far less often than demos suggest.",
)
selectbox(PRESET, placeholder="Pick an example…", on_change=an.apply_preset)
cols = st.columns(4)
labels = ["a", "is to b", "as c", "is to … (expected, optional)"]
helps = [
    "The first word of the example pair, e.g. man.",
    "The second word of the example pair, e.g. king. The step a → b is the relation.",
    "The word to apply the same step to, e.g. woman.",
    "The answer you expect, e.g. queen. Optional: the page then shows its rank among all candidate words.",
]
first = an.PRESETS[next(iter(an.PRESETS))]
words = tuple(
    text_input(Param(k, value, Text(200), label, h), container=col)
    for col, label, k, value, h in zip(cols, labels, an.KEYS, first, helps, strict=True)
)

o1, o2, o3, o4 = st.container(key="analogies_options").columns([2, 2, 1, 1])  # after the answers on a projector
SCORING = Param(
    "analogies_method",
    "3cosadd",
    ec.Options(ec.ANALOGY_METHODS),
    "Scoring",
    "3CosAdd: cosine with b − a + c. 3CosMul (Levy & Goldberg 2014) multiplies the similarities to b and c and "
    "divides by the one to a, so one very close word cannot dominate.",
    format_func={"3cosadd": "3CosAdd (b − a + c)", "3cosmul": "3CosMul"}.get,
)
EXCLUDE = Param(
    "analogies_exclude",
    True,
    Flag(),
    "Exclude a, b, c",
    "gensim and most papers leave a, b and c out. Turn it off to see that an input word, often b itself, usually wins.",
)
VOCAB = Param(
    "analogies_vocab",
    50_000,
    ec.Options(an.VOCAB_SIZES),
    "Candidate words",
    f"Search only this many of the most frequent words. Rare words add noise. A sentence model such as MiniLM "
    f"has {ec.VOCAB_WORDS:,} candidate words at most, so it searches those.",
    format_func=lambda n: f"{n:,}" + (f" (MiniLM: {ec.VOCAB_WORDS:,})" if n > ec.VOCAB_WORDS else ""),
)
TOPN = Param(
    "analogies_topn", 10, ec.Interval(1, 50, integer=True), "Answers shown", "How many of the best answers to list."
)
method = radio(SCORING, container=o1, horizontal=True)
exclude = toggle(EXCLUDE, container=o2)
vocab_size = selectbox(VOCAB, container=o3)
topn = number_input(TOPN, container=o4)

chosen = model_name()
local = scope(chosen) == "process"  # a server model would be sent every vocabulary word
sentence = chosen if local and isinstance(get_model(chosen), ec.SentenceEmbedder) else "minilm"
if not local:
    st.caption("Server models are not searched here (every vocabulary word would be sent); MiniLM is shown instead.")
names = ["glove-50d", sentence]
a, b, c, expected = (w.strip() for w in words)
options = (method, int(vocab_size), bool(exclude), int(topn))
answers: dict[str, list[ec.Neighbor] | None] = {}
if not (a and b and c):
    st.info("Type the three words a, b and c (or pick an example) to ask the question.", icon=":material/edit:")
    st.stop()
PREDICT = Param(
    "analogies_predict",
    False,
    Flag(),
    "Predict first",
    "Guess which of GloVe's three best answers comes first before the answers show (in presenter mode: Reveal).",
)
if toggle(PREDICT):  # predict, then reveal: the answers below wait for the guess
    with core_errors(stop=False):
        top = an.cached_analogy(names[0], a, b, c, "", options)["answers"][:3]
        scores = {n.text: n.score for n in sorted(top, key=lambda n: n.text)}
        what = "cosine with b − a + c" if method == "3cosadd" else "3CosMul score"
        why = predict.ranked_why(scores, model=names[0], what=what)
        if not predict.ask(
            "analogies_predict", f"{a} : {b} :: {c} : ? Which word comes first?", scores, score_label=what, why=why
        ):
            st.stop()
for col, name in zip(st.container(key="analogies_answers").columns(2), names, strict=True):
    with col:
        answers[name] = an.analogy_column(name, (a, b, c, expected), options)

with st.container(key="analogies_why"), st.expander(ec.lesson_text("analogies", "why_title")):
    st.markdown(ec.lesson_text("analogies", "why"))

an.views(names, (a, b, c, expected), answers, options)
