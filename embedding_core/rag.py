"""Retrieval-augmented generation, step by step: store chunks, retrieve for a question, build the prompt, answer.

The pipeline every RAG tutorial draws::

    chunks = chunk_text(document)                      # embedding_core.chunking
    store = index_chunks(chunks, model)                # embed each chunk, add it to a vector database
    hits = retrieve(question, chunks, model, store=store, method="hybrid")
    prompt = build_prompt(question, [chunks[h.index] for h in hits])
    extractive_answer(question, [chunks[h.index] for h in hits], model)   # offline
    generate_answer(question, [chunks[h.index] for h in hits], chat)      # with a chat server

Retrieval is by meaning (cosine of embeddings, in the vector store), by words (BM25 over the chunks)
or both, fused by reciprocal rank: ``rrf(d) = Σ_m 1 / (60 + rank_m(d))`` over the two rankings, as
Cormack, Clarke and Büttcher (2009) proposed and vector databases now offer as "hybrid search".
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from ._validate import Options, check, message
from .chunking import Chunk, sentence_spans
from .datasets import DATA_DIR
from .documents import Document, check_document
from .errors import EmptyInputError, InvalidParameterError
from .models import Embedder
from .search import KeywordIndex, SearchHit, check_top_k
from .vector_store import VectorStore

__all__ = [
    "RETRIEVAL_METHODS",
    "RRF_K",
    "SYSTEM_PROMPT",
    "ExtractiveAnswer",
    "RagQuestion",
    "RetrievalScores",
    "build_prompt",
    "check_question",
    "extractive_answer",
    "index_chunks",
    "load_rag_document",
    "load_rag_questions",
    "prompt_messages",
    "relevant_chunks",
    "retrieval_scores",
    "retrieve",
]

RetrievalMethod = Literal["semantic", "bm25", "hybrid"]
RETRIEVAL_METHODS: tuple[RetrievalMethod, ...] = ("semantic", "bm25", "hybrid")
#: The constant of reciprocal rank fusion (60 in the original paper and in most databases).
RRF_K = 60
#: The longest question accepted from a word model (which has no token limit of its own).
MAX_QUESTION_CHARS = 1_000

SYSTEM_PROMPT = (
    "You answer questions about a document. Use only the numbered excerpts from it below. "
    "Cite the excerpts you use by their numbers in square brackets, like [2]. "
    "If the excerpts do not contain the answer, say that the document does not say."
)

RAG_DIR = DATA_DIR / "rag"


def check_question(question: str, model: Embedder | None = None) -> str:
    """Return the question stripped, if it is non-empty and short enough for `model` to read whole.

    Raises:
        EmptyInputError: the question is empty or only whitespace.
        InvalidParameterError: not text, or longer than the model reads (MiniLM: 256 word pieces).
    """
    if not isinstance(question, str):
        raise InvalidParameterError(message("question", "text", type(question).__name__, "Type a question."))
    q = question.strip()
    if not q:
        raise EmptyInputError(message("question", "a question with some words", question, "Type a question."))
    limit = getattr(model, "max_tokens", None)
    if limit is not None and hasattr(model, "count_tokens"):
        n = model.count_tokens(q)  # type: ignore[union-attr]
        if n > limit:
            raise InvalidParameterError(
                message(
                    "question",
                    f"at most {limit} word pieces, the most {model.name} reads",  # type: ignore[union-attr]
                    f"{n} word pieces",
                    "Ask a shorter question: the model would ignore everything after the limit.",
                )
            )
    elif len(q) > MAX_QUESTION_CHARS:
        raise InvalidParameterError(
            message("question", f"at most {MAX_QUESTION_CHARS:,} characters", f"{len(q):,}", "Ask a shorter question.")
        )
    return q


def _check_chunks(chunks: Sequence[Chunk]) -> list[Chunk]:
    items = list(chunks)
    if not items:
        raise EmptyInputError(message("chunks", "at least one chunk", 0, "Chunk a document first."))
    for i, c in enumerate(items):
        if not isinstance(c, Chunk):
            raise InvalidParameterError(
                message(f"chunks[{i}]", "a Chunk from chunk_text", type(c).__name__, "Pass chunk_text's result.")
            )
    return items


def index_chunks(
    chunks: Sequence[Chunk],
    model: Embedder,
    *,
    store: VectorStore | None = None,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
) -> VectorStore:
    """Embed every chunk and add it to a vector store, with its position and offsets as payload.

    Args:
        chunks: from `chunk_text`.
        model: the embedder (the question must later be embedded with the same one).
        store: where to add them; default a new in-memory `VectorStore()` of its own.
        batch_size: chunks embedded (and added) per step.
        on_progress: called as ``on_progress(done, total)`` after each batch.

    Returns:
        The store: point ``i`` (the chunk's position in `chunks`) has id ``i`` and payload
        ``{"index": i, "start": ..., "end": ..., "text": ...}``.
    """
    items = _check_chunks(chunks)
    store = store if store is not None else VectorStore()
    for a in range(0, len(items), batch_size):
        batch = items[a : a + batch_size]
        vectors = model.embed([c.text for c in batch])
        payloads = [{"index": a + n, "start": c.start, "end": c.end, "text": c.text} for n, c in enumerate(batch)]
        store.add(list(range(a, a + len(batch))), vectors, payloads)
        if on_progress is not None:
            on_progress(a + len(batch), len(items))
    return store


def _rrf(rankings: Sequence[Sequence[int]], top_k: int) -> list[SearchHit]:
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, index in enumerate(ranking, start=1):
            scores[index] = scores.get(index, 0.0) + 1.0 / (RRF_K + rank)
    order = sorted(scores, key=lambda i: (-scores[i], i))[:top_k]
    return [SearchHit(i, scores[i]) for i in order]


def retrieve(
    question: str,
    chunks: Sequence[Chunk],
    model: Embedder,
    *,
    method: RetrievalMethod = "semantic",
    top_k: int = 5,
    store: VectorStore | None = None,
) -> list[SearchHit]:
    """The `top_k` chunks that best match `question`, best first.

    Args:
        question: the question.
        chunks: the document's chunks.
        model: the embedder of the chunks (for ``"semantic"`` and ``"hybrid"``).
        method: ``"semantic"`` (cosine of the question's and the chunks' vectors, searched in the
            vector store), ``"bm25"`` (the words they share, weighted by rarity) or ``"hybrid"``
            (reciprocal rank fusion of both full rankings, ``Σ 1 / (60 + rank)``).
        top_k: how many chunks.
        store: the chunks already indexed by `index_chunks` (else they are embedded now).

    Returns:
        `SearchHit` whose ``index`` is the chunk's position in `chunks` and ``score`` the cosine,
        the BM25 score or the fused score. BM25 returns only chunks sharing a word with the question.

    Raises:
        EmptyInputError: an empty question or no chunks.
        InvalidParameterError: an unknown method, `top_k` < 1, or a question longer than the model reads.
    """
    method = check("method", method, Options(RETRIEVAL_METHODS))
    k = check_top_k(top_k)
    items = _check_chunks(chunks)
    q = check_question(question, model if method != "bm25" else None)
    if method == "bm25":
        return KeywordIndex([c.text for c in items]).search(q, top_k=k)
    if store is None:
        store = index_chunks(items, model)
    if len(store) != len(items):
        raise InvalidParameterError(
            message("store", f"the {len(items)} chunks given", f"{len(store)} points", "Index these chunks again.")
        )
    vector = model.embed([q])[0]
    if method == "semantic":
        return [SearchHit(int(h.payload["index"]), h.score) for h in store.search(vector, k)]
    semantic = [int(h.payload["index"]) for h in store.search(vector, len(items))]
    keyword = [h.index for h in KeywordIndex([c.text for c in items]).search(q, top_k=len(items))]
    return _rrf([semantic, keyword], k)


def prompt_messages(question: str, chunks: Sequence[Chunk]) -> list[dict[str, str]]:
    """The chat messages sent to a language model: the system text, then the numbered excerpts and the question.

    With no chunks (the "without retrieval" answer) the user message is the question alone.
    """
    q = check_question(question)
    if not chunks:
        return [{"role": "user", "content": q}]
    excerpts = "\n\n".join(f"[{n}] {c.text}" for n, c in enumerate(_check_chunks(chunks), start=1))
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Excerpts:\n\n{excerpts}\n\nQuestion: {q}"},
    ]


def build_prompt(question: str, chunks: Sequence[Chunk]) -> str:
    """The prompt as one text: the system text, a blank line, then the user message of `prompt_messages`.

    Example:
        >>> print(build_prompt("When is it open?", [Chunk(0, "Open 10:00 to 22:00.", 0, 20)]))
        You answer questions about a document. ...
        <BLANKLINE>
        Excerpts:
        <BLANKLINE>
        [1] Open 10:00 to 22:00.
        <BLANKLINE>
        Question: When is it open?
    """
    return "\n\n".join(m["content"] for m in prompt_messages(question, chunks))


@dataclass(frozen=True)
class ExtractiveAnswer:
    """The sentence of the retrieved chunks closest in meaning to the question.

    Attributes:
        sentence: the sentence, as in the document.
        chunk: the position in the given chunks of the chunk holding it (0 = the best retrieved).
        score: cosine of the sentence and the question.
        start, end: the sentence's character offsets in the document.
    """

    sentence: str
    chunk: int
    score: float
    start: int
    end: int


def extractive_answer(question: str, chunks: Sequence[Chunk], model: Embedder) -> ExtractiveAnswer:
    """Answer without a language model: every sentence of `chunks` is embedded and the closest wins.

    The answer is always a sentence the document really contains (nothing is generated), so it
    cannot invent facts, but it cannot combine two sentences either.

    Raises:
        EmptyInputError: an empty question or no chunks.
    """
    items = _check_chunks(chunks)
    q = check_question(question, model)
    sentences: list[tuple[int, int, int]] = []
    for n, c in enumerate(items):
        sentences += [(n, c.start + a, c.start + b) for a, b in sentence_spans(c.text)]
    texts = [items[n].text[a - items[n].start : b - items[n].start] for n, a, b in sentences]
    scores = model.embed(texts) @ model.embed([q])[0]
    best = int(np.argmax(scores))
    n, a, b = sentences[best]
    return ExtractiveAnswer(texts[best], n, float(scores[best]), a, b)


@dataclass(frozen=True)
class RagQuestion:
    """A question about the built-in document and the passage that answers it.

    Attributes:
        question: the question.
        answer: the answering sentence, quoted exactly from the document.
        start, end: its character offsets in the document.
    """

    question: str
    answer: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _handbook() -> Document:
    path = RAG_DIR / "fernhill_handbook.md"
    return Document("The Fernhill Makerspace Members' Handbook", check_document(path.read_text(encoding="utf-8")))


def load_rag_document() -> Document:
    """The built-in document: a fictional makerspace's members' handbook (CC0, about 4,200 words)."""
    return _handbook()


def load_rag_questions() -> list[RagQuestion]:
    """The built-in questions about `load_rag_document`, each with its answer's offsets."""
    text = _handbook().text
    with open(RAG_DIR / "fernhill_questions.toml", "rb") as f:
        raw = tomllib.load(f)["question"]
    out = []
    for item in raw:
        start = text.find(item["answer"])
        if start < 0 or text.find(item["answer"], start + 1) >= 0:
            raise ValueError(f"answer of {item['question']!r} must occur exactly once in the handbook")
        out.append(RagQuestion(item["question"], item["answer"], start, start + len(item["answer"])))
    return out


def relevant_chunks(chunks: Sequence[Chunk], start: int, end: int) -> set[int]:
    """Positions of the chunks that hold the passage ``[start, end)``.

    A chunk counts when it holds at least half of the passage, or (a chunk smaller than the
    passage) at least half of the chunk is passage. Overlapping chunks may both count.
    """
    out = set()
    for n, c in enumerate(chunks):
        overlap = min(c.end, end) - max(c.start, start)
        if overlap > 0 and overlap >= min(end - start, c.end - c.start) / 2:
            out.add(n)
    return out


@dataclass(frozen=True)
class RetrievalScores:
    """How well one method finds the chunk that answers each question.

    Attributes:
        method: the retrieval method.
        recall: ``{k: share of questions with an answering chunk among the top k}`` for k = 1, 3, 5.
        mrr: mean reciprocal rank: the mean over questions of ``1 / rank`` of the first answering
            chunk (0 when it is not among the top `depth`).
        chance: the same recall figures for a random ranking of the chunks (computed exactly).
        chance_mrr: the MRR of a random ranking.
        ranks: for each question, the rank of its first answering chunk (1 = first), or None.
    """

    method: RetrievalMethod
    recall: dict[int, float]
    mrr: float
    chance: dict[int, float]
    chance_mrr: float
    ranks: list[int | None]


def _chance(n: int, r: int, ks: Sequence[int]) -> tuple[dict[int, float], float]:
    """Recall@k and MRR of a random order of `n` chunks of which `r` are relevant."""
    total = math.comb(n, r)
    recall = {k: 1 - math.comb(n - min(k, n), r) / total for k in ks}
    mrr = sum(math.comb(n - i, r - 1) / total / i for i in range(1, n - r + 2))
    return recall, mrr


def retrieval_scores(
    questions: Sequence[RagQuestion],
    chunks: Sequence[Chunk],
    model: Embedder,
    *,
    methods: Sequence[RetrievalMethod] = RETRIEVAL_METHODS,
    ks: Sequence[int] = (1, 3, 5),
    depth: int = 20,
    store: VectorStore | None = None,
) -> list[RetrievalScores]:
    """Recall@k and MRR of each method over a question set with known answers.

    Args:
        questions: questions with their answer's offsets (`load_rag_questions`).
        chunks: the document's chunks (any unit and size: relevance is by offsets).
        model: the embedder.
        methods: which retrieval methods to score.
        ks: the cut-offs for recall.
        depth: how far down a ranking to look for MRR (``1 / rank`` counts 0 beyond it).
        store: the chunks already indexed by `index_chunks` (else they are embedded once here).

    Returns:
        One `RetrievalScores` per method, in the order of `methods`.
    """
    items = _check_chunks(chunks)
    if not questions:
        raise EmptyInputError(message("questions", "at least one question", 0, "Use load_rag_questions()."))
    for m in methods:
        check("method", m, Options(RETRIEVAL_METHODS))
    depth = max(depth, *ks)
    if store is None and any(m != "bm25" for m in methods):
        store = index_chunks(items, model)
    relevant = [relevant_chunks(items, q.start, q.end) for q in questions]
    chance_rows = [_chance(len(items), max(len(r), 1), ks) for r in relevant]
    chance = {k: float(np.mean([c[0][k] for c in chance_rows])) for k in ks}
    chance_mrr = float(np.mean([c[1] for c in chance_rows]))
    out = []
    for m in methods:
        ranks: list[int | None] = []
        for q, rel in zip(questions, relevant, strict=True):
            hits = retrieve(q.question, items, model, method=m, top_k=depth, store=store)
            ranks.append(next((i for i, h in enumerate(hits, start=1) if h.index in rel), None))
        recall = {k: float(np.mean([r is not None and r <= k for r in ranks])) for k in ks}
        mrr = float(np.mean([1 / r if r else 0.0 for r in ranks]))
        out.append(RetrievalScores(m, recall, mrr, chance, chance_mrr, ranks))
    return out
