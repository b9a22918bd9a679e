"""Save slots: versioned JSON files in the player's data folder, one per slot.

Slots are "auto" (chapter starts and quitting), "quick", and numbered slots "1".."N".
A damaged slot is listed with its reason and never overwritten behind the player's back.
Continuing (and loading a damaged slot) falls back to the newest good copy, a slot's `.bak`
or another slot, and says in one line what it used instead (`resume`, `open_slot`): both
front ends call these, so they behave the same.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.engine.model import Story
from game.engine.runtime import Runtime
from game.engine.state import GameState, StateError
from game.migrate import fit_state, stamp
from game.notice import Notice, later
from game.paths import user_data_dir
from game.storage import DamagedFile, envelope, read_json, write_json

KIND = "her-save"
VERSION = 2  # 2: the state keeps its line by identity (game.engine.state); 1 still loads
MIN_VERSION = 2  # a game that only knows version 1 says "written by a newer version" instead of failing later
SLOT = re.compile(r"^(auto|quick|[1-9][0-9]?)$")
NUMBERED_SLOTS = 12


@dataclass
class SaveInfo:
    slot: str
    path: Path
    saved_at: str = ""
    chapter: str = ""
    chapter_title: str = ""
    line: str = ""
    damaged: str | None = None  # one-line reason when the file cannot be used
    damaged_code: str = ""  # which kind of damage (storage.DamagedFile.code, or "no-state")
    data: dict[str, Any] | None = None
    modified: float = 0.0  # the file's mtime: orders damaged files too (they have no saved_at)
    backup: SaveInfo | None = None  # a damaged slot's good backup, which loading it falls back to

    @property
    def thumbnail(self) -> Path:
        return self.path.with_suffix(".png")


def saves_dir() -> Path:
    """The saves folder (made if missing); OSError with a one-line reason when it cannot be."""
    folder = user_data_dir() / "saves"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise NotADirectoryError(errno.ENOTDIR, later.ui("{folder} is a file, not a folder: the game cannot save", folder=str(folder))) from None
    return folder


def slot_path(slot: str) -> Path:
    if not SLOT.match(slot):
        raise ValueError(f"'{slot}' is not a save slot")
    return saves_dir() / f"{slot}.json"


def write_save(slot: str, story: Story, state: GameState, line: str = "") -> Path:
    """Write a slot; the state is kept at the line it shows next, by that line's identity."""
    state = stamp(story, state)
    chapter = story.chapter_of(state.node)
    data = envelope(
        KIND, VERSION, MIN_VERSION,
        story={"title": story.title, "start": story.start, "fingerprint": story.fingerprint},
        saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        meta={"chapter": chapter.id if chapter else "", "chapter_title": chapter.title if chapter else "", "line": line[:200]},
        state=state.to_json(),
    )
    path = slot_path(slot)
    write_json(path, data, validate=_playable)
    return path


def _playable(data: dict) -> None:
    """Whether an old save is a good copy (worth becoming the backup): it holds a valid state."""
    GameState.from_json(data.get("state"))


def read_save(slot: str) -> SaveInfo:
    """A slot's file; when it is damaged, its good backup (if any) as `.backup`."""
    info = read_save_file(slot, slot_path(slot))
    if info.damaged:
        try:
            backup = read_save_file(slot, backup_path(slot))
            info.backup = None if backup.damaged else backup
        except FileNotFoundError:
            pass
    return info


def backup_path(slot: str) -> Path:
    path = slot_path(slot)
    return path.with_name(path.name + ".bak")


def read_save_file(slot: str, path: Path) -> SaveInfo:
    """A slot's file (or its backup) as a SaveInfo; FileNotFoundError when there is none."""
    info = SaveInfo(slot, path)
    try:
        info.modified = os.stat(path).st_mtime
    except FileNotFoundError:
        raise
    except OSError:
        pass
    try:
        data = read_json(path, KIND, VERSION)
    except FileNotFoundError:
        raise
    except DamagedFile as exc:
        info.damaged, info.damaged_code = exc.notice, exc.code
        return info
    except OSError as exc:
        info.damaged, info.damaged_code = later.ui("cannot read {file}: {reason}", file=path.name, reason=exc.strerror or str(exc)), "unreadable"
        return info
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    info.saved_at = _when(data.get("saved_at"))
    info.chapter = str(meta.get("chapter", ""))
    info.chapter_title = str(meta.get("chapter_title", ""))
    info.line = str(meta.get("line", ""))
    if not isinstance(data.get("state"), dict):
        info.damaged, info.damaged_code = later.ui("{file} has no game state", file=path.name), "no-state"
        return info
    info.data = data
    return info


def list_saves() -> list[SaveInfo]:
    out = []
    for path in saves_dir().glob("*.json"):
        slot = path.stem
        if SLOT.match(slot):
            try:
                out.append(read_save(slot))
            except FileNotFoundError:
                continue
    return out


def _when(value: Any) -> str:
    """A saved time as written, or "" when it is not a sane ISO time (a far future one included)."""
    if not isinstance(value, str) or len(value) > 40:
        return ""
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment.astimezone(timezone.utc)
    except (ValueError, OverflowError, OSError):
        return ""
    return value if 1970 <= moment.year <= 9000 else ""


def newest_save() -> SaveInfo | None:
    """The newest good copy (a damaged slot's backup included): where Continue leads."""
    usable = [s.backup or s for s in list_saves()]
    return max((s for s in usable if s.damaged is None), key=lambda s: s.modified, default=None)


@dataclass
class Resumed:
    """What Continue (or loading a slot) found: the state to play, or None, and what to tell the player."""

    info: SaveInfo | None = None
    state: GameState | None = None
    notes: list[str] = field(default_factory=list)  # story edits the state was fitted to
    notice: str | None = None  # one line: the file that could not be used, and what was used instead


def _backups() -> list[SaveInfo]:
    out = []
    for path in saves_dir().glob("*.json.bak"):
        slot = path.name[: -len(".json.bak")]
        if SLOT.match(slot):
            try:
                out.append(read_save_file(slot, path))
            except FileNotFoundError:
                continue
    return out


def _try(info: SaveInfo, story: Story) -> tuple[GameState, list[str]] | Notice:
    """The fitted state, or the one-line reason this copy cannot be played."""
    if info.damaged:
        return info.damaged if isinstance(info.damaged, Notice) else Notice("{reason}", reason=info.damaged)
    try:
        state, notes = load_state(info, story)
        Runtime(story, state)  # the story can play it: checked here, so Continue moves on to the next copy
        return state, notes
    except (StateError, ValueError, KeyError, TypeError) as exc:
        return later.ui("{file} cannot be loaded: {reason}", file=info.path.name, reason=str(exc))


def _first_good(candidates: list[SaveInfo], story: Story, one_slot: bool = False) -> Resumed:
    """The first copy of `candidates` that plays; the notice names the first one that did not."""
    failed: Notice | None = None
    for info in candidates:
        outcome = _try(info, story)
        if isinstance(outcome, tuple):
            state, notes = outcome
            notice = None if failed is None else later.ui("{reason}; continuing from {file} instead", reason=failed, file=info.path.name)
            return Resumed(info, state, notes, notice)
        failed = failed or outcome
    if failed is None:
        return Resumed()
    if one_slot:
        return Resumed(notice=later.ui("This save cannot be loaded: {reason}", reason=failed))
    return Resumed(notice=later.ui("{reason}; there is no other save to continue from", reason=failed))


def resume(story: Story) -> Resumed:
    """Continue: the newest save that plays, newest file first (a damaged one included, so the
    player hears about it), each slot's backup in its place by time. A newer game's save is
    skipped and kept as it is; the notice says why."""
    try:
        copies = list_saves() + _backups()
    except OSError as exc:
        return Resumed(notice=later.ui("The saves cannot be read: {reason}", reason=exc.strerror or str(exc)))
    copies.sort(key=lambda s: (s.modified, not s.path.name.endswith(".bak")), reverse=True)
    return _first_good(copies, story)


def open_slot(slot: str, story: Story) -> Resumed:
    """Load one slot: its file, else its backup (the notice says so). Nothing there: empty Resumed."""
    copies = []
    try:
        for path in (slot_path(slot), backup_path(slot)):
            try:
                copies.append(read_save_file(slot, path))
            except FileNotFoundError:
                continue
    except OSError as exc:
        return Resumed(notice=later.ui("The saves cannot be read: {reason}", reason=exc.strerror or str(exc)))
    return _first_good(copies, story, one_slot=True)


def load_state(info: SaveInfo, story: Story) -> tuple[GameState, list[str]]:
    """The saved state fitted to this story, and notes on what a story edit changed."""
    if info.damaged or info.data is None:
        raise StateError(info.damaged or "damaged save")
    saved_story = info.data.get("story")
    if not isinstance(saved_story, dict) or saved_story.get("title") != story.title:
        title = saved_story.get("title") if isinstance(saved_story, dict) else None
        raise StateError(f"this save belongs to another story ({title!r})")
    state = GameState.from_json(info.data["state"])
    return fit_state(state, story, info.chapter)


def delete_save(slot: str) -> None:
    path = slot_path(slot)
    for p in (path, path.with_suffix(".png"), path.with_name(path.name + ".bak")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
