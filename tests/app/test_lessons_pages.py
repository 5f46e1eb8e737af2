"""Each page shows the presets, first texts and explanations of its section in data/lessons.toml."""

from __future__ import annotations

import embedding_core as ec
from tests.app.helpers import exceptions, open_page


def _text(page: str, key: str) -> str:
    return ec.lesson_text(page, key)


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def test_home_embed_and_similarity_start_from_the_lesson_texts():
    at = open_page()
    shown = _markdown(at)
    for key in ("intro", "offline"):
        assert _text("home", key) in shown, key
    assert _text("home", "map_explained").format(dim=384, model="all-MiniLM-L6-v2") in shown
    at.switch_page("pages/embed.py").run()
    assert _text("embed", "intro") in _markdown(at)
    assert at.text_area(key="embed_texts").value == _text("embed", "example")
    at.switch_page("pages/similarity.py").run()
    assert not exceptions(at)
    assert at.text_area(key="similarity_texts").value == _text("similarity", "example")
    shown = _markdown(at)
    for key in ("cosine", "try_it", "unit_vectors"):
        assert _text("similarity", key) in shown, key


def test_analogies_offers_every_preset_and_shows_the_explanations():
    at = open_page("pages/analogies.py")
    labels = [p["label"] for p in ec.lesson("analogies")["preset"]]
    assert at.selectbox(key="analogies_preset").options == labels
    first = ec.lesson("analogies")["preset"][0]
    assert [at.text_input(key=f"analogies_{k}").value for k in ("a", "b", "c", "expected")] == [
        first[k] for k in ("a", "b", "c", "expected")
    ]
    assert at.text_input(key="analogies_expr").value == _text("analogies", "expression")
    assert _text("analogies", "why_title") in [e.label for e in at.expander]
    shown = _markdown(at)
    assert _text("analogies", "why") in shown and _text("analogies", "parallelogram") in shown
    at.selectbox(key="analogies_preset").select(labels[2]).run()  # picking a preset fills the boxes
    assert at.text_input(key="analogies_c").value == ec.lesson("analogies")["preset"][2]["c"]


def test_search_shows_a_button_per_preset_with_its_reason():
    at = open_page("pages/search.py")
    presets = ec.lesson("search")["preset"]
    for p in presets:
        button = at.button(key=f"search_preset_{p['query']}")
        assert button.label == p["query"] and button.help == p["why"]
    assert at.text_input(key="search_query").value == presets[0]["query"]
    assert _text("search", "intro") in _markdown(at)
    assert any(c.startswith("The 326 texts on a PCA map fitted once") for c in _markdown(at))
    at.button(key=f"search_preset_{presets[-1]['query']}").click().run()
    assert at.text_input(key="search_query").value == presets[-1]["query"]


def test_inside_offers_the_context_presets_and_the_first_texts():
    at = open_page("pages/inside.py")
    assert at.text_area(key="inside_tokens_text").value == _text("inside", "tokens_text")
    at.segmented_control(key="inside_view").set_value("Contextual vs static").run()
    assert not exceptions(at)
    contexts = ec.lesson("inside")["context"]
    assert at.selectbox(key="inside_preset").options == [c["word"] for c in contexts]
    assert at.text_area(key="inside_sentences").value == "\n".join(s for _, s in contexts[0]["sentences"])
    assert any(c.startswith("Every row is GloVe's vector for 'bank': identical in all 6") for c in _markdown(at))
    at.segmented_control(key="inside_view").set_value("Pooling").run()
    assert at.text_area(key="inside_pool_text").value == _text("inside", "pooling_text")
    assert any(m.startswith("1. The model gives each of the **") for m in _markdown(at))
    at.segmented_control(key="inside_view").set_value("Attention").run()
    assert at.text_area(key="inside_attn_text").value == _text("inside", "attention_text")


def test_maps_clusters_and_compare_start_from_the_lesson_examples():
    at = open_page("pages/projections.py")
    assert at.text_area(key="projection_typed").value == _text("projections", "example")
    at.session_state["projection_tab"] = "Custom axes"
    at.run()
    axes = ec.lesson("projections")["axes"]
    assert [at.text_input(key=f"projection_ax_{end}").value for end in "abcd"] == [axes[e] for e in "abcd"]

    at.switch_page("pages/clusters.py").run()
    at.selectbox(key="clusters_source").select("__typed__").run()
    assert not exceptions(at)
    assert at.text_area(key="clusters_typed").value == _text("clusters", "example")
    shown = _markdown(at)
    assert ec.lesson("clusters")["about"]["kmeans"] in shown and _text("clusters", "space") in shown

    at.switch_page("pages/compare.py").run()
    assert not exceptions(at)
    assert at.text_area(key="compare_texts").value == _text("compare", "example")
    assert _text("compare", "aligned_maps") in _markdown(at)
