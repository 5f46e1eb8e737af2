"""Embeddings as features: train a classifier on them, and see how many examples it needs.

An embedding is a list of numbers that other models can use as input. A logistic regression
trained on MiniLM vectors learns the job categories from a few examples each, because similar
postings already sit close together; on TF-IDF features (which words occur, weighted by rarity) it
needs more examples to learn which words matter. Classifying with no training at all (zero-shot)
and recommending are in `embedding_core.recommend`.

Example:
    >>> res = train_classifier(x, labels)
    >>> res.accuracy, res.predict(model.embed(["a python developer"]))
    (0.878..., ['software'])
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._linalg import one_thread
from ._validate import Interval, Options, check, message
from .datasets import DATA_DIR
from .errors import EmbeddingCoreError, EmptyInputError, InvalidParameterError
from .models import Embedder, WordEmbedder

__all__ = [
    "CLASSIFIER_METHODS",
    "FEATURE_CONSTRAINTS",
    "MAX_CLASSES",
    "SHOTS",
    "ClassifierResult",
    "LabelError",
    "LearningCurve",
    "TfidfFeatures",
    "label_descriptions",
    "learning_curve",
    "tfidf_features",
    "train_classifier",
    "word_mean_features",
]

ClassifierMethod = Literal["logreg", "knn"]
CLASSIFIER_METHODS: tuple[ClassifierMethod, ...] = ("logreg", "knn")
#: More classes than this make a confusion matrix unreadable and a learning curve slow.
MAX_CLASSES = 50
#: The examples per class of the learning curve; ``"all"`` is the whole training split.
SHOTS: tuple[int | str, ...] = (1, 2, 5, 10, 20, "all")

FEATURE_CONSTRAINTS = {
    "method": Options(CLASSIFIER_METHODS),
    # Below 10 % the held-out score rests on a handful of texts; above 50 % too little is left to learn from.
    "test_size": Interval(0.1, 0.5, step=0.05),
    "random_state": Interval(0, 2**31 - 1, integer=True, slider=(0, 100)),
    "repeats": Interval(1, 10, integer=True),
    "top_k": Interval(1, math.inf, integer=True, slider=(1, 50)),
}

#: Logistic regression's options, fixed so a result is reproducible (lbfgs is deterministic).
#: C=10 regularises lightly: unit-length embeddings have small coordinates, and C=1 underfits them.
_LOGREG = {"C": 10.0, "max_iter": 2000}
_KNN_NEIGHBORS = 5


class LabelError(EmbeddingCoreError):
    """Labels cannot be learned from: one class only, a class with one example, numbers, blanks."""


def _check_labels(labels: Sequence[Any], n: int) -> np.ndarray:
    """The labels as an array of strings, after the checks every trained method needs."""
    if isinstance(labels, str):
        raise LabelError(message("labels", "one label per text", labels[:30], "Pass a list of labels."))
    values = list(labels)
    if len(values) != n:
        raise LabelError(
            message("labels", f"one label per row of `x` ({n})", f"{len(values)} labels", "Pass one label per text.")
        )
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
            raise LabelError(
                message(f"labels[{i}]", "a category name", value, "Give every row a label, or drop unlabelled rows.")
            )
    if all(_is_number(v) for v in values):
        examples = ", ".join(str(v) for v in list(dict.fromkeys(values))[:3])
        raise LabelError(
            message(
                "labels",
                "category names, not numbers",
                f"numbers such as {examples}",
                "A numeric column (a price, a score, an id) is not a category: pick the column of category names, "
                "or write the numbers as names ('3 stars').",
            )
        )
    out = np.array([str(v).strip() for v in values], dtype=object)
    counts = Counter(out.tolist())
    if len(counts) < 2:
        raise LabelError(
            message(
                "labels",
                "at least 2 different classes",
                f"1 class ({next(iter(counts))!r})",
                "A classifier chooses between classes: add texts of another class, or pick another label column.",
            )
        )
    if len(counts) > MAX_CLASSES:
        raise LabelError(
            message(
                "labels",
                f"at most {MAX_CLASSES} classes",
                f"{len(counts)} classes",
                "Pick a column with fewer categories, or merge rare ones.",
            )
        )
    single = sorted(c for c, k in counts.items() if k < 2)
    if single:
        names = ", ".join(repr(c) for c in single[:5]) + (" …" if len(single) > 5 else "")
        raise LabelError(
            message(
                "labels",
                "at least 2 examples of every class (one to learn from, one to test on)",
                f"one example of {names}",
                "Add more examples of those classes, or drop their rows.",
            )
        )
    return out


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | np.number):
        return True
    try:
        float(str(value).replace(",", ""))
    except ValueError:
        return False
    return True


def feature_matrix(x: Any, *, name: str = "x") -> Any:
    """`x` as a float32 array (or a scipy sparse matrix, kept sparse) of shape ``(n, dim)``."""
    from scipy import sparse

    if sparse.issparse(x):
        out = sparse.csr_matrix(x, dtype=np.float32)
        if out.shape[0] == 0 or out.shape[1] == 0:
            raise EmptyInputError(message(name, "a non-empty matrix", f"shape {out.shape}", "Pass one row per text."))
        return out
    arr = np.asarray(x, dtype=np.float32)
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InvalidParameterError(
            message(name, "a 2D array of shape (n, dim)", f"shape {arr.shape}", "Pass one row per text.")
        )
    if not np.isfinite(arr).all():
        raise InvalidParameterError(message(name, "finite numbers", "NaN or infinite values", "Fix those rows."))
    return arr


def _estimator(method: ClassifierMethod, n_train: int) -> Any:
    if method == "logreg":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(**_LOGREG)
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(n_neighbors=min(_KNN_NEIGHBORS, n_train), metric="cosine")


def _fit(estimator: Any, x: Any, y: np.ndarray) -> Any:
    """Fit on one thread (the caller holds `one_thread`): small fits are faster so on a shared CPU."""
    return estimator.fit(x, y)


def _split(labels: np.ndarray, test_size: float, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.model_selection import train_test_split

    n, n_classes = len(labels), len(set(labels.tolist()))
    n_test = math.ceil(test_size * n)
    if n_test < n_classes or n - n_test < n_classes:
        need = math.ceil(n_classes / test_size)
        raise LabelError(
            message(
                "labels",
                f"enough rows for {n_classes} classes in both the training and the test part",
                f"{n} rows, so {n_test} test rows",
                f"Use at least {need} rows, raise `test_size`, or use fewer classes.",
            )
        )
    train, test = train_test_split(np.arange(n), test_size=test_size, random_state=random_state, stratify=labels)
    return np.sort(train), np.sort(test)


@dataclass(frozen=True, eq=False)
class ClassifierResult:
    """A classifier trained on one split, with its scores on the held-out part.

    Attributes:
        method: ``"logreg"`` (logistic regression) or ``"knn"`` (5 nearest neighbours by cosine).
        classes: the class names, sorted; the order of `confusion` and of `predict_proba`'s columns.
        accuracy: the share of held-out texts classified right.
        confusion: ``(n_classes, n_classes)`` counts; ``confusion[i, j]`` is how many held-out texts of
            class ``classes[i]`` were predicted as ``classes[j]``.
        report: one row per class (precision, recall, f1, support) on the held-out part.
        train_index, test_index: the rows of `x` in each part, ascending.
        test_predictions: the predicted label of each row of `test_index`.
        estimator: the fitted scikit-learn model.
    """

    method: ClassifierMethod
    classes: list[str]
    accuracy: float
    confusion: np.ndarray
    report: pd.DataFrame
    train_index: np.ndarray
    test_index: np.ndarray
    test_predictions: list[str]
    estimator: Any = field(repr=False)

    def predict(self, x: Any) -> list[str]:
        """The predicted class of each row of `x` (features made the same way as the training ones)."""
        return [str(c) for c in self.estimator.predict(self._check(x))]

    def predict_proba(self, x: Any) -> np.ndarray:
        """``(n, n_classes)`` probabilities, columns in the order of `classes`; each row sums to 1."""
        return np.asarray(self.estimator.predict_proba(self._check(x)), dtype=np.float64)

    def _check(self, x: Any) -> Any:
        arr = feature_matrix(x[None, :] if isinstance(x, np.ndarray) and x.ndim == 1 else x)
        expected = self.estimator.n_features_in_
        if arr.shape[1] != expected:
            raise InvalidParameterError(
                message(
                    "x",
                    f"rows of {expected} numbers, as in training",
                    f"{arr.shape[1]}",
                    "Make the features with the same model (or TF-IDF vocabulary) as the training ones.",
                )
            )
        return arr


def train_classifier(
    x: Any,
    labels: Sequence[Any],
    *,
    method: ClassifierMethod = "logreg",
    test_size: float = 0.25,
    random_state: int = 0,
) -> ClassifierResult:
    """Train a classifier on features `x` and score it on a held-out part.

    The rows are split once, stratified by label and seeded (scikit-learn's ``train_test_split``),
    so every feature kind (MiniLM, GloVe mean, TF-IDF) is scored on the same held-out texts.

    Args:
        x: ``(n, dim)`` features (an array, or the sparse matrix of `tfidf_features`).
        labels: ``n`` class names.
        method: ``"logreg"`` (logistic regression, C=10) or ``"knn"`` (5 nearest neighbours by cosine).
        test_size: the share of rows held out for testing (0.1 to 0.5).
        random_state: the seed of the split.

    Returns:
        A `ClassifierResult`.

    Raises:
        LabelError: one class, a class with one example, numeric or blank labels, too few rows.
        InvalidParameterError: a parameter out of range, or `x` not a finite 2D array.
    """
    method = check("method", method, FEATURE_CONSTRAINTS["method"])
    test_size = check("test_size", test_size, FEATURE_CONSTRAINTS["test_size"])
    random_state = check("random_state", random_state, FEATURE_CONSTRAINTS["random_state"])
    feats = feature_matrix(x)
    y = _check_labels(labels, feats.shape[0])
    train, test = _split(y, test_size, random_state)
    from sklearn.metrics import classification_report, confusion_matrix

    with one_thread():
        estimator = _fit(_estimator(method, len(train)), feats[train], y[train])
        predicted = estimator.predict(feats[test])
    classes = [str(c) for c in estimator.classes_]
    confusion = confusion_matrix(y[test], predicted, labels=estimator.classes_)
    raw = classification_report(y[test], predicted, labels=estimator.classes_, output_dict=True, zero_division=0)
    report = pd.DataFrame(
        [{"class": c, **{k: raw[c][k] for k in ("precision", "recall", "f1-score", "support")}} for c in classes]
    ).rename(columns={"f1-score": "f1"})
    report["support"] = report["support"].astype(int)
    return ClassifierResult(
        method,
        classes,
        float(np.mean(predicted == y[test])),
        confusion,
        report,
        train,
        test,
        [str(p) for p in predicted],
        estimator,
    )


@dataclass(frozen=True)
class LearningCurve:
    """Held-out accuracy against the number of training examples per class.

    Attributes:
        shots: the examples per class asked for (``"all"``: the whole training split).
        n_train: the mean number of training texts used at each point (a class with fewer
            training texts than asked gives all it has).
        accuracy: ``(len(shots),)`` mean held-out accuracy over the repeats.
        accuracy_std: ``(len(shots),)`` its standard deviation (0 for ``"all"``: one draw only).
        scores: ``(len(shots), repeats)`` the accuracy of each draw (``"all"`` repeats its one score).
        n_test: the size of the held-out part, the same at every point.
    """

    shots: tuple[int | str, ...]
    n_train: tuple[float, ...]
    accuracy: np.ndarray
    accuracy_std: np.ndarray
    scores: np.ndarray
    n_test: int

    def frame(self) -> pd.DataFrame:
        """One row per point: shots, n_train, accuracy, accuracy_std."""
        return pd.DataFrame(
            {
                "shots": [str(s) for s in self.shots],
                "n_train": self.n_train,
                "accuracy": self.accuracy,
                "accuracy_std": self.accuracy_std,
            }
        )


def _check_shots(shots: Sequence[int | str]) -> tuple[int | str, ...]:
    if isinstance(shots, str) or not len(shots):
        raise InvalidParameterError(
            message("shots", "a list of examples per class", shots, "Pass e.g. [1, 2, 5, 10, 20, 'all'].")
        )
    out: list[int | str] = []
    for s in shots:
        if s == "all":
            out.append("all")
        else:
            out.append(check("shots", s, Interval(1, 10_000, integer=True)))
    return tuple(out)


def learning_curve(
    x: Any,
    labels: Sequence[Any],
    *,
    shots: Sequence[int | str] = SHOTS,
    random_state: int = 0,
    method: ClassifierMethod = "logreg",
    test_size: float = 0.25,
    repeats: int = 3,
) -> LearningCurve:
    """Accuracy on a fixed held-out part when training on `shots` examples per class.

    The held-out part is the one `train_classifier` uses with the same `test_size` and
    `random_state`. For each point, `repeats` seeded draws of that many training texts per class
    are trained on and scored; the curve shows where embeddings win (few examples, because
    similar texts are already close) and where word counts catch up (many examples).

    Args:
        x: ``(n, dim)`` features; labels: ``n`` class names.
        shots: examples per class, whole numbers or ``"all"``.
        random_state: seeds the split and the draws.
        method, test_size: as in `train_classifier`.
        repeats: draws per point (1 to 10).

    Raises:
        LabelError, InvalidParameterError: as `train_classifier`.
    """
    method = check("method", method, FEATURE_CONSTRAINTS["method"])
    test_size = check("test_size", test_size, FEATURE_CONSTRAINTS["test_size"])
    random_state = check("random_state", random_state, FEATURE_CONSTRAINTS["random_state"])
    repeats = check("repeats", repeats, FEATURE_CONSTRAINTS["repeats"])
    points = _check_shots(shots)
    feats = feature_matrix(x)
    y = _check_labels(labels, feats.shape[0])
    train, test = _split(y, test_size, random_state)
    by_class = {c: train[y[train] == c] for c in sorted(set(y[train].tolist()))}
    scores = np.zeros((len(points), repeats))
    sizes: list[float] = []
    with one_thread():
        for p, s in enumerate(points):
            used = []
            for r in range(1 if s == "all" else repeats):
                if s == "all":
                    rows = train
                else:
                    rng = np.random.default_rng([random_state, int(s), r])
                    picks = [rng.choice(idx, size=min(int(s), len(idx)), replace=False) for idx in by_class.values()]
                    rows = np.sort(np.concatenate(picks))
                estimator = _fit(_estimator(method, len(rows)), feats[rows], y[rows])
                scores[p, r] = float(np.mean(estimator.predict(feats[test]) == y[test]))
                used.append(len(rows))
            if s == "all":  # one draw only: the whole training part
                scores[p, :] = scores[p, 0]
            sizes.append(float(np.mean(used)))
    return LearningCurve(points, tuple(sizes), scores.mean(axis=1), scores.std(axis=1), scores, len(test))


@dataclass(frozen=True, eq=False)
class TfidfFeatures:
    """TF-IDF features of a corpus, with the fitted vocabulary to make features of new texts.

    Attributes:
        matrix: ``(n, n_words)`` sparse, each row of length 1 (scikit-learn's TfidfVectorizer).
        vocabulary: the words, column by column.
    """

    matrix: Any
    vocabulary: list[str]
    vectorizer: Any = field(repr=False)

    def transform(self, texts: Sequence[str]) -> Any:
        """Features of other texts with the same vocabulary and weights (unknown words are dropped)."""
        if isinstance(texts, str):
            raise InvalidParameterError(message("texts", "a list of texts", texts[:30], "Wrap it in a list: [text]."))
        return self.vectorizer.transform([str(t) for t in texts])


def tfidf_features(texts: Sequence[str], *, min_df: int = 1) -> TfidfFeatures:
    """TF-IDF features: one column per word, weighted by how often it occurs and how rare it is.

    The vocabulary and IDF weights come from all `texts` (no labels are used), as an embedding model
    learned its vectors from its own corpus beforehand; a classifier still sees only its training labels.
    English stop words are dropped; words and numbers of one character count.

    Raises:
        EmptyInputError: no text has a word that is not a stop word.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if isinstance(texts, str):
        raise InvalidParameterError(message("texts", "a list of texts", texts[:30], "Wrap it in a list: [text]."))
    vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", stop_words="english", min_df=min_df)
    try:
        matrix = vectorizer.fit_transform([str(t) for t in texts]).astype(np.float32)
    except ValueError as err:
        raise EmptyInputError(
            "The texts have no words left once common words ('the', 'and') are dropped. Add texts with content words."
        ) from err
    return TfidfFeatures(matrix.tocsr(), vectorizer.get_feature_names_out().tolist(), vectorizer)


def word_mean_features(model: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Each text as the mean of its word vectors in a static word model (GloVe): ``(n, dim)``, unit rows.

    Unknown words are skipped; a text with no known word is a zero row (a classifier then sees no
    information in it, which is what a bag of unknown words carries).

    Raises:
        InvalidParameterError: `model` is not a word model.
    """
    if not isinstance(model, WordEmbedder):
        raise InvalidParameterError(
            message(
                "model", "a word model such as 'glove-50d'", model.name, "Load one with ec.load_model('glove-50d')."
            )
        )
    return model.embed(list(texts), skip_unknown=True)


def label_descriptions(dataset: str) -> dict[str, str]:
    """One-line descriptions of a built-in dataset's labels, for zero-shot classification.

    They live in ``data/label_descriptions.toml``, written for the app; each says what a text of
    that label is about without copying any text of the dataset.

    Raises:
        InvalidParameterError: the dataset has no descriptions.
    """
    with open(DATA_DIR / "label_descriptions.toml", "rb") as fh:
        table = tomllib.load(fh)
    if dataset not in table:
        valid = ", ".join(repr(k) for k in table)
        raise InvalidParameterError(message("dataset", f"one of {valid}", dataset, "Use the label names instead."))
    return {str(k): str(v) for k, v in table[dataset].items()}
