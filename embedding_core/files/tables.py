"""Reading a person's table of texts: CSV, TSV, TXT (one item per line), Excel (.xlsx) and Parquet.

Everything works on bytes in memory: nothing is written to disk. Each reader returns the data
plus plain-language `notes` on what it changed, and refuses a file it cannot read with a
`FileFormatError` that names the problem and the fix. Ready-made vectors are read by `vectors`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..datasets import Upload, make_dataset
from ..errors import EmptyInputError, InvalidParameterError
from ..texts import MAX_TEXT_CHARS, clean_text
from .formats import (
    DEFAULT_MAX_ROWS,
    TABLE_EXTENSIONS,
    FileFormatError,
    check_bytes,
    decode,
    delimited_rows,
    guess_delimiter,
    is_number,
    read_parquet,
    too_many,
)

__all__ = ["NO_LABEL", "UploadedTable", "read_table", "table_texts"]

NO_LABEL = "(no label)"


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


def _classify_columns(frame: pd.DataFrame, filename: str) -> tuple[list[str], list[str]]:
    text_cols = []
    for col in frame.columns:
        values = frame[col].dropna()
        if len(values) and not values.map(is_number).all():
            text_cols.append(col)
    if not text_cols:
        raise FileFormatError(
            f"{filename!r} has no column of text: every column ({', '.join(map(str, frame.columns[:6]))}"
            f"{', …' if len(frame.columns) > 6 else ''}) holds numbers only. Upload a file with a column of "
            "words or sentences, or, if these numbers are embeddings, use 'Import vectors' instead."
        )
    # Characters per row, empty cells counted as 0: a long but mostly empty column (notes) is not the text.
    lengths = {c: frame[c].dropna().astype(str).str.len().sum() / max(len(frame), 1) for c in text_cols}
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
        raise InvalidParameterError(f"`max_rows` must be at least 1. Got {max_rows}. Use up to {DEFAULT_MAX_ROWS:,}.")
    kind, notes = check_bytes(data, filename, TABLE_EXTENSIONS)
    if kind == "xlsx":
        frame = _read_excel(data, filename, notes)
    elif kind == "parquet":
        frame = read_parquet(data, filename)
    else:
        text, more = decode(data, filename)
        notes += more
        if kind == "txt":
            lines = text.splitlines()
            items = [line for line in lines if line.strip()]
            if len(items) > max_rows:
                raise too_many(filename, len(items), max_rows, "lines")
            if len(items) < len(lines):
                notes.append(f"Skipped {len(lines) - len(items)} blank line(s).")
            frame = pd.DataFrame({"text": items})
        else:
            rows = delimited_rows(text, filename, guess_delimiter(text, kind))
            if len(rows) - 1 > max_rows:
                raise too_many(filename, len(rows) - 1, max_rows)
            frame = _frame_from_rows(rows, filename, notes)
    if frame.empty:
        raise FileFormatError(f"{filename!r} has column names but no rows. Add rows of text below the header.")
    if len(frame) > max_rows:
        raise too_many(filename, len(frame), max_rows)
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
        if len(missing) > len(texts) / 2:
            notes.append(
                f"Only {len(keep):,} of {len(texts):,} rows have text in {text_column!r}; the {len(missing):,} "
                f"empty ones (data rows {_rows_list(missing)}) are left out. If your texts are in another column, "
                "pick it as the text column; otherwise fill in the empty cells."
            )
        else:
            notes.append(
                f"Left out {len(missing)} row(s) with no text in {text_column!r}: data rows {_rows_list(missing)}."
            )
    long = sum(len(texts[i]) > MAX_TEXT_CHARS for i in keep)
    if long:
        notes.append(f"Cut {long} very long text(s) to {MAX_TEXT_CHARS:,} characters.")
    kept_texts = [texts[i][:MAX_TEXT_CHARS] for i in keep]
    dupes = len(kept_texts) - len(set(kept_texts))
    if dupes and len(set(kept_texts)) == 1:
        notes.append(
            f"Every one of the {len(kept_texts):,} rows holds the same text, so their vectors will all be the same: "
            "a map, clusters and similarity need different texts. Check that the text column is the right one."
        )
    elif dupes:
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
