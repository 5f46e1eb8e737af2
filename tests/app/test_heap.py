"""ui.cache's frozen heap: in the server, survivors of a full collection are frozen, and nothing is lost for good."""

from __future__ import annotations

import asyncio
import gc
import weakref

import pytest

import ui.cache


class _Node:
    pass


def _cycle() -> _Node:
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # once dropped, only the cycle collector can free these two
    return a


@pytest.fixture
def in_server(monkeypatch):
    monkeypatch.setattr(ui.cache.Runtime, "exists", staticmethod(lambda: True))
    gc.unfreeze()
    yield
    gc.unfreeze()


async def _collect_on_a_loop() -> None:
    ui.cache._collect()  # as the server's event loop runs it after sessions close


def test_a_full_collection_in_the_server_freezes_what_survived(in_server):
    held = _cycle()  # still in use at this collection (an open session's data)
    gc.collect()
    assert gc.get_freeze_count() > 0
    alive = weakref.ref(held)
    del held
    gc.collect()
    assert alive() is not None  # frozen: a later full collection skips it


def test_frozen_garbage_is_freed_by_the_collection_after_sessions_close(in_server):
    held = _cycle()
    gc.collect()  # frozen while in use
    alive = weakref.ref(held)
    del held
    gc.collect()
    assert alive() is not None
    asyncio.run(_collect_on_a_loop())
    assert alive() is None  # the closed-session collection unfroze and collected it
    assert gc.get_freeze_count() > 0  # and froze the survivors again


def test_outside_a_server_a_collection_freezes_nothing():
    gc.unfreeze()
    held = _cycle()
    gc.collect()
    dead = weakref.ref(held)
    del held
    gc.collect()
    assert dead() is None
    assert gc.get_freeze_count() == 0
