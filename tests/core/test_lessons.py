"""data/lessons.toml and the workshop and talk files, read through embedding_core.lessons."""

from __future__ import annotations

import string

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.lessons import SCENES_DIR, WORKSHOP_FILE
from tests.conftest import ROOT

PAGES = (
    "home",
    "embed",
    "similarity",
    "analogies",
    "projections",
    "search",
    "rag",
    "inside",
    "clusters",
    "compare",
    "game",
    "features",
    "learning",
)


def test_every_page_section_loads_and_names_a_real_page():
    assert ec.lesson_pages() == PAGES
    for page in PAGES:
        section = ec.lesson(page)
        assert section, page
        assert (ROOT / "pages" / f"{page}.py").exists(), page


def test_every_text_is_non_empty_and_without_stray_spaces():
    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from texts(v)
        elif isinstance(value, list):
            for v in value:
                yield from texts(v)

    found = [t for page in PAGES for t in texts(ec.lesson(page))]
    assert len(found) > 150
    for text in found:
        assert text and text == text.strip() and "  " not in text, repr(text)


#: Texts the pages fill in with computed numbers (str.format), and the fields each page passes.
TEMPLATES = {
    ("inside", "static_explained"): {"word": "bank", "n": 6, "cosine": 1.0},
    ("inside", "pooling_steps"): {"n": 9, "dim": 384, "norm": 0.5},
    ("search", "map_explained"): {"n": 1200, "method": "PCA"},
    ("home", "map_explained"): {"dim": 384, "model": "all-MiniLM-L6-v2"},
    ("inside", "attention_explained"): {"heads": 12},
    ("projections", "trustworthiness_help"): {"k": 5},
    ("rag", "too_large"): {"n": 3, "limit": 256},
    ("learning", "seed"): {"seed": 0, "other": 1, "raw": 0.0, "aligned": 0.9, "overlap": 0.8},
    ("learning", "contrastive_after"): {"steps": 3, "seconds": 4.5},
    ("rag", "quality"): {"n": 40},
    ("game", "intro"): {"ranked": 1000, "learned": "Closeness here is GloVe's idea of meaning."},
    ("game", "lesson"): {
        "model": "GloVe",
        "a": "hot",
        "b": "cold",
        "rank": "#2",
        "n": 20000,
        "cosine": 0.8,
        "why": ".",
    },
}


def test_only_the_templates_have_fields_and_they_fill_with_what_the_page_passes():
    found = {(page, key) for page in PAGES for key, v in ec.lesson(page).items() if isinstance(v, str) and "{" in v}
    assert found == set(TEMPLATES)
    for (page, key), fields in TEMPLATES.items():
        names = {name for _, name, _, _ in string.Formatter().parse(ec.lesson_text(page, key)) if name}
        assert names == set(fields), (page, key)
        filled = ec.lesson_text(page, key).format(**fields)
        assert "{" not in filled and "}" not in filled


def test_unknown_page_is_refused_with_the_choices():
    with pytest.raises(ec.InvalidParameterError, match=r"`page` must be one of 'home', 'embed', .*Got 'maps'"):
        ec.lesson("maps")


def test_a_missing_text_is_refused():
    with pytest.raises(ec.LessonFileError, match=r"`\[search\] preset` must be a text"):
        ec.lesson_text("search", "preset")  # a list of tables, not a text
    with pytest.raises(ec.LessonFileError, match=r"`\[embed\] nothing` must be a text"):
        ec.lesson_text("embed", "nothing")


def test_lesson_returns_a_copy_the_caller_may_change():
    ec.lesson("analogies")["preset"].clear()
    assert len(ec.lesson("analogies")["preset"]) == 10


def test_public_preset_names_are_built_from_the_file():
    assert [p.query for p in ec.SEARCH_PRESETS] == [p["query"] for p in ec.lesson("search")["preset"]]
    assert list(ec.CONTEXT_PRESETS) == [p["word"] for p in ec.lesson("inside")["context"]]
    assert {p.wins for p in ec.SEARCH_PRESETS} == {"meaning", "words"}
    for preset in ec.CONTEXT_PRESETS.values():
        assert len(preset.senses) == 2 and {s for s, _ in preset.sentences} == set(preset.senses)


def test_analogy_presets_are_glove_words(glove):
    # The Analogies page always asks GloVe, so every word of every preset must be in its vocabulary.
    presets = ec.lesson("analogies")["preset"]
    assert len({p["label"] for p in presets}) == len(presets)
    for p in presets:
        for word in (p["a"], p["b"], p["c"], p["expected"]):
            assert word in glove, (p["label"], word)
    assert ec.parse_expression(ec.lesson_text("analogies", "expression"))


@pytest.mark.parametrize("section", ["projections", "clusters"])
def test_grouped_examples_parse_into_groups_of_glove_words(section, glove):
    # These pages embed the typed example with whatever model is chosen, GloVe included.
    grouped = ec.parse_grouped_texts(ec.lesson_text(section, "example"))
    assert len(set(grouped.groups)) == 4 and None not in grouped.groups and len(grouped.texts) == 24
    for text in grouped.texts:
        assert text in glove, text


def test_plain_examples_are_glove_words_where_they_are_single_words(glove):
    for page in ("embed", "similarity", "compare"):
        texts = ec.parse_texts(ec.lesson_text(page, "example")).texts
        assert len(texts) >= 5, page
        glove.embed(texts)  # raises UnknownWordError if any word is unknown
    for word in ec.lesson("projections")["axes"].values():
        assert word in glove, word


def test_context_presets_use_their_word_in_every_sentence(glove):
    for preset in ec.CONTEXT_PRESETS.values():
        assert preset.word in glove
        for _, sentence in preset.sentences:
            assert ec.find_word(sentence, preset.word), sentence
        for word in preset.other_words:
            assert word in glove, word


def test_workshop_and_talks_load_through_the_same_module():
    steps = ec.read_workshop()
    assert len(steps) >= 5
    for step in steps:
        assert {"title", "page", "explain", "try", "checkpoint", "code"} <= set(step)
        assert (ROOT / step["page"]).exists(), step["title"]
    talks = ec.talks()
    assert talks and all(path.parent == SCENES_DIR for path in talks.values())
    for path in talks.values():
        scenes = ec.read_scenes(path)
        assert scenes and all((ROOT / s["page"]).exists() for s in scenes)
    assert ec.read_workshop(WORKSHOP_FILE) == steps


def test_a_broken_or_missing_file_is_refused(tmp_path):
    bad = tmp_path / "talk.toml"
    bad.write_text("[[scene]\ntitle = 'x'\n", encoding="utf-8")
    with pytest.raises(ec.LessonFileError, match="`talk.toml` must be valid TOML"):
        ec.read_scenes(bad)
    with pytest.raises(ec.LessonFileError, match="`none.toml` must exist"):
        ec.read_workshop(tmp_path / "none.toml")


def test_the_learning_pages_first_words_occur_twice_in_their_corpus():
    corpora = {
        "app": ec.learning_corpus().sentences,
        "job_listings": ec.corpus_sentences(ec.load_dataset("job_listings").texts),
        "sentence_sets": ec.corpus_sentences(ec.load_dataset("sentence_sets").texts),
    }
    words = ec.lesson("learning")["words"]
    assert set(words) == set(corpora)
    for name, sentences in corpora.items():
        counts: dict[str, int] = {}
        for sentence in sentences:
            for w in sentence:
                counts[w] = counts.get(w, 0) + 1
        for word in words[name].split(", "):
            assert counts.get(word, 0) >= 2, (name, word)
    assert ec.training_pairs(ec.lesson_text("learning", "pairs_example"), window=2)


def test_the_features_example_trains():
    parsed = ec.parse_grouped_texts(ec.lesson_text("features", "example"), max_items=500)
    labels = parsed.group_names()
    assert len(set(labels)) == 3 and len(labels) == 18
    ec.train_classifier(np.eye(18, 18), labels)
