"""The workshop: every step's link opens its page with its inputs, and every code snippet runs."""

import os
import subprocess
import sys
import textwrap

import pytest

from tests.app.helpers import exceptions, open_page
from tests.conftest import ROOT
from ui.workshop import read_steps

STEPS = read_steps()


def test_workshop_walks_through_the_steps():
    at = open_page("pages/workshop.py")
    assert "Step 1 of" in at.get("progress")[0].proto.text
    at.button(key="workshop_stop_0").click().run()
    assert any("Paused here" in i.value for i in at.info)
    at.button(key="workshop_go_0").click().run()
    assert at.session_state["workshop_step"] == 1
    assert at.header[0].value.startswith("2.")


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[s.title for s in STEPS])
def test_each_step_opens_its_page_with_its_inputs(index):
    step = STEPS[index]
    at = open_page("pages/workshop.py", query={"workshop_step": str(index)})
    at.button(key=f"workshop_try_{index}").click().run()
    assert not exceptions(at), exceptions(at)
    for key, value in step.params.items():
        assert at.session_state[key] == value
    # The page's own widgets now hold the step's inputs.
    shown = {w.key: w.value for w in [*at.text_area, *at.text_input, *at.selectbox, *at.radio] if w.key}
    for key, value in step.params.items():
        if key in shown:
            assert shown[key] == value


@pytest.mark.slow
def test_every_code_snippet_runs():
    """All snippets in one fresh interpreter, as an attendee would paste them into a notebook."""
    program = "\n".join(f"print('--- step {i + 1}')\n" + textwrap.dedent(step.code) for i, step in enumerate(STEPS))
    out = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.count("--- step") == len(STEPS)
    assert "(3, 384)" in out.stdout and "queen" in out.stdout


def test_the_step_button_does_not_promise_a_new_tab():
    """It opens the page in this tab (a callback switches page), so its icon is an arrow, not "open in new"."""
    at = open_page("pages/workshop.py")
    assert at.button(key="workshop_try_0").proto.icon == ":material/arrow_forward:"
