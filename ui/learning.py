"""The "How embeddings are learned" page's app side: its inputs and its caches.

Word2vec runs only on built-in corpora (the app's corpus, the job listings, the sentences), so a run
depends on no session's data and is shared by every session. Contrastive training runs on a copy of
the bundled MiniLM and is shared too: the same pairs and settings give the same result.
"""

from __future__ import annotations

from dataclasses import replace

import embedding_core as ec

from .cache import cached, get_model
from .params import Param, Text

W2V = ec.W2V_CONSTRAINTS
CORPORA = {
    "app": "The app's corpus: 5 known word groups",
    "job_listings": "Job listings",
    "sentence_sets": "Sentences by topic",
}
LESSON = ec.lesson("learning")

CORPUS = Param(
    "learning_corpus",
    "app",
    ec.Options(tuple(CORPORA)),
    "Corpus",
    "The text word2vec reads. The app's corpus was written so that its structure is known.",
    format_func=CORPORA.get,
)
SG = Param(
    "learning_sg",
    1,
    W2V["sg"],
    "Objective",
    "Skip-gram: each word predicts its neighbours. CBOW: the neighbours together predict the word.",
    format_func={1: "skip-gram", 0: "CBOW"}.get,
)
VECTOR_SIZE = Param(
    "learning_vector_size", 30, W2V["vector_size"], "Numbers per word", "The length of each word vector."
)
WINDOW = Param("learning_window", 3, W2V["window"], "Window", "How many words on each side count as context.")
NEGATIVE = Param(
    "learning_negative", 5, W2V["negative"], "Negative samples", "Random noise words per real (centre, context) pair."
)
EPOCHS = Param("learning_epochs", 30, W2V["epochs"], "Epochs", "How many times training reads the whole corpus.")
SEED = Param(
    "learning_seed",
    0,
    W2V["random_state"],
    "Seed",
    "The random start. Another seed gives another, equally good space: the same shape, turned.",
)
WORDS = Param(
    "learning_words",
    "",
    Text(max_chars=300),
    "Words to draw",
    "Comma-separated words of the corpus to follow on the map.",
)
WORD = Param("learning_word", "", Text(max_chars=40), "Neighbours of", "A word of the corpus.")
SENTENCE = Param(
    "learning_sentence",
    LESSON["pairs_example"],
    Text(max_chars=200),
    "A sentence",
    "Any sentence: it is split into lower-case words.",
)
PAIR_SET = Param(
    "learning_pair_set",
    "jargon",
    ec.Options(tuple(ec.contrastive_pairs())),
    "Pairs to train on",
    "Each pair should end up close; the other sentences of the batch are pushed away.",
    format_func=lambda k: ec.contrastive_pairs()[k].title,
)
STEPS = Param("learning_steps", 3, ec.CONTRASTIVE_CONSTRAINTS["steps"], "Training steps", "Gradient steps.")
RATES = (1e-5, 3e-5, 1e-4, 3e-4)
RATE = Param(
    "learning_rate",
    1e-4,
    ec.Options(RATES),
    "Learning rate",
    "How far each step moves the weights; fine-tuning usually uses 2e-5 to 1e-4.",
    format_func=lambda r: f"{r:.0e}",
)


def words_param(corpus: str) -> Param:
    """The words to draw, one input per corpus, first the lesson's words for it (data/lessons.toml)."""
    return replace(WORDS, key=f"learning_words_{corpus}", default=LESSON["words"][corpus])


def word_param(corpus: str, first: str) -> Param:
    """The word whose neighbours are listed, one input per corpus."""
    return replace(WORD, key=f"learning_word_{corpus}", default=first)


@cached(kind="data", max_entries=4)
def sentences(corpus: str) -> list[list[str]]:
    """The corpus as lists of lower-case words."""
    if corpus == "app":
        return ec.learning_corpus().sentences
    return ec.corpus_sentences(ec.load_dataset(corpus).texts)


@cached(kind="data", max_entries=4)
def groups(corpus: str) -> dict[str, str]:
    """word → group for the app's corpus (colours on the map); empty for the others."""
    if corpus != "app":
        return {}
    return {w: g for g, words in ec.learning_corpus().groups.items() for w in words}


@cached(kind="data", max_entries=24, ttl=3600)
def train(corpus: str, sg: int, vector_size: int, window: int, negative: int, epochs: int, seed: int) -> ec.TrainingRun:
    """`ec.train_word2vec` on a built-in corpus (shared by every session: no session's data in it)."""
    return ec.train_word2vec(
        sentences(corpus),
        sg=sg,
        vector_size=vector_size,
        window=window,
        negative=negative,
        epochs=epochs,
        random_state=seed,
    )


def word_list(raw: str, run: ec.TrainingRun) -> tuple[list[str], list[str]]:
    """The typed words the run knows (in order, once each) and those it does not."""
    words = list(dict.fromkeys(w.strip().lower() for w in raw.split(",") if w.strip()))
    known = set(run.words)
    return [w for w in words if w in known], [w for w in words if w not in known]


def neighbour_table(run: ec.TrainingRun, word: str) -> dict[str, list[str]]:
    """The 5 nearest words at the start, after the first epoch, half-way and at the end."""
    epochs = sorted({0, 1, max(1, run.epochs // 2), run.epochs})
    return {
        ("start" if e == 0 else f"epoch {e}"): [f"{n.text} ({n.score:.2f})" for n in run.neighbors(word, epoch=e)]
        for e in epochs
    }


def pair_table(sentence: str, window: int, run: ec.TrainingRun, negative: int) -> list[dict[str, str]]:
    """The sentence's (centre, context) pairs, each with `negative` noise words drawn as word2vec does."""
    counts = dict(zip(run.words, run.counts.tolist(), strict=True))
    rows = []
    for i, (centre, context) in enumerate(ec.training_pairs(sentence, window=window)):
        noise = ec.negative_samples(counts, negative=negative, exclude=[context], random_state=i)
        rows.append(
            {"centre word": centre, "context word (score up)": context, "noise words (score down)": ", ".join(noise)}
        )
    return rows


@cached(kind="data", max_entries=16, ttl=3600)
def contrastive(pair_set: str, steps: int, rate: float) -> ec.ContrastiveRun:
    """A few steps of contrastive training on a copy of the bundled MiniLM (the shared one is never changed)."""
    pairs = ec.contrastive_pairs()[pair_set].pairs
    return ec.contrastive_finetune(get_model("minilm"), pairs, steps=steps, learning_rate=rate, random_state=0)


def seed_comparison(run: ec.TrainingRun, corpus: str) -> ec.RunComparison:
    """This run against the same training with the next seed."""
    p = run.params
    other = train(corpus, p["sg"], p["vector_size"], p["window"], p["negative"], p["epochs"], p["random_state"] + 1)
    return ec.compare_runs(run, other)


def loss_drop(run: ec.TrainingRun) -> float:
    """How much lower the last epoch's loss is than the first's, as a share."""
    return float(1 - run.losses[-1] / run.losses[0]) if run.losses[0] else float("nan")
