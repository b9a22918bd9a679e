"""Write pacing shared by the records kept across playthroughs (read lines, routes).

They change at nearly every line, and each write is a whole file: so changes are marked and
written at most every DEBOUNCE seconds by the loop's `tick`, and at once by `flush` when it
matters (an ending, quitting). A subclass gives its `path`, what to write (`contents`) and
how to check a file of its kind (`check`); a file a newer game wrote is never written over.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.storage import KeptFile, write_json

DEBOUNCE = 2.0  # seconds between two writes of the same record

log = logging.getLogger("her.records")


class Debounced:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._dirty = False
        self._last_write = -DEBOUNCE
        self.path: Path | None = None  # None: kept in memory for this run only
        self._kept = False  # the file on disk is a newer game's: not ours to replace

    def due(self) -> float | None:
        """When the next write is due (clock time), or None when nothing is waiting."""
        return self._last_write + DEBOUNCE if self._dirty else None

    def tick(self) -> None:
        """Write pending changes if the last write was long enough ago."""
        if self._dirty and self.clock() >= self._last_write + DEBOUNCE:
            self.flush()

    def flush(self) -> None:
        """Write the record now if it changed; a failed write stays pending for the next tick."""
        if not self._dirty or self.path is None or self._kept:
            return
        self._last_write = self.clock()
        try:
            write_json(self.path, self.contents(), validate=lambda d: self.check(d, self.path.name))
        except KeptFile as exc:
            self._kept = True
            log.warning("%s", exc.strerror)
            return
        except OSError as exc:
            log.warning("could not write %s: %s", self.path.name, exc)
            return
        self._dirty = False

    def contents(self) -> dict[str, Any]:
        """The whole file to write, envelope included."""
        raise NotImplementedError

    def check(self, data: dict[str, Any], name: str) -> Any:
        """Parse a file of this kind; DamagedFile when it is not what we write."""
        raise NotImplementedError
