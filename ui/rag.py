"""Inputs, the session's vector store and the tables of the RAG page.

The vector store belongs to one session: it holds the chunks of a document this person chose or
uploaded, embedded with their model. It lives in `st.session_state` (never in a cache shared by
sessions), is rebuilt when the document, the chunking or the model changes, and goes with the session.
A chat client holds a key, so it too lives in the session only, and the key never goes back to a widget.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
import streamlit as st

import embedding_core as ec

from .inputs import core_errors, show_notes
from .params import Param, Text
from .sidebar import deployment_setting

DOCUMENT = Param(
    "rag_document",
    "builtin",
    ec.Options(("builtin", "upload")),
    "Document",
    "The built-in handbook of a fictional makerspace (with questions whose answers are known), or your own file.",
    format_func={"builtin": "Built-in: the Fernhill handbook", "upload": "Your own .txt, .md or .pdf"}.get,
)
BY = Param(
    "rag_by",
    "sentences",
    ec.Options(ec.CHUNK_UNITS),
    "Chunk by",
    "Sentences and paragraphs keep whole thoughts together; a token budget cuts at a fixed length, even mid-sentence.",
)
SIZE = {
    by: Param(
        f"rag_size_{by}",
        ec.CHUNK_DEFAULTS[by][0],
        ec.CHUNK_CONSTRAINTS[by]["size"],
        f"{by.capitalize()} per chunk",
        "Small chunks are precise but lose context; large ones keep context but blur several topics into one vector.",
    )
    for by in ec.CHUNK_UNITS
}
OVERLAP = {
    by: Param(
        f"rag_overlap_{by}",
        ec.CHUNK_DEFAULTS[by][1],
        ec.CHUNK_CONSTRAINTS[by]["overlap"],
        f"Overlap ({by})",
        "How much neighbouring chunks share, so a passage cut at a boundary is still whole in one of them.",
        clamp=True,
    )
    for by in ec.CHUNK_UNITS
}
QUESTION = Param(
    "rag_question",
    "Can I bring my dog?",
    Text(max_chars=1_000),
    "Question",
    "Ask about the document. It is embedded with the sidebar's model and compared with every chunk.",
)
TOP_K = Param(
    "rag_top_k", 3, ec.Interval(1, 10, integer=True), "Chunks to retrieve", "How many chunks go into the prompt."
)

_STORE = "rag_store"
_CHAT = "rag_chat_client"
_KEY_ONCE = "rag_chat_key_once"
_UPLOAD = "rag_upload"


def document(choice: str) -> ec.Document:
    """The built-in document, or the uploaded one (read once per file and kept in this session)."""
    if choice == "builtin":
        return ec.load_rag_document()
    upload = st.file_uploader(
        "Your document",
        type=list(ec.DOCUMENT_EXTENSIONS),
        key="rag_file",
        help="Plain text, Markdown or a PDF with text.",
    )
    if upload is None:
        st.info("Upload a .txt, .md or .pdf file to ask questions about it.", icon=":material/upload_file:")
        st.stop()
    data = upload.getvalue()
    digest = (upload.name, hashlib.blake2b(data, digest_size=16).hexdigest())
    kept = st.session_state.get(_UPLOAD)
    if kept is None or kept[0] != digest:
        with core_errors():
            kept = (digest, ec.read_document(data, upload.name))
        st.session_state[_UPLOAD] = kept
    show_notes(kept[1].notes)
    return kept[1]


def marked(text: str, chunks: Sequence[ec.Chunk], highlight: Sequence[int] = ()) -> str:
    """The document as plain text with each chunk's start and end marked ``【n】 … 【/n】`` (★ for retrieved)."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for c in chunks:
        starts.setdefault(c.start, []).append(c.index)
        ends.setdefault(c.end, []).append(c.index)
    best = {i: n for n, i in enumerate(highlight, start=1)}
    out = []
    for s in ec.mark_chunks(text, chunks, highlight=highlight):
        for i in ends.get(s.start, []):
            out.append(f"【/{i + 1}】")
        for i in starts.get(s.start, []):
            out.append(f"【★{best[i]}: chunk {i + 1}】" if i in best else f"【{i + 1}】")
        out.append(s.text)
    out += [f"【/{i + 1}】" for i in ends.get(len(text), [])]
    return "".join(out)


def _fingerprint(doc: ec.Document, chunks: Sequence[ec.Chunk], model: ec.Embedder) -> str:
    h = hashlib.blake2b(doc.text.encode(), digest_size=16)
    h.update(repr([(c.start, c.end) for c in chunks]).encode() + model.name.encode())
    return h.hexdigest()


def session_store(doc: ec.Document, chunks: Sequence[ec.Chunk], model: ec.Embedder) -> ec.VectorStore:
    """This session's vector store of `chunks`, embedded with `model` under a progress bar the first time."""
    key = _fingerprint(doc, chunks, model)
    kept = st.session_state.get(_STORE)
    if kept is not None and kept[0] == key:
        return kept[1]
    if kept is not None:
        with core_errors(stop=False):
            kept[1].close()
    bar = st.progress(0.0, text=f"Embedding {len(chunks)} chunks and storing them…")

    def report(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Embedded and stored {done} of {total} chunks")

    with core_errors():
        store = ec.index_chunks(chunks, model, on_progress=report)
    bar.empty()
    st.session_state[_STORE] = (key, store)
    return store


def hits_table(hits: Sequence[ec.SearchHit], chunks: Sequence[ec.Chunk]) -> pd.DataFrame:
    """Rank, chunk number, score and the chunk's opening words."""
    return pd.DataFrame(
        {
            "rank": range(1, len(hits) + 1),
            "chunk": [h.index + 1 for h in hits],
            "score": [round(h.score, 4) for h in hits],
            "text": [chunks[h.index].text for h in hits],
        }
    )


def prompt_size(prompt: str, model: ec.Embedder) -> str:
    """The prompt's length in the model's word pieces (when it has a tokenizer), words and characters."""
    count = getattr(model, "count_tokens", None)
    pieces = f"{count(prompt):,} {ec.model_label(model.name)} word pieces, " if count is not None else ""
    return (
        f"{pieces}{len(prompt.split()):,} words, {len(prompt):,} characters. "
        "A chat model counts with its own tokenizer, so its count differs somewhat."
    )


def scores_table(rows: Sequence[tuple[str, ec.RetrievalScores]]) -> pd.DataFrame:
    """One row per (chunking, method): recall@1/3/5, MRR and what chance would score."""
    return pd.DataFrame(
        [
            {
                "chunking": chunking,
                "method": s.method,
                "recall@1": s.recall[1],
                "recall@3": s.recall[3],
                "recall@5": s.recall[5],
                "MRR": s.mrr,
                "chance recall@5": s.chance[5],
                "chance MRR": s.chance_mrr,
            }
            for chunking, s in rows
        ]
    ).round(3)


def _take_key() -> None:
    """Form callback: move the typed key out of the widget, so it is never sent back to the browser."""
    st.session_state[_KEY_ONCE] = st.session_state.get("rag_chat_key", "")
    st.session_state["rag_chat_key"] = ""


def chat_client() -> ec.ChatClient | None:
    """A form for an OpenAI-compatible chat server, defaulting to the sidebar's server and the deployment's
    settings; returns this session's client once connected (it holds the key; the widget never does)."""
    state = st.session_state
    deployment_url = (deployment_setting("OPENAI_BASE_URL") or ec.DEFAULT_BASE_URL).rstrip("/")
    state.setdefault("rag_chat_url", state.get("model_remote_url") or deployment_url)
    state.setdefault("rag_chat_model", deployment_setting(ec.CHAT_MODEL_ENV))
    preset_key = bool(deployment_setting("OPENAI_API_KEY"))
    with st.form("rag_chat_form", border=False):
        st.text_input("Chat server address", key="rag_chat_url", help="The API root, usually ending in /v1.")
        st.text_input(
            "Chat model",
            key="rag_chat_model",
            max_chars=200,
            help="The id of a chat model on that server, e.g. gpt-4o-mini or llama3.2.",
        )
        st.text_input(
            "API key",
            key="rag_chat_key",
            type="password",
            placeholder="this deployment's key" if preset_key else "sk-… (local servers need none)",
            help="Used for this browser session only: never shown again, stored or put in a link.",
        )
        st.form_submit_button("Connect", icon=":material/link:", on_click=_take_key)
    if _KEY_ONCE in state:
        typed = state.pop(_KEY_ONCE).strip()
        url = state["rag_chat_url"].strip().rstrip("/")
        key = typed or (deployment_setting("OPENAI_API_KEY") if url == deployment_url else "")
        state.pop(_CHAT, None)
        with core_errors(stop=False):
            state[_CHAT] = ec.ChatClient(state["rag_chat_model"], base_url=url, api_key=key)
    return state.get(_CHAT)


def quality(
    model: ec.Embedder, *, by: str, sizes: tuple[int, int], overlap: int
) -> list[tuple[str, ec.RetrievalScores]]:
    """Recall@k and MRR of the three methods on the built-in questions, for two chunk sizes (this session's)."""
    doc, questions = ec.load_rag_document(), ec.load_rag_questions()
    bounds = ec.CHUNK_CONSTRAINTS[by]["size"]
    rows = []
    for size in dict.fromkeys(min(max(s, int(bounds.low)), int(bounds.high)) for s in sizes):
        chunks = ec.chunk_text(doc.text, by=by, size=size, overlap=min(overlap, size - 1))
        with st.spinner(f"Scoring {len(questions)} questions on {len(chunks)} chunks of {size} {by}…"):
            scores = ec.retrieval_scores(questions, chunks, model)
        rows += [(f"{size} {by} ({len(chunks)} chunks)", s) for s in scores]
    return rows
