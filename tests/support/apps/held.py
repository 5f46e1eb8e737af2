"""Objects the session-end test app holds in sessions, watched by weak reference (one registry per server)."""

import weakref


class Held:
    """1 MB that belongs to one session."""

    def __init__(self) -> None:
        self.payload = bytearray(2**20)


HELD: weakref.WeakSet[Held] = weakref.WeakSet()
