"""What every file reader shares: the accepted formats, the errors, and reading bytes safely.

Everything works on bytes in memory: nothing is written to disk. A file's format is taken from its
content when that disagrees with its name; text is decoded as UTF-8 or UTF-16, else Windows-1252.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import PurePath

import pandas as pd

from ..errors import EmbeddingCoreError

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MAX_VECTORS",
    "TABLE_EXTENSIONS",
    "VECTOR_EXTENSIONS",
    "FileFormatError",
    "TooManyRowsError",
    "check_bytes",
    "decode",
    "delimited_rows",
    "extension",
    "guess_delimiter",
    "is_binary",
    "is_number",
    "read_parquet",
    "sniff",
    "too_many",
]

#: Rows of text accepted by default: WordLlama embeds them in about 10 CPU-seconds, MiniLM in minutes.
DEFAULT_MAX_ROWS = 100_000
#: Precomputed vectors accepted by default (200,000 x 384 float32 is 293 MB, under the upload limit).
DEFAULT_MAX_VECTORS = 200_000
TABLE_EXTENSIONS = ("csv", "tsv", "txt", "xlsx", "parquet")
VECTOR_EXTENSIONS = ("npy", "csv", "tsv", "parquet")

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


#: The byte-order marks that start UTF-16 text (which holds zero bytes and is still text).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes, kinds: Mapping[bytes, str]) -> str | None:
    """The kind `kinds` names for the first magic prefix `data` starts with (``{b"%PDF": "a PDF"}``), else None."""
    return next((kind for magic, kind in kinds.items() if data.startswith(magic)), None)


def is_binary(data: bytes) -> bool:
    """True when `data` is not text: a zero byte in its first 8 KB, unless it starts as UTF-16 text."""
    head = data[:8192]
    return b"\x00" in head and not head.startswith(UTF16_BOMS)


class FileFormatError(EmbeddingCoreError):
    """An uploaded file cannot be read: wrong format, broken rows, no text, ..."""


class TooManyRowsError(FileFormatError):
    """A file has more rows than the limit."""


def extension(filename: str) -> str:
    return PurePath(filename).suffix.lower().lstrip(".")


def check_bytes(data: bytes, filename: str, allowed: Sequence[str]) -> tuple[str, list[str]]:
    """The format to read `data` as (from its content when that disagrees with its name)."""
    ext = extension(filename)
    if ext not in allowed:
        raise FileFormatError(
            f"{filename!r} is not a file type this page reads. Got '.{ext}'. "
            f"Use one of: {', '.join('.' + a for a in allowed)} (save an old .xls as .xlsx or CSV)."
        )
    if not data or not data.strip():
        raise FileFormatError(f"{filename!r} is empty (no text at all). Check you picked the right file.")
    kind = sniff(data, _MAGIC)
    if kind == ext:
        return ext, []
    if kind in allowed:
        return kind, [f"{filename!r} is named .{ext} but is really a .{kind} file; it was read as .{kind}."]
    if kind is not None:
        raise FileFormatError(
            f"{filename!r} is named .{ext} but is really {kind}, not a table of text. "
            "Export your data as CSV (or .xlsx) and upload that file."
        )
    if ext in ("xlsx", "parquet", "npy"):
        raise FileFormatError(
            f"{filename!r} is not a valid .{ext} file (its first bytes are wrong). "
            "It may be damaged or renamed: save it again from the program that made it."
        )
    if is_binary(data):
        raise FileFormatError(
            f"{filename!r} is a binary file, not text, although it is named .{ext}. "
            "Open it in the program that made it and export it as CSV (UTF-8)."
        )
    return ext, []


def decode(data: bytes, filename: str) -> tuple[str, list[str]]:
    """Text of `data`: UTF-8 (with or without BOM) or UTF-16, else Windows-1252 / Latin-1 with a note."""
    if data.startswith(UTF16_BOMS):
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


def too_many(filename: str, rows: int, max_rows: int, unit: str = "rows") -> TooManyRowsError:
    if unit == "vectors":
        return TooManyRowsError(
            f"{filename!r} has {rows:,} vectors; the limit is {max_rows:,} (each session holds its data in this "
            f"shared server's memory: {max_rows:,} x 384 float32 numbers are {max_rows * 384 * 4 / 1e6:,.0f} MB). "
            f"Keep the first {max_rows:,}: in numpy `np.save('smaller.npy', np.load('file.npy')[:{max_rows}])`, "
            f"or a random sample: `x[np.random.default_rng(0).choice(len(x), {max_rows}, replace=False)]`."
        )
    return TooManyRowsError(
        f"{filename!r} has {rows:,} {unit}; the limit is {max_rows:,} (embedding more takes minutes on this "
        f"shared server). Keep the first {max_rows:,}: delete the rest in a spreadsheet, or run "
        f"`head -n {max_rows + 1} file.csv > smaller.csv`; or take a random sample in pandas: "
        f"`df.sample({max_rows}, random_state=0).to_csv('smaller.csv', index=False)`."
    )


def delimited_rows(text: str, filename: str, delimiter: str, *, header: bool = True) -> list[list[str]]:
    """Rows of a CSV/TSV; with a `header`, refuses rows with more fields than it, naming them.

    Without one (rows of numbers), rows of every width are returned for the caller to check.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    long_rows: list[tuple[int, int]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header and rows and len(row) > len(rows[0]):
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


def guess_delimiter(text: str, ext: str) -> str:
    if ext == "tsv":
        return "\t"
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return max([",", ";", "\t"], key=first.count) if any(c in first for c in ",;\t") else ","


def is_number(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def read_parquet(data: bytes, filename: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - pyarrow raises several error types
        raise FileFormatError(
            f"{filename!r} cannot be read as Parquet ({type(err).__name__}). Save it again, or upload a CSV."
        ) from err
