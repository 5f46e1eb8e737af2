"""Word game: guess the secret word by how close each guess's vector is to it (cosine and rank)."""

import streamlit as st

import embedding_core as ec
from embedding_core.figures import game_figure
from ui import game as wg
from ui.charts import show
from ui.inputs import core_errors, request, requested
from ui.params import number_input, selectbox, text_input
from ui.shell import ensure_app_shell

ensure_app_shell()

st.title("Word game: find the secret word")
intro = st.empty()

c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
model_name = selectbox(wg.MODEL, container=c1)
intro.caption(wg.intro(model_name))
seed = int(number_input(wg.SEED, container=c2))
c3.button(
    "New secret word",
    key="game_new",
    on_click=wg.new_seed,
    help="Draws a new seed, so a new secret. Tell the room the seed shown, or share the link.",
    width="stretch",
)
with core_errors():
    game = wg.game(model_name, seed)
st.caption(
    f"Seed **{seed}** on {ec.model_label(model_name)}: {game.vocabulary_size:,} candidate words. "
    "Everyone with this seed and model plays the same word."
)

action = requested("game_request")  # act before drawing the buttons, so they show the new state
outcome: ec.Guess | ec.EmbeddingCoreError | None = None
if isinstance(action, wg.Typed):
    try:
        outcome = game.guess(action.word)
    except ec.EmbeddingCoreError as err:
        outcome = err
elif action == "hint":
    outcome = game.hint()
elif action == "give_up":
    game.give_up()
ended = game.found or game.given_up

with st.form("game_form", enter_to_submit=True, border=False):
    f1, f2 = st.columns([4, 1], vertical_alignment="bottom")
    text_input(wg.GUESS, container=f1, placeholder="e.g. water")
    f2.form_submit_button("Guess", width="stretch", disabled=game.given_up, on_click=wg.take_guess)
b1, b2 = st.columns(2)
b1.button(
    "Hint",
    key="game_hint_button",
    on_click=request,
    args=("game_request", "hint"),
    disabled=ended,
    help="Adds a word closer than your best guess so far: half its rank "
    f"(the first hint is the word at #{ec.NEAREST_RANKED // 2:,}).",
    width="stretch",
)
b2.button(
    "Give up",
    key="game_give_up_button",
    on_click=request,
    args=("game_request", "give_up"),
    disabled=ended,
    help="Shows the secret word and its nearest words.",
    width="stretch",
)

if isinstance(outcome, ec.EmbeddingCoreError):
    icon = ":material/spellcheck:" if isinstance(outcome, ec.UnknownWordError) else ":material/error:"
    st.error(str(outcome), icon=icon)
elif outcome is not None and outcome.hint:
    st.info(
        f"Hint: “{outcome.word}” is {wg.rank_text(outcome)} (cosine {outcome.cosine:.3f}).", icon=":material/lightbulb:"
    )
elif outcome is not None:
    st.metric(f"“{outcome.word}”", f"cosine {outcome.cosine:.3f}", wg.rank_text(outcome), delta_color="off")

if game.found:
    st.success(
        f"Found! The secret word is “{game.secret}”, in {len(game.guesses)} guesses.", icon=":material/celebration:"
    )
elif game.given_up:
    st.warning(f"The secret word was “{game.secret}”.", icon=":material/flag:")

show(game_figure(game, reveal=ended), key="game_figure")
if game.guesses:
    st.dataframe(wg.guesses_table(game), hide_index=True, width="stretch", key="game_table")
else:
    st.caption("No guesses yet. Try any word: the scale shows how close the secret's nearest words are.")
if ended:
    st.subheader(f"The words nearest to “{game.secret}”")
    near = game.nearest[:10]
    st.dataframe(
        {
            "rank": list(range(1, len(near) + 1)),
            "word": [n.text for n in near],
            "cosine": [round(n.score, 3) for n in near],
        },
        hide_index=True,
        key="game_nearest",
    )
    st.caption(wg.closing_line(game))
