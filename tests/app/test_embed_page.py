import pytest

from tests.app.helpers import errors, exceptions, open_page


def test_home_renders_without_loading_a_model():
    at = open_page()
    assert "Embeddings Explorer" in at.title[0].value
    assert at.selectbox(key="model_choice").value == "minilm"


@pytest.mark.parametrize("model", ["minilm", "glove-50d"])
def test_embed_page_shows_numbers_bars_and_barcode(model):
    at = open_page("pages/embed.py", model=model)
    at.text_area(key="embed_texts").input("king\nqueen\n\nking\nwoman").run()
    assert not exceptions(at) and not errors(at)
    table = at.dataframe[0].value
    assert table["text"].tolist() == ["king", "queen", "woman"]
    assert table.shape[1] == 2 + (384 if model == "minilm" else 50)
    assert any("blank line" in i.value for i in at.info)
    assert any("repeated line" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2


def test_unknown_glove_word_shows_message_and_keeps_input():
    at = open_page("pages/embed.py", model="glove-50d")
    at.text_area(key="embed_texts").input("king\nkingg").run()
    assert not exceptions(at)
    assert "did you mean 'king'" in errors(at)[0]
    assert at.text_area(key="embed_texts").value == "king\nkingg"


@pytest.mark.parametrize("raw", ["", "   \n\t", "\u200b"])
def test_empty_input_asks_for_text(raw):
    at = open_page("pages/embed.py")
    at.text_area(key="embed_texts").input(raw).run()
    assert not exceptions(at)
    assert "Type at least one word or sentence" in errors(at)[0]


def test_inputs_survive_a_page_switch():
    at = open_page("pages/embed.py", model="glove-50d")
    at.text_area(key="embed_texts").input("cat\ndog").run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/embed.py").run()
    assert at.text_area(key="embed_texts").value == "cat\ndog"
    assert at.session_state["model"] == "glove-50d"


def test_model_deep_link_picks_the_model():
    at = open_page(query={"model": "glove-50d"})
    assert at.session_state["model"] == "glove-50d"


def test_deep_link_reopens_the_same_view():
    at = open_page(
        "pages/embed.py", query={"model": "glove-50d", "embed_texts": "cat\ndog\nfish", "embed_order": "variance"}
    )
    assert at.session_state["model"] == "glove-50d"
    assert at.text_area(key="embed_texts").value == "cat\ndog\nfish"
    assert at.selectbox(key="embed_order").value == "variance"
    assert at.dataframe[0].value["text"].tolist() == ["cat", "dog", "fish"]
    # The URL now mirrors the view.
    assert at.query_params["embed_texts"] in ("cat\ndog\nfish", ["cat\ndog\nfish"])


def test_garbage_in_a_link_is_refused_with_a_note():
    at = open_page("pages/embed.py", query={"embed_order": "<script>x</script>", "model": "no-such-model"})
    assert not exceptions(at)
    assert at.selectbox(key="embed_order").value == "index"
    assert any("not valid here" in w.value for w in at.warning)
    assert at.session_state["model"] == "minilm"


def test_presenter_mode_from_the_url():
    at = open_page("pages/embed.py", query={"present": "1"})
    assert at.session_state["present"] is True
    assert at.toggle(key="present").value is True


def test_norm_metric_is_measured_not_typed():
    from tests.app.helpers import open_page as _open

    for model in ("minilm", "glove-50d"):
        at = _open("pages/embed.py", model=model)
        norm = next(m for m in at.metric if m.label.startswith("Length (norm)"))
        assert norm.value == "1.00", (model, norm.value)
        assert "GloVe's raw vectors do not" in norm.help


def test_the_umap_warm_up_waits_for_the_first_model_load(monkeypatch):
    import threading

    import ui.cache
    import ui.frame
    import ui.projection

    fresh = threading.Event()
    started = []
    monkeypatch.setattr(ui.cache, "MODEL_LOADED", fresh)
    monkeypatch.setattr(ui.frame, "MODEL_LOADED", fresh)
    monkeypatch.setitem(ui.projection._state, "thread", None)

    class Worker:  # the UMAP worker process, whose start is the warm-up (ui/umap_worker.py)
        def start(self):
            started.append(True)
            return True

    monkeypatch.setattr(ui.projection, "worker", lambda: Worker())
    home = open_page()
    assert not exceptions(home)
    assert ui.projection._state["thread"] is None and not fresh.is_set()  # the home page loads no model
    assert started == []
    embed = open_page("pages/embed.py")
    assert not exceptions(embed) and fresh.is_set()
    assert started == [True] and ui.projection._state["thread"] == "worker"
