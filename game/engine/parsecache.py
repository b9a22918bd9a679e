"""A cache of parsed story files, keyed by their exact text: compile once, re-read plain data.

Turning libyaml's events into positioned values is most of the time `her lint` spends on a
big story, and a writer usually changed one file of many. The parsed tree of each file is
kept as JSON (never pickle) in a folder the caller names (the command line passes
`game.paths.parse_cache_dir()`; the loader has no folder of its own), under the hash of the file's text
and of this code's version; a file whose text changed is simply parsed again. Anything odd
about a cache file (missing, damaged, unwritable) only costs the parse it would have saved.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from game.engine.diagnostics import Loc
from game.engine.source import MAX_DEPTH, MAX_FILE_BYTES, YList, YMap, parse_yaml
from game.storage import read_bounded

FORMAT = "1"  # bump whenever parse_yaml's results change shape or meaning
KEEP = 200  # cache files kept; the oldest go first
MAX_BYTES = 8 * MAX_FILE_BYTES  # positions make the JSON of a file a few times its YAML
MAX_JSON_DEPTH = 3 * MAX_DEPTH + 8  # each YAML level is three JSON ones (tag list, items, item)
_SCALARS = (str, int, float, bool, type(None))


def parse_cached(text: str, path: str, folder: Path | None):
    """The same value as `parse_yaml(text, path)`, from the cache when the text was seen before."""
    if folder is None:
        return parse_yaml(text, path)
    import game

    digest = hashlib.sha256(f"{FORMAT}\0{game.__version__}\0{text}".encode()).hexdigest()
    target = folder / f"{digest}.json"
    try:
        cached = _decode(read_bounded(target, MAX_BYTES, MAX_JSON_DEPTH), path)
        if isinstance(cached, YMap):  # only mappings are stored: anything else is not ours
            return cached
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        pass  # missing, unreadable, damaged or of the wrong shape: parsed again, and rewritten
    value = parse_yaml(text, path)  # SourceError propagates: broken files are not cached
    if not isinstance(value, YMap):
        return value  # an empty or wrongly shaped file: cheap to parse, and the loader says what is wrong
    try:
        _store(target, json.dumps(_encode(value), separators=(",", ":")).encode())
        _prune(folder)
    except (OSError, ValueError):
        pass
    return value


def _store(target: Path, data: bytes) -> None:
    """Temporary file and rename, without fsync: a cache torn by a crash is only re-parsed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _encode(value):
    if isinstance(value, YMap):
        return ["M", value.loc.line, value.loc.col, [
            [key, *value.key_locs[key][1:], *value.value_locs[key][1:], _encode(item)] for key, item in value.items()
        ]]
    if isinstance(value, YList):
        return ["L", value.loc.line, value.loc.col, [[*loc[1:], _encode(item)] for loc, item in zip(value.item_locs, value)]]
    return value  # a scalar: never a list, so never mistaken for a tagged collection


def _decode(data, path: str):
    """The positioned value back from its JSON; ValueError for anything `_encode` never writes
    (a cache file is never trusted: a wrong shape means parsing the text again)."""
    if type(data) is not list:
        if not isinstance(data, _SCALARS):
            raise ValueError("not a cached value")
        return data
    if len(data) != 4 or not _position(data[1], data[2]) or type(data[3]) is not list:
        raise ValueError("not a cached story file")
    if data[0] == "M":
        out = YMap()
        out.loc = Loc(path, data[1], data[2])
        key_locs = out.key_locs = {}
        value_locs = out.value_locs = {}
        for key, kl, kc, ki, vl, vc, vi, item in data[3]:
            if type(key) is not str or key in out or not (_position(kl, kc) and _position(vl, vc)) \
                    or type(ki) is not bool or type(vi) is not bool:
                raise ValueError("not a cached mapping")
            key_locs[key] = Loc(path, kl, kc, ki)
            value_locs[key] = Loc(path, vl, vc, vi)
            out[key] = _decode(item, path)
        return out
    if data[0] == "L":
        seq = YList()
        seq.loc = Loc(path, data[1], data[2])
        locs = seq.item_locs = []
        for line, col, inline, item in data[3]:
            if not _position(line, col) or type(inline) is not bool:
                raise ValueError("not a cached list")
            locs.append(Loc(path, line, col, inline))
            seq.append(_decode(item, path))
        return seq
    raise ValueError("not a cached story file")


def _position(line, col) -> bool:
    return type(line) is int and type(col) is int and 0 <= line and 0 <= col


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        old.unlink(missing_ok=True)
