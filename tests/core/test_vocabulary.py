"""Vocabularies: the candidate words of a word model and of a sentence model."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.vocabulary import VOCAB_DIR, alphabetic_words, regular_rule_nonword


def test_word_model_vocabulary_is_its_first_words(glove):
    vocab = ec.vocabulary(glove, 1_000)
    assert list(vocab.words) == glove.vocab[:1_000]
    assert vocab.vectors is glove.unit_vectors(1_000)
    assert vocab.position("The") == 0 and vocab.position("zebra") is None


def test_shipped_words_are_the_frequent_alphabetic_glove_words_less_rule_made_non_words(glove):
    words = (VOCAB_DIR / "minilm_words.txt").read_text(encoding="utf-8").split()
    assert len(words) >= 20_000
    frequent = alphabetic_words(glove.vocab, len(words) + 100)
    assert words == [w for w in frequent if not regular_rule_nonword(w)][: len(words)]


#: Regular rules applied where English has an irregular form (childs is what a sentence model's
#: vocabulary offered for car:cars::child:?).
NON_WORDS = ["childs", "womans", "mouses", "swimmed", "goed", "runned", "teached", "thinked", "gooder", "badder"]
REAL_FORMS = ["cars", "children", "boxes", "babies", "walked", "stopped", "liked", "swam", "bigger", "happier", "worse"]


@pytest.mark.parametrize("word", NON_WORDS)
def test_regular_rule_non_words_are_found(word):
    assert regular_rule_nonword(word)


@pytest.mark.parametrize("word", REAL_FORMS)
def test_real_forms_are_kept(word):
    assert regular_rule_nonword(word) is None


def test_no_sentence_model_candidate_is_a_regular_rule_non_word(minilm):
    words = list(ec.vocabulary(minilm, 100_000).words)
    assert "childs" not in words and "children" in words
    assert [w for w in words if regular_rule_nonword(w)] == []
    answers = [n.text for n in ec.analogy(minilm, "car", "cars", "child", topn=5)]
    assert answers[0] == "children" and "childs" not in answers


def test_sentence_vocabulary_has_unit_rows_close_to_fresh_embeddings(minilm):
    vocab = ec.vocabulary(minilm, 100_000)
    assert vocab.vectors.dtype == np.float32 and not vocab.vectors.flags.writeable
    assert np.allclose(np.linalg.norm(vocab.vectors, axis=1), 1, atol=1e-5)
    sample = list(vocab.words[::3000])
    assert np.allclose(vocab.vectors[::3000], minilm.embed(sample), atol=2e-3)
    assert len(ec.vocabulary(minilm, 500)) == 500 and ec.vocabulary(minilm, 500).position("the") == 0


@pytest.mark.parametrize("size", [0, -1, 2.5, "10"])
def test_bad_size_is_refused(glove, size):
    with pytest.raises(ec.InvalidParameterError, match="`vocab_size` must be a whole number"):
        ec.vocabulary(glove, size)


def test_too_large_size_for_a_word_model_is_refused(glove):
    with pytest.raises(ec.InvalidParameterError, match="at most 400,000"):
        ec.vocabulary(glove, 400_001)


def test_a_server_model_is_refused_with_a_reason():
    class Server(ec.Embedder):
        name, dim, kind = "openai:x", 3, "sentence"

        def embed(self, texts):  # pragma: no cover - never called
            raise AssertionError

    with pytest.raises(ec.InvalidParameterError, match="only built for local models"):
        ec.vocabulary(Server(), 100)
