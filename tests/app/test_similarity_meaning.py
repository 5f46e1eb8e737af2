"""The Similarity page's 'What counts as similar' tab in AppTest: random pairs, hubs, raw GloVe metrics."""

from __future__ import annotations

import numpy as np
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page


@pytest.fixture
def at():
    """A fresh session on the Similarity page for every test (the models are cached by the process)."""
    return open_page("pages/similarity.py")


def _frame(at, column):
    return [d.value for d in at.dataframe if column in d.value.columns]


def test_random_pairs_and_percentiles_come_from_the_core(at, minilm):
    assert not exceptions(at) and not errors(at)
    reference = ec.random_pair_cosines(ec.reference_vectors(minilm).vectors)
    sentence = next(m.value for m in at.markdown if "half of 10,000 random pairs" in m.value)
    assert f"**{np.median(reference):.2f}**" in sentence
    (pairs,) = _frame(at, "percentile")
    assert {pairs["text A"].iloc[0], pairs["text B"].iloc[0]} == {"cat", "kitten"}
    cos = float(pairs["cosine"].iloc[0])
    assert pairs["percentile"].iloc[0] == pytest.approx(ec.cosine_percentile(reference, cos))
    assert len(pairs) == 10  # five texts, ten pairs


def test_hubs_follow_the_dataset_and_k(at, minilm):
    at.selectbox(key="similarity_hub_data").select("job_listings").run()
    at.slider(key="similarity_hub_k").set_value(5).run()
    assert not exceptions(at) and not errors(at)
    data = ec.load_dataset("job_listings")
    counts = ec.k_occurrence(ec.dataset_vectors(data, minilm), k=5)
    (table,) = _frame(at, "k-occurrence")
    assert list(table["k-occurrence"]) == sorted(counts, reverse=True)[:10]
    assert table["text"].iloc[0] == data.texts[int(np.argmax(counts))]
    summary = next(m.value for m in at.markdown if "busiest 5%" in m.value)
    assert f"Among {len(data)} texts" in summary and f"**{int((counts == 0).sum())}**" in summary


def test_raw_rankings_follow_the_word_and_refuse_bad_ones(at, glove):
    at.text_input(key="similarity_raw_word").input("queen").run()
    assert not exceptions(at) and not errors(at)
    ranks = ec.raw_rankings(glove, "queen", topn=10)
    cosine, dot, euclidean = (d.value for d in at.dataframe if "length" in d.value.columns)
    assert list(cosine["word"]) == [n.text for n in ranks.by_metric["cosine"]]
    assert list(dot["word"].str.removesuffix(" •")) == [n.text for n in ranks.by_metric["dot"]]
    assert sum(w.endswith(" •") for w in dot["word"]) == len(ranks.only_in("dot"))
    assert list(euclidean["word"].str.removesuffix(" •")) == [n.text for n in ranks.by_metric["euclidean"]]
    at.text_input(key="similarity_raw_word").input("qqzzxxw").run()
    assert not exceptions(at) and any("qqzzxxw" in e for e in errors(at))
    at.text_input(key="similarity_raw_word").input("new york").run()
    assert not exceptions(at) and any("one word" in e for e in errors(at))
    assert at.text_input(key="similarity_raw_word").value == "new york"


def test_on_glove_the_reference_is_frequent_words_and_phrases_get_a_caution():
    at = open_page("pages/similarity.py", model="glove-50d")
    assert not exceptions(at) and not errors(at)
    assert any("5,000 most frequent words" in m.value for m in at.markdown)
    assert any("mean of its word vectors" in c.value for c in at.caption)


def test_a_bad_k_in_a_link_falls_back_to_the_default():
    at = open_page("pages/similarity.py", query={"similarity_hub_k": "999", "similarity_hub_data": "nope"})
    assert not exceptions(at)
    assert at.slider(key="similarity_hub_k").value == 10
    assert at.selectbox(key="similarity_hub_data").value == "sentence_sets"


def test_a_server_model_gets_the_builtin_texts_only_when_asked(minilm, monkeypatch):
    from tests.support.openai_server import EmbeddingServer

    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_EMBEDDING_MODEL", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with EmbeddingServer(minilm, api_key="sk-test-sim-0123456789") as server:
        at = open_page("pages/similarity.py")
        at.text_input(key="model_remote_url").input(server.base_url)
        at.text_input(key="model_remote_name").input(server.model_id)
        at.text_input(key="model_remote_key").input("sk-test-sim-0123456789")
        next(b for b in at.button if b.label == "Connect").click().run()
        assert not exceptions(at) and not errors(at)
        sent = sum(s.n_inputs for s in server.seen)
        assert sent < 20  # the connection check and the typed example: no built-in sentences
        assert not any("random pairs of" in m.value for m in at.markdown)
        at.toggle(key="similarity_send_builtin").set_value(True).run()
        assert not exceptions(at) and not errors(at)
        assert sum(s.n_inputs for s in server.seen) >= sent + len(ec.load_dataset("sentence_sets"))
        assert any("half of 10,000 random pairs of the 324 built-in sentences" in m.value for m in at.markdown)
