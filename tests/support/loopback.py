"""The base of the test servers: a JSON-over-HTTP server on 127.0.0.1 in a daemon thread.

A subclass says which HTTP methods it serves and answers each request in `respond`; this base
opens the socket on a free port, runs the server while the ``with`` block lasts, and writes the
answer (status, JSON body, extra headers). Used by the OpenAI-compatible server
(`tests.support.openai_server`) and the Qdrant stand-in (`tests.support.qdrant_server`).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class LoopbackServer:
    """A local HTTP server whose requests `respond` answers; call `_open` once before ``with``."""

    #: The HTTP methods served; any other gets 501, as `http.server` answers.
    methods: tuple[str, ...] = ("POST",)

    def _open(self) -> None:
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def respond(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, Any, dict[str, str]]:
        """Status, JSON body and extra headers for one request."""
        raise NotImplementedError


def _handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            if self.command not in server.methods:
                self.send_error(501, f"Unsupported method ({self.command!r})")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, out, extra = server.respond(self.command, self.path, self.headers, body)
            raw = json.dumps(out).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            for name, value in extra.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_PUT = do_POST = do_DELETE = _serve  # the http.server API names them so

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    return Handler
