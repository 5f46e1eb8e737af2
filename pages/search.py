"""Search: find texts by meaning (embeddings) next to a keyword baseline (BM25), and see the query on the map."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import search_map_figure
from ui.cache import current_model, embed_current
from ui.charts import show
from ui.inputs import core_errors, unfamiliar_note
from ui.params import radio, slider, text_input
from ui.search import (
    KEYWORDS,
    MAP,
    QUERY,
    TOP_K,
    fragment_note,
    hits_table,
    keyword_index,
    map_caption,
    map_dots,
    search_map,
    semantic_index,
    show_hits,
    word_model_note,
)
from ui.shell import ensure_app_shell
from ui.sources import picker, uploads

ensure_app_shell()

st.title("Search: meaning vs words")
st.caption(ec.lesson_text("search", "intro"))

source = picker(
    "search", typed_default="A cat sat on the mat\nStocks fell sharply today\nA kitten naps", first="job_listings"
)
option = st.session_state["search_source"]


def _use_preset(query: str) -> None:
    st.session_state["search_query"] = query


presets_box = st.container(key="search_presets")  # after the results on a projector
if option == "job_listings":
    for wins, title in (("meaning", "Meaning wins"), ("words", "Words win")):
        presets = [p for p in ec.SEARCH_PRESETS if p.wins == wins]
        cols = presets_box.columns([1.2] + [3] * len(presets))
        cols[0].markdown(f"**{title}:**")
        for col, preset in zip(cols[1:], presets, strict=True):
            col.button(
                preset.query,
                key=f"search_preset_{preset.query}",
                on_click=_use_preset,
                args=(preset.query,),
                help=preset.why,
                width="stretch",
            )

query_raw = text_input(QUERY)
c1, c2, c3 = st.container(key="search_settings").columns(3)
top_k = slider(TOP_K, container=c1)
method = radio(KEYWORDS, container=c2, horizontal=True)
map_method = radio(MAP, container=c3, horizontal=True)

query = ec.clean_text(query_raw)
if not query:
    st.info("Type a query, or click a preset above.", icon=":material/search:")
    st.stop()
preset = next((p for p in ec.SEARCH_PRESETS if p.query == query and option == "job_listings"), None)
model = current_model()
if preset and not (preset.wins == "meaning" and model.kind == "word"):  # GloVe does not win on meaning
    st.info(preset.why, icon=":material/lightbulb:")
n = len(source.texts)
semantic_hits: list[ec.SearchHit] = []
query_vector = None
if source.vectors.shape[1] != model.dim:
    st.error(
        f"These vectors have {source.vectors.shape[1]} dimensions but {ec.model_label(model.name)} makes "
        f"{model.dim}: a query can only be compared with vectors from the same model. Pick the model that "
        "made them in the sidebar, or upload the texts on 'Your data' and embed them here.",
        icon=":material/error:",
    )
else:
    if option.startswith("upload:") and uploads()[option.removeprefix("upload:")].vectors_model is None:
        st.warning(
            f"These imported vectors come from an unknown model; your query is embedded with "
            f"{ec.model_label(model.name)}. The scores mean something only if that model made them.",
            icon=":material/help:",
        )
    with core_errors(stop=False):
        query_vector = embed_current([query])
        semantic_hits = semantic_index(source).search(query_vector, top_k=top_k)[0]
with core_errors():
    keywords = keyword_index(source, method)
    keyword_hits = keywords.search(query, top_k=top_k)

left, right = st.columns(2)
with left:
    st.subheader("By meaning")
    st.caption(f"Cosine similarity of {ec.model_label(model.name)} vectors: 1 = same direction, 0 = unrelated.")
    unfamiliar_note(model, query)
    word_model_note(model, semantic_hits)
    if semantic_hits:
        show_hits(hits_table(semantic_hits, source, keyword_hits))
        st.caption(f"{len(semantic_hits)} of {n:,} texts shown.")
with right:
    st.subheader("By words" + (" (BM25)" if method == "bm25" else " (TF-IDF)"))
    known, unknown = keywords.query_terms(query)
    st.caption(
        f"Words used (in bold below): {', '.join(known) or 'none'}. Common words such as 'the' and 'who' are "
        "ignored. Scores count more, rarer shared words; they are not comparable with cosine."
    )
    if keyword_hits:
        fragment_note(known)
        show_hits(hits_table(keyword_hits, source, semantic_hits, marks=keywords, query=query))
        fewer = f" Only {len(keyword_hits)} contain a query word." if len(keyword_hits) < min(top_k, n) else ""
        st.caption(f"{len(keyword_hits)} of {n:,} texts shown.{fewer}")
    else:
        st.warning(
            "No text contains any word of the query"
            + (f" ({', '.join(repr(w) for w in unknown)})" if unknown else "")
            + ". Keyword search finds only exact words; semantic search still finds related texts.",
            icon=":material/search_off:",
        )
if semantic_hits and keyword_hits:
    both = len({h.index for h in semantic_hits} & {h.index for h in keyword_hits})
    st.caption(f"Found by both: {both} of {top_k} (marked ✓).")

if query_vector is not None and n >= 3:
    with core_errors(stop=False):
        fitted = search_map(source, map_method)
        query_xy = fitted.transform(query_vector)
        dots = map_dots(n)
        figure = search_map_figure(
            fitted.coords, source.texts, source.labels, query_xy, query, semantic_hits, keyword_hits, shown=dots
        )
        show(figure, key="search_map")
        st.caption(map_caption(n, fitted, dots, map_method))
