"""How embeddings are learned: word2vec trained live, what it is trained on, and contrastive training."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import contrastive_figure, loss_figure, trajectory_figure
from ui import learning as L
from ui.charts import show
from ui.inputs import core_errors, request, requested
from ui.params import prepare, radio, segmented_control, select_slider, selectbox, slider, text_input
from ui.shell import ensure_app_shell

ensure_app_shell()
LESSON = L.LESSON

st.title("How embeddings are learned")
st.caption(LESSON["intro"])

tabs = st.tabs(["Word vectors from scratch", "What it is trained on", "How sentence models are trained"])
with tabs[0]:
    # In presenter mode the settings follow the picture (ui/presenter.py orders this container last).
    with st.container(key="learning_settings"):
        corpus = selectbox(L.CORPUS)
        c1, c2, c3 = st.columns(3)
        sg = segmented_control(L.SG, container=c1)
        epochs = slider(L.EPOCHS, container=c1)
        vector_size = slider(L.VECTOR_SIZE, container=c2)
        window = slider(L.WINDOW, container=c2)
        negative = slider(L.NEGATIVE, container=c3)
        seed = prepare(L.SEED)
        if c3.button("New seed", key="learning_new_seed", help="Train again from another random start."):
            seed = st.session_state[L.SEED.key] = int(seed) + 1
        seed = slider(L.SEED, container=c3)
    with core_errors(), st.spinner("Training word2vec…"):
        run = L.train(corpus, sg, vector_size, window, negative, epochs, seed)
    m1, m2, m3 = st.columns(3)
    m1.metric("Words in the corpus", f"{run.n_tokens:,}", help="Tokens read per epoch.")
    m2.metric(
        "Vocabulary",
        f"{len(run.words):,}",
        help=f"Distinct words kept: those seen at least twice, at most the {ec.MAX_WORDS:,} most frequent.",
    )
    m3.metric("Training time", f"{run.seconds:.1f} s", help=f"{epochs} epochs on one CPU thread.")

    known, unknown = L.word_list(text_input(L.words_param(corpus)), run)
    if unknown:
        st.warning(f"Not in this corpus's vocabulary: {', '.join(unknown)}.", icon=":material/help:")
    if len(known) >= 2:
        show(trajectory_figure(run, known, groups=L.groups(corpus)))
        st.caption(LESSON["map"])
    else:
        st.info("Type at least two words of the corpus to draw them.", icon=":material/info:")
    left, right = st.columns(2)
    with left:
        show(loss_figure(run))
        st.caption(f"The loss fell by {L.loss_drop(run):.0%} from the first epoch to the last.")
    with right:
        word = text_input(L.word_param(corpus, known[0] if known else run.words[0]))
        with core_errors(stop=False):
            st.dataframe(L.neighbour_table(run, word.strip().lower()), hide_index=True)
    cmp = L.seed_comparison(run, corpus)
    st.caption(
        LESSON["seed"].format(
            seed=seed, other=seed + 1, raw=cmp.raw_cosine, aligned=cmp.aligned_cosine, overlap=cmp.neighbor_overlap
        )
    )

with tabs[1]:
    sentence = text_input(L.SENTENCE)
    with core_errors(stop=False):
        rows = L.pair_table(sentence, window, run, negative)
        st.dataframe(rows, hide_index=True)
        st.caption(
            f"{len(rows)} pairs from one sentence with a window of {window}; noise words drawn from this corpus."
        )
    st.markdown(LESSON["objective"])

with tabs[2]:
    st.caption(LESSON["contrastive"])
    pair_set = radio(L.PAIR_SET, horizontal=True)
    st.caption(ec.contrastive_pairs()[pair_set].why)
    c1, c2 = st.columns(2)
    steps = slider(L.STEPS, container=c1)
    rate = select_slider(L.RATE, container=c2)
    chosen = (pair_set, steps, rate)
    st.button(
        "Train a copy of MiniLM",
        key="learning_train",
        on_click=request,
        args=("learning_train_request", chosen),
        help="A few seconds of real fine-tuning on a copy; the MiniLM the other pages use never changes.",
    )
    if requested("learning_train_request") == chosen:
        st.session_state["learning_trained"] = chosen
    if st.session_state.get("learning_trained") == chosen:
        with core_errors(), st.spinner("Fine-tuning a copy of MiniLM…"):
            result = L.contrastive(*chosen)
        show(contrastive_figure(result))
        st.caption(LESSON["contrastive_after"].format(seconds=result.seconds, steps=steps))
