"""The load test's client (bench/stclient.py) against a real server: it finishes steps and sees errors."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from bench.load import STEPS, flow, run_room
from bench.stclient import StreamlitSession
from tests.support.streamlit_server import streamlit_server


def run_alone(coro):
    """Run `coro` on its own event loop in a thread: Playwright's sync API (the browser tests before
    these) leaves an event loop running in the main thread, where `asyncio.run` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


#: What each page of the flow draws once its inputs from the link are used.
PICTURES = {"plotly_chart", "table", "dataframe"}


def test_every_session_types_its_own_texts():
    flows = [flow(i) for i in range(100)]
    for step in range(len(STEPS)):
        assert len({tuple(sorted(f[step][1].items())) for f in flows}) == 100, STEPS[step]
    assert [page for page, _ in flows[0]] == STEPS
    typed = [
        line
        for f in flows
        for _, params in f
        for key, v in params.items()
        if key.endswith("texts") or key.endswith("typed")
        for line in v.splitlines()
    ]
    assert len(typed) == len(set(typed))  # no text typed twice, in any session or on any page


@pytest.mark.e2e  # the whole app on a server, MiniLM loaded: a minute or two on a busy machine
def test_two_sessions_go_through_the_workshop_flow():
    with streamlit_server() as (url, _pid):
        results = run_alone(run_room(url, 2, timeout=300))
    for steps, errors in results:
        assert errors == []
        assert [s.page for s in steps] == STEPS
        for step in steps:
            assert step.exceptions == [] and step.error_boxes == [] and step.warnings == []
            assert PICTURES & step.elements.keys(), f"{step.page} drew no chart or table: {step.elements}"
            assert step.seconds > 0


@pytest.mark.slow
def test_the_client_reports_exceptions_and_error_boxes():
    async def visit(url: str) -> list:
        async with StreamlitSession(url, timeout=60) as session:
            return [await session.open("", {"fail": fail}) for fail in ("exception", "box", "none")]

    with streamlit_server(script="tests/support/apps/failing_app.py") as (url, _pid):
        raised, boxed, fine = run_alone(visit(url))
    assert len(raised.exceptions) == 1 and raised.error_boxes == []
    assert boxed.exceptions == [] and boxed.error_boxes == ["The page's own message about bad input."]
    assert fine.exceptions == [] and fine.error_boxes == [] and fine.elements == {"markdown": 1}
