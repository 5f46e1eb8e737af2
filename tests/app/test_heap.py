"""ui.cache.freeze_heap: the loaded heap is left out of automatic collections, and nothing is lost for good."""

from __future__ import annotations

import asyncio
import gc
import weakref

import ui.cache


class _Node:
    pass


def _cycle() -> weakref.ref:
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # only the cycle collector can free these two
    return weakref.ref(a)


async def _collect_on_a_loop() -> None:
    ui.cache._collect()  # as the server's event loop runs it after sessions close


def test_frozen_garbage_is_freed_by_the_collection_after_sessions_close():
    try:
        alive = _cycle()
        gc.freeze()  # the cycle was still in use when the heap was frozen (an open session's data)
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert alive() is not None  # frozen: a full collection skips it
        asyncio.run(_collect_on_a_loop())
        assert alive() is None  # the closed-session collection unfroze, collected and froze again
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_freeze_heap_collects_before_it_freezes():
    try:
        gc.unfreeze()
        dead = _cycle()  # garbage already: freezing it would keep it forever
        ui.cache.freeze_heap()
        assert dead() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
