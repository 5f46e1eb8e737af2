"""RemoteEmbedder against a real OpenAI-compatible HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import logging
import pickle
import socket

import numpy as np
import pytest

import embedding_core as ec
from tests.support.openai_server import EmbeddingServer

KEY = "sk-test-0123456789abcdef"
TEXTS = [f"sentence number {i} about {topic}" for i, topic in enumerate(["cats", "stocks", "rain", "music"] * 10)]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server(minilm):
    with EmbeddingServer(minilm, api_key=KEY, max_batch=16) as srv:
        yield srv


def _connect(server, **options):
    options.setdefault("api_key", KEY)
    return ec.load_model(f"openai:{server.model_id}", base_url=server.base_url, **options)


def test_vectors_equal_the_local_model_in_order(server, minilm):
    model = _connect(server, max_batch=16)
    assert isinstance(model, ec.RemoteEmbedder)
    assert (model.name, model.dim, model.kind) == ("openai:minilm-test", 384, "sentence")
    v = model.embed(TEXTS)
    assert v.shape == (40, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert np.allclose(v, minilm.embed(TEXTS), atol=1e-5)
    # 1 probe + ceil(40 / 16) = 3 batches, none over the limit, all with the key in the header only
    assert [s.n_inputs for s in server.seen] == [1, 16, 16, 8]
    assert all(s.status == 200 and s.key_ok and KEY not in s.path for s in server.seen)
    assert model.tokens_used == sum(minilm.count_tokens(t) for t in ["dimension probe", *TEXTS])


def test_rows_are_normalised_even_if_the_server_does_not(minilm):
    class Scaled(ec.Embedder):
        name, dim, kind = "scaled", 384, "sentence"

        def embed(self, texts):
            return minilm.embed(texts) * 7.5

        def count_tokens(self, text):
            return minilm.count_tokens(text)

    with EmbeddingServer(Scaled(), api_key=None) as srv:
        model = ec.load_model(f"openai:{srv.model_id}", base_url=srv.base_url)
        assert not model.has_key
        v = model.embed(["a cat", "a dog"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert np.allclose(v, minilm.embed(["a cat", "a dog"]), atol=1e-5)


def test_batch_limit_learned_from_the_servers_413(server):
    model = _connect(server, max_batch=64)
    v = model.embed(TEXTS)
    assert v.shape == (40, 384)
    assert model.max_batch == 16
    statuses = [(s.n_inputs, s.status) for s in server.seen[1:]]
    assert statuses == [(40, 413), (16, 200), (16, 200), (8, 200)]


def test_429_once_is_retried_then_succeeds(server):
    model = _connect(server)
    server.fail_next = [429]
    v = model.embed(["retry me"])
    assert v.shape == (1, 384)
    assert [s.status for s in server.seen[1:]] == [429, 200]


def test_503_twice_is_retried_with_backoff(server):
    model = _connect(server, max_retries=2)
    server.fail_next = [503, 503]
    assert model.embed(["still here"]).shape == (1, 384)
    assert [s.status for s in server.seen[1:]] == [503, 503, 200]


def test_429_every_time_gives_up_with_advice(server):
    model = _connect(server, max_retries=1)
    server.fail_next = [429, 429]
    with pytest.raises(ec.ModelUnavailableError, match=r"kept answering 429 Too Many Requests after 1 retries\. Wait"):
        model.embed(["x"])


def test_500_every_time_says_the_server_failed(server):
    model = _connect(server, max_retries=1)
    server.fail_next = [500, 500]
    with pytest.raises(ec.ModelUnavailableError, match=r"failed with HTTP 500 2 time\(s\).*try again later"):
        model.embed(["x"])


def test_wrong_key_is_a_401_message_that_never_shows_the_key(server, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "sk-wrong-key-999999999"
    with pytest.raises(ec.ModelUnavailableError, match=r"refused the API key \(401 Unauthorized\)") as info:
        _connect(server, api_key=wrong)
    assert wrong not in str(info.value) and "999999" not in str(info.value)
    assert wrong not in caplog.text
    assert [s.status for s in server.seen] == [401]  # a 401 is not retried


def test_missing_key_says_a_key_is_needed(server):
    with pytest.raises(ec.ModelUnavailableError, match=r"needs an API key \(401 Unauthorized\)\. Got no key"):
        _connect(server, api_key="")


def test_unknown_model_is_a_404_message(server):
    with pytest.raises(ec.ModelUnavailableError, match=r"has no model 'no-such-model' \(404 Not Found\)"):
        ec.load_model("openai:no-such-model", base_url=server.base_url, api_key=KEY)


def test_wrong_path_is_a_404_message_mentioning_v1(server):
    base = server.base_url.removesuffix("/v1")
    with pytest.raises(ec.ModelUnavailableError, match=r"ends in /v1"):
        ec.load_model(f"openai:{server.model_id}", base_url=base, api_key=KEY)


def test_unreachable_host_says_so():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ec.ModelUnavailableError, match=r"Cannot reach the server at http://127\.0\.0\.1:\d+/v1"):
        ec.load_model("openai:m", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)


def test_timeout_says_so(minilm):
    with EmbeddingServer(minilm, api_key=None, delay=1.5) as srv:
        with pytest.raises(ec.ModelUnavailableError, match=r"did not answer within 0\.3 s \(tried 1 time"):
            ec.load_model(f"openai:{srv.model_id}", base_url=srv.base_url, timeout=0.3, max_retries=0)


def test_env_vars_give_address_and_key(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    model = ec.load_model(f"openai:{server.model_id}")
    assert model.base_url == server.base_url and model.has_key
    assert model.embed(["from the environment"]).shape == (1, 384)


def test_the_key_is_not_in_name_repr_or_pickle(server):
    model = _connect(server)
    assert KEY not in model.name + repr(model) + model.base_url
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(model)


def test_empty_text_and_empty_list(server):
    model = _connect(server)
    assert model.embed([]).shape == (0, 384)
    with pytest.raises(ec.InvalidParameterError, match=r"`texts\[1\]` is empty"):
        model.embed(["ok", "  "])


@pytest.mark.parametrize(
    ("base_url", "match"),
    [
        ("ftp://example.org/v1", "must start with http:// or https://"),
        ("localhost:8080", "must start with http:// or https://"),
        ("https://user:sk-secret@example.org/v1", "must not carry a user name, password, key or query"),
        ("https://example.org/v1?api_key=sk-secret", "must not carry a user name, password, key or query"),
    ],
)
def test_bad_addresses_are_refused_before_any_request(base_url, match):
    with pytest.raises(ec.InvalidParameterError, match=match) as info:
        ec.load_model("openai:m", base_url=base_url)
    assert "sk-secret" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "options", "match"),
    [
        ("openai:", {}, "model name must be 1 to 200 characters"),
        ("openai:has space", {}, "model name must be 1 to 200 characters"),
        ("openai:m", {"timeout": 0}, "`timeout` must be a number between 0.001 and 600"),
        ("openai:m", {"max_retries": -1}, "`max_retries` must be a whole number between 0 and 10"),
        ("openai:m", {"max_batch": 0}, "`max_batch` must be a whole number between 1 and 2048"),
        ("minilm", {"api_key": "k"}, "options of 'openai:<model>' names only"),
    ],
)
def test_bad_options_are_refused(name, options, match):
    with pytest.raises(ec.InvalidParameterError, match=match):
        ec.load_model(name, base_url="http://127.0.0.1:9/v1" if name != "minilm" else None, **options)


def test_curated_hub_models_have_dim_and_size():
    for name, info in ec.HUB_MODELS.items():
        assert info.name == name and info.needs_internet and info.dim > 0 and info.size_mb
        assert ec.model_label(name) == info.label == ec.model_label(f"st:{name}")
    assert ec.model_label("openai:text-embedding-3-small") == "text-embedding-3-small (server)"


def test_the_environment_key_goes_only_to_the_environment_server(server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)  # meant for OpenAI (no OPENAI_BASE_URL set)
    with pytest.raises(ec.ModelUnavailableError, match="needs an API key"):
        ec.load_model(f"openai:{server.model_id}", base_url=server.base_url)
    assert [s.key_ok for s in server.seen] == [False]


def test_importing_embedding_core_does_not_import_openai():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", "import sys, embedding_core; print('openai' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
