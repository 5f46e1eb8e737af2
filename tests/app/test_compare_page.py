"""The Compare page, on the real bundled models (and a real loopback server for a server model)."""

from __future__ import annotations

import pytest

from tests.app.helpers import errors, exceptions, open_page
from tests.support.openai_server import EmbeddingServer


def test_minilm_against_glove_shows_figures_and_tables():
    at = open_page("pages/compare.py")
    assert not exceptions(at) and not errors(at)
    assert at.selectbox(key="compare_model_a").value == "minilm"
    assert at.selectbox(key="compare_model_b").value == "glove-50d"
    values = {m.label: m.value for m in at.metric}
    rho = float(values["Rank correlation of similarities"])
    assert 0.1 < rho < 0.99
    assert len(at.get("plotly_chart")) == 3
    table = at.dataframe[0].value
    assert len(table) == 12 and table["overlap"].is_monotonic_increasing


def test_a_model_against_itself_agrees_perfectly():
    at = open_page("pages/compare.py")
    at.selectbox(key="compare_model_b").select("minilm").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Rank correlation of similarities"] == "1.00"
    assert values["Shared nearest neighbours"] == "100%"
    assert any("Both sides use the same model" in i.value for i in at.info)


def test_too_few_texts_and_unknown_words_are_messages_not_tracebacks():
    at = open_page("pages/compare.py")
    at.text_area(key="compare_texts").input("cat\ndog").run()
    assert not exceptions(at)
    assert "at least 3 texts. Got 2" in errors(at)[0]
    at.text_area(key="compare_texts").input("cat\ndog\nqwzxvv 🙂").run()
    assert not exceptions(at)
    assert "not in the model's vocabulary" in errors(at)[0]
    assert at.text_area(key="compare_texts").value == "cat\ndog\nqwzxvv 🙂"


def test_k_follows_the_number_of_texts():
    at = open_page("pages/compare.py")
    at.slider(key="compare_k").set_value(10).run()
    at.text_area(key="compare_texts").input("cat\ndog\nfish\nbird").run()
    assert not exceptions(at) and not errors(at)
    assert at.slider(key="compare_k").value == 3


def test_built_in_dataset_says_how_many_texts_are_shown():
    at = open_page("pages/compare.py")
    at.selectbox(key="compare_source").select("word_sets").run()
    assert not exceptions(at) and not errors(at)
    assert any("60 of 357 texts shown" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 60


@pytest.mark.slow
def test_a_server_model_can_be_compared_with_its_local_twin(minilm, monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with EmbeddingServer(minilm, api_key=None) as server:
        at = open_page("pages/compare.py")
        at.text_input(key="model_remote_url").input(server.base_url)
        at.text_input(key="model_remote_name").input(server.model_id)  # a form: sent on Connect
        next(b for b in at.button if b.label == "Connect").click().run()
        at.selectbox(key="compare_model_b").select("openai:minilm-test").run()
        assert not exceptions(at) and not errors(at)
        values = {m.label: m.value for m in at.metric}
        assert values["Rank correlation of similarities"] == "1.00"  # the server serves MiniLM itself
