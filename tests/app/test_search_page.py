import json
import re

import numpy as np
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page


def _plain(markdown: str) -> str:
    """The text a reader sees in a result cell (escapes and bold marks removed)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))


def _tables(at):
    """The two result tables as frames: rank as a column, score a number, text as read."""
    frames = [t.value.reset_index().rename(columns={"#": "rank"}) for t in at.table]
    for frame in frames:
        frame["text"] = frame["text"].map(_plain)
        if "label" in frame:
            frame["label"] = frame["label"].map(_plain)
    return frames


def test_default_search_shows_both_lists_and_the_map():
    at = open_page("pages/search.py")
    assert not exceptions(at) and not errors(at)
    semantic, keyword = _tables(at)
    assert len(semantic) == 5 and semantic["score"].is_monotonic_decreasing
    assert (semantic["label"] == "software").sum() >= 4 and (keyword["label"] == "software").sum() == 0
    assert any("5 of 326 texts shown" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("preset", ec.SEARCH_PRESETS, ids=lambda p: p.query)
def test_clicking_a_preset_fills_the_query_and_its_side_wins(preset):
    at = open_page("pages/search.py")
    at.text_input(key="search_query").input("pastry chef").run()  # another query first: the click must replace it
    at.button(key=f"search_preset_{preset.query}").click().run()
    assert not exceptions(at) and not errors(at)
    assert at.text_input(key="search_query").value == preset.query
    assert preset.why in [i.value for i in at.info]
    semantic, keyword = _tables(at)
    if preset.wins == "meaning":  # most meaning hits are in the expected category, few keyword hits are
        assert (semantic["label"] == preset.expect).sum() >= 4 and (keyword["label"] == preset.expect).sum() <= 1
    else:  # the exact string is in the first keyword hit
        assert preset.expect.lower() in keyword["text"].iloc[0].lower()


def test_top_k_and_tfidf():
    at = open_page("pages/search.py")
    at.slider(key="search_top_k").set_value(12).run()
    at.radio(key="search_keyword_method").set_value("tfidf").run()
    at.text_input(key="search_query").input("night shift nurse").run()
    semantic, keyword = _tables(at)
    assert len(semantic) == 12 and len(keyword) == 12
    assert any("TF-IDF" in s.value for s in at.subheader)


def test_empty_query_asks_for_one_and_keeps_settings():
    at = open_page("pages/search.py")
    at.slider(key="search_top_k").set_value(3).run()
    at.text_input(key="search_query").input("  \u200b ").run()
    assert not exceptions(at) and "Type a query" in at.info[0].value
    assert at.slider(key="search_top_k").value == 3


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "🙂🙂", "ممرضة ليلية", "qwzxv"])
def test_odd_queries_never_crash(query):
    at = open_page("pages/search.py")
    at.text_input(key="search_query").input(query).run()
    assert not exceptions(at) and not errors(at)
    assert len(_tables(at)[0]) == 5  # meaning always finds something
    warnings = [w.value for w in at.warning]
    if query in ("🙂🙂", "qwzxv"):
        assert any("No text contains any word of the query" in w for w in warnings)
    if query in ("ممرضة ليلية", "qwzxv"):  # words MiniLM reads only as pieces get a note
        assert any("does not know" in w for w in warnings), warnings


def test_glove_unknown_query_word_shows_message_and_keyword_results_stay():
    at = open_page("pages/search.py", model="glove-50d")
    at.text_input(key="search_query").input("nurse qwzxv").run()
    assert not exceptions(at)
    assert "not in the model's vocabulary" in errors(at)[0]
    assert len(_tables(at)) == 1 and "nurse" in _tables(at)[0]["text"].iloc[0].lower()
    at.text_input(key="search_query").input("nurse").run()
    assert not errors(at) and len(_tables(at)) == 2


def test_typed_texts_as_the_corpus():
    at = open_page("pages/search.py")
    at.selectbox(key="search_source").set_value("__typed__").run()
    at.text_area(key="search_typed").input("a kitten sleeps\nthe stock market fell\nmy dog barks").run()
    at.text_input(key="search_query").input("cat").run()
    assert not exceptions(at) and not errors(at)
    assert _tables(at)[0]["text"].iloc[0] == "a kitten sleeps"
    assert "label" not in _tables(at)[0].columns


@pytest.mark.parametrize("model", ["minilm", "glove-50d"])
@pytest.mark.parametrize("dataset", ["sentence_sets", "word_sets"])
def test_every_builtin_dataset_with_every_model(dataset, model):
    at = open_page("pages/search.py", model=model)
    at.selectbox(key="search_source").set_value(dataset).run()
    at.text_input(key="search_query").input("happy").run()
    assert not exceptions(at) and not errors(at)
    assert len(_tables(at)[0]) == 5 and len(at.get("plotly_chart")) == 1


def test_imported_vectors_of_unknown_model_warn_when_widths_match():
    at = open_page("pages/search.py", model="glove-50d")
    vectors = np.random.default_rng(0).standard_normal((4, 50)).astype(np.float32)
    at.session_state["data_uploads"] = {"v": ec.read_vectors(ec.export_npy(vectors), "v.npy").dataset}
    at.run()
    at.selectbox(key="search_source").set_value("upload:v").run()
    assert not exceptions(at) and "unknown model" in at.warning[0].value


def test_imported_vectors_of_another_width_explain_the_mismatch():
    at = open_page("pages/search.py")
    upload = ec.read_vectors(ec.export_npy(np.eye(5, dtype=np.float32)), "tiny.npy")
    at.session_state["data_uploads"] = {"tiny": upload.dataset}
    at.run()
    at.selectbox(key="search_source").set_value("upload:tiny").run()
    at.text_input(key="search_query").input("item 3").run()
    assert not exceptions(at)
    assert "have 5 dimensions but MiniLM" in errors(at)[0]
    assert _tables(at)[0]["text"].iloc[0] == "item 3"  # keyword search still works


def test_query_survives_a_page_switch():
    at = open_page("pages/search.py")
    at.text_input(key="search_query").input("pastry chef").run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/search.py").run()
    assert at.text_input(key="search_query").value == "pastry chef"


def test_deep_link_opens_the_search():
    link = {"search_query": "DP-203", "search_top_k": "3", "search_source": "job_listings"}
    at = open_page("pages/search.py", query=link)
    assert not exceptions(at) and not errors(at)
    assert at.text_input(key="search_query").value == "DP-203" and len(_tables(at)[0]) == 3
    assert "DP-203" in _tables(at)[1]["text"].iloc[0]


def _warnings(at):
    return " ".join(w.value for w in at.warning)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("Krankenschwester", "does not know 1 of these words as words"),
        ("Je cherche un poste d'infirmière de nuit", "Keyword search matched only on 'd'"),
    ],
)
def test_texts_the_model_cannot_read_get_a_note(query, says):
    at = open_page("pages/search.py")
    at.text_input(key="search_query").input(query).run()
    assert not exceptions(at) and not errors(at)
    assert says in _warnings(at)


def test_plain_english_query_gets_no_reading_note():
    at = open_page("pages/search.py")
    assert not exceptions(at)
    assert "does not know" not in _warnings(at) and "matched only on" not in _warnings(at)


def test_search_with_glove_says_why_and_drops_the_meaning_hint():
    at = open_page("pages/search.py", model="glove-50d")
    meaning = next(p for p in ec.SEARCH_PRESETS if p.wins == "meaning")
    at.button(key=f"search_preset_{meaning.query}").click().run()
    assert not exceptions(at)
    assert "is a word model" in _warnings(at) and "pick MiniLM" in _warnings(at)
    assert meaning.why not in [i.value for i in at.info]


def test_results_are_whole_and_keyword_matches_bold_but_text_is_never_markup():
    """A long listing is shown whole; the query's words are bold in keyword hits; a text's Markdown stays literal."""
    at = open_page("pages/search.py")
    at.text_input(key="search_query").input("registered nurse night shift").run()
    raw = [t.value for t in at.table]
    assert all(len(_plain(t)) > 150 for t in raw[0]["text"])  # whole listings, not a 40-character cut
    assert "**nurse**" in raw[1]["text"].iloc[0].lower() or "**Nurse**" in raw[1]["text"].iloc[0]
    assert "**" not in "".join(raw[0]["text"])  # meaning hits share no marked words
    at.selectbox(key="search_source").set_value("__typed__").run()
    at.text_area(key="search_typed").input("**bold** :red[alert] [link](http://x) nurse\nA cat\nA dog").run()
    at.text_input(key="search_query").input("nurse").run()
    cells = [c for t in at.table for c in t.value["text"]]
    assert "\\*\\*bold\\*\\* \\:red\\[alert\\] \\[link\\]\\(http\\://x\\) **nurse**" in cells


def test_a_big_upload_draws_a_stated_sample_of_dots_and_every_hit(monkeypatch):
    from ui import search

    monkeypatch.setattr(search, "MAP_DOTS", 300)  # the page's 5,000, at test size
    at = open_page("pages/search.py", model="glove-50d")
    vectors = np.random.default_rng(0).standard_normal((1_000, 50)).astype(np.float32)
    at.session_state["data_uploads"] = {"v": ec.read_vectors(ec.export_npy(vectors), "v.npy").dataset}
    at.run()
    at.selectbox(key="search_source").set_value("upload:v").run()
    at.text_input(key="search_query").input("happy").run()
    assert not exceptions(at) and not errors(at)
    assert len(_tables(at)[0]) == 5
    assert any("300 of the 1,000 texts are drawn" in c.value and "Maps page draws all" in c.value for c in at.caption)
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert len(traces[0]["hovertext"]) == 300  # the dots: the sample
    assert len(next(t for t in traces if t["name"] == "hits by meaning")["hovertext"]) == 5  # the hits: all
