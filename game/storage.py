"""Versioned JSON files written atomically, with the previous good copy kept as a backup.

Every file the game writes for the player (saves, settings, the persistent record) goes
through here: write to a temporary file, flush, fsync, verify, and only then keep the old
file and rename the new one over it. A process killed at any instant leaves the old or the
new file, never a torn one, and the backup is always a good copy:

- the old file becomes `NAME.bak` only when it is a good copy;
- a damaged or unreadable one is kept aside as `NAME.damaged` (the good `.bak` stays);
- a file written by a newer version of the game is never replaced (`KeptFile`).

Every JSON file the game reads (these, and its caches) goes through `read_bounded`: regular
files only (a FIFO or device is never opened blocking), bounded size, nesting depth and
integer size. Temporary files an interrupted write left behind are swept on first read.

Cost: a file is written compactly by the C JSON encoder (an `indent` switches Python's json to
its pure-Python encoder, ~20 times slower), and a file this process wrote itself and that is
still exactly as written (same inode, size and modification time) is known to be good without
reading it back, so rewriting a slot costs what is written, not that plus the old file again.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Generic, TypeVar

from game.notice import later

T = TypeVar("T")

MAX_BYTES = 8 * 1024 * 1024  # a player's file (the record of a huge story is well below)
MAX_DEPTH = 32  # our files nest 4 deep; a cache file passes its own
MAX_INT_DIGITS = 18  # |n| < 10**18: every number the game writes, with room to spare
MAX_NUMBER_CHARS = 40  # a float's text
MAX_PATH = 4096
STRAY_AGE = 30.0  # seconds: a temporary file older than this is an interrupted write's
_swept: set[str] = set()
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


class DamagedFile(ValueError):
    """A file that exists but cannot be used; the message is one line (a Notice, so the window can
    say it in the player's language), `code` says which kind of damage it is."""

    def __init__(self, message: str, code: str = "garbled"):
        super().__init__(message)
        self.notice = message
        self.code = code


class KeptFile(OSError):
    """Refusing to replace a file this game must not touch (a newer game's); `strerror` says why."""

    def __init__(self, message: str):
        super().__init__(errno.EEXIST, message)


# --- reading -------------------------------------------------------------------------------
def read_regular(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`.

    FileNotFoundError when it is not there; DamagedFile (code "folder", "not-a-file",
    "too-large", "unreadable") otherwise. A FIFO or device is refused from its stat, and the file is opened
    non-blocking, so nothing here can hang.
    """
    name = path.name[:100] or str(path)[:100]
    if len(str(path)) > MAX_PATH:
        raise DamagedFile(later.ui("The path is too long ({count} characters).", count=len(str(path))), "unreadable")
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DamagedFile(later.ui("{file} is a folder, not a file", file=name), "folder")
        if not stat.S_ISREG(info.st_mode):
            raise DamagedFile(later.ui("{file} is not a regular file (a pipe or a device)", file=name), "not-a-file")
        if info.st_size > max_bytes:
            raise DamagedFile(later.ui("{file} is too large ({size} bytes)", file=name, size=info.st_size), "too-large")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, DamagedFile):
        raise
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise DamagedFile(later.ui("The path is too long ({count} characters).", count=len(str(path))), "unreadable") from None
        raise DamagedFile(later.ui("cannot read {file}: {reason}", file=name, reason=exc.strerror or str(exc)), "unreadable") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between stat and open
            raise DamagedFile(later.ui("{file} is not a regular file (a pipe or a device)", file=name), "not-a-file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DamagedFile(later.ui("cannot read {file}: {reason}", file=name, reason=exc.strerror or str(exc)), "unreadable") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise DamagedFile(later.ui("{file} is too large ({size} bytes)", file=name, size=len(data)), "too-large")
    return data


def _number(text: str, convert: Callable[[str], Any]) -> Any:
    digits = text.lstrip("-").split(".")[0].split("e")[0].split("E")[0]
    if len(text) > MAX_NUMBER_CHARS or (convert is int and len(digits) > MAX_INT_DIGITS):
        raise _TooBig(text)
    value = convert(text)
    if convert is float and not math.isfinite(value):  # 1e999 reads as infinity
        raise _TooBig(text)
    return value


class _TooBig(ValueError):
    pass


def _no_constant(text: str) -> Any:
    raise _TooBig(text)  # NaN, Infinity: not JSON, never written by us


def parse_bounded(raw: bytes, name: str, max_depth: int = MAX_DEPTH) -> Any:
    """JSON from bytes, with bounded nesting and numbers; DamagedFile (one line) otherwise."""
    if not raw.strip():
        raise DamagedFile(later.ui("{file} is empty", file=name), "empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DamagedFile(later.ui("{file} is not text (damaged)", file=name), "not-text") from None
    try:
        data = json.loads(text, parse_int=lambda t: _number(t, int), parse_float=lambda t: _number(t, float),
                          parse_constant=_no_constant)
    except _TooBig:
        raise DamagedFile(later.ui("{file} holds a number that is too large", file=name), "too-large") from None
    except RecursionError:
        raise DamagedFile(later.ui("{file} is nested too deeply", file=name), "too-large") from None
    except json.JSONDecodeError as exc:
        raise DamagedFile(later.ui("{file} is damaged (line {line})", file=name, line=exc.lineno)) from None
    except ValueError:  # int() refusing a huge literal, a lone surrogate
        raise DamagedFile(later.ui("{file} is damaged (line {line})", file=name, line=1)) from None
    if _over_bounds(data, max_depth):
        raise DamagedFile(later.ui("{file} is nested too deeply", file=name), "too-large")
    if _SURROGATE.search(raw):  # `\ud800` alone reads fine but could never be written back as UTF-8
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise DamagedFile(later.ui("{file} is damaged (line {line})", file=name, line=1)) from None
    return data


_NESTED = (dict, list, tuple)  # tuples: what json.dumps writes as lists
_NONE = type(None)


def _over_bounds(data: Any, limit: int, numbers: bool = False) -> str | None:
    """"deep" when lists and objects nest deeper than `limit`, "number" (with `numbers`) when
    a number is one read_bounded would refuse, else None.

    Level by level, no recursion to exhaust. A container's items are looked at one by one only
    when they mix containers with other values or hold numbers, so the long lists of a save
    (its history) cost a C-level pass each, not a Python step per entry.
    """
    level = [data] if isinstance(data, _NESTED) else []
    depth = 0
    while level:
        if depth >= limit:
            return "deep"
        nested: list = []
        for value in level:
            items = value.values() if isinstance(value, dict) else value
            kinds = set(map(type, items))
            if numbers and (int in kinds or float in kinds) and _number_over(items):
                return "number"
            inner = [issubclass(kind, _NESTED) for kind in kinds]
            if kinds <= _LISTS and _flat_lists(items, numbers):
                if depth + 1 >= limit:
                    return "deep"
            elif all(inner):
                nested.extend(items)
            elif any(inner):
                nested.extend(item for item in items if isinstance(item, _NESTED))
        level = nested
        depth += 1
    return None


_LISTS = {list, tuple}


def _flat_lists(items, numbers: bool) -> bool:
    """Lists holding only text, true/false and null (a save's history runs), seen in one C-level
    pass over all of them instead of a Python step per list."""
    kinds = set(map(type, chain.from_iterable(items)))
    return kinds <= ({str, bool, _NONE} if numbers else {str, bool, _NONE, int, float})


def _number_over(items) -> bool:
    for item in items:
        kind = type(item)
        if kind is int and abs(item) >= 10**MAX_INT_DIGITS:
            return True
        if kind is float and len(repr(item)) > MAX_NUMBER_CHARS:
            return True
    return False


def read_bounded(path: Path, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Any JSON file the game reads: `read_regular` and `parse_bounded` in one."""
    return parse_bounded(read_regular(path, max_bytes), path.name, max_depth)


def read_json(path: Path, kind: str, version: int) -> dict[str, Any]:
    """Read a versioned JSON object of this kind; DamagedFile with a one-line reason if unusable.

    `version` is the newest format this code writes; a file whose `min_version` is above it
    was written by a newer game and is refused rather than misread (code "newer").
    """
    sweep_stray(path.parent)
    data = read_bounded(path)
    return check_envelope(data, path.name, kind, version)


@dataclass
class Recovered(Generic[T]):
    """What `read_recovering` found: the record (None: start afresh), and what was wrong."""

    value: T | None = None
    damage: str | None = None  # one line on what was wrong with the file, None if nothing
    restored: bool = False  # the value came from the backup
    newer: bool = False  # the file is a newer game's: use nothing of it, never write over it


def read_recovering(path: Path, kind: str, version: int, take: Callable[[dict[str, Any], str], T]) -> Recovered[T]:
    """Read a record the game keeps for the player (`take(data, file name)` parses it and
    raises DamagedFile); a damaged one gives way to its backup, or else to nothing.

    A missing file is a first start or one the player removed: start afresh, quietly. Nothing
    is written here: when the backup is used too, the damaged file is moved aside as
    `NAME.damaged` for inspection, so no later write can lose it.
    """
    try:
        return Recovered(take(read_json(path, kind, version), path.name))
    except FileNotFoundError:
        return Recovered()
    except DamagedFile as exc:
        damage, newer = exc.notice, exc.code == "newer"
    backup = path.with_name(path.name + ".bak")
    try:
        return Recovered(take(read_json(backup, kind, version), backup.name), damage, True, newer)
    except (FileNotFoundError, DamagedFile):
        pass
    if not newer and path.exists():
        try:
            os.replace(path, path.with_name(path.name + ".damaged"))
        except OSError:
            pass
    return Recovered(None, damage, False, newer)


def check_envelope(data: Any, name: str, kind: str, version: int) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != kind:
        raise DamagedFile(later.ui("{file} is not a {kind} file", file=name, kind=kind), "wrong-kind")
    file_version = data.get("version")
    min_version = data.get("min_version", file_version)
    if type(file_version) is not int or type(min_version) is not int:
        raise DamagedFile(later.ui("{file} has no format version", file=name), "no-version")
    if min_version > version:
        raise DamagedFile(later.ui("{file} was written by a newer version of the game", file=name), "newer")
    return data


def envelope(kind: str, version: int, min_version: int, **fields: Any) -> dict[str, Any]:
    return {"format": kind, "version": version, "min_version": min_version, **fields}


# --- writing -------------------------------------------------------------------------------
def write_json(path: Path, data: Any, backup: bool = True, validate: Callable[[dict], Any] | None = None) -> None:
    """Write `data` atomically; with `backup`, keep the file it replaces (see the module docstring).

    `validate` is the caller's own check of a file's content (raising DamagedFile, ValueError,
    TypeError or KeyError when unusable); it decides, with the envelope, whether the old file
    is a good copy. KeptFile (an OSError) when the old file is a newer game's.
    """
    try:
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False).encode("utf-8")
    except ValueError:  # NaN or Infinity, which read_bounded refuses
        raise DamagedFile(later.ui("{file} holds a number that is too large", file=path.name), "too-large") from None
    _readable(data, raw, path.name)
    verdict = _judge(path, data, validate) if backup else None
    if verdict == "newer":
        raise KeptFile(later.ui("{file} was saved by a newer version of the game and is kept as it is", file=path.name))
    keep = None if verdict is None else path.with_name(path.name + ".bak") if verdict == "good" else _aside(path)
    write_atomic(path, raw, keep=keep)


def _readable(data: Any, raw: bytes, name: str) -> None:
    """What we write, we can read back: `raw` is the C encoder's JSON of `data`, so checking the
    bounds on `data` says what parsing `raw` back would, without parsing it (a save's cost)."""
    if len(raw) > MAX_BYTES:
        raise DamagedFile(later.ui("{file} is too large ({size} bytes)", file=name, size=len(raw)), "too-large")
    problem = _over_bounds(data, MAX_DEPTH, numbers=True)
    if problem == "deep":
        raise DamagedFile(later.ui("{file} is nested too deeply", file=name), "too-large")
    if problem == "number":
        raise DamagedFile(later.ui("{file} holds a number that is too large", file=name), "too-large")


def write_atomic(path: Path, data: bytes, keep: Path | None = None) -> None:
    """Replace `path` with `data` so that a crash at any instant leaves the old or the new file.

    Temporary file in the same folder, flush, fsync, check its size and checksum, then (with
    `keep`) keep the old file under that name, rename, fsync the folder. Every file the game
    writes (JSON, thumbnails, compiled catalogs, templates) goes through here.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _verify(handle.fileno(), data, path.name)
        if keep is not None and path.exists():
            _copy_atomic(path, keep)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
        _written[str(path)] = _identity(path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _verify(fd: int, data: bytes, name: str) -> None:
    """The new file holds all we meant to write (a full disk can cut it short). Its content was
    checked before writing (`write_json` parses the bytes it holds); nothing is re-read."""
    if os.fstat(fd).st_size != len(data):
        raise OSError(errno.EIO, later.ui("{file} could not be written completely", file=name))


_written: dict[str, tuple[int, int, int] | None] = {}  # path: identity of the file this process last wrote there


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _judge(path: Path, data: Any, validate: Callable[[dict], Any] | None) -> str | None:
    """What the file about to be replaced is: "good", "damaged", "newer", or None (no file)."""
    if not os.path.lexists(path):
        return None
    kind = data.get("format") if isinstance(data, dict) else None
    if not isinstance(kind, str):
        return "good"  # not one of our envelopes: nothing to judge it by
    known = _written.get(str(path))
    if known is not None and known == _identity(path):
        return "good"  # what this process wrote (checked before writing), untouched since: not read back
    try:
        old = read_json(path, kind, data.get("version", 0))
    except FileNotFoundError:
        return None
    except DamagedFile as exc:
        return "newer" if exc.code == "newer" else "damaged"
    if validate is not None:
        try:
            validate(old)
        except Exception:  # noqa: BLE001 - whatever the caller's check raises, the old file is not a good copy
            return "damaged"
    return "good"


def _aside(path: Path, most: int = 9) -> Path:
    """Where a damaged file is kept: `NAME.damaged`, or `NAME.damaged-2`.. when that is taken."""
    for n in range(1, most + 1):
        candidate = path.with_name(path.name + (".damaged" if n == 1 else f".damaged-{n}"))
        if not os.path.lexists(candidate):
            return candidate
    return candidate


def _copy_atomic(src: Path, dst: Path) -> None:
    """Keep a copy: a hard link is atomic and costs nothing; copy where links fail. An old file
    that can be neither linked nor read is refused (OSError): it is never written over unkept."""
    tmp = dst.with_name(f".{dst.name}.tmp")
    try:
        if os.path.lexists(tmp):
            tmp.unlink()
        os.link(src, tmp)
    except OSError:
        if not src.is_file():
            raise
        try:
            tmp.write_bytes(read_regular(src))
        except DamagedFile as exc:
            raise OSError(errno.EIO, exc.notice) from None
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


def sweep_stray(folder: Path, min_age: float = STRAY_AGE) -> list[Path]:
    """Remove temporary files an interrupted write left in `folder` (once per folder per run).

    Only files named as `write_atomic` names them, and older than `min_age` seconds, so a write
    another running game has under way is left alone.
    """
    key = str(folder)
    if key in _swept and min_age:
        return []
    _swept.add(key)
    removed = []
    now = time.time()
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        try:
            info = tmp.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= min_age:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue
    return removed
