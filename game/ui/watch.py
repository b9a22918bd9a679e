"""Noticing story edits for `--watch`: compare file times and sizes, at most twice a second."""

from __future__ import annotations

from pathlib import Path

POLL = 0.5


class StoryWatcher:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.next_poll = 0.0
        self._seen = self._scan()

    def _scan(self) -> dict[str, tuple[int, int]]:
        out = {}
        try:
            for path in self.folder.rglob("*.y*ml"):
                try:
                    st = path.stat()
                except OSError:
                    continue
                out[str(path)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
        return out

    def poll(self, now: float) -> bool:
        """True when a story file was added, removed or changed since the last poll."""
        if now < self.next_poll:
            return False
        self.next_poll = now + POLL
        seen = self._scan()
        changed = seen != self._seen
        self._seen = seen
        return changed
