"""Presenter mode and scenes: the URL switch, and stepping through a talk."""

from tests.app.helpers import exceptions, open_page
from ui.presenter import load_scenes, talks


def test_present_switch_in_the_url_turns_presenter_mode_on_and_shows_the_talk():
    at = open_page(query={"present": "1"})
    assert at.toggle(key="present").value is True
    assert at.selectbox(key="present_talk").value in talks()


def test_next_steps_through_the_scenes_with_their_inputs():
    at = open_page(query={"present": "1"})
    scenes = load_scenes(talks()[at.selectbox(key="present_talk").value])
    for index in range(3):
        at.button(key="present_next").click().run()
        assert not exceptions(at), exceptions(at)
        assert at.session_state["present_scene"] == index
        for key, value in scenes[index]["params"].items():
            assert at.session_state[key] == value
    at.button(key="present_prev").click().run()
    assert at.session_state["present_scene"] == 1


def test_every_scene_of_every_talk_names_a_real_page():
    from tests.conftest import ROOT

    for path in talks().values():
        for scene in load_scenes(path):
            assert (ROOT / scene["page"]).exists(), scene


def test_every_talk_steps_through_all_its_scenes_from_the_first():
    at = open_page(query={"present": "1"})
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    assert len(talks()) >= 2
    for name, path in reversed(talks().items()):  # each pick changes the talk (the first is open)
        at.selectbox(key="present_talk").select(name).run()
        assert "present_scene" not in at.session_state  # another talk starts before its first scene
        scenes = load_scenes(path)
        for index, scene in enumerate(scenes):
            at.button(key="present_next").click().run()
            assert not exceptions(at), (name, scene["title"], exceptions(at))
            assert at.session_state["present_scene"] == index
            assert at.selectbox(key="present_talk").value == name  # the talk stays chosen on the new page
            for key, value in scene["params"].items():
                assert at.session_state[key] == value, (scene["title"], key)
        assert at.button(key="present_next").disabled
