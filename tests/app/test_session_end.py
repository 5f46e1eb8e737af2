"""A closed tab's session is freed (ui.cache.watch_session), on a real server with a short resume window.

Without the watch, Streamlit 1.67 keeps a closed session until the next disconnect after its resume
window (`server.disconnectedSessionTTL`) and never shuts it down: here nothing else disconnects, so
the held data would stay alive.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bench.stclient import StreamlitSession
from tests.support.streamlit_server import streamlit_server

pytestmark = pytest.mark.slow

WINDOW_S = 6  # the resume window for this test; ui.cache shuts a closed session down after half of it


async def _room(url: str) -> tuple[str, str]:
    reporter = StreamlitSession(url, timeout=60)
    await reporter.connect()
    holders = [StreamlitSession(url, timeout=60) for _ in range(3)]
    for holder in holders:
        await holder.connect()
        await holder.open("", {"hold": "1"})
    while_open = (await reporter.open("", {"report": "1"})).markdown[0]
    for holder in holders:
        await holder.close()
    deadline = time.monotonic() + 4 * WINDOW_S
    after = while_open
    while time.monotonic() < deadline and not after.startswith("alive 0"):
        await asyncio.sleep(1)
        after = (await reporter.open("", {"report": "1"})).markdown[0]  # the same socket: nothing disconnects
    await reporter.close()
    return while_open, after


def test_a_closed_session_and_its_data_are_freed(monkeypatch):
    monkeypatch.setenv("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL", str(WINDOW_S))
    with streamlit_server(script="tests/support/apps/session_end_app.py") as (url, _pid):
        while_open, after = asyncio.run(_room(url))
    assert while_open == "alive 3 closed 0"
    assert after == "alive 0 closed 3"
