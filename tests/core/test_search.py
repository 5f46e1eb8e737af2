"""Semantic and keyword search: exact scores against references, ranking on the job listings, presets."""

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.search import SEARCH_PRESETS


@pytest.fixture(scope="module")
def jobs():
    return ec.load_dataset("job_listings")


@pytest.fixture(scope="module")
def job_index(jobs, minilm):
    return ec.SemanticIndex(ec.dataset_vectors(jobs, minilm))


@pytest.fixture(scope="module")
def job_keywords(jobs):
    return ec.KeywordIndex(jobs.texts)


def test_semantic_search_matches_sklearn_cosine_and_full_sort():
    from sklearn.metrics.pairwise import cosine_similarity

    rng = np.random.default_rng(0)
    corpus, queries = rng.standard_normal((500, 32)), rng.standard_normal((3, 32))
    hits = ec.semantic_search(queries, corpus, top_k=7)
    reference = cosine_similarity(queries, corpus)
    for q, row in enumerate(hits):
        assert [h.index for h in row] == np.argsort(-reference[q])[:7].tolist()
        assert np.allclose([h.score for h in row], np.sort(reference[q])[::-1][:7], atol=1e-5)


def test_semantic_search_one_vector_ties_and_small_corpus():
    corpus = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
    hits = ec.semantic_search(np.array([1.0, 0.0]), corpus, top_k=10)
    assert len(hits) == 1 and [h.index for h in hits[0]] == [0, 2, 1]  # tie 0/2 broken by index; k capped at n
    assert hits[0][0] == ec.SearchHit(0, pytest.approx(1.0))


def test_zero_corpus_row_scores_zero_but_zero_query_is_refused():
    index = ec.SemanticIndex(np.array([[1.0, 0.0], [0.0, 0.0]]))
    assert index.search(np.array([[1.0, 1.0]]), top_k=2)[0][1] == ec.SearchHit(1, 0.0)
    with pytest.raises(ec.InvalidParameterError, match="all zeros"):
        index.search(np.zeros((1, 2)))


@pytest.mark.parametrize("top_k", [0, -1, 2.5, True])
def test_bad_top_k(top_k):
    with pytest.raises(ec.InvalidParameterError, match="`top_k` must be a whole number"):
        ec.semantic_search(np.ones((1, 2)), np.ones((3, 2)), top_k=top_k)
    with pytest.raises(ec.InvalidParameterError, match="`top_k` must be a whole number"):
        ec.keyword_search("a", ["a"], top_k=top_k)


def test_dimension_mismatch_says_to_use_the_same_model():
    with pytest.raises(ec.InvalidParameterError, match="same model"):
        ec.semantic_search(np.ones((1, 50)), np.ones((3, 384)))


def test_nan_corpus_is_refused():
    with pytest.raises(ec.InvalidParameterError, match="NaN"):
        ec.SemanticIndex(np.array([[1.0, np.nan]]))


def test_bm25_scores_match_bm25s():
    bm25s = pytest.importorskip("bm25s")
    texts = [
        "The night nurse cares for patients on the ward",
        "A software developer writes Python code",
        "Nurse, nurse and nurse again",
        "Teacher of maths and physics",
        "Code review for Python code",
        "Forklift driver with a 401k plan",
    ]
    index = ec.KeywordIndex(texts)
    reference = bm25s.BM25(method="lucene", k1=1.5, b=0.75)
    reference.index([index._analyzer(t) for t in texts], show_progress=False)
    query = "nurse python code 401k"
    assert np.allclose(index.scores(query), reference.get_scores(index._analyzer(query)), atol=1e-5)
    hits = index.search(query, top_k=10)
    assert [h.index for h in hits] == np.argsort(-index.scores(query), kind="stable")[: len(hits)].tolist()
    assert all(h.score > 0 for h in hits) and 3 not in [h.index for h in hits]  # no shared word: left out


def test_tfidf_matches_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["red apple pie", "green apple", "blue sky", "apple apple tree"]
    vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", stop_words="english")
    reference = (vectorizer.fit_transform(texts) @ vectorizer.transform(["apple tree"]).T).toarray().ravel()
    assert np.allclose(ec.KeywordIndex(texts, method="tfidf").scores("apple tree"), reference)
    assert ec.keyword_search("apple tree", texts, method="tfidf")[0].index == 3


def test_keyword_query_terms_and_no_match():
    index = ec.KeywordIndex(["Night nurse", "Day teacher"])
    assert index.query_terms("the NIGHT shift xyz") == (["night"], ["shift", "xyz"])
    assert index.search("banana") == [] and index.search("the and of") == []


def test_keyword_index_of_only_stop_words_finds_nothing():
    assert ec.keyword_search("the", ["the", "and a"]) == []


def test_keyword_bad_parameters():
    with pytest.raises(ec.InvalidParameterError, match="'bm25', 'tfidf'"):
        ec.KeywordIndex(["a"], method="bm42")
    with pytest.raises(ec.InvalidParameterError, match="`b` must be a number between 0 and 1"):
        ec.KeywordIndex(["a"], b=2)
    with pytest.raises(ec.InvalidParameterError, match="`k1` must be a number of at least 0"):
        ec.KeywordIndex(["a"], k1=-1)
    with pytest.raises(ec.InvalidParameterError, match="not one string"):
        ec.KeywordIndex("a text")
    with pytest.raises(ec.EmptyInputError, match="no texts to search"):
        ec.KeywordIndex([])


def test_programmer_finds_software_postings_that_never_say_it(jobs, minilm, job_index):
    hits = job_index.search(minilm.embed(["programmer"]), top_k=10)[0]
    assert sum(jobs.labels[h.index] == "software" for h in hits) >= 8
    never_say_it = [h for h in hits if "programmer" not in jobs.texts[h.index].lower()]
    assert len(never_say_it) >= 5


@pytest.mark.parametrize(
    ("query", "category"),
    [("caregiver for older people", "nursing"), ("attorney", "legal"), ("someone to cook", "hospitality")],
)
def test_synonym_queries_land_in_the_right_category(jobs, minilm, job_index, query, category):
    hits = job_index.search(minilm.embed([query]), top_k=5)[0]
    assert sum(jobs.labels[h.index] == category for h in hits) >= 4


@pytest.mark.parametrize("preset", [p for p in SEARCH_PRESETS if p.wins == "meaning"], ids=lambda p: p.query)
def test_meaning_presets_really_win_on_meaning(jobs, minilm, job_index, job_keywords, preset):
    semantic = job_index.search(minilm.embed([preset.query]), top_k=5)[0]
    keyword = job_keywords.search(preset.query, top_k=5)
    right_semantic = sum(jobs.labels[h.index] == preset.expect for h in semantic)
    right_keyword = sum(jobs.labels[h.index] == preset.expect for h in keyword)
    assert right_semantic >= 4 and right_keyword <= 1


@pytest.mark.parametrize("preset", [p for p in SEARCH_PRESETS if p.wins == "words"], ids=lambda p: p.query)
def test_word_presets_really_win_on_words(jobs, minilm, job_index, job_keywords, preset):
    relevant = {i for i, t in enumerate(jobs.texts) if preset.expect.lower() in t.lower()}
    assert relevant
    k = len(relevant)
    keyword = {h.index for h in job_keywords.search(preset.query, top_k=k)}
    semantic = {h.index for h in job_index.search(minilm.embed([preset.query]), top_k=k)[0]}
    assert keyword == relevant  # BM25 puts every posting with the exact string first
    assert len(semantic & relevant) < k  # meaning misses at least one of them at the same k


def test_map_places_the_corpus_where_the_fit_put_it_and_queries_without_refit(jobs, minilm):
    vectors = ec.dataset_vectors(jobs, minilm)
    fitted = ec.fit_search_map(vectors)
    assert fitted.coords.shape == (len(jobs), 2)
    assert isinstance(fitted, ec.Projection) and fitted.method == "pca"
    assert np.allclose(fitted.transform(vectors[:5]), fitted.coords[:5], atol=1e-4)
    before = fitted.estimator.components_.copy()
    query_xy = fitted.transform(minilm.embed(["programmer"]))
    assert query_xy.shape == (1, 2) and np.array_equal(before, fitted.estimator.components_)
    # The query lands near its software hits: closer to their centre than to the map's centre.
    software = fitted.coords[[i for i, lab in enumerate(jobs.labels) if lab == "software"]]
    assert np.linalg.norm(query_xy[0] - software.mean(0)) < np.linalg.norm(query_xy[0] - fitted.coords.mean(0))


@pytest.mark.slow
def test_umap_map_is_reproducible_and_keeps_neighbours(jobs, minilm):
    from sklearn.manifold import trustworthiness

    vectors = ec.dataset_vectors(jobs, minilm)
    a = ec.fit_search_map(vectors, method="umap", random_state=1)
    b = ec.fit_search_map(vectors, method="umap", random_state=1)
    assert np.allclose(a.coords, b.coords)
    assert trustworthiness(vectors, a.coords, n_neighbors=10, metric="cosine") > 0.85
    assert a.transform(minilm.embed(["programmer"])).shape == (1, 2)


def test_map_needs_three_points_and_a_known_method():
    with pytest.raises(ec.InvalidParameterError, match="2D map needs at least 3 points"):
        ec.fit_search_map(np.eye(2))
    with pytest.raises(ec.InvalidParameterError, match="`n_components` must be one of 2, 3"):
        ec.fit_search_map(np.eye(5), n_components=4)
    assert ec.fit_search_map(np.eye(5), n_components=3).coords.shape == (5, 3)
    with pytest.raises(ec.InvalidParameterError, match="'pca', 'umap'"):
        ec.fit_search_map(np.eye(3), method="tsne")


def test_marked_cuts_a_text_into_the_words_the_query_scores_and_the_rest():
    index = ec.KeywordIndex(["Night nurse wanted", "Day cook", "DP-203 data engineer"])
    assert index.marked("Night NURSE, nights", "nurse shift") == [
        ("Night ", False),
        ("NURSE", True),
        (", nights", False),
    ]
    pieces = index.marked("DP-203 data engineer for the night", "dp-203 the")  # "the" is a stop word
    assert pieces[:3] == [("DP", True), ("-", False), ("203", True)]
    assert "".join(p for p, _ in pieces) == "DP-203 data engineer for the night"
    assert not any(hit for p, hit in pieces if p.strip().lower() == "the")
    assert index.marked("", "nurse") == [] and index.marked("cook", "pilot") == [("cook", False)]


def test_semantic_search_over_200000_vectors_is_the_exact_top_k():
    rng = np.random.default_rng(7)
    corpus = rng.standard_normal((200_000, 16), dtype=np.float32)
    queries = rng.standard_normal((3, 16), dtype=np.float32)
    hits = ec.semantic_search(queries, corpus, top_k=10)
    unit = corpus.astype(np.float64) / np.linalg.norm(corpus.astype(np.float64), axis=1, keepdims=True)
    for q, row in zip(queries.astype(np.float64), hits, strict=True):
        scores = unit @ (q / np.linalg.norm(q))
        assert [h.index for h in row] == np.argsort(-scores)[:10].tolist()
        assert np.allclose([h.score for h in row], np.sort(scores)[::-1][:10], atol=1e-5)
