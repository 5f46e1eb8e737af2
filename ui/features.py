"""The "Embeddings as features" page's app side: its inputs, its feature kinds and its caches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import embedding_core as ec

from .cache import cached, embed, get_model
from .params import Param, Text
from .sources import Owner, Source, builtin_vectors, upload_vectors, uploads

TFIDF = "TF-IDF (word counts)"
BUNDLED = ("minilm", "glove-50d")

TEST_SIZE = Param(
    "features_test_size",
    0.25,
    ec.FEATURE_CONSTRAINTS["test_size"],
    "Held out for testing",
    "The share of texts the classifier never sees in training; accuracy is measured on them.",
)
SEED = Param(
    "features_seed",
    0,
    ec.FEATURE_CONSTRAINTS["random_state"],
    "Seed of the split",
    "Which texts are held out: the same seed gives the same split, for every feature kind.",
)
ZERO_SHOT = Param(
    "features_zero_shot",
    "descriptions",
    ec.Options(("names", "descriptions")),
    "Compare each text with",
    "Zero-shot: no training; each text gets the label whose own embedding is closest.",
    format_func={"names": "the label's name", "descriptions": "a one-line description of the label"}.get,
)
TRY_TEXT = Param(
    "features_try",
    ec.lesson_text("features", "try_example"),
    Text(max_chars=200),
    "Type a text to classify",
    "Any text: each trained classifier says which label it fits, and how sure it is.",
)


def kinds(source: Source) -> dict[str, str]:
    """Feature kind label → model name ("" for TF-IDF): the sidebar's model, the bundled ones, TF-IDF."""
    names = [source.model] + [m for m in BUNDLED if m != source.model]
    out = {_kind_label(m): m for m in names}
    out[TFIDF] = ""
    return out


def kind_name(model: str) -> str:
    """A short name of a model's features: "MiniLM", "GloVe mean", or the model's label."""
    return "GloVe mean" if model == "glove-50d" else ec.model_label(model).split(" (")[0]


_kind_label = kind_name


def vectors(source: Source, model: str) -> np.ndarray:
    """The source's texts as `model`'s vectors (cached where the source's vectors are)."""
    if model == source.model:
        return source.vectors
    if source.kind == "builtin":
        return builtin_vectors(source.id, model)
    if source.kind == "upload":
        return upload_vectors(uploads()[source.id.removeprefix("upload:")], get_model(model))
    return _vectors_of(model, list(source.texts))


def owner_of(source: Source, model: str) -> Owner:
    """Whose result a classifier on these features is (TF-IDF results follow the source itself)."""
    return Owner(source.kind, model or source.model, source.id)


@cached(kind="data", model_arg="owner", max_entries=16, ttl=3600)
def tfidf(owner: Owner, texts: tuple[str, ...]) -> ec.TfidfFeatures:
    """TF-IDF features of the texts, fitted once per source."""
    return ec.tfidf_features(list(texts))


def _matrix(owner: Owner, texts: tuple[str, ...], x: np.ndarray | None):
    return tfidf(owner, texts).matrix if x is None else x


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def classify(
    owner: Owner,
    texts: tuple[str, ...],
    labels: tuple[str, ...],
    x: np.ndarray | None,
    test_size: float,
    seed: int,
) -> ec.ClassifierResult:
    """`ec.train_classifier` on one feature kind (`x`, or TF-IDF of `texts` when None), cached."""
    return ec.train_classifier(_matrix(owner, texts, x), list(labels), test_size=test_size, random_state=seed)


@cached(kind="data", model_arg="owner", max_entries=32, ttl=3600)
def curve(
    owner: Owner,
    texts: tuple[str, ...],
    labels: tuple[str, ...],
    x: np.ndarray | None,
    test_size: float,
    seed: int,
) -> ec.LearningCurve:
    """`ec.learning_curve` over 1, 2, 5, 10, 20 and all examples per class, cached."""
    return ec.learning_curve(_matrix(owner, texts, x), list(labels), test_size=test_size, random_state=seed)


def label_texts(source: Source, classes: list[str], mode: str) -> tuple[list[str], str]:
    """What zero-shot compares with: the label names, or their descriptions where the dataset has them."""
    if mode == "descriptions" and source.kind == "builtin":
        try:
            described = ec.label_descriptions(source.id)
        except ec.InvalidParameterError:
            described = {}
        if all(c in described for c in classes):
            return [described[c] for c in classes], ""
    note = "" if mode == "names" else "This data has no label descriptions, so the label names are used."
    return list(classes), note


def _vectors_of(model: str, texts: list[str]) -> np.ndarray:
    """New texts (labels, a typed text) as `model`'s vectors; a word model skips unknown words."""
    found = get_model(model)
    if isinstance(found, ec.WordEmbedder):
        return ec.word_mean_features(found, texts)
    return embed(model, tuple(texts))


@dataclass(frozen=True)
class ZeroShot:
    """Zero-shot predictions (indices into the classes) and their accuracy, or why there are none."""

    predicted: list[int]
    held_out: float = 0.0
    overall: float = 0.0
    error: str = ""


def zero_shot(source: Source, classes: list[str], label_list: list[str], test_index: np.ndarray) -> ZeroShot:
    """The closest label (by cosine, with the source's model) of every text, scored on all and held-out texts."""
    try:
        predicted = ec.zero_shot(source.vectors, _vectors_of(source.model, label_list))
    except ec.EmbeddingCoreError as err:  # e.g. a label a word model knows no word of
        return ZeroShot([], error=str(err))
    labels = source.labels or []
    right = np.array([classes[p] == y for p, y in zip(predicted, labels, strict=True)])
    return ZeroShot(predicted, float(right[test_index].mean()), float(right.mean()))


def zero_shot_table(
    classes: list[str], label_list: list[str], labels: tuple[str, ...], predicted: list[int]
) -> pd.DataFrame:
    """One row per label: what it is compared with, how many texts it has and how many zero-shot gets right."""
    truth = np.asarray(labels, dtype=object)
    guess = np.asarray([classes[p] for p in predicted], dtype=object)
    return pd.DataFrame(
        {
            "label": classes,
            "compared with": label_list,
            "texts": [int((truth == c).sum()) for c in classes],
            "right": [int(((truth == c) & (guess == c)).sum()) for c in classes],
        }
    )


def try_probabilities(
    source: Source,
    kinds: dict[str, str],
    features: dict[str, tuple[Owner, np.ndarray | None]],
    results: dict[str, ec.ClassifierResult],
    text: str,
) -> dict[str, np.ndarray]:
    """Each trained classifier's probabilities for one typed text."""
    out = {}
    for name, model in kinds.items():
        owner = features[name][0]
        x = _vectors_of(model, [text]) if model else tfidf(owner, tuple(source.texts)).transform([text])
        out[name] = results[name].predict_proba(x)[0]
    return out


def first_liked(source: Source) -> list[int]:
    """The recommender's first pick: the first two texts of the first label."""
    labels = source.labels or []
    return [i for i, y in enumerate(labels) if labels and y == labels[0]][:2]


def _hits_table(source: Source, hits: list[ec.SearchHit]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [source.texts[h.index] for h in hits],
            "label": [source.labels[h.index] if source.labels else "" for h in hits],
            "score": [round(h.score, 3) for h in hits],
        }
    )


def recommendations(
    source: Source, liked: list[int], disliked: list[int], features: dict[str, tuple[Owner, np.ndarray | None]]
) -> list[tuple[str, pd.DataFrame]]:
    """The 10 best texts by meaning (the source's vectors) and by words (TF-IDF rows), liked ones left out."""
    seen = liked + disliked
    x = source.vectors
    by_meaning = ec.recommend(x[liked], x[disliked] if disliked else None, x, top_k=10, exclude=seen)
    words = tfidf(features[TFIDF][0], tuple(source.texts)).matrix
    try:
        by_words = ec.recommend(words[liked], words[disliked] if disliked else None, words, top_k=10, exclude=seen)
    except ec.EmbeddingCoreError:  # the liked texts share no word with the vocabulary
        by_words = []
    return [
        (f"By meaning ({kind_name(source.model)})", _hits_table(source, by_meaning)),
        ("By words (TF-IDF)", _hits_table(source, by_words)),
    ]
