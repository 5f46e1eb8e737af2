"""A Streamlit client that does not render: the browser's websocket protocol, spoken from Python.

The browser talks to a Streamlit server over one websocket (``/_stcore/stream``). It sends a
`BackMsg` whose ``rerun_script`` field is a `ClientState` (the URL's query string, the page, widget
values); the server runs the script and streams `ForwardMsg`s back: ``new_session``, ``navigation``
(every page with its ``page_script_hash``), one ``delta`` per element, and ``script_finished``.
`StreamlitSession` sends the same messages, reads the answers without drawing them, and times each
run from the send to the ``script_finished`` of a complete run: the server's time for that step
(plus a loopback hop), not a browser's. Used by ``python -m bench.load`` and its test.

    async with StreamlitSession("http://127.0.0.1:8501") as s:
        step = await s.open("embed", {"embed_texts": "cat\\ndog"})
        step.seconds, step.exceptions
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class StepResult:
    """One page run as the server answered it."""

    page: str
    #: Send → ``script_finished`` of the complete run (reruns the script asked for included).
    seconds: float
    #: Messages of the `st.exception` boxes the run drew (an uncaught error is one of these).
    exceptions: list[str] = field(default_factory=list)
    #: Texts of the `st.error` boxes (a page's own message about bad input).
    error_boxes: list[str] = field(default_factory=list)
    #: Texts of the `st.warning` boxes (the app's notes about link values it could not use are these).
    warnings: list[str] = field(default_factory=list)
    #: Texts of the markdown elements (`st.write` and `st.markdown`), in order.
    markdown: list[str] = field(default_factory=list)
    #: Elements drawn, by type (``{"plotly_chart": 2, ...}``).
    elements: dict[str, int] = field(default_factory=dict)
    #: Bytes the server sent for this step.
    received_bytes: int = 0


class StreamlitError(RuntimeError):
    """The server ended a run in a way a browser would show as broken (page not found, compile error)."""


class StreamlitSession:
    """One browser tab's session, without the browser.

    Args:
        url: the server, ``http://host:port``.
        timeout: seconds one step may take before `asyncio.TimeoutError`.
    """

    def __init__(self, url: str, *, timeout: float = 120) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path → page_script_hash, from the server's navigation message
        self._ws: websockets.ClientConnection | None = None

    async def __aenter__(self) -> StreamlitSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        ws_url = self.url.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/_stcore/stream"
        # The browser offers the "streamlit" subprotocol; frames are binary protobufs of any size. A browser
        # sends no pings of its own (the server pings it), so neither does this client: a busy server is
        # slow, not gone (websockets' default gives up after 20 s without a pong).
        self._ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30, ping_interval=None
        )

    async def close(self) -> None:
        """Close the socket, as a closed tab does (the server then ends the session)."""
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def open(self, page: str, params: dict[str, str] | None = None) -> StepResult:
        """Go to `page` (its URL path, e.g. ``"embed"``) with `params` as the URL's query string.

        The first call is a fresh tab opening a deep link (the page named by its path); later calls
        are a click in the menu (the page named by the hash the server listed), with no widget
        values: the page reads its inputs from the query string, as the app's links do.
        """
        if self._ws is None:
            raise RuntimeError("connect() first")
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = urlencode(params or {})
        if page in self.pages:
            state.page_script_hash = self.pages[page]
        else:
            state.page_name = page
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = f"{self.url}/{page}" + (f"?{state.query_string}" if state.query_string else "")
        info.is_embedded = False
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        result = StepResult(page, 0.0)
        async with asyncio.timeout(self.timeout):
            while True:
                raw = await self._ws.recv()
                result.received_bytes += len(raw)
                fwd = ForwardMsg()
                fwd.ParseFromString(raw)
                kind = fwd.WhichOneof("type")
                if kind == "delta":
                    self._read_delta(fwd, result)
                elif kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                elif kind == "page_not_found":
                    raise StreamlitError(f"the server has no page {page!r}")
                elif kind == "script_finished":
                    if fwd.script_finished == _DONE:
                        break
                    if fwd.script_finished != _RERUN:
                        raise StreamlitError(f"{page}: the run ended with status {fwd.script_finished}")
        result.seconds = time.perf_counter() - start
        return result

    @staticmethod
    def _read_delta(fwd: ForwardMsg, result: StepResult) -> None:
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        result.elements[kind] = result.elements.get(kind, 0) + 1
        if kind == "exception":
            result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            result.error_boxes.append(element.alert.body[:300])
        elif kind == "alert" and element.alert.format == Alert.WARNING:
            result.warnings.append(element.alert.body[:300])
        elif kind == "markdown":
            result.markdown.append(element.markdown.body)
