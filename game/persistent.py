"""What the player has done in any playthrough: endings reached and lines read.

The window skips only read text and shows the endings gallery from this record, so it must
survive crashes: changes are written soon after they happen (at most every couple of
seconds for read lines, at once for an ending), not only when the game closes.

A read line is `node:key` with the line's stable identity (game.engine.identity), so a mark
stays on its line when the story is edited around it. A version-1 record kept list positions
(`node:3`); `adopt(story)` maps those to identities once, when the story is known.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from game.debounced import Debounced
from game.notice import later
from game.paths import user_data_dir
from game.storage import DamagedFile, envelope, read_recovering

KIND = "her-persistent"
VERSION = 2  # 2: read lines by identity; a version-1 record is read and adopted (see `adopt`)
MIN_VERSION = 1  # the shape did not change: an older game still reads the endings


def persistent_path() -> Path:
    return user_data_dir() / "persistent.json"


class Persistent(Debounced):
    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(clock)
        self.endings: dict[str, str] = {}  # ending id -> when it was first reached (ISO, UTC)
        self.read: set[str] = set()  # LineEvent.uid of every line shown
        self.note: str | None = None  # one line on what was wrong with the file, if anything
        self.legacy = False  # the read marks are version-1 positions, until `adopt`
        self.path: Path | None = path
        if self.path is None:
            try:
                self.path = persistent_path()
            except OSError as exc:  # no usable data folder: kept in memory for this run
                self.note = later.ui("{reason}; endings and read lines are not kept after this run", reason=exc.strerror or str(exc))
                return
        self._load()

    # --- reading ---------------------------------------------------------------------
    def _load(self) -> None:
        """Read the record (game.storage.read_recovering: a damaged one gives way to its backup,
        or else to a fresh record). Nothing is written here."""
        found = read_recovering(self.path, KIND, VERSION, self._take)
        self._kept = found.newer  # a newer game's record: used by it, never written over by us
        if found.restored:
            self.note = later.ui("{reason}; the record of endings and read lines was restored from the backup", reason=found.damage)
        elif found.damage:
            self.note = later.ui("{reason}; the record of endings and read lines starts afresh", reason=found.damage)

    def _take(self, data: dict, name: str) -> None:
        self.endings, self.read = _parse(data, name)
        self.legacy = data.get("version", VERSION) < 2

    def adopt(self, story) -> None:
        """Map a version-1 record's position marks to line identities in `story` (once; marks
        whose node or position is gone are dropped). Nothing is written until the next change."""
        if not self.legacy:
            return
        from game.engine.identity import legacy_key

        adopted = set()
        for mark in self.read:
            node_id, _, key = mark.rpartition(":")
            node = story.nodes.get(node_id)
            new = None if node is None else legacy_key(node, "line", key)
            if new is not None:
                adopted.add(f"{node_id}:{new}")
        self.read, self.legacy = adopted, False

    # --- recording -------------------------------------------------------------------
    def was_read(self, uid: str) -> bool:
        return uid in self.read

    def mark_read(self, uid: str) -> bool:
        """Record a line as read; True if it was new. Written within DEBOUNCE seconds (see tick)."""
        if uid in self.read:
            return False
        self.read.add(uid)
        self._dirty = True
        return True

    def reach_ending(self, ending: str) -> bool:
        """Record an ending (written at once); True the first time it is reached."""
        new = ending not in self.endings
        if new:
            self.endings[ending] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._dirty = True
        self.flush()
        return new

    def contents(self) -> dict:
        version = 1 if self.legacy else VERSION  # never adopted (no story at hand): still a version-1 record
        return envelope(KIND, version, MIN_VERSION, endings=dict(sorted(self.endings.items())), read=sorted(self.read))

    def check(self, data: dict, name: str):
        return _parse(data, name)


def _parse(data: dict, name: str) -> tuple[dict[str, str], set[str]]:
    """The endings and read lines of a record; DamagedFile when they are not what we write."""
    endings, read = data.get("endings", {}), data.get("read", [])
    if not isinstance(endings, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in endings.items()):
        raise DamagedFile(later.ui("{file}: 'endings' is not a table of ending names and dates", file=name))
    if not isinstance(read, list) or not all(isinstance(x, str) for x in read):
        raise DamagedFile(later.ui("{file}: 'read' is not a list of line ids", file=name))
    return dict(endings), set(read)
