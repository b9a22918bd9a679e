"""Write pacing shared by the records kept across playthroughs (read lines, routes).

They change at nearly every line, and each write is a whole file: so changes are marked and
written at most every DEBOUNCE seconds by the loop's `tick`, and at once by `flush` when it
matters (an ending, quitting). A subclass says how to write (`flush`) and clears `_dirty`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEBOUNCE = 2.0  # seconds between two writes of the same record


class Debounced:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._dirty = False
        self._last_write = -DEBOUNCE

    def due(self) -> float | None:
        """When the next write is due (clock time), or None when nothing is waiting."""
        return self._last_write + DEBOUNCE if self._dirty else None

    def tick(self) -> None:
        """Write pending changes if the last write was long enough ago."""
        if self._dirty and self.clock() >= self._last_write + DEBOUNCE:
            self.flush()

    def flush(self) -> None:
        raise NotImplementedError
