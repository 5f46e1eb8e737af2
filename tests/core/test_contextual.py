import numpy as np
import pytest

import embedding_core as ec


def _sentences(name):
    preset = ec.CONTEXT_PRESETS[name]
    return [s for _, s in preset.sentences], [m for m, _ in preset.sentences]


@pytest.mark.parametrize("name", list(ec.CONTEXT_PRESETS))
def test_presets_use_the_word_once_and_have_two_senses(name):
    preset = ec.CONTEXT_PRESETS[name]
    sentences, senses = _sentences(name)
    assert 4 <= len(sentences) <= 6
    assert set(senses) == set(preset.senses)
    for sentence in sentences:
        assert len(ec.find_word(sentence, preset.word)) == 1, sentence
        assert preset.sense_of(sentence) in preset.senses


@pytest.mark.parametrize("name", list(ec.CONTEXT_PRESETS))
def test_same_meaning_is_closer_than_different_meaning(minilm, name):
    """The river 'bank' is closer to another river 'bank' than to a money 'bank' (and so on for each preset)."""
    preset = ec.CONTEXT_PRESETS[name]
    sentences, senses = _sentences(name)
    vectors = [ec.word_in_context(minilm, s, preset.word) for s in sentences]
    unit = np.array(vectors) / np.linalg.norm(vectors, axis=1, keepdims=True)
    cos = unit @ unit.T
    for i, sense in enumerate(senses):
        same = [cos[i, j] for j in range(len(senses)) if j != i and senses[j] == sense]
        other = [cos[i, j] for j in range(len(senses)) if senses[j] != sense]
        assert max(same) > max(other), (name, sentences[i])
        assert np.mean(same) > np.mean(other), (name, sentences[i])


def test_river_bank_versus_money_bank(minilm):
    river1 = ec.word_in_context(minilm, "We walked along the bank of the river.", "bank")
    river2 = ec.word_in_context(minilm, "The boat was tied to the muddy river bank.", "bank")
    money = ec.word_in_context(minilm, "I opened a savings account at the bank.", "bank")

    def cos(a, b):
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    assert cos(river1, river2) > cos(river1, money)


def test_glove_vector_is_the_same_in_every_sentence(glove):
    sentences, _ = _sentences("bank")
    occ = ec.compare_occurrences(glove, sentences, "bank")
    assert np.allclose(occ.vectors, np.asarray(glove.raw[glove.index["bank"]]))
    assert np.allclose(occ.similarity, 1.0, atol=1e-6)


def test_word_vector_is_the_mean_of_its_pieces(minilm):
    sentence = "Our embeddings are great."
    tv = ec.token_embeddings(minilm, sentence)
    rows = [i for i, t in enumerate(tv.tokens) if t in ("em", "##bed", "##ding", "##s")]
    assert len(rows) == 4
    assert np.allclose(ec.word_in_context(minilm, sentence, "Embeddings"), tv.vectors[rows].mean(axis=0), atol=1e-6)


def test_find_word_matches_whole_words_in_any_case():
    assert ec.find_word("Bank on the bank, not the banker or riverbank.", "BANK") == [(0, 4), (12, 16)]
    assert ec.find_word("a  river   bank", "river bank") == [(3, 15)]
    assert ec.find_word("no such thing", "bank") == []


def test_word_not_in_sentence_is_a_clear_error(minilm):
    with pytest.raises(ec.WordNotInSentenceError, match="'bank' does not appear as a whole word"):
        ec.word_in_context(minilm, "The banker went home.", "bank")


def test_word_not_in_sentence_names_the_sentence(minilm):
    with pytest.raises(ec.WordNotInSentenceError, match="Sentence 2: 'bat'"):
        ec.compare_occurrences(minilm, ["A bat flew.", "He swung the club."], "bat")


def test_word_after_the_token_limit_is_a_clear_error(minilm):
    with pytest.raises(ec.WordNotInSentenceError, match="never reads"):
        ec.word_in_context(minilm, "word " * 300 + "bank", "bank")


def test_word_in_context_with_glove_needs_a_known_word(glove):
    with pytest.raises(ec.UnknownWordError, match="bankk"):
        ec.word_in_context(glove, "the bankk", "bankk")


@pytest.mark.parametrize("word", ["", "   "])
def test_empty_word_is_refused(minilm, word):
    with pytest.raises(ec.EmptyInputError, match="The target word is empty"):
        ec.word_in_context(minilm, "the bank", word)


def test_too_long_word_is_refused(minilm):
    with pytest.raises(ec.InvalidParameterError, match="too long"):
        ec.word_in_context(minilm, "x", "a" * 61)


def test_one_sentence_is_not_enough(minilm):
    with pytest.raises(ec.InvalidParameterError, match="at least two sentences"):
        ec.compare_occurrences(minilm, ["the bank"], "bank")


def test_projection_matches_sklearn_pca(minilm):
    from sklearn.decomposition import PCA

    sentences, _ = _sentences("apple")
    occ = ec.compare_occurrences(minilm, sentences, "apple", other_words=["fruit", "microsoft"])
    unit = occ.vectors / np.linalg.norm(occ.vectors, axis=1, keepdims=True)
    others = occ.other_vectors / np.linalg.norm(occ.other_vectors, axis=1, keepdims=True)
    pca = PCA(n_components=2).fit(unit)
    ref = pca.transform(np.vstack([unit, others]))
    assert np.allclose(np.abs(occ.coords), np.abs(ref), atol=1e-4)
    assert np.allclose(occ.explained, pca.explained_variance_ratio_, atol=1e-5)


def test_preset_other_words_land_on_their_meanings_side(minilm):
    preset = ec.CONTEXT_PRESETS["bank"]
    sentences, senses = _sentences("bank")
    occ = ec.compare_occurrences(minilm, sentences, "bank", other_words=["river", "deposit"])
    x = occ.coords[:, 0]
    river = np.mean([x[i] for i, s in enumerate(senses) if s == "river"])
    money = np.mean([x[i] for i, s in enumerate(senses) if s == "money"])
    n = len(sentences)
    assert abs(x[n] - river) < abs(x[n] - money)  # "river" sits with the river banks
    assert abs(x[n + 1] - money) < abs(x[n + 1] - river)  # "deposit" with the money banks
    assert preset.senses == ("river", "money")


def test_group_means(minilm):
    sentences, senses = _sentences("light")
    occ = ec.compare_occurrences(minilm, sentences, "light")
    same, different = occ.group_means(senses)
    assert same > different
    with pytest.raises(ec.InvalidParameterError, match="one group per sentence"):
        occ.group_means(senses[:-1])


@pytest.mark.parametrize("word", list(ec.CONTEXT_CLOUDS))
def test_each_cloud_has_twenty_sentences_ten_per_sense_each_using_the_word_once(word):
    cloud = ec.CONTEXT_CLOUDS[word]
    assert len(cloud.sentences) == 20 and len(set(cloud.sentences)) == 20
    for sense in cloud.senses:
        assert sum(s == sense for s, _ in cloud.sentences) == 10
    assert all(len(ec.find_word(text, word)) == 1 for _, text in cloud.sentences)
    assert cloud.other_words[-1] == word


def test_minilm_tells_the_senses_of_bank_apart_by_the_word_vector_and_glove_cannot(minilm, glove):
    cloud = ec.CONTEXT_CLOUDS["bank"]
    sentences = [s for _, s in cloud.sentences]
    senses = [s for s, _ in cloud.sentences]
    occ = ec.compare_occurrences(minilm, sentences, "bank")
    guessed = occ.nearest_group(senses)
    assert sum(g == s for g, s in zip(guessed, senses, strict=True)) >= 18
    static = ec.compare_occurrences(glove, sentences, "bank")
    assert static.similarity.min() == pytest.approx(1.0)
    assert static.nearest_group(senses) == [senses[0]] * 20  # all means equal: no better than one guess


def test_nearest_group_follows_its_definition_and_labels_unlabelled_sentences(minilm):
    sentences = [
        "We sat on the river bank.",
        "The bank of the stream was muddy.",
        "I paid the money into the bank.",
        "The bank gave me a loan.",
        "Ducks waddled up the grassy bank from the pond.",
    ]
    occ = ec.compare_occurrences(minilm, sentences, "bank")
    groups = ["river", "river", "money", "money", None]
    guessed = occ.nearest_group(groups)
    unit = occ.vectors / np.linalg.norm(occ.vectors, axis=1, keepdims=True)
    centres = {"river": unit[[0, 1]].mean(axis=0), "money": unit[[2, 3]].mean(axis=0)}
    cos = {g: unit[4] @ c / np.linalg.norm(c) for g, c in centres.items()}
    assert guessed[4] == max(cos, key=cos.get) == "river"
    solo = ec.compare_occurrences(minilm, sentences[:3], "bank").nearest_group(["river", "river", "money"])
    assert solo[2] == "river"  # its own group has no other member: the other group is the only choice
    with pytest.raises(ec.InvalidParameterError, match="Give one group per sentence"):
        occ.nearest_group(["river"])
