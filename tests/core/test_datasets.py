"""Schema and content tests of the built-in datasets, and their precomputed vectors."""

import json

import numpy as np
import pandas as pd
import pytest

import embedding_core as ec
from embedding_core.datasets import DATA_DIR, precomputed_path, texts_fingerprint


def test_all_three_datasets_are_listed():
    assert ec.list_datasets() == ["job_listings", "sentence_sets", "word_sets"]


def test_job_listings_schema_and_variety():
    frame = pd.read_csv(DATA_DIR / "job_listings.csv")
    assert frame.columns.tolist() == ["id", "title", "category", "seniority", "description"]
    assert len(frame) >= 300 and frame["category"].nunique() >= 10
    assert frame["category"].value_counts().min() >= 20
    assert set(frame["seniority"]) <= {"junior", "mid", "senior", "lead"}
    assert not frame.duplicated().any() and not frame["description"].duplicated().any()
    assert frame.notna().all().all()
    # Synonyms matter: some software postings never say "engineer", some care postings never say "nurse".
    software = frame[frame["category"] == "software"]
    assert (
        ~software["description"].str.contains("engineer", case=False)
        & ~software["title"].str.contains("engineer", case=False)
    ).sum() >= 5
    nursing = frame[frame["category"] == "nursing"]
    assert (~(nursing["title"] + nursing["description"]).str.contains("nurs", case=False)).sum() >= 3


def test_word_sets_words_are_unique_single_words_known_to_glove(glove):
    frame = pd.read_csv(DATA_DIR / "word_sets.csv")
    assert frame.columns.tolist() == ["word", "category"]
    assert len(frame) >= 300 and frame["category"].nunique() >= 12
    assert not frame["word"].duplicated().any()
    assert frame["word"].str.fullmatch(r"[a-z]+").all()
    ranks = [glove.index.get(w, 10**9) for w in frame["word"]]
    assert max(ranks) < 50_000


def test_sentence_sets_pairs():
    frame = pd.read_csv(DATA_DIR / "sentence_sets.csv", dtype=str, keep_default_na=False)
    assert frame.columns.tolist() == ["id", "text", "topic", "pair_id", "pair_type"]
    assert len(frame) >= 300 and frame["topic"].nunique() >= 10
    assert not frame["text"].duplicated().any()
    pairs = frame[frame["pair_id"] != ""].groupby("pair_id")
    assert (pairs.size() == 2).all()
    kinds = frame.loc[frame["pair_id"] != ""].drop_duplicates("pair_id")["pair_type"].value_counts()
    assert kinds["paraphrase"] >= 30 and kinds["same_words_different_meaning"] >= 20


@pytest.mark.parametrize("name", ["job_listings", "sentence_sets", "word_sets"])
def test_load_dataset_gives_texts_and_labels(name):
    dataset = ec.load_dataset(name)
    assert len(dataset.texts) == len(dataset.labels) == len(dataset.frame) >= 300
    assert all(isinstance(t, str) and t for t in dataset.texts)


def test_unknown_dataset_name():
    with pytest.raises(ec.InvalidParameterError, match="There is no built-in dataset 'jobs'. Pick one of"):
        ec.load_dataset("jobs")


@pytest.mark.parametrize("name", ["job_listings", "sentence_sets", "word_sets"])
def test_precomputed_vectors_are_current_and_equal_fresh_embeddings(name, minilm):
    dataset = ec.load_dataset(name)
    meta = json.loads(precomputed_path(name, "minilm").with_suffix(".json").read_text())
    assert meta["fingerprint"] == texts_fingerprint(dataset.texts), "run: python -m data.build_embeddings"
    vectors = ec.dataset_vectors(dataset, minilm)
    assert vectors.shape == (len(dataset), 384) and vectors.dtype == np.float32
    sample = [0, len(dataset) // 2, len(dataset) - 1]
    assert np.allclose(vectors[sample], minilm.embed([dataset.texts[i] for i in sample]), atol=1e-5)


def test_glove_vectors_of_a_dataset_skip_unknown_words(glove):
    vectors = ec.dataset_vectors(ec.load_dataset("job_listings"), glove)
    assert vectors.shape == (326, 50)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)


def test_changed_texts_are_embedded_afresh(minilm):
    dataset = ec.load_dataset("word_sets")
    changed = ec.Dataset(
        dataset.name, dataset.title, ["zebra", *dataset.texts[1:]], dataset.labels, dataset.frame, builtin=True
    )
    vectors = ec.dataset_vectors(changed, minilm)
    assert np.allclose(vectors[0], minilm.embed(["zebra"])[0], atol=1e-5)
