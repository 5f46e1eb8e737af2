"""VectorStore (Qdrant): exact cosine top-k like numpy, payloads and filters, own collection per store, bad input."""

from __future__ import annotations

import pickle
import socket

import numpy as np
import pytest

import embedding_core as ec
from tests.support.qdrant_server import QdrantStandIn

pytestmark = pytest.mark.filterwarnings("ignore:Api key is used with an insecure connection")


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("VECTOR_DB_URL", raising=False)
    monkeypatch.delenv("VECTOR_DB_API_KEY", raising=False)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2_000, 384)).astype(np.float32)
    payloads = [{"chunk": i, "doc": f"d{i % 5}", "even": i % 2 == 0} for i in range(len(x))]
    return x, payloads


@pytest.fixture(scope="module")
def store(data):
    x, payloads = data
    s = ec.VectorStore()
    for a in range(0, len(x), 500):
        s.add(list(range(a, a + 500)), x[a : a + 500], payloads[a : a + 500])
    return s


def _exact(x: np.ndarray, q: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    unit = x / np.linalg.norm(x, axis=1, keepdims=True)
    scores = unit @ (q / np.linalg.norm(q))
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    order = np.argsort(-scores, kind="stable")[:k]
    return order, scores[order]


def test_defaults_in_memory(store, data):
    assert store.backend == "qdrant"
    assert store.location == "in this process's memory"
    assert len(store) == len(data[0]) and store.dim == 384


def test_search_equals_numpy_exact_top_k(store, data):
    x, payloads = data
    rng = np.random.default_rng(1)
    for q in rng.standard_normal((10, 384)).astype(np.float32):
        hits = store.search(q, 10)
        order, scores = _exact(x, q, 10)
        assert [h.id for h in hits] == order.tolist()
        assert np.allclose([h.score for h in hits], scores, atol=1e-5)
        assert [h.payload for h in hits] == [payloads[i] for i in order]


def test_filtered_search_equals_numpy_on_the_matching_points(store, data):
    x, payloads = data
    q = np.random.default_rng(2).standard_normal(384).astype(np.float32)
    docs = np.array([p["doc"] for p in payloads])
    order, _ = _exact(x, q, 7, docs == "d3")
    assert [h.id for h in store.search(q, 7, where={"doc": "d3"})] == order.tolist()
    both = (np.isin(docs, ["d1", "d2"])) & np.array([p["even"] for p in payloads])
    order, _ = _exact(x, q, 5, both)
    assert [h.id for h in store.search(q, 5, where={"doc": ["d1", "d2"], "even": True})] == order.tolist()
    assert store.search(q, 5, where={"doc": "nowhere"}) == []


def test_each_store_has_its_own_collection(data):
    x, _ = data
    a, b = ec.VectorStore(), ec.VectorStore()
    a.add([0, 1], x[:2], [{"who": "a"}, {"who": "a"}])
    assert len(a) == 2 and len(b) == 0
    assert b.search(x[0], 3) == []
    b.add([0], x[5:6], [{"who": "b"}])
    assert a.search(x[5], 1)[0].payload == {"who": "a"}
    assert b.search(x[0], 1)[0].payload == {"who": "b"}


def test_string_ids_come_back_as_given_and_re_adding_replaces(data):
    x, _ = data
    s = ec.VectorStore()
    s.add(["doc1-chunk0", "doc1-chunk1"], x[:2], [{"n": 0}, {"n": 1}])
    hit = s.search(x[1], 1)[0]
    assert (hit.id, hit.payload) == ("doc1-chunk1", {"n": 1})
    s.add(["doc1-chunk1"], x[9:10], [{"n": 9}])
    assert len(s) == 2
    assert s.search(x[9], 1)[0].payload == {"n": 9}


def test_top_k_larger_than_the_store_returns_all(data):
    s = ec.VectorStore()
    s.add([3, 4], data[0][:2])
    assert sorted(h.id for h in s.search(data[0][0], 50)) == [3, 4]


def test_not_picklable():
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(ec.VectorStore())


# --- bad input ---------------------------------------------------------------------------------


def test_mismatched_lengths_refused(data):
    with pytest.raises(ec.InvalidParameterError, match="`ids, vectors and payloads` must be of the same length"):
        ec.VectorStore().add([0, 1, 2], data[0][:2])


def test_bad_ids_refused(data):
    with pytest.raises(ec.InvalidParameterError, match=r"`ids\[1\]` must be 0 or more. Got -1"):
        ec.VectorStore().add([0, -1], data[0][:2])
    with pytest.raises(ec.InvalidParameterError, match=r"`ids\[0\]` must be a whole number or a string. Got 'float'"):
        ec.VectorStore().add([0.5], data[0][:1])


def test_zero_or_nan_vectors_refused(data):
    bad = data[0][:2].copy()
    bad[1] = 0
    with pytest.raises(ec.InvalidParameterError, match="`vectors` must be finite and non-zero"):
        ec.VectorStore().add([0, 1], bad)
    bad[1] = np.nan
    with pytest.raises(ec.InvalidParameterError, match="`vectors` must be finite and non-zero"):
        ec.VectorStore().add([0, 1], bad)


def test_wrong_dimension_refused(store):
    with pytest.raises(ec.InvalidParameterError, match="`vector` must be 384-dimensional"):
        store.search(np.ones(50), 3)
    with pytest.raises(ec.InvalidParameterError, match="`vectors` must be 384-dimensional"):
        store.add([9999], np.ones((1, 50)))


def test_bad_query_refused(store):
    with pytest.raises(ec.InvalidParameterError, match="`top_k` must be a whole number of at least 1"):
        store.search(np.ones(384), 0)
    with pytest.raises(ec.InvalidParameterError, match="`vector` must be finite and non-zero"):
        store.search(np.zeros(384), 3)
    with pytest.raises(ec.InvalidParameterError, match=r"`where\['doc'\]` must be a string, whole number or list"):
        store.search(np.ones(384), 3, where={"doc": 1.5})


# --- the server path -----------------------------------------------------------------------------
# The Qdrant server is a separate program (Rust), not a package on PyPI or Debian, so it cannot be
# installed here. The same code is tested over loopback HTTP against tests/support/qdrant_server.py,
# a stand-in that answers the REST requests the official client sends, with Qdrant's JSON shapes.

KEY = "qdrant-secret-key-123"


@pytest.fixture
def server():
    with QdrantStandIn(api_key=KEY) as srv:
        yield srv


def test_server_store_answers_like_the_in_memory_one(server, store, data):
    x, payloads = data
    with ec.VectorStore(server.url, api_key=KEY) as remote:
        assert (remote.backend, remote.location) == ("qdrant", server.url.removeprefix("http://"))
        remote.add(list(range(300)), x[:300], payloads[:300])
        remote.add(["extra"], x[300:301], [{"doc": "extra"}])
        assert len(remote) == 301
        local = ec.VectorStore()
        local.add(list(range(300)), x[:300], payloads[:300])
        local.add(["extra"], x[300:301], [{"doc": "extra"}])
        q = np.random.default_rng(3).standard_normal(384).astype(np.float32)
        for where in (None, {"doc": "d2"}, {"doc": ["d1", "extra"], "even": False}):
            a, b = remote.search(q, 8, where=where), local.search(q, 8, where=where)
            assert [h.id for h in a] == [h.id for h in b]
            assert [h.payload for h in a] == [h.payload for h in b]
            assert np.allclose([h.score for h in a], [h.score for h in b], atol=1e-5)
        assert remote.search(x[300], 1)[0].id == "extra"
        collection = remote.collection
        assert collection in server.collections
    assert collection not in server.collections  # closing deletes the store's own collection
    assert all(ok for _, _, ok in server.seen)


def test_two_server_stores_never_share_a_collection(server, data):
    a, b = ec.VectorStore(server.url, api_key=KEY), ec.VectorStore(server.url, api_key=KEY)
    a.add([0], data[0][:1], [{"who": "a"}])
    assert a.collection != b.collection and len(b) == 0
    b.add([0], data[0][1:2], [{"who": "b"}])
    assert a.search(data[0][1], 1)[0].payload == {"who": "a"}


def test_vector_db_url_and_key_from_the_environment(server, monkeypatch, data):
    monkeypatch.setenv("VECTOR_DB_URL", server.url)
    monkeypatch.setenv("VECTOR_DB_API_KEY", KEY)
    store = ec.VectorStore()
    store.add([1], data[0][:1])
    assert store.location != "in this process's memory" and len(store) == 1
    # the environment's key is not sent to another server
    with QdrantStandIn(api_key=KEY) as other:
        with pytest.raises(ec.VectorStoreError, match=r"refused the request \(HTTP 401\)"):
            ec.VectorStore(other.url)


def test_wrong_server_key_refused_without_showing_it(server):
    with pytest.raises(ec.VectorStoreError, match=r"refused the request \(HTTP 401\). Check the API key") as err:
        ec.VectorStore(server.url, api_key="qdrant-wrong-key-999")
    assert "qdrant-wrong" not in str(err.value) and KEY not in str(err.value)


def test_retrieval_over_the_server_equals_in_memory(server, minilm):
    doc = ec.load_rag_document()
    chunks = ec.chunk_text(doc.text[:8000])
    with ec.VectorStore(server.url, api_key=KEY) as remote:
        ec.index_chunks(chunks, minilm, store=remote)
        local = ec.index_chunks(chunks, minilm)
        for method in ("semantic", "hybrid"):
            a = ec.retrieve("How much is a day pass?", chunks, minilm, method=method, store=remote)
            b = ec.retrieve("How much is a day pass?", chunks, minilm, method=method, store=local)
            assert [h.index for h in a] == [h.index for h in b]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_vector_db_url_selects_a_server_and_unreachable_is_clear(monkeypatch):
    url = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("VECTOR_DB_URL", url)
    monkeypatch.setenv("VECTOR_DB_API_KEY", "qdrant-secret-key-123")
    with pytest.raises(ec.VectorStoreError, match=f"Cannot reach the Qdrant server at {url}") as err:
        ec.VectorStore(timeout=2)
    assert "qdrant-secret" not in str(err.value)
    assert "unset VECTOR_DB_URL" in str(err.value)


def test_bad_server_address_refused():
    with pytest.raises(ec.InvalidParameterError, match="`vector database URL` must be an http:// or https://"):
        ec.VectorStore("localhost:6333")
    with pytest.raises(ec.InvalidParameterError, match="must be an address without a user name, password, key"):
        ec.VectorStore("http://admin:secret@127.0.0.1:6333")


def test_importing_embedding_core_loads_no_database_pdf_or_http_client():
    import subprocess
    import sys

    code = "import sys, embedding_core; print([m for m in ('qdrant_client', 'pypdf', 'openai') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
