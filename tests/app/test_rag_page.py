"""The RAG page through AppTest: the seven stages, the session's own store, uploads, bad input, chat, scores."""

from __future__ import annotations

import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page
from tests.support.openai_server import EmbeddingServer
from tests.support.pdf import make_pdf

PAGE = "pages/rag.py"
DOC = ec.load_rag_document()
KEY = "sk-test-0123456789abcdef"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_CHAT_MODEL", "VECTOR_DB_URL", "VECTOR_DB_API_KEY"):
        monkeypatch.delenv(var, raising=False)


def _open(**query):
    return open_page(PAGE, query=query or None)


def _upload(at, name, data):
    at.radio(key="rag_document").set_value("upload").run()
    at.file_uploader(key="rag_file").set_value((name, data, "application/octet-stream")).run()
    return at


def _connect(at):
    return next(b for b in at.button if "rag_chat_form" in str(b.id) or "rag_chat_form" in str(b.key))


def test_the_seven_stages_on_the_built_in_handbook(minilm):
    at = _open()
    assert not exceptions(at) and not errors(at)
    assert [h.value for h in at.header] == [
        "1. A document",
        "2. Chunking",
        "3. Embedding and storing",
        "4. A question → the top chunks",
        "5. The prompt",
        "6. An answer",
        "7. How good is retrieval?",
    ]
    chunks = ec.chunk_text(DOC.text)  # the page's defaults are the core's
    assert at.metric[0].value == f"{len(chunks):,}"
    _, store = at.session_state["rag_store"]
    assert isinstance(store, ec.VectorStore) and len(store) == len(chunks)
    assert store.location == "in this process's memory"
    semantic, bm25, hybrid = (d.value for d in at.dataframe)
    expect = ec.retrieve("Can I bring my dog?", chunks, minilm, top_k=3, store=store)
    assert semantic["chunk"].tolist() == [h.index + 1 for h in expect]
    assert "Dogs are not allowed" in semantic["text"].iloc[0]
    assert len(bm25) <= 3 and len(hybrid) == 3
    marked, prompt = at.code[0].value, at.code[1].value
    assert f"【★1: chunk {expect[0].index + 1}】" in marked
    assert marked.replace("【", "\0").count("\0") == 2 * len(chunks)  # every chunk opened and closed
    assert prompt == ec.build_prompt("Can I bring my dog?", [chunks[h.index] for h in expect])
    answer = ec.extractive_answer("Can I bring my dog?", [chunks[h.index] for h in expect], minilm)
    assert answer.sentence in [t.value for t in at.text]
    assert any("MiniLM" in c.value and "word pieces" in c.value for c in at.caption)


def test_each_session_has_its_own_store_and_a_new_chunking_rebuilds_it():
    a, b = _open(), _open()
    store_a, store_b = a.session_state["rag_store"][1], b.session_state["rag_store"][1]
    assert store_a is not store_b
    a.segmented_control(key="rag_by").set_value("paragraphs").run()
    assert not exceptions(a) and not errors(a)
    paragraphs = ec.chunk_text(DOC.text, by="paragraphs")
    assert len(a.session_state["rag_store"][1]) == len(paragraphs)
    assert len(b.session_state["rag_store"][1]) == len(ec.chunk_text(DOC.text))


def test_a_link_opens_with_its_chunking_and_question():
    at = _open(rag_by="tokens", rag_size_tokens="64", rag_question="When is the Repair Café?")
    assert not exceptions(at) and not errors(at)
    assert at.metric[0].value == f"{len(ec.chunk_text(DOC.text, by='tokens', size=64)):,}"
    assert "Repair Café runs on the last Saturday" in at.dataframe[0].value["text"].iloc[0]


def test_large_chunks_warn_that_the_model_cuts_them():
    at = _open(rag_by="paragraphs", rag_size_paragraphs="4")
    stats = ec.chunk_stats(ec.chunk_text(DOC.text, by="paragraphs", size=4, overlap=0), ec.load_model("minilm"))
    assert stats.cut_by_model > 0
    assert any(f"{stats.cut_by_model} chunk(s) are longer than the 256 word pieces" in w.value for w in at.warning)


def test_empty_and_too_long_questions():
    at = _open()
    at.text_input(key="rag_question").input("   ").run()
    assert not exceptions(at) and not errors(at)
    assert any("Type a question" in i.value for i in at.info)
    long = "Is room " + "7 " * 300 + "free?"  # within the box's 1,000 characters, but 300 word pieces and more
    assert len(long) <= 1_000
    at.text_input(key="rag_question").input(long).run()
    assert not exceptions(at)
    assert any("`question` must be at most 256 word pieces" in e for e in errors(at))


def test_overlap_not_less_than_size_is_explained():
    at = _open(rag_size_sentences="2", rag_overlap_sentences="2")
    assert not exceptions(at)
    assert any("`overlap` must be less than `size` (2)" in e for e in errors(at))


def test_uploads_text_and_pdf_and_refuses_bad_files():
    at = _open()
    _upload(at, "rules.md", b"# Rules\n\nBikes go in the yard. Dogs stay outside.\n\nTea is free on Fridays.")
    assert not exceptions(at) and not errors(at)
    assert at.metric[0].value == "2"
    at.text_input(key="rag_question").input("Is tea free?").run()
    assert "Tea is free on Fridays." in at.dataframe[0].value["text"].iloc[0]
    _upload(at, "rules.pdf", make_pdf([["Parking is behind the hall.", "Keys are at the desk."]]))
    assert not errors(at) and "Read 1 page(s) of text" in " ".join(i.value for i in at.info)
    cases = {
        "empty.txt": (b"", "must have some text"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64), "must be plain text, as its name says. Got a PNG image"),
        "scan.pdf": (make_pdf([[]]), "must be a PDF with a text layer"),
        "big.txt": (("Some words here. " * 2_000 + "\n\n").encode() * 6, "must be at most 150,000 characters"),
    }
    for name, (data, message) in cases.items():
        _upload(at, name, data)
        assert not exceptions(at), name
        assert any(message in e for e in errors(at)), (name, errors(at))


def test_generated_answer_from_a_chat_server_with_the_key_kept_out_of_widgets(minilm):
    at = _open()
    with EmbeddingServer(minilm, api_key=KEY) as server:
        at.text_input(key="rag_chat_url").input(server.base_url)
        at.text_input(key="rag_chat_model").input(server.chat_model_id)
        at.text_input(key="rag_chat_key").input("sk-wrong-key-99999")
        _connect(at).click().run()
        assert not exceptions(at)
        assert any("refused the API key (401 Unauthorized)" in e for e in errors(at))
        assert all("sk-wrong" not in e for e in errors(at))
        at.text_input(key="rag_chat_key").input(KEY)
        _connect(at).click().run()
        assert not exceptions(at) and not errors(at)
        assert at.text_input(key="rag_chat_key").value == ""  # the key never goes back to the browser
        texts = [t.value for t in at.text]
        assert any(t.startswith("Dogs are not allowed in the building") for t in texts)
        assert any("do not know" in t for t in texts)  # the same question without retrieval
        assert any(s.path == "/v1/chat/completions" and s.status == 200 for s in server.seen)


def test_retrieval_scores_on_the_built_in_questions(minilm):
    at = _open()
    button = next(b for b in at.button if "Score retrieval" in b.label)
    button.click().run()
    assert not exceptions(at) and not errors(at)
    table = at.dataframe[-1].value
    assert len(table) == 6 and set(table["method"]) == {"semantic", "bm25", "hybrid"}
    assert table["chunking"].nunique() == 2
    semantic = table[table["method"] == "semantic"]
    assert (semantic["recall@5"] > 5 * semantic["chance recall@5"]).all()
    assert (semantic["MRR"] > 5 * semantic["chance MRR"]).all()
