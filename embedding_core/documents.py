"""Reading one document for retrieval: a ``.txt`` or ``.md`` file, or a PDF with a text layer.

Everything works on bytes in memory. `read_document` returns the text and plain-language notes, and
refuses what it cannot read with a `FileFormatError` (or `DocumentTooLongError`) that names the
problem and the fix: an empty file, a binary file renamed ``.txt``, a scanned PDF with no text,
a document longer than `MAX_DOCUMENT_CHARS`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import PurePath

from ._validate import message
from .errors import EmbeddingCoreError, EmptyInputError
from .files.formats import FileFormatError, is_binary, sniff
from .files.formats import decode as _decode

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "MAX_DOCUMENT_CHARS",
    "MAX_DOCUMENT_BYTES",
    "Document",
    "DocumentTooLongError",
    "check_document",
    "read_document",
]

DOCUMENT_EXTENSIONS = ("txt", "md", "pdf")
#: About 27,000 words; at the default chunks (three sentences) some 900 chunks: a minute or two of MiniLM.
MAX_DOCUMENT_CHARS = 150_000
#: Characters per word (spaces included) of English prose, as measured on the built-in handbook.
_CHARS_PER_WORD = 5.6
#: A PDF's file is larger than its text (fonts, images); this bounds the bytes parsed at all.
MAX_DOCUMENT_BYTES = 20_000_000

_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (or a .docx, .xlsx or .epub file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc or .xls)",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "a Rich Text (.rtf) file",
}


class DocumentTooLongError(EmbeddingCoreError):
    """The document is longer than `MAX_DOCUMENT_CHARS`."""


@dataclass(frozen=True)
class Document:
    """A document's text, ready to chunk.

    Attributes:
        name: the file name (or a title for a built-in document).
        text: the full text; chunk offsets index into it.
        pages: for a PDF, the character offset where each page starts; empty otherwise.
        notes: what reading changed, in plain language (e.g. "read as Latin-1").
    """

    name: str
    text: str
    pages: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)


def check_document(text: str, *, name: str = "the document", max_chars: int = MAX_DOCUMENT_CHARS) -> str:
    """Return `text` if it has some words and is at most `max_chars` long.

    Raises:
        EmptyInputError: empty or only whitespace.
        DocumentTooLongError: longer than `max_chars`, with how to cut it.
    """
    if not isinstance(text, str) or not text.strip():
        shown = text[:20] if isinstance(text, str) else type(text).__name__
        raise EmptyInputError(
            message(name, "a document with some text", shown, "Paste some text or upload a .txt, .md or .pdf file.")
        )
    if len(text) > max_chars:
        cut = text[:max_chars].rfind("\n\n")
        where = f" (the last paragraph break before it is at character {cut:,})" if cut > 0 else ""
        raise DocumentTooLongError(
            message(
                name,
                f"at most {max_chars:,} characters (about {round(max_chars / _CHARS_PER_WORD, -3):,.0f} words)",
                f"{len(text):,} characters",
                f"Keep the part you want to ask about{where}: split the file into sections and upload one, "
                "since embedding more takes minutes on this shared server.",
            )
        )
    return text


def _read_pdf(data: bytes, filename: str) -> tuple[str, tuple[int, ...], list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileFormatError(
                f"`{filename}` must be a PDF without a password. Got a password-protected one. "
                "Save an unprotected copy (print to PDF) and upload that."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileFormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise FileFormatError(
            f"`{filename}` must be a readable PDF. Got a damaged one ({type(err).__name__}). "
            "Open it and save or print it to PDF again, or paste its text instead."
        ) from None
    if not any(p.strip() for p in pages):
        raise FileFormatError(
            f"`{filename}` must be a PDF with a text layer. Got {len(pages)} page(s) with no text: probably a scan "
            "(pictures of pages). Run it through OCR (e.g. `ocrmypdf in.pdf out.pdf`) or paste the text instead."
        )
    starts, parts, pos = [], [], 0
    for page in pages:
        starts.append(pos)
        parts.append(page.strip())
        pos += len(parts[-1]) + 2
    return "\n\n".join(parts), tuple(starts), [f"Read {len(pages)} page(s) of text from the PDF."]


def read_document(data: bytes, filename: str, *, max_chars: int = MAX_DOCUMENT_CHARS) -> Document:
    """Read an uploaded ``.txt``, ``.md`` or ``.pdf`` file into a `Document`.

    Text files are decoded as UTF-8 (with or without BOM) or UTF-16, else Latin-1 with a note; line
    endings become ``\\n``. PDFs are read with pypdf, page by page (pages joined by a blank line).

    Raises:
        FileFormatError: another file type, an empty or binary file, an unreadable, encrypted or scanned PDF.
        DocumentTooLongError: more than `max_chars` characters of text.
    """
    ext = PurePath(filename).suffix.lower().lstrip(".")
    if ext not in DOCUMENT_EXTENSIONS:
        raise FileFormatError(
            message(
                "the file",
                "a .txt, .md or .pdf file",
                filename,
                "Save the document as plain text, Markdown or PDF and upload that.",
            )
        )
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLongError(
            message(
                filename,
                f"at most {MAX_DOCUMENT_BYTES // 1_000_000} MB",
                f"{len(data) / 1e6:.1f} MB",
                "Upload a part of it, or its text alone as .txt.",
            )
        )
    if not data.strip():
        raise FileFormatError(f"`{filename}` must have some text. Got an empty file. Check you picked the right file.")
    pages: tuple[int, ...] = ()
    if data.startswith(b"%PDF"):
        text, pages, notes = _read_pdf(data, filename)
        if ext != "pdf":
            notes.insert(0, f"{filename!r} is named .{ext} but is really a PDF; it was read as a PDF.")
    elif ext == "pdf":
        raise FileFormatError(
            f"`{filename}` must be a PDF, as its name says. Got a file that does not start with %PDF. "
            "Export it as PDF again from the program that made it, or upload its text as .txt."
        )
    else:
        kind = sniff(data, _BINARY_MAGIC)
        if kind is not None:
            raise FileFormatError(
                f"`{filename}` must be plain text, as its name says. Got {kind}. "
                "Open it in the program that made it and save it as plain text (.txt) or PDF."
            )
        if is_binary(data):
            raise FileFormatError(
                f"`{filename}` must be plain text, as its name says. Got a binary file (it holds zero bytes). "
                "Open it in the program that made it and save it as plain text (.txt, UTF-8)."
            )
        text, notes = _decode(data, filename)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_document(text, name=filename, max_chars=max_chars)
    return Document(filename, text, pages, notes)
