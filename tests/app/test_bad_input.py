"""Bad input on every page, as one table: each case gets a clear message, no traceback, and keeps the other inputs.

A case types values into some widgets of one page (or opens the page from a link with garbage query
parameters, or uploads a bad file) and checks three things:

- no exception box (`at.exception` is empty);
- the expected message: `error`, `warning` or `info` containing a fragment, or `ok` (no error, the
  page draws its result) for input that is odd but valid, such as emoji or right-to-left scripts;
- every input keeps its value: the ones the case typed read back as typed, all others as before.

The pages are opened once per page and model (AppTest runs are slow) and the cases run in order on
that session; before each case the inputs of the previous one are put back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import open_page

pytestmark = pytest.mark.slow

LONG = "word " * 4_000  # 20,000 characters on one line
EMOJI = "🙂 happy\n🚀 rocket launch\n🍕"
RTL = "שלום עולם\nمرحبا بالعالم\nسلام"
CONTROL = "cat\x07\u200b\nkit\ufefften\x1b\ndog\u2060"
HTML = "<script>alert(1)</script>\n<img src=x onerror=alert(1)>\ncat"
DUPS = "king\nking\nking"
UNKNOWN = "qzxqv\nblorptz\nfnordlex"
XSS_LINE = "<img src=x onerror=alert(1)>"

#: The inputs of each page whose values must survive a bad case.
INPUTS = {
    "pages/embed.py": ["embed_texts", "embed_bar_mode", "embed_order"],
    "pages/similarity.py": [
        "similarity_texts",
        "similarity_metric",
        "similarity_a_angle",
        "similarity_a_len",
        "similarity_b_angle",
        "similarity_hub_data",
        "similarity_hub_k",
        "similarity_raw_word",
    ],
    "pages/projections.py": [
        "projection_source",
        "projection_typed",
        "projection_method",
        "projection_dims",
        "projection_ax_a",
        "projection_ax_b",
        "projection_ax_c",
        "projection_ax_d",
    ],
    "pages/analogies.py": [
        "analogies_a",
        "analogies_b",
        "analogies_c",
        "analogies_expected",
        "analogies_method",
        "analogies_exclude",
        "analogies_topn",
        "analogies_expr",
        "analogies_relation",
        "analogies_pairs",
        "analogies_score_all",
    ],
    "pages/inside.py": [
        "inside_view",
        "inside_tokens_text",
        "inside_word",
        "inside_others",
        "inside_sentences",
        "inside_pool_text",
    ],
    "pages/compare.py": ["compare_model_a", "compare_model_b", "compare_source", "compare_texts"],
    "pages/search.py": ["search_source", "search_query", "search_top_k", "search_keyword_method", "search_typed"],
    "pages/data.py": ["data_max_rows"],
    "pages/clusters.py": ["clusters_source", "clusters_typed", "clusters_method", "clusters_space"],
    "pages/features.py": ["features_source", "features_typed", "features_test_size", "features_seed", "features_try"],
    "pages/learning.py": [
        "learning_corpus",
        "learning_sg",
        "learning_epochs",
        "learning_window",
        "learning_words_app",
        "learning_sentence",
    ],
    "pages/workshop.py": ["workshop_step"],
    "pages/home.py": [],
}


@dataclass(frozen=True)
class Case:
    """One bad input: what is typed where, and the message expected."""

    id: str
    page: str
    inputs: dict[str, Any] = field(default_factory=dict)
    expect: str = "ok"  # "error" | "warning" | "info" | "ok"
    fragment: str = ""  # in the expected message; for "ok", shown somewhere on the page (table or chart)
    model: str = "minilm"
    query: dict[str, str] | None = None  # open the page from a link with these parameters
    upload: tuple[str, bytes] | None = None  # (file name, content) for the data page's uploader


P_EMBED, P_SIM, P_MAP = "pages/embed.py", "pages/similarity.py", "pages/projections.py"
P_AN, P_IN, P_CMP = "pages/analogies.py", "pages/inside.py", "pages/compare.py"
P_SEARCH, P_DATA, P_CL = "pages/search.py", "pages/data.py", "pages/clusters.py"
P_FEAT, P_LEARN = "pages/features.py", "pages/learning.py"
TYPED_FEAT = {"features_source": "__typed__"}
EMPTY_MSG = "every line is empty"
LINK_MSG = "is not valid here"
VOCAB = "not in the model's vocabulary"
MAP_TEXTS = {"projection_source": "__typed__", "projection_tab": "Map"}
CUSTOM = {
    **MAP_TEXTS,
    "projection_tab": "Custom axes",
    "projection_ax_a": "small",
    "projection_ax_b": "big",
    "projection_ax_c": "sad",
    "projection_ax_d": "happy",
}
TYPED_CL = {"clusters_source": "__typed__"}
CONTEXT = {"inside_view": "Contextual vs static", "inside_word": "bank"}

CASES = [
    # Embed: one text box.
    Case("embed-empty", P_EMBED, {"embed_texts": ""}, "error", EMPTY_MSG),
    Case("embed-whitespace", P_EMBED, {"embed_texts": "  \n\t \n"}, "error", EMPTY_MSG),
    Case("embed-20k", P_EMBED, {"embed_texts": LONG}, "info", "Cut 1 very long line(s) to 5,000 characters"),
    Case("embed-emoji", P_EMBED, {"embed_texts": EMOJI}, "ok", "🚀 rocket launch"),
    Case("embed-rtl", P_EMBED, {"embed_texts": RTL}, "ok", "مرحبا بالعالم"),
    Case("embed-control", P_EMBED, {"embed_texts": CONTROL}, "info", "Removed control or invisible characters"),
    Case("embed-html", P_EMBED, {"embed_texts": HTML}, "ok", "<img src=x onerror=alert(1)>"),
    Case("embed-duplicates", P_EMBED, {"embed_texts": DUPS}, "info", "Kept one copy of each repeated line"),
    Case("embed-too-many", P_EMBED, {"embed_texts": "\n".join(f"t{i}" for i in range(205))}, "info", "5 more"),
    Case("embed-glove-unknown", P_EMBED, {"embed_texts": UNKNOWN}, "error", VOCAB, model="glove-50d"),
    Case("embed-glove-emoji", P_EMBED, {"embed_texts": "🙂\n🚀"}, "error", VOCAB, model="glove-50d"),
    Case(
        "embed-link",
        P_EMBED,
        query={"embed_order": "<script>", "embed_bar_mode": "99"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    Case(
        "embed-link-model",
        P_EMBED,
        query={"model": "../../etc/passwd"},
        expect="warning",
        fragment="not available here",
    ),
    # Similarity: a text box and a metric; the arrow lesson's sliders.
    Case("similarity-empty", P_SIM, {"similarity_texts": ""}, "error", EMPTY_MSG),
    Case("similarity-one", P_SIM, {"similarity_texts": "cat"}, "warning", "at least two texts"),
    Case("similarity-duplicates", P_SIM, {"similarity_texts": "cat\ncat\n cat "}, "warning", "at least two texts"),
    Case("similarity-20k", P_SIM, {"similarity_texts": f"cat\n{LONG}"}, "info", "Cut 1 very long line(s)"),
    Case("similarity-emoji-rtl", P_SIM, {"similarity_texts": f"{EMOJI}\n{RTL}"}, "ok", "שלום עולם"),
    Case("similarity-html", P_SIM, {"similarity_texts": HTML, "similarity_metric": "dot"}, "ok", "<script>"),
    Case("similarity-control", P_SIM, {"similarity_texts": CONTROL}, "info", "Removed control"),
    Case("similarity-raw-empty", P_SIM, {"similarity_raw_word": " \t"}, "error", "`word` is empty"),
    Case("similarity-raw-emoji", P_SIM, {"similarity_raw_word": "🙂"}, "error", VOCAB),
    Case("similarity-glove-unknown", P_SIM, {"similarity_texts": UNKNOWN}, "error", VOCAB, model="glove-50d"),
    Case(
        "similarity-link",
        P_SIM,
        query={"similarity_a_angle": "9999", "similarity_a_len": "-5", "similarity_metric": "cosine'--"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Maps: typed texts with groups, a settings form, custom axes.
    Case("map-empty", P_MAP, {**MAP_TEXTS, "projection_typed": ""}, "error", EMPTY_MSG),
    Case("map-whitespace", P_MAP, {**MAP_TEXTS, "projection_typed": "\u200b\n \t"}, "error", "no text"),
    Case("map-one", P_MAP, {**MAP_TEXTS, "projection_typed": "apple"}, "warning", "at least 3 texts"),
    Case(
        "map-duplicates",
        P_MAP,
        {**MAP_TEXTS, "projection_typed": "fruit: apple, apple, apple"},
        "warning",
        "at least 3 texts",
    ),
    Case(
        "map-html-labels",
        P_MAP,
        {
            **MAP_TEXTS,
            "projection_typed": "<script>x</script>: apple, pear, plum\n<img src=x onerror=alert(1)>: dog, cat, cow",
        },
        "ok",
        "onerror=alert(1)",
    ),
    Case(
        "map-rtl-labels",
        P_MAP,
        {**MAP_TEXTS, "projection_typed": "פירות: תפוח, בננה, ענב\nحيوان: قطة, كلب, حصان"},
        "ok",
        "حيوان",
    ),
    Case("map-emoji", P_MAP, {**MAP_TEXTS, "projection_typed": EMOJI + "\n🐱\n🐶"}, "ok", "🐶"),
    Case("map-control", P_MAP, {**MAP_TEXTS, "projection_typed": CONTROL}, "info", "Removed control"),
    Case("map-20k", P_MAP, {**MAP_TEXTS, "projection_typed": f"{LONG}\ncat\ndog\nfish"}, "info", "Cut 1"),
    Case("map-glove-unknown", P_MAP, {**MAP_TEXTS, "projection_typed": UNKNOWN}, "error", VOCAB, model="glove-50d"),
    Case("map-axes-empty", P_MAP, {**CUSTOM, "projection_ax_a": ""}, "warning", "Fill in all four"),
    Case("map-axes-invisible", P_MAP, {**CUSTOM, "projection_ax_c": "\u200b \x07"}, "warning", "Fill in all four"),
    Case("map-axes-same", P_MAP, {**CUSTOM, "projection_ax_a": "big"}, "error", "starts and ends at the same"),
    Case("map-axes-html", P_MAP, {**CUSTOM, "projection_ax_b": "<img src=x onerror=alert(1)>"}, "ok", "onerror"),
    Case(
        "map-link",
        P_MAP,
        query={
            "projection_perplexity": "100000",
            "projection_method": "zzz",
            "projection_min_dist": "nan",
            "projection_source": "<img src=x>",
        },
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Analogies: three words (and an expected one), options, and the arithmetic explorer.
    Case("analogies-empty-a", P_AN, {"analogies_a": ""}, "info", "Type the three words"),
    Case("analogies-whitespace-b", P_AN, {"analogies_b": "  \t "}, "info", "Type the three words"),
    Case("analogies-20k", P_AN, {"analogies_c": "x" * 20_000}, "error", VOCAB),
    Case("analogies-emoji", P_AN, {"analogies_a": "🙂"}, "error", VOCAB),
    Case("analogies-rtl", P_AN, {"analogies_c": "שלום"}, "error", VOCAB),
    Case(
        "analogies-html-expected",
        P_AN,
        {"analogies_expected": "<img src=x onerror=alert(1)>"},
        "info",
        "“<img src=x onerror=alert(1)>” has no rank: it is not among the 50,000 candidate words",
    ),
    Case("analogies-typo-expected", P_AN, {"analogies_expected": "qeeen"}, "info", "Check the spelling"),
    Case(
        "analogies-all-unknown",
        P_AN,
        {"analogies_a": "qzxqv", "analogies_b": "blorptz", "analogies_c": "fnordl"},
        "error",
        VOCAB,
    ),
    Case("analogies-expr-operator", P_AN, {"analogies_expr": "king - * man"}, "error", "got '*' at character 8"),
    Case("analogies-expr-paren", P_AN, {"analogies_expr": "((king + man"}, "error", "("),
    Case("analogies-expr-dangling", P_AN, {"analogies_expr": "king +"}, "error", "end"),
    Case("analogies-expr-empty", P_AN, {"analogies_expr": " "}, "error", "The expression is empty"),
    Case(
        "analogies-expr-script",
        P_AN,
        {"analogies_expr": "<script>alert(1)</script>"},
        "error",
        "The character '<' cannot be used",
    ),
    Case("analogies-expr-control", P_AN, {"analogies_expr": "king\x07 - man\u200b + woman"}, "ok", "queen"),
    Case(
        "analogies-link",
        P_AN,
        query={"analogies_topn": "999", "analogies_vocab": "abc", "analogies_exclude": "maybe"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Inside the model: four views, each with its own text.
    Case("inside-empty", P_IN, {"inside_tokens_text": ""}, "error", "The text is empty"),
    Case("inside-invisible", P_IN, {"inside_tokens_text": "\u200b\ufeff\x07"}, "error", "The text is empty"),
    Case("inside-20k", P_IN, {"inside_tokens_text": LONG}, "info", "Used the first 5,000 of 19,999 characters"),
    Case("inside-emoji-rtl", P_IN, {"inside_tokens_text": "🙂 שלום مرحبا"}, "warning", "Out of vocabulary"),
    Case("inside-html", P_IN, {"inside_tokens_text": "<script>alert(1)</script>"}, "ok", "script"),
    Case("inside-context-no-word", P_IN, {**CONTEXT, "inside_word": ""}, "error", "word"),
    Case("inside-context-missing", P_IN, {**CONTEXT, "inside_sentences": "The cat sat.\nA dog ran."}, "error", "bank"),
    Case(
        "inside-context-duplicates",
        P_IN,
        {**CONTEXT, "inside_sentences": "I sat by the river bank.\n" * 3},
        "info",
        "Kept one copy",
    ),
    Case("inside-pool-empty", P_IN, {"inside_view": "Pooling", "inside_pool_text": " \n "}, "error", "text is empty"),
    Case(
        "inside-link",
        P_IN,
        query={"inside_view": "<script>", "inside_layer": "99"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Compare: two models, texts.
    Case("compare-empty", P_CMP, {"compare_texts": ""}, "error", EMPTY_MSG),
    Case("compare-two", P_CMP, {"compare_texts": "cat\ndog"}, "error", "at least 3 texts. Got 2"),
    Case("compare-duplicates", P_CMP, {"compare_texts": DUPS}, "error", "at least 3 texts. Got 1"),
    Case("compare-mixed-glove", P_CMP, {"compare_texts": f"{HTML}\n{EMOJI}\n{RTL}"}, "error", "'🍕'; 'שלום'"),
    Case(
        "compare-mixed-minilm",
        P_CMP,
        {"compare_model_b": "minilm", "compare_texts": f"{HTML}\n{EMOJI}\n{RTL}"},
        "ok",
        "<img src=x onerror=alert(1)>",
    ),
    Case("compare-glove-unknown", P_CMP, {"compare_texts": UNKNOWN}, "error", VOCAB),
    Case(
        "compare-link",
        P_CMP,
        query={"compare_model_a": "zzz", "compare_source": "word_sets", "compare_n": "7"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Search: a query over a dataset (or typed texts).
    Case("search-empty", P_SEARCH, {"search_query": ""}, "info", "Type a query"),
    Case("search-invisible", P_SEARCH, {"search_query": "\u200b\x07 "}, "info", "Type a query"),
    Case("search-20k", P_SEARCH, {"search_query": LONG}, "ok", "texts shown"),
    Case("search-emoji", P_SEARCH, {"search_query": "🙂🚀"}, "warning", "No text contains any word"),
    Case("search-html", P_SEARCH, {"search_query": "<img src=x onerror=alert(1)>"}, "ok", "texts shown"),
    Case("search-typed-one", P_SEARCH, {"search_source": "__typed__", "search_typed": "cat"}, "ok", "1 of 1"),
    Case(
        "search-link",
        P_SEARCH,
        query={"search_top_k": "-1", "search_source": "zzz"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Your data: bad uploads.
    Case("data-empty-file", P_DATA, upload=("empty.csv", b""), expect="error", fragment="is empty"),
    Case("data-binary", P_DATA, upload=("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), expect="error", fragment="PNG"),
    Case("data-numbers-only", P_DATA, upload=("n.csv", b"a,b\n1,2\n"), expect="error", fragment="no column of text"),
    Case(
        "data-html-and-emoji",
        P_DATA,
        upload=("x.csv", "text\n<script>alert(1)</script>\n🙂 hi\nשלום\n".encode()),
        expect="ok",
        fragment="<script>alert(1)</script>",
    ),
    Case("data-bad-xlsx", P_DATA, upload=("book.xlsx", b"not a zip"), expect="error", fragment="xlsx"),
    Case(
        "data-over-limit",
        P_DATA,
        upload=("over.csv", ("text\n" + "".join(f"row {i}\n" for i in range(100_001))).encode()),
        expect="error",
        fragment="has 100,001 rows; the limit is 100,000",
    ),
    Case(
        "data-mostly-empty",
        P_DATA,
        upload=(
            "sparse.csv",
            ("id,text\n1,the cat sleeps\n2,dogs bark\n" + "".join(f"{i},\n" for i in range(3, 21))).encode(),
        ),
        expect="info",
        fragment="Only 2 of 20 rows have text in 'text'; the 18 empty ones",
    ),
    Case(
        "data-all-identical",
        P_DATA,
        upload=("same.csv", b"text\n" + b"the same line\n" * 5),
        expect="info",
        fragment="Every one of the 5 rows holds the same text",
    ),
    # Clusters: typed texts (with groups) or a dataset, an algorithm.
    Case("clusters-empty", P_CL, {**TYPED_CL, "clusters_typed": " \n"}, "error", EMPTY_MSG),
    Case("clusters-one", P_CL, {**TYPED_CL, "clusters_typed": "apple"}, "error", "at least 3 points. Got 1"),
    Case(
        "clusters-duplicates",
        P_CL,
        {**TYPED_CL, "clusters_typed": "fruit: apple, apple\napple", "clusters_grouping": "always"},
        "error",
        "at least 3 points. Got 1",
    ),
    Case(
        "clusters-html-labels",
        P_CL,
        {**TYPED_CL, "clusters_typed": f"{XSS_LINE}: cat, dog, cow, horse\n<script>x</script>: car, bus, train, van"},
        "ok",
        "onerror",
    ),
    Case("clusters-rtl-emoji", P_CL, {**TYPED_CL, "clusters_typed": f"{RTL}\n{EMOJI}"}, "ok", "שלום עולם"),
    Case("clusters-glove-unknown", P_CL, {**TYPED_CL, "clusters_typed": UNKNOWN}, "error", VOCAB, model="glove-50d"),
    Case(
        "clusters-link",
        P_CL,
        query={"clusters_method": "zzz", "clusters_k": "abc"},
        expect="warning",
        fragment=LINK_MSG,
    ),
    # Embeddings as features: labels a classifier cannot learn from, odd texts to try, a bad link.
    Case(
        "features-one-class",
        P_FEAT,
        {**TYPED_FEAT, "features_typed": "pets: dog; cat; puppy; kitten"},
        "error",
        "at least 2 different classes",
    ),
    Case(
        "features-one-example",
        P_FEAT,
        {**TYPED_FEAT, "features_typed": "pets: dog; cat; puppy\nsky: rain"},
        "error",
        "one example of 'sky'",
    ),
    Case("features-no-labels", P_FEAT, {**TYPED_FEAT, "features_typed": "dog\ncat\nrain"}, "info", "no labels"),
    Case("features-try-html", P_FEAT, {"features_try": XSS_LINE}, "ok", "What each classifier says"),
    Case("features-try-emoji", P_FEAT, {"features_try": "🙂🚀🍕"}, "ok", "What each classifier says"),
    Case("features-link", P_FEAT, query={"features_test_size": "0.99"}, expect="warning", fragment=LINK_MSG),
    # How embeddings are learned: words the corpus lacks, sentences with no words, a bad link.
    Case(
        "learning-html-words",
        P_LEARN,
        {"learning_words_app": f"{XSS_LINE}, king, queen"},
        "warning",
        "Not in this corpus's vocabulary",
    ),
    Case("learning-emoji-sentence", P_LEARN, {"learning_sentence": "🙂 🚀"}, "error", "no words"),
    Case("learning-rtl-sentence", P_LEARN, {"learning_sentence": "שלום עולם יפה"}, "ok", "centre word"),
    Case("learning-link", P_LEARN, query={"learning_corpus": "<script>"}, expect="warning", fragment=LINK_MSG),
    # Workshop and home: links only.
    Case("workshop-link", "pages/workshop.py", query={"workshop_step": "-1"}, expect="warning", fragment=LINK_MSG),
    Case("home-link", "pages/home.py", query={"<script>": "<img src=x onerror=alert(1)>"}, expect="ok"),
]

_APPS: dict[tuple[str, str], tuple[AppTest, dict[str, Any]]] = {}


def _widget(at: AppTest, key: str):
    for kind in ("text_area", "text_input", "selectbox", "radio", "slider", "number_input", "toggle"):
        try:
            return getattr(at, kind)(key=key)
        except KeyError:
            continue
    try:
        return at.segmented_control(key=key)
    except (KeyError, AttributeError):
        return None


def _value(at: AppTest, key: str) -> Any:
    widget = _widget(at, key)
    if widget is not None:
        return widget.value
    try:
        return at.session_state[key]
    except KeyError:
        return None


def _set(at: AppTest, key: str, value: Any) -> None:
    widget = _widget(at, key)
    if widget is not None:
        widget.set_value(value)
    else:
        at.session_state[key] = value


def _app(page: str, model: str) -> tuple[AppTest, dict[str, Any]]:
    """The page's AppTest (opened once per page and model) and its first input values."""
    if (page, model) not in _APPS:
        at = open_page(page, model=model)
        _APPS[page, model] = at, {k: _value(at, k) for k in INPUTS[page]}
    return _APPS[page, model]


def _shown(at: AppTest) -> str:
    """Everything a table or chart shows, as text."""
    parts = [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")]
    parts += [d.value.to_string() for d in at.dataframe]
    parts += [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts)


def _run(case: Case) -> tuple[AppTest, dict[str, Any]]:
    if case.query is not None:
        at = open_page(case.page, query={**case.query, "model": case.model} if case.model != "minilm" else case.query)
        return at, {}
    at, first = _app(case.page, case.model)
    for key in INPUTS[case.page]:  # put back what the previous case typed
        if key not in case.inputs and _value(at, key) != first[key] and first[key] is not None:
            _set(at, key, first[key])
    for key, value in case.inputs.items():
        _set(at, key, value)
    if case.upload:
        name, data = case.upload
        at.file_uploader(key="data_file").set_value((name, data, "application/octet-stream"))
    at.run()
    at.run()  # a whole run: an input inside a part (st.fragment) reruns only the part, and the checks read the page
    return at, first


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case):
    at, first = _run(case)
    assert not at.exception, [e.value for e in at.exception]
    messages = {
        "error": [e.value for e in at.error],
        "warning": [w.value for w in at.warning],
        "info": [i.value for i in at.info],
    }
    if case.expect == "ok":
        assert not messages["error"], messages["error"]
        assert at.get("plotly_chart") or at.dataframe or at.table, "the page drew nothing"
        assert case.fragment in _shown(at)
    else:
        assert any(case.fragment in m for m in messages[case.expect]), messages
        assert all(len(m) < 600 for ms in messages.values() for m in ms), "a message too long to read"
    for key, value in case.inputs.items():
        if key != "projection_tab":  # a box with a character limit keeps its first max_chars, as a browser does
            limit = getattr(getattr(_widget(at, key), "proto", None), "max_chars", 0) or None
            assert _value(at, key) == (value[:limit] if isinstance(value, str) else value), f"{key} lost its value"
    for key, value in first.items():
        if key not in case.inputs and value is not None:
            assert _value(at, key) == value, f"{key} changed"
