"""The 'Embeddings as features' page: classify, learning curve, zero-shot, try it, recommend, bad input."""

from __future__ import annotations

from tests.app.helpers import errors, exceptions, open_page

PAGE = "pages/features.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_job_listings_three_feature_kinds_side_by_side():
    at = open_page(PAGE)
    assert not exceptions(at) and not errors(at)
    assert at.selectbox(key="features_source").value == "job_listings"
    shown = metrics(at)
    assert shown["MiniLM: accuracy"] == "88%"  # the core's figure on the seeded split (tests/core)
    assert {"GloVe mean: accuracy", "TF-IDF (word counts): accuracy"} <= set(shown)
    charts = at.get("plotly_chart")
    assert len(charts) >= 3  # confusion, learning curve, try-it probabilities
    report = at.dataframe[0].value
    assert report.columns.tolist() == ["class", "precision", "recall", "f1", "support"]
    assert report["support"].sum() == 82
    assert float(shown["Zero-shot accuracy, all texts"].rstrip("%")) > 60


def test_confusion_of_another_kind_and_another_split():
    at = open_page(PAGE)
    at.segmented_control(key="features_kind").set_value("TF-IDF (word counts)").run()
    assert not exceptions(at) and not errors(at)
    at.slider(key="features_test_size").set_value(0.5).run()
    assert not exceptions(at) and not errors(at)
    assert at.dataframe[0].value["support"].sum() == 163


def test_zero_shot_with_names_and_descriptions():
    at = open_page(PAGE)
    by_description = metrics(at)["Zero-shot accuracy, all texts"]
    at.radio(key="features_zero_shot").set_value("names").run()
    assert not exceptions(at) and not errors(at)
    by_name = metrics(at)["Zero-shot accuracy, all texts"]
    assert float(by_description.rstrip("%")) > float(by_name.rstrip("%"))  # 77 % against 67 %


def test_try_it_with_a_typed_text():
    at = open_page(PAGE)
    at.text_input(key="features_try").input("We need a Python developer for our web app").run()
    assert not exceptions(at) and not errors(at)
    bars = [c for c in at.get("plotly_chart") if "probabilities" in c.proto.spec]
    assert bars and "software" in bars[0].proto.spec


def test_recommend_more_like_the_liked_ones():
    at = open_page(PAGE)
    liked = at.multiselect(key="features_liked_job_listings")
    assert len(liked.value) == 2  # the first two texts of the first label
    at.multiselect(key="features_disliked_job_listings").select(5).run()
    assert not exceptions(at) and not errors(at)
    tables = [d.value for d in at.dataframe if "score" in d.value.columns]
    assert len(tables) == 2 and all(len(t) == 10 for t in tables)
    at.multiselect(key="features_liked_job_listings").set_value([]).run()
    assert any("at least one" in i.value for i in at.info)


def test_typed_groups_train_and_bad_labels_get_a_message():
    at = open_page(PAGE)
    at.selectbox(key="features_source").select("__typed__").run()
    assert not exceptions(at) and not errors(at)
    assert "MiniLM: accuracy" in metrics(at)
    at.text_area(key="features_typed").input("a: one; two\nb: three").run()
    assert not exceptions(at)
    assert any("at least 2 examples of every class" in e for e in errors(at))
    at.text_area(key="features_typed").input("dog\ncat\nrain").run()
    assert any("no labels" in i.value for i in at.info)


def test_deep_link_with_glove():
    at = open_page(PAGE, query={"model": "glove-50d", "features_source": "sentence_sets", "features_seed": "3"})
    assert not exceptions(at) and not errors(at)
    shown = metrics(at)
    assert "GloVe mean: accuracy" in shown and "MiniLM: accuracy" in shown
    assert at.slider(key="features_seed").value == 3


def test_presenter_mode():
    at = open_page(PAGE, query={"present": "1"})
    assert not exceptions(at) and not errors(at)
    assert at.toggle(key="present").value
    assert len(at.get("plotly_chart")) >= 3


def test_a_label_the_word_model_does_not_know_stops_only_zero_shot():
    typed = "\n".join(
        [
            "zqxwv: my dog barks; the cat sleeps; a puppy plays; the kitten naps; we walk the dog; a cat purrs",
            "weather: heavy rain today; snow all night; a strong wind; sunshine all weekend; thick fog; a hot day",
        ]
    )
    at = open_page(PAGE, query={"model": "glove-50d", "features_source": "__typed__", "features_typed": typed})
    assert not exceptions(at)
    assert any("`label_vectors[1]` must be a vector with a direction" in e for e in errors(at))  # zqxwv
    assert "GloVe mean: accuracy" in metrics(at)  # the classifiers still train and show
    assert len(at.get("plotly_chart")) >= 2
