"""Versioned JSON files written atomically, with the previous good copy kept as a backup.

Every file the game writes for the player (saves, settings, the persistent record) goes
through here: write to a temporary file, flush, fsync, rename over the old one. A process
killed at any instant leaves either the old or the new file, never a torn one.

The file being replaced becomes `NAME.bak` only when it is a good copy; a damaged one is
kept aside as `NAME.damaged` instead, so writing never turns the last good backup into junk.

Cost: a save is written compactly by the C JSON encoder (an `indent` switches Python's json to
its pure-Python encoder, ~20 times slower), and a file this process wrote itself and that is
still exactly as written (same inode, size and modification time) is known to be good without
reading it back, so rewriting a slot costs what is written, not that plus the old file again.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


class DamagedFile(ValueError):
    """A file that exists but cannot be used; the message is one line, `code` says which
    kind of damage it is so the interface can say it in the player's language."""

    def __init__(self, message: str, code: str = "garbled"):
        super().__init__(message)
        self.code = code


def write_json(path: Path, data: Any, backup: bool = True, validate: Callable[[dict], Any] | None = None) -> None:
    """Write `data` atomically; with `backup`, keep the file it replaces (see the module docstring).

    `validate` is the caller's own check of a file's content (raising DamagedFile, ValueError,
    TypeError or KeyError when unusable); it decides, with the envelope, whether the old file
    is a good copy.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if backup and path.exists():
        suffix = ".bak" if _good_copy(path, data, validate) else ".damaged"
        try:
            _copy_atomic(path, path.with_name(path.name + suffix))
        except OSError:
            pass
    write_atomic(path, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any instant leaves the old or the new file.

    Temporary file in the same folder, flush, fsync, rename, fsync the folder. Every file the
    game writes (JSON, thumbnails, compiled catalogs, templates) goes through here.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
        _written[str(path)] = _identity(path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_written: dict[str, tuple[int, int, int] | None] = {}  # path: identity of the file this process last wrote there


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _good_copy(path: Path, data: Any, validate: Callable[[dict], Any] | None) -> bool:
    """Whether the file about to be replaced is worth keeping as the backup."""
    kind = data.get("format") if isinstance(data, dict) else None
    if not isinstance(kind, str):
        return True  # not one of our envelopes: nothing to judge it by
    known = _written.get(str(path))
    if known is not None and known == _identity(path):
        return True  # what this process wrote and checked, untouched since: no read-back needed
    try:
        old = read_json(path, kind, sys.maxsize)  # a newer game's file is not damage
    except (DamagedFile, OSError):
        return False
    if validate is not None and old.get("version") <= data.get("version", 0):
        try:
            validate(old)
        except (DamagedFile, ValueError, TypeError, KeyError):
            return False
    return True


def _copy_atomic(src: Path, dst: Path) -> None:
    """Keep the last good copy: a hard link is atomic and costs nothing; copy where links fail."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    try:
        if tmp.exists():
            tmp.unlink()
        os.link(src, tmp)
    except OSError:
        tmp.write_bytes(src.read_bytes())
    os.replace(tmp, dst)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_json(path: Path, kind: str, version: int) -> dict[str, Any]:
    """Read a versioned JSON object of this kind; DamagedFile with a one-line reason if unusable.

    `version` is the newest format this code writes; a file whose `min_version` is above it
    was written by a newer game and is refused rather than misread.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise DamagedFile(f"cannot read {path.name}: {exc.strerror}", "unreadable") from None
    if not raw.strip():
        raise DamagedFile(f"{path.name} is empty", "empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFile(f"{path.name} is not text (damaged)", "not-text") from None
    except json.JSONDecodeError as exc:
        raise DamagedFile(f"{path.name} is damaged (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise DamagedFile(f"{path.name} is not a {kind} file", "wrong-kind")
    if data.get("format") != kind:
        raise DamagedFile(f"{path.name} is not a {kind} file", "wrong-kind")
    file_version = data.get("version")
    min_version = data.get("min_version", file_version)
    if not isinstance(file_version, int) or not isinstance(min_version, int):
        raise DamagedFile(f"{path.name} has no format version", "no-version")
    if min_version > version:
        raise DamagedFile(f"{path.name} was written by a newer version of the game", "newer")
    return data


def envelope(kind: str, version: int, min_version: int, **fields: Any) -> dict[str, Any]:
    return {"format": kind, "version": version, "min_version": min_version, **fields}
