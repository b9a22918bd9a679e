"""Save slots: versioned JSON files in the player's data folder, one per slot.

Slots are "auto" (chapter starts and quitting), "quick", and numbered slots "1".."N".
A damaged slot is listed with its reason and never overwritten behind the player's back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.engine.model import Story
from game.engine.state import GameState, StateError
from game.migrate import fit_state, stamp
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

    @property
    def thumbnail(self) -> Path:
        return self.path.with_suffix(".png")


def saves_dir() -> Path:
    folder = user_data_dir() / "saves"
    folder.mkdir(parents=True, exist_ok=True)
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
    write_json(path, data)
    return path


def read_save(slot: str) -> SaveInfo:
    path = slot_path(slot)
    info = SaveInfo(slot, path)
    try:
        data = read_json(path, KIND, VERSION)
    except FileNotFoundError:
        raise
    except DamagedFile as exc:
        info.damaged, info.damaged_code = str(exc), exc.code
        return info
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    info.saved_at = str(data.get("saved_at", ""))
    info.chapter = str(meta.get("chapter", ""))
    info.chapter_title = str(meta.get("chapter_title", ""))
    info.line = str(meta.get("line", ""))
    if not isinstance(data.get("state"), dict):
        info.damaged, info.damaged_code = f"{path.name} has no game state", "no-state"
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


def newest_save() -> SaveInfo | None:
    usable = [s for s in list_saves() if s.damaged is None]
    return max(usable, key=lambda s: s.saved_at, default=None)


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
