"""ChatClient and generate_answer against a real OpenAI-compatible HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import logging
import pickle
import socket

import pytest

import embedding_core as ec
from tests.support.openai_server import EmbeddingServer

KEY = "sk-test-0123456789abcdef"
DOC = ec.load_rag_document()


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_CHAT_MODEL", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server(minilm):
    with EmbeddingServer(minilm, api_key=KEY) as srv:
        yield srv


def _client(server, **options) -> ec.ChatClient:
    options.setdefault("api_key", KEY)
    options.setdefault("model", server.chat_model_id)
    return ec.ChatClient(base_url=server.base_url, **options)


def _chunks():
    chunks = ec.chunk_text(DOC.text, by="paragraphs")
    dogs = next(c for c in chunks if "Dogs are not allowed" in c.text)
    fob = next(c for c in chunks if "If you lose your fob" in c.text)
    return [fob, dogs]


def test_generated_answer_cites_the_chunk_it_used(server):
    chunks = _chunks()
    answer = ec.generate_answer("Are dogs allowed in the building?", chunks, _client(server))
    assert answer.text.startswith("Dogs are not allowed in the building")
    assert answer.text.endswith("[2]") and answer.cited == [2]
    assert answer.model == "chat-test"
    assert answer.messages == ec.prompt_messages("Are dogs allowed in the building?", chunks)
    assert answer.tokens is not None and answer.tokens > 0
    seen = server.seen[-1]
    assert (seen.path, seen.status, seen.key_ok) == ("/v1/chat/completions", 200, True)


def test_without_retrieval_the_question_goes_alone(server):
    answer = ec.generate_answer("Are dogs allowed?", _chunks(), _client(server), with_retrieval=False)
    assert answer.messages == [{"role": "user", "content": "Are dogs allowed?"}]
    assert answer.cited == []
    assert "do not know" in answer.text


def test_citations_only_count_sent_excerpts():
    assert ec.cited_chunks("See [2], [1] and [2] again, not [7] or [0].", 3) == [2, 1]


def test_the_deployment_key_goes_only_to_the_deployment_server(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_CHAT_MODEL", server.chat_model_id)
    assert ec.ChatClient().chat([{"role": "user", "content": "hi"}])[0]
    other = ec.ChatClient(base_url="http://127.0.0.1:9/v1")
    assert not other.has_key


def test_401_wrong_key(server):
    with pytest.raises(ec.ModelUnavailableError, match=r"refused the API key \(401 Unauthorized\)") as err:
        ec.generate_answer("dogs?", _chunks(), _client(server, api_key="sk-wrong-key-123456"))
    assert "sk-wrong" not in str(err.value) and KEY not in str(err.value)


def test_401_no_key(server):
    with pytest.raises(ec.ModelUnavailableError, match="needs an API key.*Got no key"):
        ec.generate_answer("dogs?", _chunks(), _client(server, api_key=""))


def test_404_unknown_model(server):
    with pytest.raises(ec.ModelUnavailableError, match=r"has no chat model 'gpt-none' \(404 Not Found\)"):
        ec.generate_answer("dogs?", _chunks(), _client(server, model="gpt-none"))


def test_429_after_retries(server):
    server.fail_next = [429, 429, 429]
    with pytest.raises(ec.ModelUnavailableError, match="kept answering 429 Too Many Requests after 2 retries"):
        ec.generate_answer("dogs?", _chunks(), _client(server, max_retries=2))
    assert [s.status for s in server.seen] == [429, 429, 429]


def test_429_once_is_retried(server):
    server.fail_next = [429]
    answer = ec.generate_answer("Are dogs allowed?", _chunks(), _client(server, max_retries=1))
    assert answer.cited == [2]


def test_5xx(server):
    server.fail_next = [503, 503]
    with pytest.raises(ec.ModelUnavailableError, match="failed with HTTP 503 2 time"):
        ec.generate_answer("dogs?", _chunks(), _client(server, max_retries=1))


def test_timeout(server):
    server.delay = 1.5
    with pytest.raises(ec.ModelUnavailableError, match=r"did not answer within 0.3 s \(tried 1 time"):
        ec.generate_answer("dogs?", _chunks(), _client(server, timeout=0.3, max_retries=0))


def test_unreachable_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = ec.ChatClient("m", base_url=f"http://127.0.0.1:{port}/v1", api_key=KEY, max_retries=0)
    with pytest.raises(ec.ModelUnavailableError, match="Cannot reach the chat server"):
        client.chat([{"role": "user", "content": "hi"}])


def test_key_never_in_messages_repr_logs_or_pickles(server, caplog):
    client = _client(server, api_key=KEY)
    caplog.set_level(logging.DEBUG)
    server.fail_next = [500]
    with pytest.raises(ec.ModelUnavailableError) as err:
        _client(server, max_retries=0).chat([{"role": "user", "content": "hi"}])
    assert KEY not in str(err.value) and KEY not in repr(client)
    assert KEY not in caplog.text
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(client)


def test_bad_options_refused():
    with pytest.raises(ec.InvalidParameterError, match="`chat model` must be a model id.*OPENAI_CHAT_MODEL"):
        ec.ChatClient("", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ec.InvalidParameterError, match="must start with http"):
        ec.ChatClient("m", base_url="ftp://x")
    with pytest.raises(ec.InvalidParameterError, match="must not carry a user name, password, key"):
        ec.ChatClient("m", base_url="http://u:sk-secret@127.0.0.1/v1")
    with pytest.raises(ec.InvalidParameterError, match="`timeout` must be between 0 and 600"):
        ec.ChatClient("m", base_url="http://127.0.0.1:9/v1", timeout=0)


def test_empty_question_refused_before_any_request(server):
    with pytest.raises(ec.EmptyInputError, match="`question`"):
        ec.generate_answer("  ", _chunks(), _client(server))
    assert server.seen == []
