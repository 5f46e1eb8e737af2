"""The "Your data" page driven through AppTest's file_uploader (set_value with (name, bytes, mime))."""

import io
import threading
import time

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
    """Wait for the background embedding to end, then rerun (as the progress fragment's next poll does).

    A small embedding may already have ended, and been kept, within the click's own run.
    """
    if "data_job" in at.session_state:
        assert at.session_state["data_job"].job.wait(timeout=120)
        at.run()
    assert "data_job" not in at.session_state
    return at


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
    # The click's own run already shows the embedding: its progress, or (when it ended first) the result.
    assert at.get("progress") or "Kept 'staff jobs'" in at.success[0].value
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


def test_switching_model_re_embeds_the_upload_once_in_the_background():
    at = _embedded()
    at.selectbox(key="model_choice").select("minilm").run()
    at.switch_page("pages/search.py").run()
    at.selectbox(key="search_source").set_value("upload:staff jobs").run()
    assert not exceptions(at) and not errors(at)
    bg = at.session_state["data_job"]  # a background job, not an embedding inside the page's run
    assert (bg.dataset.name, bg.model_name) == ("staff jobs", "minilm")
    _finish(at)
    assert not exceptions(at) and not errors(at)
    data = at.session_state["data_uploads"]["staff jobs"]
    assert data.vectors.shape == (30, 384) and data.vectors_model == "minilm"  # the dataset's vectors now
    at.text_input(key="search_query").input("cooking food").run()
    assert at.table[0].value["label"].iloc[0] == "kitchen" and "data_job" not in at.session_state  # once


def _bad_files():
    many = ("text\n" + "".join(f"row {i}\n" for i in range(6_000))).encode()
    over = ("text\n" + "".join(f"row {i}\n" for i in range(100_001))).encode()
    return [
        ("over.csv", over, "100,001 rows; the limit is 100,000"),  # the default (and highest) limit
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


def _npy(x):
    buf = io.BytesIO()
    np.save(buf, np.asarray(x))
    return buf.getvalue()


def _bad_vectors():
    return [
        ("nan.npy", _npy([[0.1, np.nan], [0.2, 0.3]]), "1 empty, NaN or infinite value(s), first at row 1, value 2"),
        ("inf.csv", b"text,d0,d1\na,0.1,inf\nb,0.2,0.3\n", "NaN or infinite value(s), first at row 1, value 2"),
        ("mixed.csv", b"0.1,0.2\n0.3,0.4,0.5\n0.6,0.7\n", "different lengths: most rows have 2 values but row 2 has 3"),
        ("vectors.tsv", b"0.1\t0.2\n0.3\n0.5\t0.6\n", "different lengths: most rows have 2 values but row 2 has 1"),
        ("over.npy", _npy(np.ones((200_001, 2), dtype=np.float32)), "200,001 vectors; the limit is 200,000"),
    ]


@pytest.mark.parametrize(("name", "data", "message"), _bad_vectors(), ids=[f[0] for f in _bad_vectors()])
def test_bad_vectors_show_the_problem_and_keep_the_earlier_data(name, data, message):
    at = _embedded()
    before = at.session_state["data_uploads"]["staff jobs"]
    _upload(at, name, data, key="data_vectors_file")
    assert not exceptions(at) and message in errors(at)[0]
    assert not [b for b in at.button if b.key == "data_vectors_add"]  # nothing to add
    assert at.session_state["data_uploads"] == {"staff jobs": before}


def test_identical_rows_are_said_and_every_page_explains_instead_of_crashing():
    at = open_page("pages/data.py", model="glove-50d")
    _upload(at, "same.csv", b"text\n" + b"the cat sleeps\n" * 40)
    assert any("Every one of the 40 rows holds the same text" in i.value for i in at.info)
    at.button(key="data_embed").click().run()
    _finish(at)
    assert at.session_state["data_uploads"]["same"].vectors.shape == (40, 50)
    for page, key in (("pages/projections.py", "projection_source"), ("pages/clusters.py", "clusters_source")):
        at.switch_page(page).run()
        at.selectbox(key=key).set_value("upload:same").run()
        assert not exceptions(at), page
        assert "All 40 vectors are identical, so there is nothing to spread on a map" in errors(at)[0], page
    at.switch_page("pages/search.py").run()
    at.selectbox(key="search_source").set_value("upload:same").run()
    at.text_input(key="search_query").input("a sleeping cat").run()
    assert not exceptions(at) and all("nothing to spread on a map" in e for e in errors(at))  # only its map refuses
    results = at.table[0].value  # every text equally close: ranked and shown, no NaN
    assert set(results["text"]) == {"the cat sleeps"} and results["score"].nunique() == 1
    at.switch_page("pages/data.py").run()
    _upload(at, "same.npy", _npy(np.ones((6, 4))), key="data_vectors_file")
    assert any("All 6 vectors are the same" in i.value for i in at.info)


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


class _Gated(ec.Embedder):
    """The real WordLlama, holding before its third batch until the test opens the gate."""

    def __init__(self, inner: ec.Embedder):
        self.inner, self.gate, self.batches = inner, threading.Event(), 0
        self.name, self.dim, self.kind = inner.name, inner.dim, inner.kind

    def embed(self, texts):
        return self.inner.embed(texts)

    def embed_all(self, texts):
        self.batches += 1
        if self.batches == 3:
            assert self.gate.wait(timeout=120)
        return self.inner.embed_all(texts)


def _held_job(at, name="staff jobs", n=600):
    """A real WordLlama embedding of `n` texts, running for this session, held after 128 texts."""
    from ui.background import BackgroundEmbed

    model = _Gated(ec.load_model("wordllama"))
    texts = [f"ticket {i}: the printer jams " + "again " * (i % 7) for i in range(n)]
    dataset = ec.make_dataset(name, texts, None, pd.DataFrame({"text": texts}), "text", None)
    job = ec.EmbedJob(model, dataset.texts, batch_size=64).start()
    at.session_state["data_job"] = BackgroundEmbed(job, dataset, "wordllama")
    while job.progress().done < 128:
        time.sleep(0.01)
    return job, model.gate


def test_background_embed_shows_progress_and_the_page_stays_usable():
    at = _embedded()
    job, gate = _held_job(at, name="tickets")
    before = job.progress()
    at.run()
    after = job.progress()
    bar = at.get("progress")[0]
    text = bar.proto.text
    assert bar.proto.value == round(100 * 128 / 600)
    assert text.startswith(f"Embedding 'tickets' with {ec.model_label('wordllama')}: 128 of 600 texts · ")
    rate = float(text.split(" · ")[1].removesuffix(" texts/s").replace(",", ""))
    assert 128 / after.elapsed - 1 <= rate <= 128 / before.elapsed + 1  # measured when the bar was drawn
    assert " · about " in text and text.endswith(" left")
    assert any("600 × 256 numbers, take 0.6 MB" in c.value for c in at.caption)
    assert at.button(key="data_embed_cancel").label == "Cancel"
    # While it runs: one embedding at a time, and the rest works (another upload, another page).
    _upload(at, "more.csv", b"text\nthe cat sleeps\ndogs bark\n")
    assert at.button(key="data_embed").disabled and not exceptions(at) and not errors(at)
    at.switch_page("pages/search.py").run()
    at.selectbox(key="search_source").set_value("upload:staff jobs").run()
    at.text_input(key="search_query").input("cooking food").run()
    assert not exceptions(at) and at.table[0].value["label"].iloc[0] == "kitchen"
    assert "128 of 600 texts" in at.sidebar.get("progress")[0].proto.text  # the sidebar shows it on other pages
    gate.set()
    assert job.wait(timeout=60)
    at.run()  # the next poll: the vectors become the dataset, everywhere
    data = at.session_state["data_uploads"]["tickets"]
    assert data.vectors.shape == (600, 256) and data.vectors_model == "wordllama"
    assert np.array_equal(data.vectors, job.result()) and "data_job" not in at.session_state
    assert not at.sidebar.get("progress")


def test_cancel_in_the_middle_keeps_the_earlier_data_and_says_where_it_stopped():
    at = _embedded()
    before = at.session_state["data_uploads"]["staff jobs"]
    job, gate = _held_job(at, name="staff jobs")  # would replace the earlier 'staff jobs'
    at.run()
    at.button(key="data_embed_cancel").click().run()
    gate.set()
    assert job.wait(timeout=60)
    at.run()
    assert not exceptions(at) and "data_job" not in at.session_state
    note = at.warning[0].value
    assert note.startswith("The embedding was cancelled at 192 of 600 texts, so none of its vectors were kept.")
    assert note.endswith("Your earlier data is unchanged.")
    assert at.session_state["data_uploads"]["staff jobs"] is before  # nothing half-written
    assert before.vectors.shape == (30, 50) and before.vectors_model == "glove-50d"
    assert not at.button(key="data_embed").disabled  # a new embedding can start


def test_a_session_keeps_at_most_three_datasets():
    at = _embedded()
    for name in ("b.csv", "c.csv"):
        _upload(at, name, JOBS)
        at.button(key="data_embed").click().run()
        _finish(at)
    assert list(at.session_state["data_uploads"]) == ["staff jobs", "b", "c"]
    _upload(at, "d.csv", JOBS)
    assert at.button(key="data_embed").disabled
    assert any("already keeps 3 datasets" in w.value for w in at.warning)
    at.button(key="data_remove_b").click().run()
    assert not at.button(key="data_embed").disabled
