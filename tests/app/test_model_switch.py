"""After a model switch, an upload with the other model's vectors is embedded again in the background."""

from __future__ import annotations

import time

import embedding_core as ec
from tests.app.helpers import errors, exceptions
from tests.app.test_data_page import _embedded, _finish, _Gated, _held_job
from ui.background import BackgroundEmbed

PAGE = "pages/clusters.py"


def _on_clusters(at):
    at.selectbox(key="model_choice").select("minilm").run()
    at.switch_page(PAGE).run()
    at.selectbox(key="clusters_source").set_value("upload:staff jobs").run()
    assert not exceptions(at) and not errors(at), (exceptions(at), errors(at))
    return at


def test_the_page_says_what_runs_shows_its_progress_and_a_cancel_keeps_the_earlier_vectors():
    at = _embedded()  # 'staff jobs' with GloVe vectors
    before = at.session_state["data_uploads"]["staff jobs"]
    data = before
    model = _Gated(ec.load_model("minilm"))  # the real MiniLM, held before its third batch of 4
    job = ec.EmbedJob(model, data.texts, batch_size=4).start()
    at.session_state["data_job"] = BackgroundEmbed(job, data, "minilm")
    while job.progress().done < 8:
        time.sleep(0.01)
    _on_clusters(at)
    (note,) = [i.value for i in at.info if "This page fills in when every text is done" in i.value]
    assert note.startswith(f"**Embedding 'staff jobs' with {ec.model_label('minilm')}.** Its vectors were made with")
    assert f"Cancel keeps the {ec.model_label('glove-50d')} ones" in note
    assert "8 of 30 texts" in at.main.get("progress")[0].proto.text  # the progress, on the page itself
    assert not at.metric  # nothing drawn from vectors the page cannot use
    at.button(key="data_embed_cancel_source").click().run()
    model.gate.set()
    assert job.wait(timeout=60)
    at.run()  # the progress part's next poll
    assert not exceptions(at) and "data_job" not in at.session_state  # not started again on its own
    assert at.session_state["data_uploads"]["staff jobs"] is before  # the GloVe vectors kept
    (warning,) = [w.value for w in at.warning if "cancelled" in w.value]
    assert "cancelled at 12 of 30 texts" in warning
    assert f"keeps its {ec.model_label('glove-50d')} vectors" in warning
    at.button(key="data_reembed").click().run()  # starts again, on request
    _finish(at)
    data = at.session_state["data_uploads"]["staff jobs"]
    assert data.vectors.shape == (30, 384) and data.vectors_model == "minilm"
    assert not exceptions(at) and not errors(at) and at.metric  # the page filled in


def test_with_another_embedding_running_it_waits_for_it_and_then_starts():
    at = _embedded()
    job, gate = _held_job(at, name="tickets")  # WordLlama, 600 texts, held after 128
    _on_clusters(at)
    assert any("once the embedding now running ('tickets'" in i.value for i in at.info)
    assert at.session_state["data_job"].job is job and not at.metric  # one embedding per session
    gate.set()
    assert job.wait(timeout=60)
    at.run()  # 'tickets' is kept, then the page starts its own embedding
    assert at.session_state["data_uploads"]["tickets"].vectors_model == "wordllama"
    bg = at.session_state["data_job"]
    assert (bg.dataset.name, bg.model_name) == ("staff jobs", "minilm")
    _finish(at)
    assert at.session_state["data_uploads"]["staff jobs"].vectors_model == "minilm"
    assert not exceptions(at) and not errors(at) and at.metric


def test_on_your_data_the_export_waits_for_the_same_job_without_a_second_cancel_key():
    at = _embedded()  # on "Your data": 'staff jobs' with GloVe vectors
    data = at.session_state["data_uploads"]["staff jobs"]
    model = _Gated(ec.load_model("minilm"))
    job = ec.EmbedJob(model, data.texts, batch_size=4).start()
    at.session_state["data_job"] = BackgroundEmbed(job, data, "minilm")
    at.selectbox(key="model_choice").select("minilm")
    at.selectbox(key="data_export_source").set_value("upload:staff jobs").run()  # the export tab's data
    assert not exceptions(at), exceptions(at)  # the page's bar and the export's bar, each its own Cancel
    assert at.button(key="data_embed_cancel") and at.button(key="data_embed_cancel_source")
    assert any("This page fills in when every text is done" in i.value for i in at.info)
    model.gate.set()
    _finish(at)
    assert not exceptions(at) and at.session_state["data_uploads"]["staff jobs"].vectors_model == "minilm"
