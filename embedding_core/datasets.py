"""The built-in datasets in `data/` and their precomputed MiniLM vectors.

Each dataset is a CSV with a text column and a label column (see data/README.md).
MiniLM vectors of every built-in dataset are precomputed in `data/embeddings/`
(rebuild with ``python -m data.build_embeddings``), so no dataset is embedded twice
and the first search answers at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InvalidParameterError
from .models import Embedder

__all__ = [
    "DATA_DIR",
    "Dataset",
    "Upload",
    "dataset_vectors",
    "list_datasets",
    "load_dataset",
    "load_precomputed",
    "make_dataset",
    "precomputed_path",
    "texts_fingerprint",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EMBEDDINGS_DIR = DATA_DIR / "embeddings"


@dataclass(frozen=True)
class _Spec:
    file: str
    label_column: str
    title: str
    description: str


_BUILTIN: dict[str, _Spec] = {
    "job_listings": _Spec(
        "job_listings.csv",
        "category",
        "Job listings",
        "Job postings in 12 categories, worded so that synonyms matter (title and description).",
    ),
    "sentence_sets": _Spec(
        "sentence_sets.csv",
        "topic",
        "Sentences by topic",
        "Short sentences in labelled topics, with paraphrase pairs and same-words-different-meaning pairs.",
    ),
    "word_sets": _Spec(
        "word_sets.csv",
        "category",
        "Words by category",
        "Single words in labelled categories (animals, fruits, countries, …), all known to GloVe.",
    ),
}


@dataclass(frozen=True, eq=False)
class Dataset:
    """A list of texts with optional labels, built in or uploaded.

    Attributes:
        name: a short id (``"job_listings"``) or the uploaded file's name.
        title: a human title for pickers.
        texts: the texts to embed, one per row.
        labels: one label per text (category, topic, …) or None.
        frame: the full table, one row per text, for display.
        text_column: the column of `frame` the texts come from (``"text"`` when derived).
        label_column: the column the labels come from, or None.
        vectors: vectors that come with the data (uploaded or precomputed), or None.
        vectors_model: the model name `vectors` were made with, or None when unknown (imported).
        description: one line on what the data is.
    """

    name: str
    title: str
    texts: list[str]
    labels: list[str] | None
    frame: pd.DataFrame
    text_column: str = "text"
    label_column: str | None = None
    vectors: np.ndarray | None = None
    vectors_model: str | None = None
    description: str = ""
    builtin: bool = field(default=False)

    def __len__(self) -> int:
        return len(self.texts)


def list_datasets() -> list[str]:
    """Names of the built-in datasets, e.g. ``["job_listings", "sentence_sets", "word_sets"]``."""
    return [name for name, spec in _BUILTIN.items() if (DATA_DIR / spec.file).exists()]


def _check_name(name: str) -> _Spec:
    if name not in _BUILTIN:
        valid = ", ".join(repr(n) for n in _BUILTIN)
        raise InvalidParameterError(f"There is no built-in dataset {name!r}. Pick one of {valid}.")
    return _BUILTIN[name]


def load_dataset(name: str) -> Dataset:
    """Load a built-in dataset by name.

    The job listings' text is ``"<title>. <description>"``; the other datasets use their
    ``word`` / ``text`` column as it is.

    Raises:
        InvalidParameterError: `name` is not a built-in dataset.
    """
    spec = _check_name(name)
    frame = pd.read_csv(DATA_DIR / spec.file, dtype=str, keep_default_na=False)
    if name == "job_listings":
        texts = (frame["title"].str.strip() + ". " + frame["description"].str.strip()).tolist()
        text_column = "text"
        frame = frame.assign(text=texts)
    else:
        text_column = "word" if "word" in frame.columns else "text"
        texts = frame[text_column].tolist()
    labels = frame[spec.label_column].tolist()
    return Dataset(
        name,
        f"{spec.title} ({len(texts)})",
        texts,
        labels,
        frame,
        text_column=text_column,
        label_column=spec.label_column,
        description=spec.description,
        builtin=True,
    )


def texts_fingerprint(texts: list[str]) -> str:
    """A SHA-256 of the texts, to tell whether precomputed vectors are still current."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def precomputed_path(name: str, model_name: str) -> Path:
    """Where the precomputed vectors of dataset `name` for `model_name` live."""
    return EMBEDDINGS_DIR / f"{name}__{model_name.replace('/', '_')}.npy"


def load_precomputed(dataset: Dataset, model_name: str) -> np.ndarray | None:
    path = precomputed_path(dataset.name, model_name)
    meta_path = path.with_suffix(".json")
    if not (dataset.builtin and path.exists() and meta_path.exists()):
        return None
    meta = json.loads(meta_path.read_text())
    if meta.get("fingerprint") != texts_fingerprint(dataset.texts):
        return None  # the CSV changed since the vectors were built: embed afresh
    vectors = np.load(path).astype(np.float32)
    return vectors if vectors.shape[0] == len(dataset.texts) else None


def dataset_vectors(dataset: Dataset, model: Embedder) -> np.ndarray:
    """The `(len(dataset), model.dim)` unit vectors of a dataset for `model`.

    Uses the vectors that come with the dataset when they were made with this model,
    else the precomputed file in `data/embeddings/`, else embeds the texts now. A word
    model skips words it does not know (a text with no known word gets a zero vector).
    """
    if dataset.vectors is not None and dataset.vectors_model in (None, model.name):
        return dataset.vectors
    pre = load_precomputed(dataset, model.name)
    if pre is not None:
        return pre
    return model.embed_all(dataset.texts)


@dataclass(frozen=True)
class Upload:
    """A person's data read from a file: a `Dataset` (``builtin=False``) and notes on what changed.

    The dataset's `vectors` are None until embedded (text uploads); imported vectors carry
    ``vectors_model=None`` because the model that made them is unknown.
    """

    dataset: Dataset
    notes: list[str] = field(default_factory=list)


def make_dataset(
    name: str,
    texts: list[str],
    labels: list[str] | None,
    frame: pd.DataFrame,
    text_column: str,
    label_column: str | None = None,
    vectors: np.ndarray | None = None,
) -> Dataset:
    """An uploaded `Dataset`, titled with its name and size."""
    kind = "vectors" if vectors is not None else "rows"
    return Dataset(
        name,
        f"{name} ({len(texts):,})",
        texts,
        labels,
        frame,
        text_column=text_column,
        label_column=label_column,
        vectors=vectors,
        description=f"Uploaded in this session: {len(texts):,} {kind}.",
    )
