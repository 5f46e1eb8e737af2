"""Uploads (every bad file gets a clear message), vector import, export → import round trips."""

import io

import numpy as np
import pandas as pd
import pytest

import embedding_core as ec

GOOD_CSV = b'title,category,description\nDev,software,"Writes code, daily"\nNurse,health,Night shifts\n'


def test_csv_guesses_text_and_label_columns():
    table = ec.read_table(GOOD_CSV, "jobs.csv")
    assert table.text_columns[0] == "description" and table.notes == []
    upload = ec.table_texts(table, "description", label_column="category", name="jobs")
    assert upload.dataset.texts == ["Writes code, daily", "Night shifts"]
    assert upload.dataset.labels == ["software", "health"]
    assert upload.dataset.vectors is None and not upload.dataset.builtin
    assert upload.dataset.title == "jobs (2)"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"text\tlabel\nhello there\ta\ngood night\tb\n", "x.tsv"),
        (b"text;label\nhello there;a\ngood night;b\n", "semicolons.csv"),
        (b"\xef\xbb\xbftext,label\nhello there,a\ngood night,b\n", "bom.csv"),
        ("text,label\nhello there,a\ngood night,b\n".encode("utf-16"), "utf16.csv"),
    ],
)
def test_delimiters_and_encodings(data, name):
    upload = ec.table_texts(ec.read_table(data, name), "text", label_column="label")
    assert upload.dataset.texts == ["hello there", "good night"] and upload.dataset.labels == ["a", "b"]


def test_txt_is_one_item_per_line():
    table = ec.read_table(b"cat\n\n  \ndog\n", "words.txt")
    assert table.frame["text"].tolist() == ["cat", "dog"] and "Skipped 2 blank line(s)." in table.notes


def test_xlsx_and_parquet():
    frame = pd.DataFrame({"text": ["a long sentence", "another sentence"], "topic": ["x", "y"]})
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name="data")
        frame.to_excel(writer, index=False, sheet_name="more")
    table = ec.read_table(buf.getvalue(), "book.xlsx")
    assert table.frame["text"].tolist() == frame["text"].tolist()
    assert any("first sheet, 'data', of 2" in n for n in table.notes)
    pq = io.BytesIO()
    frame.to_parquet(pq)
    assert ec.read_table(pq.getvalue(), "t.parquet").frame["topic"].tolist() == ["x", "y"]


def test_no_text_column():
    with pytest.raises(ec.FileFormatError, match="no column of text.*'Import vectors'"):
        ec.read_table(b"a,b\n1,2\n3,4.5\n", "numbers.csv")


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_empty_file(data):
    with pytest.raises(ec.FileFormatError, match="is empty"):
        ec.read_table(data, "empty.csv")


def test_header_only():
    with pytest.raises(ec.FileFormatError, match="no rows"):
        ec.read_table(b"text,label\n", "header.csv")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary file"),
    ],
)
def test_binary_renamed_csv(data, what):
    with pytest.raises(ec.FileFormatError, match=what):
        ec.read_table(data, "renamed.csv")


def test_excel_renamed_csv_is_read_as_excel_with_a_note():
    buf = io.BytesIO()
    pd.DataFrame({"text": ["hello world"]}).to_excel(buf, index=False)
    table = ec.read_table(buf.getvalue(), "really_excel.csv")
    assert table.frame["text"].tolist() == ["hello world"] and "really a .xlsx" in table.notes[0]


def test_damaged_xlsx_and_wrong_extension():
    with pytest.raises(ec.FileFormatError, match="not a valid .xlsx"):
        ec.read_table(b"text\nhello\n", "fake.xlsx")
    with pytest.raises(ec.FileFormatError, match="Use one of: .csv, .tsv, .txt, .xlsx, .parquet"):
        ec.read_table(b"text\nhello\n", "old.xls")


def test_latin1_is_decoded_with_a_note():
    table = ec.read_table("text\ncafé crème\nnaïve façade\n".encode("latin-1"), "latin.csv")
    assert table.frame["text"].tolist() == ["café crème", "naïve façade"]
    assert "read as Latin-1" in table.notes[0] and "'café'" in table.notes[0]


def test_ragged_rows_name_the_lines_and_the_fix():
    data = b"text,label\nhello, world,a\nfine,b\nsee, you, later,c\n"
    with pytest.raises(ec.FileFormatError, match=r"line 2 has 3, line 4 has 4.*double quotes"):
        ec.read_table(data, "ragged.csv")


def test_short_rows_are_padded_with_a_note():
    table = ec.read_table(b"text,label\nhello,a\nbye\n", "short.csv")
    assert "fewer fields" in table.notes[0]
    upload = ec.table_texts(table, "text", label_column="label")
    assert upload.dataset.labels == ["a", ec.NO_LABEL] and any("no 'label'" in n for n in upload.notes)


def test_nan_cells_drop_the_row_with_a_note_naming_it():
    table = ec.read_table(b"text,label\nhello,a\n,b\n  ,c\nbye,d\n", "nan.csv")
    upload = ec.table_texts(table, "text", label_column="label")
    assert upload.dataset.texts == ["hello", "bye"] and upload.dataset.labels == ["a", "d"]
    assert any("Left out 2 row(s) with no text in 'text': data rows 2, 3" in n for n in upload.notes)


def test_text_column_with_no_text_at_all():
    frame = pd.DataFrame({"text": [None, None], "other": ["a", "b"]})
    with pytest.raises(ec.EmptyInputError, match="has no text in any row"):
        ec.table_texts(frame, "text")


def test_hostile_texts_are_kept_safely():
    long = "x" * 20_000
    data = f"text\n<script>alert(1)</script>\n{long}\nمرحبا بالعالم\n🙂 emoji\nzero\u200bwidth\n".encode()
    upload = ec.table_texts(ec.read_table(data, "odd.csv"), "text")
    texts = upload.dataset.texts
    assert texts[0] == "<script>alert(1)</script>" and len(texts[1]) == ec.MAX_TEXT_CHARS
    assert texts[2] == "مرحبا بالعالم" and texts[3] == "🙂 emoji" and texts[4] == "zerowidth"
    assert any("Cut 1 very long" in n for n in upload.notes)


def test_bad_columns():
    table = ec.read_table(GOOD_CSV, "jobs.csv")
    with pytest.raises(ec.InvalidParameterError, match="no column 'nope'"):
        ec.table_texts(table, "nope")
    with pytest.raises(ec.InvalidParameterError, match="must differ"):
        ec.table_texts(table, "title", label_column="title")


def test_too_many_rows_says_how_to_cut():
    data = ("text\n" + "".join(f"row {i}\n" for i in range(100_001))).encode()
    with pytest.raises(ec.TooManyRowsError, match=r"100,001 rows; the limit is 100,000.*head -n 100001.*sample"):
        ec.read_table(data, "big.csv")
    assert len(ec.read_table(data, "big.csv", max_rows=100_001).frame) == 100_001


def test_the_default_limit_takes_100000_rows_of_text_and_200000_vectors():
    data = ("text\n" + "".join(f"row {i}\n" for i in range(100_000))).encode()
    assert len(ec.read_table(data, "big.csv").frame) == ec.DEFAULT_MAX_ROWS == 100_000
    buf = io.BytesIO()
    np.save(buf, np.zeros((200_000, 4), dtype=np.float32) + np.arange(4, dtype=np.float32))
    assert ec.read_vectors(buf.getvalue(), "v.npy").dataset.vectors.shape == (200_000, 4)
    with pytest.raises(ec.TooManyRowsError, match="6 lines; the limit is 5"):
        ec.read_table(b"a\nb\nc\nd\ne\nf\n", "x.txt", max_rows=5)
    with pytest.raises(ec.InvalidParameterError, match="`max_rows` must be at least 1"):
        ec.read_table(b"a\n", "x.txt", max_rows=0)


@pytest.fixture
def vectors():
    return np.random.default_rng(0).standard_normal((6, 5)).astype(np.float32) / 3


TEXTS = ["alpha", "beta, with comma", 'gamma "quoted"', "delta\ttab", "épsilon", "🙂"]
LABELS = ["a", "b", "a", "b", "a", "b"]


@pytest.mark.parametrize(("export", "name"), [(ec.export_vectors_csv, "v.csv"), (ec.export_parquet, "v.parquet")])
def test_csv_and_parquet_round_trip_exactly(vectors, export, name):
    data = ec.read_vectors(export(vectors, TEXTS, LABELS), name).dataset
    assert data.vectors.dtype == np.float32 and np.array_equal(data.vectors, vectors)
    assert data.texts == [ec.clean_text(t) for t in TEXTS] and data.labels == LABELS
    assert data.vectors_model is None


def test_npy_round_trip_and_default_names(vectors):
    upload = ec.read_vectors(ec.export_npy(vectors), "v.npy")
    assert np.array_equal(upload.dataset.vectors, vectors)
    assert upload.dataset.texts[0] == "item 1" and "metadata.tsv" in upload.notes[0]


@pytest.mark.parametrize("labels", [None, LABELS])
def test_projector_pair_round_trip(vectors, labels):
    vec_tsv, meta_tsv = ec.export_projector(vectors, TEXTS, labels)
    assert b"\t" in vec_tsv.splitlines()[0] and not vec_tsv.startswith(b"d0")
    data = ec.read_vectors(vec_tsv, "vectors.tsv", metadata=meta_tsv).dataset
    assert np.array_equal(data.vectors, vectors) and data.labels == labels
    assert data.texts == [ec.clean_text(t) for t in TEXTS]


def test_projector_mismatched_widths_name_the_rows():
    data = b"0.1\t0.2\t0.3\n0.4\t0.5\t0.6\n0.7\t0.8\n0.1\t0.2\t0.3\n"
    with pytest.raises(ec.FileFormatError, match="most rows have 3 values but row 3 has 2"):
        ec.read_vectors(data, "vectors.tsv")


def test_metadata_row_count_must_match(vectors):
    vec_tsv, _ = ec.export_projector(vectors, TEXTS)
    with pytest.raises(ec.FileFormatError, match="2 rows of metadata but there are 6 vectors"):
        ec.read_vectors(vec_tsv, "vectors.tsv", metadata=b"a\nb\n")


def test_vectors_with_nan_or_words_are_refused():
    with pytest.raises(ec.FileFormatError, match="NaN or infinite value.*row 2, value 1"):
        ec.read_vectors(b"0.1,0.2\nnan,0.3\n", "v.csv")
    with pytest.raises(ec.FileFormatError, match="not a number"):
        ec.read_vectors(b"0.1\t0.2\n0.3\thello\n", "v.tsv")
    with pytest.raises(ec.FileFormatError, match="not a readable .npy array"):
        ec.read_vectors(ec.export_npy(np.ones((3, 2)))[:-1], "cut_off.npy")


def test_npy_refuses_pickles_and_1d():
    buf = io.BytesIO()
    np.save(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ec.FileFormatError, match="not a readable .npy"):
        ec.read_vectors(buf.getvalue(), "evil.npy")
    buf = io.BytesIO()
    np.save(buf, np.ones(4))
    with pytest.raises(ec.FileFormatError, match=r"Got shape \(4,\)"):
        ec.read_vectors(buf.getvalue(), "flat.npy")


def test_too_many_vectors():
    with pytest.raises(ec.TooManyRowsError, match="11 vectors; the limit is 10"):
        ec.read_vectors(ec.export_npy(np.ones((11, 2))), "v.npy", max_rows=10)


def test_coordinates_export_2d_and_3d(vectors):
    frame = pd.read_csv(io.BytesIO(ec.export_coordinates(vectors[:, :3], TEXTS, LABELS)))
    assert frame.columns.tolist() == ["x", "y", "z", "text", "label"]
    assert np.array_equal(frame[["x", "y", "z"]].to_numpy(np.float32), vectors[:, :3])
    frame = pd.read_csv(io.BytesIO(ec.export_coordinates(vectors[:, :2], TEXTS)))
    assert frame.columns.tolist() == ["x", "y", "text"]
    with pytest.raises(ec.InvalidParameterError, match="2 or 3 columns"):
        ec.export_coordinates(vectors, TEXTS)
    with pytest.raises(ec.InvalidParameterError, match="6 vectors but 2 texts"):
        ec.export_vectors_csv(vectors, ["a", "b"])


def test_embed_texts_matches_one_encode_call_and_reports_progress(minilm):
    texts = [f"sentence number {i} " + "word " * (i % 7) for i in range(150)]
    calls = []
    out = ec.embed_texts(minilm, texts, on_progress=lambda done, total: calls.append((done, total)))
    assert np.allclose(out, minilm.embed(texts), atol=1e-5)
    assert calls == [(64, 150), (128, 150), (150, 150)]


def test_embed_texts_with_glove_skips_unknown_words(glove):
    out = ec.embed_texts(glove, ["cat", "qwzxv", "dog qwzxv"])
    assert np.allclose(out[1], 0) and np.allclose(out[2], glove.embed(["dog"])[0], atol=1e-6)


def test_a_mostly_empty_column_is_not_guessed_and_says_what_to_do():
    rows = "".join(
        f"short text {i},{'a long comment that nobody wrote twice ' * 3 if i == 0 else ''}\n" for i in range(20)
    )
    table = ec.read_table(("text,comment\n" + rows).encode(), "notes.csv")
    assert table.text_columns[0] == "text"  # long but mostly empty: not the text column
    upload = ec.table_texts(table, "comment")
    assert upload.notes == [
        "Only 1 of 20 rows have text in 'comment'; the 19 empty ones (data rows 2, 3, 4, 5, 6 and 14 more) "
        "are left out. If your texts are in another column, pick it as the text column; otherwise fill in "
        "the empty cells."
    ]
    assert len(upload.dataset) == 1


def test_identical_rows_are_said_when_read():
    upload = ec.table_texts(ec.read_table(b"text\nsame\nsame\nsame\n", "same.csv"), "text")
    assert upload.notes == [
        "Every one of the 3 rows holds the same text, so their vectors will all be the same: a map, clusters "
        "and similarity need different texts. Check that the text column is the right one."
    ]
    same = ec.read_vectors(ec.export_npy(np.ones((5, 3))), "same.npy")
    assert same.notes[0].startswith("All 5 vectors are the same, so a map, clusters and similarity have nothing")
    assert not any("are the same" in n for n in ec.read_vectors(ec.export_npy(np.eye(3)), "eye.npy").notes)
    x = same.dataset.vectors
    with pytest.raises(ec.InvalidParameterError, match="All 5 vectors are identical"):
        ec.project(x, "pca")
    with pytest.raises(ec.InvalidParameterError, match="All 5 points are identical"):
        ec.silhouette_sweep(x)
    hits = ec.semantic_search(x[0], x, top_k=3)[0]  # equal scores, no division by zero
    assert [round(h.score, 6) for h in hits] == [1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("data", "name", "where"),
    [
        (b"0.1,0.2\n0.3,0.4,0.5\n0.6,0.7\n", "v.csv", "most rows have 2 values but row 2 has 3"),
        (b"0.1,0.2,0.3\n0.4,0.5\n0.6,0.7,0.8\n", "v.csv", "most rows have 3 values but row 2 has 2"),
        (b"0.1\t0.2\n0.3\t0.4\t0.5\n0.6\t0.7\n", "vectors.tsv", "most rows have 2 values but row 2 has 3"),
    ],
    ids=["csv-longer-row", "csv-shorter-row", "projector-tsv-longer-row"],
)
def test_vectors_of_mixed_lengths_name_the_rows(data, name, where):
    with pytest.raises(ec.FileFormatError, match=f"has vectors of different lengths: {where}. Every vector"):
        ec.read_vectors(data, name)


def test_nan_and_infinite_values_in_every_vector_format():
    buf, npy = io.BytesIO(), io.BytesIO()
    pd.DataFrame({"text": ["a", "b"], "d0": [0.1, np.nan], "d1": [0.2, 0.3]}).to_parquet(buf)
    np.save(npy, np.array([[1.0, np.inf], [0.2, 0.3]]))
    cases = [
        (npy.getvalue(), "v.npy", "row 1, value 2"),
        (buf.getvalue(), "v.parquet", "row 2, value 1"),
        (b"0.1\t-inf\n0.3\t0.4\n", "vectors.tsv", "row 1, value 2"),
    ]
    for data, name, where in cases:
        with pytest.raises(ec.FileFormatError, match=f"1 empty, NaN or infinite value.*first at {where}. Every"):
            ec.read_vectors(data, name)


def test_too_many_vectors_says_the_memory_and_how_to_cut():
    with pytest.raises(ec.TooManyRowsError, match=r"11 vectors; the limit is 10 .*memory.*\[:10\]") as info:
        ec.read_vectors(ec.export_npy(np.ones((11, 2))), "v.npy", max_rows=10)
    assert "embedding" not in str(info.value)  # precomputed vectors are not embedded here


def test_tables_and_documents_tell_text_from_binary_bytes_the_same_way():
    """One check (`files.formats.is_binary`) for both readers: zero bytes mean binary, unless UTF-16 says so."""
    from embedding_core.files.formats import is_binary, sniff

    utf16 = "text\nhello there\ngood night\n".encode("utf-16")
    assert b"\x00" in utf16 and not is_binary(utf16)
    assert is_binary(b"text\x00\x01\x02") and not is_binary("café".encode())
    assert sniff(b"%PDF-1.7", {b"%PDF": "a PDF"}) == "a PDF" and sniff(b"plain", {b"%PDF": "a PDF"}) is None
    assert ec.read_table(utf16, "notes.csv").frame["text"].tolist() == ["hello there", "good night"]
    assert ec.read_document(utf16, "notes.txt").text == "text\nhello there\ngood night\n"
    with pytest.raises(ec.FileFormatError, match="is a binary file, not text"):
        ec.read_table(b"text\x00\x01\x02\n", "notes.csv")
    with pytest.raises(ec.FileFormatError, match="must be plain text, as its name says. Got a binary file"):
        ec.read_document(b"text\x00\x01\x02\n", "notes.txt")
