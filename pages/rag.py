"""RAG: chunk a document, embed and store the chunks in a vector database, retrieve, build the prompt, answer."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import chunk_scores_figure
from ui.cache import current_model
from ui.charts import show
from ui.inputs import core_errors, request, requested
from ui.params import radio, segmented_control, slider, text_input
from ui.rag import (
    BY,
    DOCUMENT,
    OVERLAP,
    QUESTION,
    SIZE,
    TOP_K,
    chat_client,
    document,
    hits_table,
    marked,
    prompt_size,
    quality,
    scores_table,
    session_store,
)
from ui.shell import ensure_app_shell

ensure_app_shell()
text = ec.lesson("rag")
st.title("RAG: retrieval-augmented generation")
st.caption(text["intro"])
model = current_model()

st.header("1. A document")
doc = document(radio(DOCUMENT, horizontal=True))
st.caption(f"{doc.name}: {len(doc.text):,} characters, {len(doc.text.split()):,} words.")

st.header("2. Chunking")
st.markdown(text["chunking"])
c1, c2, c3 = st.columns([1.4, 1, 1])  # room for the three choices at presenter size
by = segmented_control(BY, container=c1)
size = slider(SIZE[by], container=c2)
overlap = slider(OVERLAP[by], container=c3)
with core_errors():
    chunks = ec.chunk_text(doc.text, by=by, size=size, overlap=overlap)
    stats = ec.chunk_stats(chunks, model)
m1, m2, m3 = st.columns(3)
m1.metric("Chunks", f"{stats.count:,}")
m2.metric("Mean length", f"{stats.mean_chars:,.0f} characters")
if stats.limit is not None:
    m3.metric(f"Longer than {stats.limit} word pieces", stats.cut_by_model, help=text["cut"])
    if stats.cut_by_model:
        st.warning(text["too_large"].format(n=stats.cut_by_model, limit=stats.limit), icon=":material/content_cut:")
if stats.mean_chars < 80:
    st.info(text["too_small"], icon=":material/grain:")

st.header("3. Embedding and storing")
store = session_store(doc, chunks, model)
st.caption(
    f"{len(store):,} vectors of {store.dim} numbers in a {store.backend} collection ({store.location}); each point's "
    "payload holds its chunk's position, offsets and text, and a search can filter on them."
)

st.header("4. A question → the top chunks")
question = text_input(QUESTION)
top_k = slider(TOP_K)
if not question.strip():
    st.info("Type a question about the document.", icon=":material/help:")
    st.stop()
with core_errors():
    ranking = ec.retrieve(question, chunks, model, top_k=len(chunks), store=store)
    hits = {m: ec.retrieve(question, chunks, model, method=m, top_k=top_k, store=store) for m in ("bm25", "hybrid")}
hits["semantic"] = ranking[:top_k]
for col, method in zip(st.columns(3), ec.RETRIEVAL_METHODS, strict=True):
    col.subheader(text["titles"][method])
    col.caption(text["explain"][method].format(k=ec.RRF_K))
    if hits[method]:
        col.dataframe(hits_table(hits[method], chunks), hide_index=True, key=f"rag_hits_{method}")
    else:
        col.warning(text["no_words"], icon=":material/search_off:")
best = hits["semantic"]
show(chunk_scores_figure(chunks, ranking, top_k=top_k), key="rag_scores_figure")
retrieved = [chunks[h.index] for h in best]
with st.expander("The document with its chunks marked (★ = retrieved by meaning)"):
    st.code(marked(doc.text, chunks, [h.index for h in best]), language=None, wrap_lines=True, height=420)

st.header("5. The prompt")
prompt = ec.build_prompt(question, retrieved)
st.code(prompt, language=None, wrap_lines=True)
st.caption(prompt_size(prompt, model))

st.header("6. An answer")
with core_errors(stop=False):
    answer = ec.extractive_answer(question, retrieved, model)
    st.markdown(f"**Extractive answer** (from chunk {best[answer.chunk].index + 1}, cosine {answer.score:.2f}):")
    st.text(answer.sentence)
    st.caption(text["extractive"])
with st.expander("Generated answer from a chat model (needs an OpenAI-compatible server)"):
    st.caption(text["generated"])
    client = chat_client()
    if client is not None:
        with core_errors(stop=False):
            left, right = st.columns(2)
            with_rag = ec.generate_answer(question, retrieved, client)
            left.markdown("**With the retrieved chunks**")
            left.text(with_rag.text)
            left.caption(f"Cites chunk(s) {', '.join(str(best[n - 1].index + 1) for n in with_rag.cited) or 'none'}.")
            alone = ec.generate_answer(question, retrieved, client, with_retrieval=False)
            right.markdown("**The same question without retrieval**")
            right.text(alone.text)

st.header("7. How good is retrieval?")
st.markdown(text["quality"].format(n=len(ec.load_rag_questions())))
st.button("Score retrieval on the built-in questions", on_click=request, args=("rag_request", "score"))
if requested("rag_request") == "score":
    with core_errors():
        st.session_state["rag_scores"] = quality(model, by=by, sizes=(size, 2 * size), overlap=overlap)
if "rag_scores" in st.session_state:
    st.dataframe(scores_table(st.session_state["rag_scores"]), hide_index=True, key="rag_scores_table")
    st.caption(text["quality_explained"])
