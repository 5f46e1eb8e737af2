"""Real-browser tests: a Streamlit server on a free loopback port, driven by Playwright in Debian's Chromium.

Screenshots of every page are saved to `test-artifacts/screenshots/` (CI keeps that folder).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load import flow, settle
from bench.stclient import StreamlitSession
from tests.support.streamlit_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    log = (ROOT / "test-artifacts").resolve()
    log.mkdir(exist_ok=True)
    with open(log / "streamlit-server.log", "w") as out, streamlit_server(log=out) as (url, pid):
        _warm(url, pid)
        yield url


def _warm(url: str, pid: int) -> None:
    """Load the model and let the UMAP warm-up finish before the first test, as a room meets a woken app.

    On a fresh machine numba's cache is empty and the warm-up thread compiles for the better part of
    a minute inside the server; tests that uploaded a file or measured a layout in that minute were
    the ones that failed on CI (a dropped upload, a layout caught mid-run). The cold start itself is
    measured by ``python -m bench.cold``, not here.
    """

    async def visit() -> None:
        async with StreamlitSession(url, timeout=600) as session:
            await session.open("embed", {"model": "minilm"})
            maps = dict(flow(0)[2][1], projection_method="umap")  # typed texts: no shipped map, so UMAP runs
            await session.open("projections", maps)

    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # its own event loop, beside Playwright's
        pool.submit(asyncio.run, visit()).result()
    settle(pid)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1440, "height": 1000}}


@pytest.fixture(scope="session", autouse=True)
def _screenshot_dir() -> None:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
