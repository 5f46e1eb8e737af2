"""Start `streamlit run app.py` on a free loopback port and wait until it is healthy.

Shared by the browser tests (tests/e2e) and the load test (bench/load.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
#: Chromium flags for this closed network (no background requests) and for running as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, *, timeout: float, poll: float = 0.5) -> None:
    """Wait until the server at `url` answers its health check; raise if it exits or `timeout` s pass."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError(f"the Streamlit server did not become healthy in {timeout:.0f} s") from None
            time.sleep(poll)


@contextmanager
def streamlit_server(
    *,
    log: IO | int = subprocess.DEVNULL,
    timeout: float = 90,
    script: str = "app.py",
    cpus: str | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    poll: float = 0.5,
) -> Iterator[tuple[str, int]]:
    """Run the app (or another `script`, relative to `cwd`) on 127.0.0.1 with no network for models.

    `cpus` pins the server to those cores (``taskset -c``, e.g. ``"0"``); `env` adds to the environment;
    `poll` is how often the health endpoint is asked until it answers (within `timeout` seconds).
    Yields ``(url, pid)``; stops the server afterwards.
    """
    port = free_port()
    pin = ["taskset", "-c", cpus] if cpus is not None else []  # taskset execs: the pid is the server's
    proc = subprocess.Popen(
        [
            *pin,
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],  # fmt: skip
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=timeout, poll=poll)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
