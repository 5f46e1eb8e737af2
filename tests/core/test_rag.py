"""The RAG pipeline on the built-in handbook with the real MiniLM: retrieval, fusion, prompt, answers, scores."""

from __future__ import annotations

import math

import numpy as np
import pytest

import embedding_core as ec
from embedding_core.rag import _chance

DOC = ec.load_rag_document()
QUESTIONS = ec.load_rag_questions()


@pytest.fixture(scope="module")
def chunks():
    return ec.chunk_text(DOC.text, by="sentences", size=3, overlap=1)


@pytest.fixture(scope="module")
def store(chunks, minilm):
    return ec.index_chunks(chunks, minilm)


def test_built_in_document_and_questions():
    assert len(DOC.text.split()) > 3_000
    assert len(QUESTIONS) >= 30
    for q in QUESTIONS:
        assert DOC.text[q.start : q.end] == q.answer
        assert DOC.text.count(q.answer) == 1


def test_index_chunks_stores_every_chunk_with_its_offsets(chunks, store, minilm):
    assert len(store) == len(chunks)
    hit = store.search(minilm.embed([chunks[7].text])[0], 1)[0]
    assert hit.id == 7 and hit.payload == {
        "index": 7,
        "start": chunks[7].start,
        "end": chunks[7].end,
        "text": chunks[7].text,
    }
    assert math.isclose(hit.score, 1.0, abs_tol=1e-5)


def test_semantic_retrieval_equals_exact_cosine_ranking(chunks, store, minilm):
    question = "Can I bring my dog?"
    hits = ec.retrieve(question, chunks, minilm, method="semantic", top_k=5, store=store)
    x = minilm.embed([c.text for c in chunks])
    scores = x @ minilm.embed([question])[0]
    order = np.argsort(-scores)[:5]
    assert [h.index for h in hits] == order.tolist()
    assert np.allclose([h.score for h in hits], scores[order], atol=1e-5)
    assert "Dogs are not allowed" in chunks[hits[0].index].text


def test_retrieve_without_a_store_embeds_the_chunks(chunks, store, minilm):
    small = chunks[:30]
    a = ec.retrieve("When is the building open?", small, minilm)
    b = ec.retrieve("When is the building open?", small, minilm, store=ec.index_chunks(small, minilm))
    assert [h.index for h in a] == [h.index for h in b]


def test_bm25_retrieval_is_the_keyword_index(chunks, minilm):
    hits = ec.retrieve("FernhillGuests password", chunks, minilm, method="bm25", top_k=3)
    ref = ec.KeywordIndex([c.text for c in chunks]).search("FernhillGuests password", top_k=3)
    assert hits == ref
    assert "FernhillGuests" in chunks[hits[0].index].text


def test_hybrid_is_reciprocal_rank_fusion_of_both_rankings(chunks, store, minilm):
    q = "What does printing in plastic filament cost me?"
    n = len(chunks)
    sem = [h.index for h in ec.retrieve(q, chunks, minilm, method="semantic", top_k=n, store=store)]
    kw = [h.index for h in ec.retrieve(q, chunks, minilm, method="bm25", top_k=n)]
    fused: dict[int, float] = {}
    for ranking in (sem, kw):
        for rank, i in enumerate(ranking, start=1):
            fused[i] = fused.get(i, 0) + 1 / (60 + rank)
    expect = sorted(fused, key=lambda i: (-fused[i], i))[:5]
    hits = ec.retrieve(q, chunks, minilm, method="hybrid", top_k=5, store=store)
    assert [h.index for h in hits] == expect
    assert np.allclose([h.score for h in hits], [fused[i] for i in expect])


def test_prompt_holds_system_text_numbered_chunks_and_question(chunks):
    picked = [chunks[3], chunks[10]]
    prompt = ec.build_prompt("  When is the Repair Café? ", picked)
    assert prompt == (
        f"{ec.SYSTEM_PROMPT}\n\nExcerpts:\n\n[1] {chunks[3].text}\n\n[2] {chunks[10].text}\n\n"
        "Question: When is the Repair Café?"
    )
    messages = ec.prompt_messages("When is the Repair Café?", picked)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "\n\n".join(m["content"] for m in messages) == prompt
    assert ec.prompt_messages("When?", []) == [{"role": "user", "content": "When?"}]


def test_extractive_answer_is_the_answering_sentence(chunks, store, minilm):
    q = next(q for q in QUESTIONS if q.question.startswith("Where are the gas bottles"))
    hits = ec.retrieve(q.question, chunks, minilm, top_k=5, store=store)
    picked = [chunks[h.index] for h in hits]
    answer = ec.extractive_answer(q.question, picked, minilm)
    assert answer.sentence == q.answer
    assert (answer.start, answer.end) == (q.start, q.end)
    assert DOC.text[answer.start : answer.end] == answer.sentence
    assert picked[answer.chunk].start <= answer.start < answer.end <= picked[answer.chunk].end
    assert 0 < answer.score <= 1


def test_extractive_answers_find_most_of_the_question_set(chunks, store, minilm):
    found = 0
    for q in QUESTIONS:
        picked = [chunks[h.index] for h in ec.retrieve(q.question, chunks, minilm, top_k=5, store=store)]
        a = ec.extractive_answer(q.question, picked, minilm)
        found += a.start < q.end and q.start < a.end
    assert found / len(QUESTIONS) >= 0.5


def test_relevance_is_by_offsets_whatever_the_chunking():
    q = QUESTIONS[0]
    for by, size, overlap in (("sentences", 1, 0), ("sentences", 6, 2), ("paragraphs", 1, 0), ("tokens", 32, 4)):
        chunks = ec.chunk_text(DOC.text, by=by, size=size, overlap=overlap)
        rel = ec.relevant_chunks(chunks, q.start, q.end)
        assert rel, (by, size)
        for i in rel:
            c = chunks[i]
            assert c.start < q.end and q.start < c.end


def test_chance_levels_are_exact():
    recall, mrr = _chance(10, 1, (1, 3, 5))
    assert recall == pytest.approx({1: 0.1, 3: 0.3, 5: 0.5})
    assert mrr == pytest.approx(sum(1 / i for i in range(1, 11)) / 10)
    recall2, _ = _chance(4, 2, (1,))
    assert recall2[1] == pytest.approx(0.5)


def test_retrieval_scores_on_the_built_in_set(chunks, store, minilm):
    scores = ec.retrieval_scores(QUESTIONS, chunks, minilm, store=store)
    by = {s.method: s for s in scores}
    assert list(by) == ["semantic", "bm25", "hybrid"]
    for s in scores:
        assert 0 <= s.recall[1] <= s.recall[3] <= s.recall[5] <= 1
        assert s.recall[1] <= s.mrr <= 1
        assert len(s.ranks) == len(QUESTIONS)
        ranks = [r for r in s.ranks if r is not None]
        assert s.mrr == pytest.approx(sum(1 / r for r in ranks) / len(QUESTIONS))
        assert s.recall[5] == pytest.approx(sum(r <= 5 for r in ranks) / len(QUESTIONS))
    sem = by["semantic"]
    # 126 chunks: chance recall@5 is a few percent; MiniLM finds most answers (0.93 when measured)
    assert sem.chance[5] < 0.08
    assert sem.recall[5] >= 0.8 and sem.recall[5] > 10 * sem.chance[5]
    assert sem.mrr >= 0.6 and sem.mrr > 10 * sem.chance_mrr
    assert by["hybrid"].recall[5] >= 0.7


def test_bm25_scores_need_no_model_embedding(chunks, minilm):
    (bm25,) = ec.retrieval_scores(QUESTIONS[:5], chunks, minilm, methods=("bm25",))
    assert len(bm25.ranks) == 5


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   \n"])
def test_empty_question_refused(question, chunks, store, minilm):
    with pytest.raises(ec.EmptyInputError, match="`question` must be a question with some words"):
        ec.retrieve(question, chunks, minilm, store=store)
    with pytest.raises(ec.EmptyInputError, match="`question`"):
        ec.build_prompt(question, chunks[:2])


def test_question_longer_than_the_model_reads_refused(chunks, store, minilm):
    long = "Where can I park my very large cargo bicycle overnight " * 30
    with pytest.raises(ec.InvalidParameterError, match=r"`question` must be at most 256 word pieces.*Got '\d+ word"):
        ec.retrieve(long, chunks, minilm, store=store)
    with pytest.raises(ec.InvalidParameterError, match="at most 256 word pieces"):
        ec.extractive_answer(long, chunks[:2], minilm)


def test_unknown_method_and_bad_top_k_refused(chunks, store, minilm):
    with pytest.raises(ec.InvalidParameterError, match="`method` must be one of 'semantic', 'bm25', 'hybrid'"):
        ec.retrieve("dogs?", chunks, minilm, method="dense", store=store)
    with pytest.raises(ec.InvalidParameterError, match="`top_k` must be a whole number of at least 1"):
        ec.retrieve("dogs?", chunks, minilm, top_k=0, store=store)


def test_no_chunks_refused(minilm):
    with pytest.raises(ec.EmptyInputError, match="`chunks` must be at least one chunk"):
        ec.retrieve("dogs?", [], minilm)


def test_store_of_other_chunks_refused(chunks, store, minilm):
    with pytest.raises(ec.InvalidParameterError, match="`store` must be the 10 chunks given"):
        ec.retrieve("dogs?", chunks[:10], minilm, store=store)
