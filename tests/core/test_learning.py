"""How embeddings are learned: word2vec trained live (against gensim), training pairs, negative samples,
aligned snapshots, and the app's corpus whose structure is known."""

from __future__ import annotations

import numpy as np
import pytest
from gensim.models import Word2Vec
from scipy.stats import ortho_group

import embedding_core as ec


@pytest.fixture(scope="module")
def corpus() -> ec.LearningCorpus:
    return ec.learning_corpus()


@pytest.fixture(scope="module")
def run(corpus) -> ec.TrainingRun:
    return ec.train_word2vec(corpus.sentences, sg=1, vector_size=30, window=3, negative=5, epochs=30, random_state=0)


def test_the_corpus_has_five_groups_of_eight_known_words(corpus, run):
    assert list(corpus.groups) == ["royalty", "family", "animals", "food", "places"]
    assert all(len(words) == 8 for words in corpus.groups.values())
    assert all(w in run.words for words in corpus.groups.values() for w in words)
    assert corpus.group_of("queen") == "royalty" and corpus.group_of("the") is None
    assert 400 <= len(corpus.sentences) <= 600


def test_shapes_and_loss(run):
    n = len(run.words)
    assert run.vectors.shape == (30, n, 30)
    assert run.initial.shape == (n, 30)
    assert run.losses.shape == (30,)
    assert np.isfinite(run.losses).all() and run.losses[-1] < 0.6 * run.losses[0]
    assert run.params["epochs"] == 30 and run.n_tokens == sum(len(s) for s in ec.learning_corpus().sentences)
    assert not np.allclose(run.vectors[0], run.vectors[-1])


def test_vocabulary_and_counts_equal_gensim(corpus, run):
    bare = Word2Vec(corpus.sentences, min_count=2, vector_size=30, workers=1, seed=0, epochs=1)
    assert run.words == list(bare.wv.index_to_key)
    assert run.counts.tolist() == [bare.wv.get_vecattr(w, "count") for w in run.words]
    # gensim's own random start, before any training
    fresh = Word2Vec(min_count=2, vector_size=30, workers=1, seed=0)
    fresh.build_vocab(corpus.sentences)
    np.testing.assert_array_equal(run.initial, fresh.wv.vectors)


def test_same_seed_same_vectors_other_seed_a_rotated_equivalent(corpus, run):
    again = ec.train_word2vec(corpus.sentences, sg=1, vector_size=30, window=3, negative=5, epochs=30, random_state=0)
    np.testing.assert_array_equal(run.vectors, again.vectors)
    np.testing.assert_array_equal(run.losses, again.losses)
    other = ec.train_word2vec(corpus.sentences, sg=1, vector_size=30, window=3, negative=5, epochs=30, random_state=1)
    assert not np.allclose(run.vectors[-1], other.vectors[-1])
    cmp = ec.compare_runs(run, other)
    assert abs(cmp.raw_cosine) < 0.2  # the coordinates are unrelated (measured 0.00)...
    assert cmp.aligned_cosine > 0.85  # ...but one rotation maps one space onto the other (measured 0.94)
    assert cmp.neighbor_overlap > 0.6  # and the neighbours mostly agree (measured 0.79)


def _group_precision(run: ec.TrainingRun, corpus: ec.LearningCorpus, k: int) -> dict[str, float]:
    out = {}
    for group, words in corpus.groups.items():
        hits = [n.text in words for w in words for n in run.neighbors(w, k=k)]
        out[group] = float(np.mean(hits))
    return out


@pytest.mark.parametrize("sg", [1, 0])
def test_nearest_neighbours_are_of_the_own_group(corpus, sg):
    trained = ec.train_word2vec(corpus.sentences, sg=sg, vector_size=30, window=3, negative=5, epochs=30)
    precision = _group_precision(trained, corpus, k=3)
    # over the whole vocabulary (crown, barn, dinner, ... included): measured 1.0 for every group
    assert min(precision.values()) >= 0.7, precision
    untrained = {
        g: np.mean(
            [
                trained.words[j] in words
                for w in words
                for j in np.argsort(-(trained.initial @ trained.initial[trained.index([w])[0]]))[1:4]
            ]
        )
        for g, words in corpus.groups.items()
    }
    assert max(untrained.values()) < 0.3  # at the random start neighbours are chance (8 of 245 words)


def test_neighbours_change_during_training(run, corpus):
    first = {n.text for n in run.neighbors("king", epoch=1, k=5)}
    last = {n.text for n in run.neighbors("king", k=5)}
    assert last <= set(corpus.groups["royalty"])
    assert first != last
    assert "king" not in last


def test_align_snapshots_undoes_a_rotation_and_keeps_cosines():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(20, 5))
    rotation = ortho_group.rvs(5, random_state=1)
    frames = np.stack([x @ rotation, x + 0.01 * rng.normal(size=x.shape), x])
    aligned = ec.align_snapshots(frames)
    np.testing.assert_allclose(aligned[0], x, atol=1e-10)
    np.testing.assert_array_equal(aligned[2], x)
    for raw, out in zip(frames, aligned, strict=True):
        np.testing.assert_allclose(raw @ raw.T, out @ out.T, atol=1e-10)


def test_trajectory(run):
    words = ["king", "queen", "dog", "cat", "paris", "rome"]
    path = run.trajectory(words)
    assert path.shape == (31, 6, 2)
    last = path[-1]
    dist = np.linalg.norm(last[:, None] - last[None], axis=2)
    # each word is closer on the map to its group partner than to the other groups' words
    for i in range(0, 6, 2):
        others = [j for j in range(6) if j not in (i, i + 1)]
        assert dist[i, i + 1] < dist[i, others].min()
    with pytest.raises(ec.InvalidParameterError, match="at least 2 words"):
        run.trajectory(["king"])
    with pytest.raises(ec.UnknownWordError, match="kingg"):
        run.trajectory(["king", "kingg"])


def test_training_pairs():
    assert ec.training_pairs("the king wore a crown", window=1) == [
        ("the", "king"),
        ("king", "the"),
        ("king", "wore"),
        ("wore", "king"),
        ("wore", "a"),
        ("a", "wore"),
        ("a", "crown"),
        ("crown", "a"),
    ]
    pairs = ec.training_pairs(["a", "b", "c", "d"], window=2)
    assert [p for p in pairs if p[0] == "c"] == [("c", "a"), ("c", "b"), ("c", "d")]
    assert len(pairs) == 2 + 3 + 3 + 2
    assert ec.training_pairs("The King's horse!", window=1)[0] == ("the", "king's")


def test_training_pairs_bad_input():
    with pytest.raises(ec.EmptyInputError, match="no words"):
        ec.training_pairs("  !! ", window=2)
    with pytest.raises(ec.InvalidParameterError, match="`window`"):
        ec.training_pairs("a b", window=0)


def test_noise_distribution_and_negative_samples(run):
    counts = dict(zip(run.words, run.counts.tolist(), strict=True))
    dist = ec.noise_distribution(counts)
    weights = np.array(list(counts.values()), dtype=float) ** 0.75
    np.testing.assert_allclose(list(dist.values()), weights / weights.sum())
    assert dist["the"] < counts["the"] / sum(counts.values())  # common words drawn less than their share
    drawn = ec.negative_samples(counts, negative=20, exclude=["the", "a"], random_state=4)
    assert len(drawn) == 20 and not {"the", "a"} & set(drawn)
    assert drawn == ec.negative_samples(counts, negative=20, exclude=["the", "a"], random_state=4)
    assert drawn != ec.negative_samples(counts, negative=20, exclude=["the", "a"], random_state=5)


def test_corpus_sentences():
    assert ec.corpus_sentences(["The King's horse!", "  ", "Two words."]) == [
        ["the", "king's", "horse"],
        ["two", "words"],
    ]


def test_the_built_in_datasets_train(minilm):
    jobs = ec.corpus_sentences(ec.load_dataset("job_listings").texts)
    trained = ec.train_word2vec(jobs, epochs=2, vector_size=20)
    assert len(trained.words) <= ec.MAX_WORDS
    assert trained.vectors.shape == (2, len(trained.words), 20)


# Bad input.
def test_corpus_too_small_names_the_minimum():
    with pytest.raises(ec.CorpusTooSmallError, match=r"at least 200 words in all\. Got '12 words'"):
        ec.train_word2vec(
            [["the", "king", "wore", "a", "crown"], ["the", "queen", "wore", "a", "golden", "crown", "x"]]
        )
    with pytest.raises(ec.CorpusTooSmallError, match="at least 10 different words"):
        ec.train_word2vec([["a", "b", "c"]] * 100)


def test_corpus_too_big():
    with pytest.raises(ec.InvalidParameterError, match="at most 100,000 words"):
        ec.train_word2vec([["word"] * 1000] * 101)


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("epochs", 51, "every epoch keeps a snapshot"),
        ("vector_size", 101, "memory grows with vector size"),
        ("window", 11, "distant, unrelated words"),
        ("negative", 0, "more negative samples"),
    ],
)
def test_capped_options_give_the_reason(corpus, option, value, reason):
    with pytest.raises(ec.InvalidParameterError, match=reason):
        ec.train_word2vec(corpus.sentences, **{option: value})


def test_sentences_must_be_lists_of_words(corpus):
    with pytest.raises(ec.InvalidParameterError, match="corpus_sentences"):
        ec.train_word2vec("the king wore a crown")
    with pytest.raises(ec.InvalidParameterError, match=r"sentences\[1\]"):
        ec.train_word2vec([["a", "b"], "c d"])
    with pytest.raises(ec.EmptyInputError, match="no words"):
        ec.train_word2vec([[], [" "]])
    with pytest.raises(ec.InvalidParameterError, match="`sg`"):
        ec.train_word2vec(corpus.sentences, sg=2)


def test_the_corpus_file_is_what_its_builder_writes(corpus):
    from data.build_learning_corpus import GROUPS, build

    assert corpus.sentences == [line.split() for line in build()]
    assert corpus.groups == {g: he + she for g, (he, she) in GROUPS.items()}
