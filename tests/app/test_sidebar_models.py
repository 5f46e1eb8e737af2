"""The sidebar's "More models": hub models and an OpenAI-compatible server (a real one on 127.0.0.1)."""

from __future__ import annotations

import pytest

from tests.app.helpers import errors, exceptions, open_page
from tests.support.openai_server import EmbeddingServer

KEY = "sk-test-sidebar-0123456789"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_EMBEDDING_MODEL", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # no hub downloads from tests


@pytest.fixture
def server(minilm):
    with EmbeddingServer(minilm, api_key=KEY) as srv:
        yield srv


def _submit(at, *, url, model, key=""):
    at.text_input(key="model_remote_url").input(url)
    at.text_input(key="model_remote_name").input(model)
    at.text_input(key="model_remote_key").input(key)
    next(b for b in at.button if b.label == "Connect").click().run()
    return at


def _everything_in(at) -> str:
    """All session-state values, the URL and every text the app shows, as one string."""
    state = repr(at.session_state)
    shown = [str(getattr(e, "value", "")) for e in at.main] + [str(getattr(e, "value", "")) for e in at.sidebar]
    return state + repr(dict(at.query_params)) + " ".join(shown)


def test_picker_lists_bundled_models_and_a_curated_hub_list():
    at = open_page()
    assert at.selectbox(key="model_choice").options == [
        "MiniLM · sentence, 384d",
        "GloVe 6B 50d · word, 50d",
        "WordLlama · static, 256d",
    ]
    hub = at.selectbox(key="model_hub_pick")
    assert "BGE small (bge-small-en-v1.5) · 384d · 130 MB" in hub.options
    assert hub.options[-1] == "Another model id…"
    assert at.text_input(key="model_remote_url").value == "https://api.openai.com/v1"
    assert at.text_input(key="model_remote_name").value == "text-embedding-3-small"


@pytest.mark.parametrize("page", ["pages/embed.py", "pages/projections.py", "pages/inside.py", "pages/analogies.py"])
def test_wordllama_from_the_picker_works_on_every_kind_of_page(page):
    at = open_page(page, model="wordllama")
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    assert at.session_state["model"] == "wordllama"


def test_hub_model_offline_says_so_and_keeps_minilm():
    at = open_page()
    at.selectbox(key="model_hub_pick").select("thenlper/gte-small").run()
    assert any("Needs internet" in c.value and "70 MB" in c.value for c in at.caption)
    at.button(key="model_hub_load").click().run()
    assert not exceptions(at)
    assert any("cannot be reached" in e for e in errors(at))
    assert at.session_state["model"] == "minilm"


def test_server_model_connects_and_every_page_uses_it(server):
    at = open_page("pages/embed.py")
    _submit(at, url=server.base_url, model=server.model_id, key=KEY)
    assert not exceptions(at) and not errors(at)
    assert at.session_state["model"] == "openai:minilm-test"
    assert at.selectbox(key="model_choice").value == "openai:minilm-test"
    assert at.text_input(key="model_remote_key").value == ""  # the key is not sent back to the browser
    table = at.dataframe[0].value
    assert table.shape[1] == 2 + 384
    assert KEY not in _everything_in(at)
    assert all(s.key_ok and KEY not in s.path for s in server.seen)
    # Changing the text embeds again on the server (per-session cache, no cross-session cache).
    before = len(server.seen)
    at.text_area(key="embed_texts").input("tea\ncoffee").run()
    assert len(server.seen) == before + 1 and at.dataframe[0].value["text"].tolist() == ["tea", "coffee"]


def test_wrong_key_shows_401_and_keeps_the_current_model(server):
    at = open_page()
    _submit(at, url=server.base_url, model=server.model_id, key="sk-wrong-key-77777777")
    assert not exceptions(at)
    assert any("refused the API key (401 Unauthorized)" in e for e in errors(at))
    assert at.session_state["model"] == "minilm"
    assert "77777777" not in _everything_in(at)


def test_unknown_model_and_unreachable_server_messages(server):
    at = open_page()
    _submit(at, url=server.base_url, model="no-such-model", key=KEY)
    assert any("has no model 'no-such-model' (404 Not Found)" in e for e in errors(at))
    _submit(at, url="not a url", model="m")
    assert any("must start with http:// or https://" in e for e in errors(at))
    assert at.session_state["model"] == "minilm" and not exceptions(at)


def test_deployment_settings_fill_the_form_and_its_key_stays_with_its_server(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_EMBEDDING_MODEL", server.model_id)
    at = open_page()
    assert at.text_input(key="model_remote_url").value == server.base_url
    assert at.text_input(key="model_remote_key").value == ""  # never prefilled
    next(b for b in at.button if b.label == "Connect").click().run()
    assert at.session_state["model"] == "openai:minilm-test" and not errors(at)
    # Another address does not get the deployment's key.
    with EmbeddingServer(server.embedder, api_key=KEY) as other:
        _submit(at, url=other.base_url, model=other.model_id)
        assert any("needs an API key" in e for e in errors(at))
        assert [s.key_ok for s in other.seen] == [False]
