"""Reading a person's own files (texts or ready-made vectors) and writing vectors back out.

Everything works on bytes in memory: nothing is written to disk. Each reader returns the data
plus plain-language `notes` on what it changed, and refuses a file it cannot read with a
`FileFormatError` that names the problem and the fix.

Text tables: CSV, TSV, TXT (one item per line), Excel (.xlsx) and Parquet.
Vectors: ``.npy``, CSV/TSV of numbers (optionally with text and label columns), Parquet,
and the TensorFlow Embedding Projector pair ``vectors.tsv`` + ``metadata.tsv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import pandas as pd

from .datasets import Dataset
from .errors import EmbeddingCoreError, EmptyInputError, InvalidParameterError
from .texts import MAX_TEXT_CHARS, clean_text

__all__ = [
    "DEFAULT_MAX_ROWS",
    "NO_LABEL",
    "TABLE_EXTENSIONS",
    "VECTOR_EXTENSIONS",
    "FileFormatError",
    "TooManyRowsError",
    "Upload",
    "UploadedTable",
    "read_table",
    "make_dataset",
    "table_texts",
]

#: Rows accepted by default: about a minute of MiniLM on a shared 2-core server.
DEFAULT_MAX_ROWS = 5_000
TABLE_EXTENSIONS = ("csv", "tsv", "txt", "xlsx", "parquet")
VECTOR_EXTENSIONS = ("npy", "csv", "tsv", "parquet")
NO_LABEL = "(no label)"

_MAGIC = {
    b"PK\x03\x04": "xlsx",
    b"PAR1": "parquet",
    b"\x93NUMPY": "npy",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office file (.xls or .doc)",
    b"\x1f\x8b": "a gzip archive",
}


class FileFormatError(EmbeddingCoreError):
    """An uploaded file cannot be read: wrong format, broken rows, no text, ..."""


class TooManyRowsError(FileFormatError):
    """A file has more rows than the limit."""


@dataclass(frozen=True)
class UploadedTable:
    """A table read from a file, before a text column is chosen.

    Attributes:
        frame: every column as read.
        text_columns: columns that hold text, the most likely text column first.
        label_columns: the other columns, those that look like categories first.
        notes: what the reader changed or noticed.
    """

    frame: pd.DataFrame
    text_columns: list[str]
    label_columns: list[str]
    notes: list[str] = field(default_factory=list)


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


def _extension(filename: str) -> str:
    return PurePath(filename).suffix.lower().lstrip(".")


def _check_bytes(data: bytes, filename: str, allowed: Sequence[str]) -> tuple[str, list[str]]:
    """The format to read `data` as (from its content when that disagrees with its name)."""
    ext = _extension(filename)
    if ext not in allowed:
        raise FileFormatError(
            f"{filename!r} is not a file type this page reads. Got '.{ext}'. "
            f"Use one of: {', '.join('.' + a for a in allowed)} (save an old .xls as .xlsx or CSV)."
        )
    if not data or not data.strip():
        raise FileFormatError(f"{filename!r} is empty (no text at all). Check you picked the right file.")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            if kind == ext:
                return ext, []
            if kind in allowed:
                return kind, [f"{filename!r} is named .{ext} but is really a .{kind} file; it was read as .{kind}."]
            raise FileFormatError(
                f"{filename!r} is named .{ext} but is really {kind}, not a table of text. "
                "Export your data as CSV (or .xlsx) and upload that file."
            )
    if ext in ("xlsx", "parquet", "npy"):
        raise FileFormatError(
            f"{filename!r} is not a valid .{ext} file (its first bytes are wrong). "
            "It may be damaged or renamed: save it again from the program that made it."
        )
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileFormatError(
            f"{filename!r} is a binary file, not text, although it is named .{ext}. "
            "Open it in the program that made it and export it as CSV (UTF-8)."
        )
    return ext, []


def _decode(data: bytes, filename: str) -> tuple[str, list[str]]:
    """Text of `data`: UTF-8 (with or without BOM) or UTF-16, else Windows-1252 / Latin-1 with a note."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = next((w for w in text.split() if not w.isascii()), "")[:30]
    example = f" (for example {sample!r})" if sample else ""
    return text, [
        f"{filename!r} is not UTF-8, so it was read as Latin-1 (Windows-1252). Check the accented letters look "
        f"right{example}; to be sure, save the file as 'CSV UTF-8' and upload it again."
    ]


def _too_many(filename: str, rows: int, max_rows: int, unit: str = "rows") -> TooManyRowsError:
    return TooManyRowsError(
        f"{filename!r} has {rows:,} {unit}; the limit is {max_rows:,} (embedding more takes minutes on this "
        f"shared server). Keep the first {max_rows:,}: delete the rest in a spreadsheet, or run "
        f"`head -n {max_rows + 1} file.csv > smaller.csv`; or take a random sample in pandas: "
        f"`df.sample({max_rows}, random_state=0).to_csv('smaller.csv', index=False)`."
    )


def _delimited_rows(text: str, filename: str, delimiter: str) -> list[list[str]]:
    """Rows of a CSV/TSV; refuses rows with more fields than the header, naming them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    long_rows: list[tuple[int, int]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if rows and len(row) > len(rows[0]):
                long_rows.append((reader.line_num, len(row)))
            rows.append(row)
    except csv.Error as err:
        raise FileFormatError(
            f"{filename!r} cannot be read as a table near line {reader.line_num}: {err}. "
            "Check that quotes are closed, or save the file again as CSV UTF-8."
        ) from err
    if long_rows:
        where = ", ".join(f"line {line} has {n}" for line, n in long_rows[:5])
        more = f" (and {len(long_rows) - 5} more lines)" if len(long_rows) > 5 else ""
        sep = "tab" if delimiter == "\t" else repr(delimiter)
        raise FileFormatError(
            f"{filename!r} has rows with more fields than its header ({len(rows[0])}): {where}{more}. "
            f"Usually a text holds an unquoted {sep}: put such texts in double quotes, "
            "or export the file again from a spreadsheet, which quotes them for you."
        )
    return rows


def _guess_delimiter(text: str, ext: str) -> str:
    if ext == "tsv":
        return "\t"
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return max([",", ";", "\t"], key=first.count) if any(c in first for c in ",;\t") else ","


def _is_number(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def _classify_columns(frame: pd.DataFrame, filename: str) -> tuple[list[str], list[str]]:
    text_cols = []
    for col in frame.columns:
        values = frame[col].dropna()
        if len(values) and not values.map(_is_number).all():
            text_cols.append(col)
    if not text_cols:
        raise FileFormatError(
            f"{filename!r} has no column of text: every column ({', '.join(map(str, frame.columns[:6]))}"
            f"{', …' if len(frame.columns) > 6 else ''}) holds numbers only. Upload a file with a column of "
            "words or sentences, or, if these numbers are embeddings, use 'Import vectors' instead."
        )
    lengths = {c: frame[c].dropna().astype(str).str.len().mean() for c in text_cols}
    text_cols.sort(key=lambda c: -lengths[c])
    n = len(frame)
    others = [c for c in frame.columns if c != text_cols[0]]
    others.sort(key=lambda c: not (2 <= frame[c].nunique() <= max(2, min(50, n // 2))))
    return [str(c) for c in text_cols], [str(c) for c in others]


def read_table(data: bytes, filename: str, *, max_rows: int = DEFAULT_MAX_ROWS) -> UploadedTable:
    """Read an uploaded CSV, TSV, TXT, Excel or Parquet file of texts.

    Args:
        data: the file's bytes.
        filename: its name; the extension picks the reader (the content wins when they disagree).
        max_rows: refuse files with more rows than this.

    Raises:
        FileFormatError: empty, binary, broken or text-less file (the message says how to fix it).
        TooManyRowsError: more than `max_rows` rows (the message says how to cut the file).
    """
    if max_rows < 1:
        raise InvalidParameterError(f"`max_rows` must be at least 1. Got {max_rows}. Use 5,000 or so.")
    kind, notes = _check_bytes(data, filename, TABLE_EXTENSIONS)
    if kind == "xlsx":
        frame = _read_excel(data, filename, notes)
    elif kind == "parquet":
        frame = _read_parquet(data, filename)
    else:
        text, more = _decode(data, filename)
        notes += more
        if kind == "txt":
            lines = text.splitlines()
            items = [line for line in lines if line.strip()]
            if len(items) > max_rows:
                raise _too_many(filename, len(items), max_rows, "lines")
            if len(items) < len(lines):
                notes.append(f"Skipped {len(lines) - len(items)} blank line(s).")
            frame = pd.DataFrame({"text": items})
        else:
            rows = _delimited_rows(text, filename, _guess_delimiter(text, kind))
            if len(rows) - 1 > max_rows:
                raise _too_many(filename, len(rows) - 1, max_rows)
            frame = _frame_from_rows(rows, filename, notes)
    if frame.empty:
        raise FileFormatError(f"{filename!r} has column names but no rows. Add rows of text below the header.")
    if len(frame) > max_rows:
        raise _too_many(filename, len(frame), max_rows)
    frame.columns = [str(c) for c in frame.columns]
    text_cols, label_cols = _classify_columns(frame, filename)
    return UploadedTable(frame.reset_index(drop=True), text_cols, label_cols, notes)


def _frame_from_rows(rows: list[list[str]], filename: str, notes: list[str]) -> pd.DataFrame:
    header, body = rows[0], rows[1:]
    width = len(header)
    short = sum(len(r) < width for r in body)
    if short:
        notes.append(f"{short} row(s) have fewer fields than the header; their missing cells are left empty.")
    names = [h.strip() or f"column {i + 1}" for i, h in enumerate(header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name} ({seen[name]})"
    cells = [r + [""] * (width - len(r)) for r in body]
    frame = pd.DataFrame(cells, columns=names, dtype=object).replace(r"^\s*$", np.nan, regex=True)
    return frame


def _read_excel(data: bytes, filename: str, notes: list[str]) -> pd.DataFrame:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = book.sheetnames
        book.close()
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0, engine="openpyxl")
    except Exception as err:  # noqa: BLE001 - zipfile, openpyxl and pandas raise many kinds
        raise FileFormatError(
            f"{filename!r} cannot be read as an Excel workbook ({type(err).__name__}). "
            "Open it in a spreadsheet program and save it again as .xlsx or CSV."
        ) from err
    if len(sheets) > 1:
        notes.append(f"Read the first sheet, {sheets[0]!r}, of {len(sheets)}. Move your data there to use another.")
    return frame.dropna(how="all")


def _read_parquet(data: bytes, filename: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - pyarrow raises several error types
        raise FileFormatError(
            f"{filename!r} cannot be read as Parquet ({type(err).__name__}). Save it again, or upload a CSV."
        ) from err


def _rows_list(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r + 1) for r in rows[:5])
    return shown + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")


def table_texts(
    table: UploadedTable | pd.DataFrame,
    text_column: str,
    *,
    label_column: str | None = None,
    name: str = "my data",
) -> Upload:
    """Take the texts (and optional labels) out of a table, cleaned, with notes on every change.

    Rows whose text cell is empty are left out; empty label cells become "(no label)".

    Raises:
        InvalidParameterError: an unknown column, or the same column for text and label.
        EmptyInputError: no row has any text.
    """
    frame = table.frame if isinstance(table, UploadedTable) else table
    notes = list(table.notes) if isinstance(table, UploadedTable) else []
    for col in (text_column, label_column):
        if col is not None and col not in frame.columns:
            raise InvalidParameterError(
                f"There is no column {col!r}. Got columns {', '.join(map(repr, frame.columns))}. Pick one of them."
            )
    if label_column == text_column:
        raise InvalidParameterError(
            f"The label column must differ from the text column. Got {text_column!r} for both. Pick another label."
        )
    raw = frame[text_column]
    texts = [clean_text(str(v)) if pd.notna(v) else "" for v in raw]
    keep = [i for i, t in enumerate(texts) if t]
    if not keep:
        raise EmptyInputError(f"Column {text_column!r} has no text in any row. Pick the column that holds your texts.")
    if len(keep) < len(texts):
        missing = [i for i, t in enumerate(texts) if not t]
        notes.append(
            f"Left out {len(missing)} row(s) with no text in {text_column!r}: data rows {_rows_list(missing)}."
        )
    long = sum(len(texts[i]) > MAX_TEXT_CHARS for i in keep)
    if long:
        notes.append(f"Cut {long} very long text(s) to {MAX_TEXT_CHARS:,} characters.")
    kept_texts = [texts[i][:MAX_TEXT_CHARS] for i in keep]
    dupes = len(kept_texts) - len(set(kept_texts))
    if dupes:
        notes.append(f"{dupes} row(s) repeat a text already seen; they are kept, so a search may show both.")
    labels = None
    if label_column is not None:
        col = frame[label_column].iloc[keep]
        empty = int(col.isna().sum())
        labels = [NO_LABEL if pd.isna(v) else clean_text(str(v)) or NO_LABEL for v in col]
        if empty:
            notes.append(f"{empty} row(s) have no {label_column!r}; they are labelled {NO_LABEL!r}.")
    rows = frame.iloc[keep].reset_index(drop=True)
    return Upload(make_dataset(name, kept_texts, labels, rows, text_column, label_column), notes)
