"""Analogies: "a is to b as c is to ?" as b − a + c, on a word model and a sentence model side by side."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import parallelogram_figure
from ui import analogies as an
from ui.cache import get_model, model_name, scope
from ui.charts import show
from ui.inputs import core_errors
from ui.shell import ensure_app_shell
from ui.state import default

ensure_app_shell()

st.title("Analogies: arithmetic on meanings")
st.caption(ec.lesson_text("analogies", "intro"))

default("analogies_preset", None, options=an.PRESETS)
st.selectbox(
    "Try an example",
    list(an.PRESETS),
    key="analogies_preset",
    placeholder="Pick an example…",
    on_change=an.apply_preset,
    help="Fills the four boxes below. The last examples fail on purpose: "
    "analogies work far less often than demos suggest.",
)
for key, value in zip(an.KEYS, an.PRESETS[next(iter(an.PRESETS))], strict=True):
    default(key, value)
cols = st.columns(4)
labels = ["a", "is to b", "as c", "is to … (expected, optional)"]
helps = [
    "The first word of the example pair, e.g. man.",
    "The second word of the example pair, e.g. king. The step a → b is the relation.",
    "The word to apply the same step to, e.g. woman.",
    "The answer you expect, e.g. queen. Optional: the page then shows its rank among all candidate words.",
]
words = tuple(
    col.text_input(label, key=k, help=h, max_chars=200)
    for col, label, k, h in zip(cols, labels, an.KEYS, helps, strict=True)
)

o1, o2, o3, o4 = st.columns([2, 2, 1, 1])
default("analogies_method", "3cosadd", options=ec.ANALOGY_METHODS)
method = o1.radio(
    "Scoring",
    ec.ANALOGY_METHODS,
    key="analogies_method",
    horizontal=True,
    format_func={"3cosadd": "3CosAdd (b − a + c)", "3cosmul": "3CosMul"}.get,
    help="3CosAdd: cosine with b − a + c. 3CosMul (Levy & Goldberg 2014) multiplies the similarities to b and c and "
    "divides by the one to a, so one very close word cannot dominate.",
)
default("analogies_exclude", True)
exclude = o2.toggle(
    "Exclude a, b, c",
    key="analogies_exclude",
    help="gensim and most papers leave a, b and c out. Turn it off to see that b itself usually wins.",
)
default("analogies_vocab", 50_000, options=an.VOCAB_SIZES)
vocab_size = o3.selectbox(
    "Candidate words",
    an.VOCAB_SIZES,
    key="analogies_vocab",
    format_func="{:,}".format,
    help="Search only this many of the most frequent words. Rare words add noise. MiniLM has 30,000 words at most.",
)
default("analogies_topn", 10, options=range(1, 51))
topn = o4.number_input("Answers shown", 1, 50, key="analogies_topn", help="How many of the best answers to list.")

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
    default("analogies_expr", ec.lesson_text("analogies", "expression"))
    expr = st.text_input(
        "A word or an expression",
        key="analogies_expr",
        max_chars=ec.MAX_EXPRESSION_CHARS,
        help="A word (cat), or arithmetic on words: + and -, numbers to scale (paris - france + 0.5*italy), "
        'parentheses, and quotes for phrases ("ice cream").',
    )
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
