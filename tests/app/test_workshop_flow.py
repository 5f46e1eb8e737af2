"""The workshop flow: a step's page shows exactly the step's state, says where the attendee is, and leads on."""

from __future__ import annotations

import re

import pytest

from tests.app.helpers import exceptions, open_page
from ui.clusters import pca_fallback_note
from ui.projection import MAX_POINTS
from ui.workshop import read_steps

STEPS = read_steps()


def _open_step(at, index: int):
    at.session_state["workshop_step"] = index
    at.switch_page("pages/workshop.py").run()
    at.button(key=f"workshop_try_{index}").click().run()
    assert not exceptions(at), exceptions(at)
    return at


def _labels(at) -> set[str]:
    """Every label a person can read on the page: widgets and tabs."""
    widgets = [*at.toggle, *at.selectbox, *at.number_input, *at.slider, *at.radio, *at.button, *at.checkbox]
    return {w.label for w in widgets} | {t.label for t in at.tabs} | {o for r in at.radio for o in r.options}


def test_analogies_step_restores_toggle_and_preset_box():
    at = open_page("pages/analogies.py")
    fails = next(o for o in at.selectbox(key="analogies_preset").options if "fails" in o)
    at.selectbox(key="analogies_preset").select(fails).run()
    at.toggle(key="analogies_exclude").set_value(False).run()
    index = next(i for i, s in enumerate(STEPS) if s.page == "pages/analogies.py")
    _open_step(at, index)
    assert at.selectbox(key="analogies_preset").value is None  # no 'fails' label above man/king/woman
    assert at.toggle(key="analogies_exclude").value is True
    assert [at.text_input(key=k).value for k in ("analogies_a", "analogies_b", "analogies_c")] == [
        "man",
        "king",
        "woman",
    ]
    # queen, not king, is #1 again
    assert any(m.value == "#1" for m in at.metric)


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[s.title for s in STEPS])
def test_each_step_page_names_its_place_and_every_bold_label_in_its_try_it(index):
    at = _open_step(open_page(), index)
    banner = " ".join(m.value for m in at.markdown)
    assert f"step {index + 1} of {len(STEPS)}" in banner
    labels = _labels(at)
    for name in re.findall(r"\*\*(.+?)\*\*", STEPS[index].try_it):
        assert name in labels, (name, sorted(labels))
    if "embed_order" in STEPS[index].params:  # step 1 names the column order it opens with
        assert at.selectbox(key="embed_order").value == STEPS[index].params["embed_order"]
    if index + 1 < len(STEPS):
        at.button(key="workshop_banner_next").click().run()
        assert not exceptions(at)
        assert at.session_state["workshop_step"] == index + 1
        assert f"step {index + 2} of" in " ".join(m.value for m in at.markdown)
    at.button(key="workshop_banner_back").click().run()
    assert at.header[0].value.startswith(f"{min(index + 2, len(STEPS))}.")


def test_home_main_area_offers_the_workshop():
    at = open_page()
    links = [e.proto for e in at.main.get("page_link")]
    assert any(p.page.endswith("workshop") or "workshop" in p.page_script_hash or "Workshop" in p.label for p in links)


def test_clusters_map_note_does_not_contradict_itself():
    assert pca_fallback_note("pca", MAX_POINTS["pca"] + 1) is None  # PCA maps every point itself
    note = pca_fallback_note("tsne", MAX_POINTS["tsne"] + 1)
    assert note and note.startswith("t-SNE") and "uses PCA instead" in note
    assert pca_fallback_note("tsne", MAX_POINTS["tsne"]) is None
