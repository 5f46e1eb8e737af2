"""read_document: text, Markdown and text PDFs read; empty, binary, scanned, damaged and too-long files refused."""

from __future__ import annotations

import pytest

import embedding_core as ec
from tests.support.pdf import make_pdf


def test_text_and_markdown_are_read_with_line_endings_normalised():
    doc = ec.read_document(b"# Title\r\n\r\nFirst line.\r\nSecond.", "notes.md")
    assert doc.text == "# Title\n\nFirst line.\nSecond."
    assert (doc.name, doc.pages, doc.notes) == ("notes.md", (), [])
    assert ec.read_document("\ufeffcafé".encode("utf-8"), "a.txt").text == "café"


def test_latin1_text_is_read_with_a_note():
    doc = ec.read_document("Crème brûlée.".encode("cp1252"), "menu.txt")
    assert doc.text == "Crème brûlée."
    assert "read as Latin-1" in doc.notes[0]


def test_text_pdf_is_read_page_by_page():
    data = make_pdf([["Dogs are not allowed.", "Cats (small) are fine."], ["Page two text."]])
    doc = ec.read_document(data, "rules.pdf")
    assert doc.text == "Dogs are not allowed.\nCats (small) are fine.\n\nPage two text."
    assert doc.pages == (0, doc.text.index("Page two"))
    assert doc.notes == ["Read 2 page(s) of text from the PDF."]
    chunks = ec.chunk_text(doc.text)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)


def test_a_pdf_named_txt_is_read_as_pdf_with_a_note():
    doc = ec.read_document(make_pdf([["Hello there."]]), "renamed.txt")
    assert doc.text == "Hello there."
    assert "really a PDF" in doc.notes[0]


def test_built_in_document_reads_like_an_upload():
    path = ec.DATA_DIR / "rag" / "fernhill_handbook.md"
    doc = ec.read_document(path.read_bytes(), path.name)
    assert doc.text == ec.load_rag_document().text


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_file_refused(data):
    with pytest.raises(ec.FileFormatError, match="`empty.txt` must have some text. Got an empty file"):
        ec.read_document(data, "empty.txt")


def test_whitespace_document_refused():
    with pytest.raises(ec.EmptyInputError, match="`the document` must be a document with some text"):
        ec.check_document("   \n ")


def test_binary_renamed_txt_refused():
    with pytest.raises(ec.FileFormatError, match="`photo.txt` must be plain text, as its name says. Got a PNG image"):
        ec.read_document(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.txt")
    with pytest.raises(ec.FileFormatError, match="`data.txt` must be plain text.*Got a binary file"):
        ec.read_document(b"abc\x00\x01\x02def" * 10, "data.txt")
    with pytest.raises(ec.FileFormatError, match="Got a ZIP archive \\(or a .docx"):
        ec.read_document(b"PK\x03\x04" + bytes(50), "report.md")


def test_scanned_pdf_refused():
    with pytest.raises(ec.FileFormatError, match="`scan.pdf` must be a PDF with a text layer. Got 2 page.*OCR"):
        ec.read_document(make_pdf([[], []]), "scan.pdf")


def test_damaged_or_fake_pdf_refused():
    with pytest.raises(ec.FileFormatError, match="`fake.pdf` must be a PDF, as its name says"):
        ec.read_document(b"just some text", "fake.pdf")
    with pytest.raises(ec.FileFormatError, match="`broken.pdf` must be a readable PDF. Got a damaged one"):
        ec.read_document(b"%PDF-1.4\n garbage \x00\x01", "broken.pdf")


def test_other_file_types_refused():
    with pytest.raises(ec.FileFormatError, match="`the file` must be a .txt, .md or .pdf file. Got 'report.docx'"):
        ec.read_document(b"hello", "report.docx")


def test_document_over_the_limit_refused_with_where_to_cut():
    text = ("A paragraph of text about the rules. " * 20 + "\n\n") * 300
    assert len(text) > ec.MAX_DOCUMENT_CHARS
    with pytest.raises(
        ec.DocumentTooLongError, match=r"`big.txt` must be at most 150,000 characters.*Got '\d{3},\d{3} characters'"
    ) as err:
        ec.read_document(text.encode(), "big.txt")
    assert "paragraph break before it is at character" in str(err.value)
    assert isinstance(err.value, ec.EmbeddingCoreError)
    with pytest.raises(ec.DocumentTooLongError, match="at most 100 characters"):
        ec.check_document("x" * 101, max_chars=100)
