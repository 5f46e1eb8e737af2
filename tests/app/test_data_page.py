"""The "Your data" page driven through AppTest's file_uploader (set_value with (name, bytes, mime))."""

import io

import numpy as np
import pandas as pd
import pytest

import embedding_core as ec
from tests.app.helpers import errors, exceptions, open_page

JOBS = b"title,dept,description\n" + b"".join(
    f"Job {i},{['kitchen', 'office', 'garage'][i % 3]},"
    f"{['We cook pasta and bake bread', 'You answer emails and plan meetings', 'Fix car engines and brakes'][i % 3]}"
    f" (post {i})\n".encode()
    for i in range(30)
)


def _upload(at, name, data, key="data_file"):
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    return at


def _finish(at):
    """Wait for the background embedding to end, then rerun (as the progress fragment's next poll does)."""
    assert at.session_state["data_job"].job.wait(timeout=120)
    return at.run()


def _embedded(model="glove-50d"):
    at = open_page("pages/data.py", model=model)
    _upload(at, "staff jobs.csv", JOBS)
    at.button(key="data_embed").click().run()
    _finish(at)
    assert not exceptions(at) and not errors(at)
    return at


def test_upload_pick_columns_preview_embed_and_search_it():
    at = open_page("pages/data.py", model="glove-50d")
    _upload(at, "staff jobs.csv", JOBS)
    assert not exceptions(at) and not errors(at)
    text_box = next(s for s in at.selectbox if s.label == "Text column")
    label_box = next(s for s in at.selectbox if s.label.startswith("Label column"))
    assert text_box.value == "description" and label_box.value == "dept"
    assert any("Preview: 30 of 30 rows shown" in c.value for c in at.caption)
    at.button(key="data_embed").click().run()
    _finish(at)
    assert not exceptions(at) and not errors(at) and "data_job" not in at.session_state
    data = at.session_state["data_uploads"]["staff jobs"]
    assert data.vectors.shape == (30, 50) and data.vectors_model == "glove-50d" and data.labels[0] == "kitchen"
    assert "Kept 'staff jobs' for this session" in at.success[0].value
    # The pages are named as the menu names them.
    assert "“Maps: projections”, “Search: meaning vs words” or “Clusters: find groups” page" in at.success[0].value
    at.switch_page("pages/search.py").run()
    at.selectbox(key="search_source").set_value("upload:staff jobs").run()
    at.text_input(key="search_query").input("cooking food").run()
    assert not exceptions(at) and not errors(at)
    assert at.table[0].value["label"].iloc[0] == "kitchen"


def test_switching_model_re_embeds_the_upload_once():
    at = _embedded()
    at.selectbox(key="model_choice").select("minilm").run()
    at.switch_page("pages/search.py").run()
    at.selectbox(key="search_source").set_value("upload:staff jobs").run()
    assert not exceptions(at) and not errors(at)
    held = [v for owner, v in at.session_state["_cache_session"].entries() if owner.id == "upload:staff jobs"]
    assert [v.shape for v in held if getattr(v, "ndim", 0) == 2] == [(30, 384)]  # re-embedded once, in the session


def _bad_files():
    many = ("text\n" + "".join(f"row {i}\n" for i in range(6_000))).encode()
    return [
        ("numbers.csv", b"a,b\n1,2\n3,4\n", "no column of text"),
        ("empty.csv", b"", "is empty"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "really a PNG image"),
        ("ragged.csv", b"text,label\nhello, world,a\nok,b\n", "line 2 has 3"),
        ("big.csv", many, "6,000 rows; the limit is 5,000"),  # the limit set below
    ]


@pytest.mark.parametrize(("name", "data", "message"), _bad_files(), ids=[f[0] for f in _bad_files()])
def test_bad_file_shows_the_problem_and_keeps_the_earlier_data(name, data, message):
    at = _embedded()
    if name == "big.csv":
        at.number_input(key="data_max_rows").set_value(5_000).run()
    _upload(at, name, data)
    assert not exceptions(at)
    assert message in errors(at)[0]
    assert list(at.session_state["data_uploads"]) == ["staff jobs"]


def test_row_limit_is_configurable():
    at = open_page("pages/data.py")
    data = ("text\n" + "".join(f"row {i}\n" for i in range(6_000))).encode()
    at.number_input(key="data_max_rows").set_value(7_000).run()
    _upload(at, "big.csv", data)
    assert not errors(at) and any("of 6,000 rows shown" in c.value for c in at.caption)


def test_latin1_and_nan_cells_are_explained():
    at = open_page("pages/data.py")
    _upload(at, "latin.csv", "text,tag\ncafé au lait,a\n,b\nnaïve idea,\n".encode("latin-1"))
    notes = " ".join(i.value for i in at.info)
    assert "read as Latin-1" in notes and "Left out 1 row(s) with no text" in notes
    assert "have no 'tag'" in notes


def test_excel_upload():
    buf = io.BytesIO()
    frame = pd.DataFrame({"sentence": ["the cat sleeps", "dogs bark loudly"], "topic": ["cat", "dog"]})
    frame.to_excel(buf, index=False)
    at = open_page("pages/data.py")
    _upload(at, "pets.xlsx", buf.getvalue())
    assert not errors(at) and at.dataframe[0].value["sentence"].tolist() == ["the cat sleeps", "dogs bark loudly"]


def test_import_projector_pair_and_name_its_model():
    vectors = np.random.default_rng(0).standard_normal((4, 50)).astype(np.float32)
    vec_tsv, meta_tsv = ec.export_projector(vectors, ["king", "queen", "man", "woman"], ["r", "r", "p", "p"])
    at = open_page("pages/data.py")
    _upload(at, "vectors.tsv", vec_tsv, key="data_vectors_file")
    _upload(at, "metadata.tsv", meta_tsv, key="data_metadata_file")
    assert not exceptions(at) and not errors(at)
    assert any("4 vectors of 50 numbers" in m.value for m in at.markdown)
    made_by = next(s for s in at.selectbox if s.label == "Which model made them?")
    made_by.set_value("glove-50d").run()
    at.button(key="data_vectors_add").click().run()
    data = at.session_state["data_uploads"]["vectors"]
    assert np.array_equal(data.vectors, vectors) and data.vectors_model == "glove-50d" and data.labels[0] == "r"


def test_import_mismatched_widths():
    at = open_page("pages/data.py")
    _upload(at, "vectors.tsv", b"0.1\t0.2\n0.3\t0.4\n0.5\n", key="data_vectors_file")
    assert not exceptions(at) and "row 3 has 1" in errors(at)[0]


def test_export_buttons_and_remove():
    at = _embedded()
    at.selectbox(key="data_export_source").set_value("upload:staff jobs").run()
    assert not exceptions(at) and not errors(at)
    assert len(at.get("download_button")) == 6
    assert any("30 vectors of 50 numbers" in m.value for m in at.markdown)
    at.button(key="data_remove_staff jobs").click().run()
    assert not exceptions(at) and at.session_state["data_uploads"] == {}
