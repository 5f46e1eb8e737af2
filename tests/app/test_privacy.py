"""A server model's vectors stay in the session that connected it (two real servers on 127.0.0.1).

Two sessions use the same model id, ``openai:shared-name``, on two different servers: server A serves
MiniLM, server B a skewed MiniLM (every dimension scaled differently, so its cosines differ). Each
session must get its own server's vectors on every page that takes a built-in dataset, send the dataset
to its server once, and leave nothing of it in a cache that other sessions read.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import embedding_core as ec
from embedding_core.vectors import unit_rows
from tests.app.helpers import errors, exceptions, open_page
from tests.support.openai_server import EmbeddingServer
from ui.cache import REGISTRY, SessionLRU, scope
from ui.sources import Owner

MODEL = "openai:shared-name"
KEY = "sk-test-privacy-0123456789"


class Recording:
    """An embedder for the fake server that remembers every text it was sent, optionally skewed."""

    def __init__(self, base: ec.Embedder, *, skew: np.ndarray | None = None) -> None:
        self.base, self.skew, self.texts = base, skew, []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        x = self.base.embed(texts)
        if self.skew is not None:
            x = x * self.skew
            x = x / np.linalg.norm(x, axis=1, keepdims=True)
        return x.astype(np.float32)

    def count_tokens(self, text: str) -> int:
        return self.base.count_tokens(text)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_EMBEDDING_MODEL", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def servers(minilm):
    skew = np.random.default_rng(7).uniform(0.05, 3.0, size=minilm.dim).astype(np.float32)
    plain, skewed = Recording(minilm), Recording(minilm, skew=skew)
    with (
        EmbeddingServer(plain, model_id="shared-name", api_key=KEY) as a,  # type: ignore[arg-type]
        EmbeddingServer(skewed, model_id="shared-name", api_key=KEY) as b,  # type: ignore[arg-type]
    ):
        yield (a, plain), (b, skewed)


def _connect(server: EmbeddingServer) -> AppTest:
    at = open_page()
    at.text_input(key="model_remote_url").input(server.base_url)
    at.text_input(key="model_remote_name").input("shared-name")
    at.text_input(key="model_remote_key").input(KEY)
    next(b for b in at.button if b.label == "Connect").click().run()
    assert at.session_state["model"] == MODEL, errors(at)
    return at


def _session_vectors(at: AppTest) -> list[np.ndarray]:
    lru: SessionLRU = at.session_state["_cache_session"]
    return [v for _, v in lru.entries() if isinstance(v, np.ndarray) and v.shape == (357, 384)]


def _visit_every_page(at: AppTest, embedder: Recording | None = None) -> dict[str, object]:
    """Open each page that takes a built-in dataset on word_sets; return what each showed.

    ``shown["sent"]`` holds the texts the server received while the pages worked on word_sets (each
    page first shows its typed example, which is embedded too and left out of the count).
    """
    sent: list[str] = []
    shown: dict[str, object] = {"sent": sent}

    def run(widget) -> None:
        start = len(embedder.texts) if embedder else 0
        widget.run()
        assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
        if embedder:
            sent.extend(embedder.texts[start:])

    at.switch_page("pages/projections.py").run()
    run(at.selectbox(key="projection_source").set_value("word_sets"))
    at.switch_page("pages/search.py").run()
    run(at.selectbox(key="search_source").set_value("word_sets"))
    run(at.text_input(key="search_query").input("a small animal"))
    shown["search"] = at.table[0].value["text"].tolist()
    at.switch_page("pages/clusters.py").run()
    run(at.selectbox(key="clusters_source").set_value("word_sets"))
    at.switch_page("pages/compare.py").run()
    at.selectbox(key="compare_model_a").set_value(MODEL).run()
    run(at.selectbox(key="compare_source").set_value("word_sets"))
    shown["compare"] = at.metric[0].value
    run(at.switch_page("pages/analogies.py"))
    return shown


def _expected(embedder: Recording, texts: list[str], query: str) -> tuple[np.ndarray, list[str]]:
    vectors = unit_rows(embedder.embed(texts))
    q = unit_rows(embedder.embed([query]))[0]
    top = np.argsort(-(vectors @ q), kind="stable")[:5]
    return vectors, [texts[i] for i in top]


def test_two_sessions_on_two_servers_each_see_their_own_vectors_once(servers, minilm):
    (srv_a, plain), (srv_b, skewed) = servers
    dataset = ec.load_dataset("word_sets")
    results = {}
    for name, srv, embedder in (("a", srv_a, plain), ("b", srv_b, skewed)):
        at = _connect(srv)
        shown = _visit_every_page(at, embedder)
        sent = Counter(shown["sent"])
        # The dataset went to this session's own server, each text once (Maps, Search, Clusters,
        # Compare share one embedding); Analogies sends nothing to a server model.
        assert [sent[t] for t in dataset.texts] == [1] * len(dataset.texts), sent.most_common(3)
        expected, top = _expected(Recording(minilm, skew=embedder.skew), dataset.texts, "a small animal")
        held = _session_vectors(at)
        assert held and all(np.allclose(unit_rows(v), expected, atol=1e-4) for v in held)
        assert shown["search"] == top
        results[name] = shown
    assert results["a"]["search"] != results["b"]["search"]  # the skew is visible, so the test can fail
    assert results["a"]["compare"] != results["b"]["compare"]


def _probe() -> None:
    """A fresh session with no server: ask the process caches for the server model's data."""
    import streamlit as st

    from ui.cache import REGISTRY

    for name, args in (
        ("ui.sources.builtin_vectors", ("word_sets", "openai:shared-name")),
        ("ui.projection._builtin_projection", ("word_sets", "openai:shared-name", "pca", 2, 0, (), 20_000)),
        ("ui.search._builtin_semantic", ("word_sets", "openai:shared-name")),
    ):
        try:
            REGISTRY[name].process(*args)
        except Exception as err:  # noqa: BLE001 - the probe reports what happened
            st.write(f"{name}: {type(err).__name__}")
        else:
            st.write(f"{name}: cached")


def test_no_process_cache_holds_a_server_models_vectors_or_maps(servers):
    (srv_a, _), _ = servers
    _visit_every_page(_connect(srv_a))
    leaked = {name: entry.process_models for name, entry in REGISTRY.items() if any(map(_remote, entry.process_models))}
    assert not leaked
    probe = AppTest.from_function(_probe, default_timeout=60).run()
    said = [m.value for m in probe.markdown]
    assert len(said) == 3 and all(s.endswith("ModelUnavailableError") for s in said), said


def _remote(model: str | None) -> bool:
    return model is not None and ec.is_remote(model)


def test_reconnecting_a_model_id_drops_its_session_entries(servers):
    (srv_a, _), (srv_b, skewed) = servers
    at = _connect(srv_a)
    at.switch_page("pages/projections.py").run()
    at.selectbox(key="projection_source").set_value("word_sets").run()
    assert _session_vectors(at)
    at.text_input(key="model_remote_url").input(srv_b.base_url)
    at.text_input(key="model_remote_key").input(KEY)
    next(b for b in at.button if b.label == "Connect").click().run()
    texts = ec.load_dataset("word_sets").texts
    held = _session_vectors(at)  # made again by server B, none left from server A
    assert held and all(np.allclose(unit_rows(v), unit_rows(skewed.embed(texts)), atol=1e-4) for v in held)


def test_scope_by_model_and_source():
    assert scope("minilm") == "process"
    assert scope("glove-50d") == "process"
    assert scope("BAAI/bge-small-en-v1.5") == "process"
    assert scope(None) == "process"
    assert scope(MODEL) == "session"
    assert scope(Owner("builtin", "minilm", "word_sets")) == "process"
    assert scope(Owner("typed", MODEL, "__typed__")) == "session"
    assert scope(Owner("upload", "minilm", "upload:mine")) == "session"


def test_session_lru_keeps_the_most_recent_within_its_bound():
    lru = SessionLRU(size=3)
    for i in range(5):
        lru.put(("k", i), MODEL if i % 2 else "minilm", i)
    assert len(lru) == 3 and ("k", 0) not in lru and ("k", 1) not in lru
    assert lru.get(("k", 2)) == 2  # now the most recent
    lru.put(("k", 5), "minilm", 5)
    assert ("k", 3) not in lru and ("k", 2) in lru
    lru.put(("k", 6), MODEL, 6)
    assert lru.models() == {"minilm", MODEL}
    assert lru.drop_model(MODEL) == 1 and lru.models() == {"minilm"} and len(lru) == 2
