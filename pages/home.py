"""Home: what an embedding is, one picture from a real embedding, and the path through the app.

Paints at once: the picture is precomputed (data/home_example.json); no model is loaded here.
"""

import json

import streamlit as st

from embedding_core.datasets import DATA_DIR
from embedding_core.figures import word_map_figure
from embedding_core.lessons import lesson_text
from ui.cache import cached
from ui.charts import show
from ui.nav import LESSON
from ui.shell import ensure_app_shell

ensure_app_shell()


@cached(kind="data")
def _example() -> dict:
    return json.loads((DATA_DIR / "home_example.json").read_text())


st.title("Embeddings Explorer")
st.markdown(lesson_text("home", "intro"))
example = _example()
left, right = st.columns([3, 2], vertical_alignment="center")
with left:
    show(
        word_map_figure(
            example["words"],
            example["groups"],
            example["x"],
            example["y"],
            title=f"16 words embedded by {example['model']}, flattened to 2D ({example['method']})",
        )
    )
with right:
    numbers = ", ".join(f"{v:+.3f}" for v in example["example_vector"][:3])
    st.markdown(f"**{example['example_word']}** becomes")
    st.code(f"[{numbers}, …]  # {len(example['example_vector'])} numbers", language=None, wrap_lines=True)
    st.markdown(lesson_text("home", "map_explained"))

st.subheader("The path through the app")
for step, info in enumerate(LESSON, start=1):
    with st.container(border=True):
        st.page_link(info.file, label=f"{step}. {info.title}", icon=info.icon)
        st.caption(info.blurb)
st.caption(lesson_text("home", "offline"))
