"""Ready-made vectors in and out: ``.npy``, CSV/TSV of numbers, Parquet, Embedding Projector TSV.

Exports write float32 values with 9 significant digits, which is enough for every float32 to
read back bit for bit, so export → import gives identical vectors. Nothing touches the disk.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import PurePath

import numpy as np
import pandas as pd

from ..datasets import Upload, make_dataset
from ..errors import InvalidParameterError
from ..texts import clean_text
from ..vectors import as_matrix
from .formats import (
    DEFAULT_MAX_VECTORS,
    VECTOR_EXTENSIONS,
    FileFormatError,
    check_bytes,
    decode,
    delimited_rows,
    guess_delimiter,
    is_number,
    read_parquet,
    too_many,
)

__all__ = [
    "export_coordinates",
    "export_npy",
    "export_parquet",
    "export_projector",
    "export_vectors_csv",
    "read_vectors",
]

_FLOAT = "%.9g"  # round-trips float32 exactly


def _to_matrix(values: np.ndarray, filename: str) -> np.ndarray:
    if values.ndim != 2 or values.shape[0] == 0 or values.shape[1] == 0:
        raise FileFormatError(
            f"{filename!r} must hold a 2D table of numbers, one vector per row. Got shape {values.shape}. "
            "Save a matrix of shape (n, dim)."
        )
    if not np.issubdtype(values.dtype, np.number):
        raise FileFormatError(f"{filename!r} holds {values.dtype} values, not numbers. Save the vectors as floats.")
    bad = np.argwhere(~np.isfinite(values))
    if len(bad):
        r, c = bad[0]
        raise FileFormatError(
            f"{filename!r} has {len(bad)} empty, NaN or infinite value(s), first at row {r + 1}, value {c + 1}. "
            "Every vector must be complete: fix or remove those rows."
        )
    return values.astype(np.float32)


def _numeric_rows(rows: list[list[str]], filename: str) -> np.ndarray:
    widths = [len(r) for r in rows]
    if len(set(widths)) > 1:
        expected = max(set(widths), key=lambda w: (widths.count(w), w == widths[0]))
        odd = [(i, w) for i, w in enumerate(widths) if w != expected]
        where = ", ".join(f"row {i + 1} has {w}" for i, w in odd[:5])
        raise FileFormatError(
            f"{filename!r} has vectors of different lengths: most rows have {expected} values but {where}"
            f"{' …' if len(odd) > 5 else ''}. Every vector must have the same number of values: "
            "the file may be cut off or hold a stray separator; export it again."
        )
    try:
        return np.array([[float(v) if v.strip() else np.nan for v in r] for r in rows], dtype=np.float64)
    except ValueError as err:
        raise FileFormatError(
            f"{filename!r} holds a value that is not a number ({str(err).split(':')[-1].strip()}). "
            "A vectors file must be numbers only; put texts in metadata.tsv or a 'text' column."
        ) from err


def _read_metadata(data: bytes, filename: str, n: int) -> tuple[list[str], list[str] | None, pd.DataFrame]:
    text, _ = decode(data, filename)
    lines = [line for line in text.splitlines() if line.strip()]
    multi = bool(lines) and "\t" in lines[0]
    if multi:
        rows = delimited_rows("\n".join(lines), filename, "\t")
        frame = pd.DataFrame([r + [""] * (len(rows[0]) - len(r)) for r in rows[1:]], columns=rows[0])
    else:
        frame = pd.DataFrame({"text": lines})
    if len(frame) != n:
        raise FileFormatError(
            f"{filename!r} has {len(frame)} rows of metadata but there are {n} vectors. "
            "They must match one to one (a metadata file with several columns needs a header row)."
        )
    cols = list(frame.columns)
    text_col = "text" if "text" in cols else cols[0]
    label_col = "label" if "label" in cols else next((c for c in cols if c != text_col), None)
    labels = None if label_col is None else [clean_text(str(v)) for v in frame[label_col]]
    return [clean_text(str(v)) for v in frame[text_col]], labels, frame


def _split_table(frame: pd.DataFrame, filename: str) -> tuple[np.ndarray, pd.DataFrame]:
    numeric = [c for c in frame.columns if frame[c].dropna().map(is_number).all() and frame[c].notna().any()]
    meta = [c for c in frame.columns if c not in numeric]
    if not numeric:
        raise FileFormatError(f"{filename!r} has no columns of numbers. Upload vectors: one number per column.")
    values = frame[numeric].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    return values, frame[meta].astype(object)


def read_vectors(
    data: bytes,
    filename: str,
    *,
    metadata: bytes | None = None,
    metadata_name: str = "metadata.tsv",
    max_rows: int = DEFAULT_MAX_VECTORS,
) -> Upload:
    """Read vectors someone computed elsewhere.

    Args:
        data: the bytes of a ``.npy`` (2D, no pickles), a CSV/TSV of numbers (a header with
            ``text``/``label`` columns beside the numbers is fine; the Embedding Projector's
            ``vectors.tsv`` has no header) or a Parquet file of number columns.
        filename: its name.
        metadata: optional ``metadata.tsv`` (one text per line, or a header row then columns
            such as ``text``/``label``), one row per vector.
        max_rows: refuse more vectors than this.

    Returns:
        An `Upload` whose dataset has ``vectors_model=None`` (the model that made them is unknown).

    Raises:
        FileFormatError: rows of different lengths, NaN, text where numbers belong, metadata that
            does not match the vectors.
        TooManyRowsError: more than `max_rows` vectors.
    """
    kind, notes = check_bytes(data, filename, VECTOR_EXTENSIONS)
    meta = pd.DataFrame()
    if kind == "npy":
        try:
            values = np.load(io.BytesIO(data), allow_pickle=False)
        except Exception as err:  # noqa: BLE001 - numpy raises ValueError/EOFError on bad files
            raise FileFormatError(f"{filename!r} is not a readable .npy array ({err}). Save it with np.save.") from err
    elif kind == "parquet":
        values, meta = _split_table(read_parquet(data, filename), filename)
    else:
        text, more = decode(data, filename)
        notes += more
        if kind == "csv":  # a header row (texts) is checked against its rows; rows of numbers by `_numeric_rows`
            first = text.lstrip("\ufeff").split("\n", 1)[0]
            numbers = all(is_number(v) for v in first.split(guess_delimiter(text, kind)))
            rows = delimited_rows(text, filename, guess_delimiter(text, kind), header=not numbers)
        else:  # TSV: every line split on tabs, so widths can be checked row by row
            rows = [line.split("\t") for line in text.splitlines() if line.strip()]
        if rows and not all(is_number(v) for v in rows[0]):
            header, body = rows[0], rows[1:]
            if any(len(r) != len(header) for r in body):
                _numeric_rows(rows, filename)  # raises, naming the odd rows
            values, meta = _split_table(pd.DataFrame(body, columns=header).replace("", np.nan), filename)
        else:
            values = _numeric_rows(rows, filename)
    if values.ndim == 2 and len(values) > max_rows:
        raise too_many(filename, len(values), max_rows, "vectors")
    matrix = _to_matrix(np.asarray(values), filename)
    n = len(matrix)
    if n > 1 and not (matrix != matrix[0]).any():
        notes.append(
            f"All {n:,} vectors are the same, so a map, clusters and similarity have nothing to tell apart "
            "(those pages will say so). Check the file was exported from the right vectors."
        )
    labels: list[str] | None = None
    if metadata is not None:
        texts, labels, meta = _read_metadata(metadata, metadata_name, n)
    elif len(meta.columns):
        text_col = "text" if "text" in meta.columns else meta.columns[0]
        texts = [clean_text(str(v)) for v in meta[text_col].fillna("")]
        label_col = "label" if "label" in meta.columns else next((c for c in meta.columns if c != text_col), None)
        labels = None if label_col is None else [clean_text(str(v)) for v in meta[label_col].fillna("")]
    else:
        texts = [f"item {i + 1}" for i in range(n)]
        notes.append(f"No texts came with the vectors, so they are named item 1 … item {n}. Add a metadata.tsv.")
        meta = pd.DataFrame({"text": texts})
    text_column = "text" if "text" in meta.columns else str(meta.columns[0])
    label_column = None if labels is None else next((str(c) for c in meta.columns if c != text_column), None)
    name = PurePath(filename).stem
    frame = meta.reset_index(drop=True)
    return Upload(make_dataset(name, texts, labels, frame, text_column, label_column, matrix), notes)


def _meta_frame(n: int, texts: Sequence[str] | None, labels: Sequence[str] | None) -> pd.DataFrame:
    frame = pd.DataFrame(index=range(n))
    for name, values in (("text", texts), ("label", labels)):
        if values is not None:
            if len(values) != n:
                raise InvalidParameterError(
                    f"There are {n} vectors but {len(values)} {name}s. Pass one {name} per vector."
                )
            frame[name] = [clean_text(str(v)) for v in values]
    return frame


def export_vectors_csv(
    vectors: np.ndarray, texts: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> bytes:
    """CSV (UTF-8): ``text``, ``label`` (when given), then ``d0`` … ``d{dim-1}``, one row per vector."""
    x = as_matrix(vectors, name="vectors")
    frame = pd.concat([_meta_frame(len(x), texts, labels), _dims(x)], axis=1)
    return frame.to_csv(index=False, float_format=_FLOAT).encode("utf-8")


def _dims(x: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(x, columns=[f"d{i}" for i in range(x.shape[1])])


def export_npy(vectors: np.ndarray) -> bytes:
    """The vectors as a float32 ``.npy`` file (`np.load` reads it back)."""
    buf = io.BytesIO()
    np.save(buf, as_matrix(vectors, name="vectors"), allow_pickle=False)
    return buf.getvalue()


def export_parquet(
    vectors: np.ndarray, texts: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> bytes:
    """Parquet: ``text``, ``label`` (when given), then float32 columns ``d0`` … ``d{dim-1}``."""
    x = as_matrix(vectors, name="vectors")
    buf = io.BytesIO()
    pd.concat([_meta_frame(len(x), texts, labels), _dims(x)], axis=1).to_parquet(buf, index=False)
    return buf.getvalue()


def export_projector(
    vectors: np.ndarray, texts: Sequence[str], labels: Sequence[str] | None = None
) -> tuple[bytes, bytes]:
    """The TensorFlow Embedding Projector pair (projector.tensorflow.org → Load).

    Returns:
        ``(vectors.tsv, metadata.tsv)``: tab-separated numbers without a header; one text per line,
        or a header ``text<TAB>label`` then both columns when labels are given.
    """
    x = as_matrix(vectors, name="vectors")
    meta = _meta_frame(len(x), texts, labels)
    buf = io.StringIO()
    np.savetxt(buf, x, fmt=_FLOAT, delimiter="\t")
    if labels is None:
        metadata = "".join(f"{t}\n" for t in meta["text"])
    else:
        pairs = zip(meta["text"], meta["label"], strict=True)
        metadata = "text\tlabel\n" + "".join(f"{t}\t{lab}\n" for t, lab in pairs)
    return buf.getvalue().encode("utf-8"), metadata.encode("utf-8")


def export_coordinates(coords: np.ndarray, texts: Sequence[str], labels: Sequence[str] | None = None) -> bytes:
    """CSV of 2D or 3D map positions: ``x``, ``y`` (``z``), ``text``, ``label`` (when given)."""
    c = as_matrix(coords, name="coords")
    if c.shape[1] not in (2, 3):
        raise InvalidParameterError(f"`coords` must have 2 or 3 columns. Got {c.shape[1]}. Pass map positions.")
    frame = pd.DataFrame(c, columns=["x", "y", "z"][: c.shape[1]])
    frame = pd.concat([frame, _meta_frame(len(c), texts, labels)], axis=1)
    return frame.to_csv(index=False, float_format=_FLOAT).encode("utf-8")
