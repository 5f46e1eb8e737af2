"""ui.params: one declaration draws a widget, checks the link's value and keeps the value across pages."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

import embedding_core as ec
from tests.app.helpers import open_page
from ui.params import Flag, Param, Text

TOP_K = Param("t_k", 5, ec.Interval(1, 25, integer=True), "k", "How many.")
RATE = Param("t_lr", "auto", ec.Options(ec.LEARNING_RATES), "Learning rate", "Step size.")
ITER = Param("t_iter", 1000, ec.PARAM_CONSTRAINTS["tsne"]["max_iter"], "Iterations", "How long.")
DIST = Param("t_dist", 0.1, ec.PARAM_CONSTRAINTS["umap"]["min_dist"], "min_dist", "How tight.")
ON = Param("t_on", True, Flag(), "On", "Switch.")


# --- reading a link's text, without a running app ---------------------------------------------


def test_link_text_becomes_a_value_of_the_domains_type():
    assert TOP_K.parse("8") == 8
    assert RATE.parse("50") == 50 and RATE.parse("auto") == "auto"  # an option's own type, not the text
    assert ITER.parse("1250") == 1250
    assert DIST.parse("0.35") == pytest.approx(0.35)
    assert ON.parse("0") is False and ON.parse("true") is True
    assert Param("t_s", "", Text(5), "s").parse("abc") == "abc"


@pytest.mark.parametrize(
    ("param", "raw"),
    [
        (TOP_K, "abc"),
        (TOP_K, "0"),  # below the range
        (TOP_K, "26"),  # above it
        (TOP_K, "2.5"),  # not a whole number
        (RATE, "51"),  # not one of the options
        (ITER, "1100"),  # off the slider's steps of 250
        (ITER, "4000"),  # beyond the slider, which a widget could not draw
        (DIST, "nan"),
        (DIST, "1.5"),
        (ON, "maybe"),
    ],
)
def test_an_invalid_link_text_is_refused(param, raw):
    with pytest.raises(ValueError):
        param.parse(raw)


def test_slider_ends_and_steps_come_from_the_core_table():
    perplexity = ec.PARAM_CONSTRAINTS["tsne"]["perplexity"]
    assert perplexity.widget_range == (2.0, 100.0) and math.isinf(perplexity.high)
    assert ITER.accepts(3000) and not ITER.accepts(3250)
    assert not TOP_K.accepts(True)  # a bool is no number here


# --- in a running script: link value, note, default --------------------------------------------


def _script():
    import streamlit as st

    import embedding_core as ec
    from ui.params import Flag, Param, select_slider, slider, toggle
    from ui.state import keep_page_state, link_notes, link_params

    keep_page_state()
    if "t_put" in st.session_state:  # as a "Try it" button or a scene puts a value before the page runs
        st.session_state.update(st.session_state.pop("t_put"))
    k = slider(Param("t_k", 5, ec.Interval(1, 25, integer=True), "k", "How many."))
    lr = select_slider(Param("t_lr", "auto", ec.Options(ec.LEARNING_RATES), "Learning rate", "Step size."))
    on = toggle(Param("t_on", True, Flag(), "On", "Switch."))
    slider(Param("t_c", 3, ec.Interval(1, 10, integer=True), "c", "A range that depends on the data.", clamp=True))
    st.write(f"k={k!r} lr={lr!r} on={on!r}")
    for note in link_notes():
        st.warning(note)
    st.write(f"link={link_params()!r}")


def _run(query: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_valid_link_value_is_the_first_value():
    at = _run({"t_k": "8", "t_lr": "50", "t_on": "0"})
    assert at.slider(key="t_k").value == 8
    assert at.select_slider(key="t_lr").value == 50
    assert at.toggle(key="t_on").value is False
    assert not at.warning
    assert "'t_k': '8'" in at.markdown[-1].value  # the link keeps what differs from the defaults


@pytest.mark.parametrize(("key", "raw"), [("t_k", "abc"), ("t_k", "99"), ("t_lr", "<script>"), ("t_on", "maybe")])
def test_an_invalid_or_out_of_range_link_value_gives_a_note_and_the_default(key, raw):
    at = _run({key: raw})
    assert at.slider(key="t_k").value == 5
    assert at.select_slider(key="t_lr").value == "auto"
    assert at.toggle(key="t_on").value is True
    notes = [w.value for w in at.warning]
    assert len(notes) == 1 and f"for '{key}' is not valid here" in notes[0]
    assert "link={}" in at.markdown[-1].value  # defaults are not written back into the link


def test_an_invalid_session_value_goes_back_to_the_default():
    at = _run({})
    at.session_state["t_put"] = {"t_lr": 51}  # e.g. a scene file with a typo
    at.run()
    assert not at.exception
    assert at.select_slider(key="t_lr").value == "auto"


def test_a_clamped_param_moves_a_kept_value_to_the_nearest_end():
    at = _run({})
    at.session_state["t_put"] = {"t_c": 40}  # e.g. a k kept from a larger dataset
    at.run()
    assert at.slider(key="t_c").value == 10
    at.session_state["t_put"] = {"t_c": -3}
    at.run()
    assert at.slider(key="t_c").value == 1


# --- across pages of the real app ---------------------------------------------------------------


def test_a_value_is_kept_across_pages_and_travels_in_the_link():
    at = open_page("pages/search.py")
    at.slider(key="search_top_k").set_value(9).run()
    at.switch_page("pages/embed.py").run()
    assert "search_top_k" not in at.query_params  # another page's inputs leave the link
    at.switch_page("pages/search.py").run()
    assert not at.exception
    assert at.slider(key="search_top_k").value == 9
    assert at.query_params["search_top_k"] in ("9", ["9"])


def test_the_model_and_presenter_mode_are_params_in_the_link():
    at = open_page("pages/embed.py", query={"model": "glove-50d", "present": "1"})
    assert at.session_state["model"] == "glove-50d"
    assert at.toggle(key="present").value is True
    assert at.query_params["model"] in ("glove-50d", ["glove-50d"]) and at.query_params["present"] in ("1", ["1"])
    bad = open_page("pages/embed.py", query={"model": "nope", "present": "maybe"})
    notes = [w.value for w in bad.warning]
    assert bad.session_state["model"] == "minilm" and bad.toggle(key="present").value is False
    assert any("not available here" in n for n in notes) and any("'present' is not valid here" in n for n in notes)


def test_map_settings_come_from_the_core_tables_and_the_link():
    # The form draws only the chosen method's settings: t-SNE's first, then UMAP's.
    at = open_page(
        "pages/projections.py",
        query={"projection_method": "tsne", "projection_seed": "77", "projection_lr": "50", "projection_iter": "1250"},
    )
    assert any("Seed **77**" in c.value for c in at.caption)  # the seed the helper returns, from the link
    assert at.select_slider(key="projection_lr").value == 50  # "50" in the link is the option 50
    assert at.slider(key="projection_iter").value == 1250
    at = open_page("pages/projections.py", query={"projection_method": "umap", "projection_neighbors": "0"})
    low, high = ec.PARAM_CONSTRAINTS["umap"]["n_neighbors"].widget_range
    assert (at.slider(key="projection_neighbors").min, at.slider(key="projection_neighbors").max) == (low, high)
    assert at.slider(key="projection_neighbors").value == ec.DEFAULT_PARAMS["umap"]["n_neighbors"]
    assert any("'projection_neighbors' is not valid here" in w.value for w in at.warning)
