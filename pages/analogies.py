"""Analogies: "a is to b as c is to ?" as b − a + c, on a word model and a sentence model side by side."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import parallelogram_figure
from ui import analogies as an
from ui.cache import get_model, model_name, scope
from ui.charts import show
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

o1, o2, o3, o4 = st.columns([2, 2, 1, 1])
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
    "gensim and most papers leave a, b and c out. Turn it off to see that b itself usually wins.",
)
VOCAB = Param(
    "analogies_vocab",
    50_000,
    ec.Options(an.VOCAB_SIZES),
    "Candidate words",
    "Search only this many of the most frequent words. Rare words add noise. MiniLM has 30,000 words at most.",
    format_func="{:,}".format,
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
for col, name in zip(st.columns(2), names, strict=True):
    with col:
        answers[name] = an.analogy_column(name, (a, b, c, expected), options)

with st.expander(ec.lesson_text("analogies", "why_title")):
    st.markdown(ec.lesson_text("analogies", "why"))

plane_tab, explore_tab = st.tabs(["The parallelogram", "Explore neighbours and arithmetic"])
with plane_tab:
    st.caption(ec.lesson_text("analogies", "parallelogram"))
    for col, name in zip(st.columns(2), names, strict=True):
        if answers.get(name):
            with col, core_errors(stop=False):
                plane = an.cached_parallelogram(name, a, b, c, method, int(vocab_size))
                title = f"{a} → {b}, {c} → {plane.labels[3]}"
                show(parallelogram_figure(plane, title=title), key=f"plane_{name}")
                col.caption(f"The two axes keep {plane.explained:.0%} of the spread of these words; the rest is lost.")
with explore_tab:
    expression = Param(
        "analogies_expr",
        ec.lesson_text("analogies", "expression"),
        Text(ec.MAX_EXPRESSION_CHARS),
        "A word or an expression",
        "A word (cat), or arithmetic on words: + and -, numbers to scale (paris - france + 0.5*italy), "
        'parentheses, and quotes for phrases ("ice cream").',
    )
    expr = text_input(expression)
    with core_errors():  # a typo in the expression is the same for both models: say it once
        ec.parse_expression(expr)
    for col, name in zip(st.columns(2), names, strict=True):
        with col:
            st.subheader(ec.model_label(name))
            try:
                result = an.cached_arithmetic(name, expr, int(topn), int(vocab_size), bool(exclude))
            except ec.UnknownWordError as err:
                st.error(str(err), icon=":material/spellcheck:")
                an.show_unknown_words(err, key=f"analogies_expr_{name}")
            except ec.EmbeddingCoreError as err:
                st.error(str(err), icon=":material/error:")
            else:
                an.neighbor_table(result.neighbors, key=f"analogies_expr_table_{name}")
                left_out = " (the words you typed are left out)" if exclude else ""
                st.caption(f"Nearest words by cosine to `{result.expression.replace('`', '')}`{left_out}.")
