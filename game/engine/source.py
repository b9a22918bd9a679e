"""Read a YAML file into plain dicts and lists that remember where each value came from.

Only the safe loader is used (the libyaml C one when PyYAML has it). Sizes and alias
expansion are bounded so a hostile file is refused quickly instead of eating memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from game.engine.diagnostics import Diagnostic, Loc, error

try:  # libyaml is 5-10x faster; fall back to the pure-Python safe loader
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 4 * 1024 * 1024
# Values per file, aliases expanded. A chapter of the real story has ~1,500 and a chapter of the
# 10,000-node benchmark ~23,000; at ~10 us a value this keeps a hostile file under a second.
MAX_NODES = 50_000


_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # scalar constructors keep no state


class YMap(dict):
    """A mapping that knows its own position and the positions of its keys and values."""

    __slots__ = ("loc", "key_locs", "value_locs")


class YList(list):
    """A sequence that knows its own position and the positions of its items."""

    __slots__ = ("loc", "item_locs")


class SourceError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


MAX_DEPTH = 64
MAX_INT_DIGITS = 18  # |n| < 10**18, like every JSON file the game reads (game.storage)
MAX_NUMBER_CHARS = 40
_NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_BOOL = "tag:yaml.org,2002:bool"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_YAML_TAG = "tag:yaml.org,2002:"
_TIMESTAMP = _YAML_TAG + "timestamp"
# Only plain data: no !!python/..., !!binary, !!set, !!omap or application tags (`!foo`).
_SCALAR_TAGS = frozenset(_YAML_TAG + t for t in ("null", "bool", "int", "float"))
_COLLECTION_TAGS = frozenset((None, "!", _YAML_TAG + "seq", _YAML_TAG + "map"))
_IMPLICIT_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


def clip_path(path: str, most: int = 300) -> str:
    """A path short enough for a one-line message (a 5,000-character argument is cut in the middle)."""
    return path if len(path) <= most else f"{path[: most // 2]}…{path[-most // 2:]}"


def _loc(path: str, mark) -> Loc:
    return Loc(path, mark.line + 1, mark.column + 1)


def read_text(path: Path) -> str:
    """The file's text, or a SourceError naming the file (and line, for bad UTF-8).

    Regular files only, read without ever blocking (a FIFO is refused from its stat)."""
    from game.storage import DamagedFile, read_regular

    where = clip_path(str(path))
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise SourceError(error(Loc(where), "file not found", "missing-file")) from None
    except DamagedFile as exc:
        message = {"folder": "is a folder, not a file", "not-a-file": "is not a regular file (a pipe or a device)",
                   "too-large": f"file is too large ({getattr(exc.notice, 'values', {}).get('size', '?')} bytes; at most {MAX_FILE_BYTES})"}.get(exc.code, f"cannot read file: {exc}")
        code = {"too-large": "too-large", "folder": "missing-file"}.get(exc.code, "unreadable")
        raise SourceError(error(Loc(where), message, code)) from None
    except (OSError, ValueError) as exc:
        raise SourceError(error(Loc(where), f"cannot read file: {getattr(exc, 'strerror', None) or exc}", "unreadable")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        before = data[data.rfind(b"\n", 0, exc.start) + 1:exc.start]
        col = len(before.decode("utf-8-sig", errors="replace")) + 1  # characters, like every other column
        bad = data[exc.start]
        raise SourceError(error(Loc(where, line, col), f"file is not valid UTF-8 (byte 0x{bad:02x})", "encoding")) from None


def parse_yaml(text: str, path: str):
    """Parse one YAML document into YMap/YList/scalars; raise SourceError on any problem.

    Built straight from libyaml's event stream (no intermediate node tree): about three
    times faster than composing, which matters for the 10,000-node benchmark story.
    """
    loader = _Loader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = _Events(loader, path).value(0)[0]
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            mark = loader.peek_event().start_mark
            raise SourceError(error(_loc(path, mark), "a story file holds one YAML document (found a second '---')", "yaml"))
        return value
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(path, mark) if mark else Loc(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # newer libyaml stops deep nesting itself: say it our way
            raise SourceError(error(loc, "values are nested too deeply", "too-large")) from None
        raise SourceError(error(loc, f"YAML syntax error: {problem}", "yaml")) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, other controls)
        where = text[:exc.position]
        loc = Loc(path, where.count("\n") + 1, exc.position - (where.rfind("\n") + 1) + 1)
        raise SourceError(error(loc, f"character U+{exc.character:04X} is not allowed in YAML", "yaml")) from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise SourceError(error(Loc(path), f"YAML error: {first}", "yaml")) from None
    finally:
        loader.dispose()


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


class _Events:
    """Turns the event stream into positioned values, bounding depth and alias expansion."""

    def __init__(self, loader, path: str):
        self.loader = loader
        self.path = path
        self.anchors: dict[str, tuple[object, int]] = {}
        self.budget = MAX_NODES
        self._merge_keys: set[Loc] = set()

    def value(self, depth: int) -> tuple[object, int, Loc]:
        """The next value, how many values it expands to, and where it starts."""
        loader, path = self.loader, self.path
        event = loader.get_event()
        kind = type(event)
        mark = event.start_mark
        if kind is yaml.ScalarEvent:
            quoted = event.style in ("'", '"')
            end = event.end_mark
            inline = end.line == mark.line and end.index - mark.index == len(event.value) + 2 * quoted
            loc = Loc(path, mark.line + 1, mark.column + 1 + quoted, inline)
            value, size = self._scalar(event, loc), 1
        else:
            loc = Loc(path, mark.line + 1, mark.column + 1)
            if depth > MAX_DEPTH:
                raise SourceError(error(loc, "values are nested too deeply", "too-large"))
            if kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise SourceError(error(loc, f"unknown alias *{event.anchor}", "yaml"))
                value, size = self.anchors[event.anchor]
                self._spend(size, loc)
                return value, size, loc
            if event.tag not in _COLLECTION_TAGS:
                raise SourceError(error(loc, f"unsupported YAML tag {_tag_name(event.tag)}", "yaml"))
            if kind is yaml.SequenceStartEvent:
                value, size = self._sequence(loc, depth)
            elif kind is yaml.MappingStartEvent:
                value, size = self._mapping(loc, depth)
            else:  # pragma: no cover - libyaml never yields anything else here
                raise SourceError(error(loc, "unexpected YAML structure", "yaml"))
        self._spend(1, loc)
        if event.anchor:
            self.anchors[event.anchor] = (value, size)
        return value, size, loc

    def _sequence(self, loc: Loc, depth: int) -> tuple[YList, int]:
        out = YList()
        out.loc = loc
        out.item_locs = locs = []
        size = 1
        check, end = self.loader.check_event, yaml.SequenceEndEvent
        while not check(end):
            item, n, item_loc = self.value(depth + 1)
            out.append(item)
            locs.append(item_loc)
            size += n
        self.loader.get_event()
        return out, size

    def _mapping(self, loc: Loc, depth: int) -> tuple[YMap, int]:
        loader = self.loader
        out = YMap()
        out.loc = loc
        out.key_locs = key_locs = {}
        out.value_locs = value_locs = {}
        size = 1
        check, end = loader.check_event, yaml.MappingEndEvent
        while not check(end):
            if not check(yaml.ScalarEvent):
                mark = loader.peek_event().start_mark
                raise SourceError(error(Loc(self.path, mark.line + 1, mark.column + 1), "a key must be a plain value", "type"))
            written = loader.peek_event().value
            key, _, key_loc = self.value(depth + 1)
            if key_loc in self._merge_keys:
                raise SourceError(error(key_loc, "merge keys (<<) are not supported", "yaml"))
            key = key if isinstance(key, str) else written  # decision: `1:` or `~:` is the key "1" or "~"
            if key in out:
                raise SourceError(error(key_loc, f"duplicate key '{key}' (first at line {key_locs[key].line})", "duplicate-key"))
            key_locs[key] = key_loc
            out[key], n, value_locs[key] = self.value(depth + 1)
            size += n + 1
        loader.get_event()
        return out, size

    def _spend(self, size: int, loc: Loc) -> None:
        self.budget -= size
        if self.budget < 0:
            raise SourceError(error(loc, f"file has too many values (more than {MAX_NODES:,}, aliases expanded)", "too-large"))

    def _scalar(self, event, loc: Loc):
        tag = event.tag
        if tag is None:
            value = event.value
            if not event.implicit[0] or (value and value[0] not in _IMPLICIT_FIRST):
                return value  # quoted, block, or plain text no resolver claims: a string
            if _DECIMAL.fullmatch(value):
                if len(value.lstrip("+-")) > MAX_INT_DIGITS:
                    raise SourceError(error(loc, f"number is too large (at most {MAX_INT_DIGITS} digits)", "too-large"))
                return int(value)  # the common case, without the resolver's regex round
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _BOOL and event.value.lower() not in ("true", "false"):
                return event.value  # YAML 1.2 booleans only: a line saying "Yes." stays text
            if tag == _TIMESTAMP:
                return event.value  # decision: a plain value that looks like a date stays text
        elif tag.startswith("!!"):
            tag = "tag:yaml.org,2002:" + tag[2:]
        if tag == _STR:
            return event.value
        if tag == _MERGE:
            self._merge_keys.add(loc)
            return "<<"
        constructor = yaml.constructor.SafeConstructor.yaml_constructors.get(tag) if tag in _SCALAR_TAGS else None
        if constructor is None:
            at = Loc(loc.path, loc.line, event.start_mark.column + 1)  # the tag, before any quote
            raise SourceError(error(at, f"unsupported YAML tag {_tag_name(event.tag or tag)}", "yaml"))
        if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:  # 0x..., 1_000_..., 1e...: by length
            raise SourceError(error(loc, f"number is too large (at most {MAX_INT_DIGITS} digits)", "too-large"))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = constructor(_CONSTRUCTOR, node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            raise SourceError(error(loc, f"bad value: {getattr(exc, 'problem', None) or exc}", "yaml")) from None
        if type(value) is int and abs(value) >= 10 ** MAX_INT_DIGITS:
            raise SourceError(error(loc, f"number is too large (at most {MAX_INT_DIGITS} digits)", "too-large"))
        return value


def load_yaml_file(path: Path):
    """Read and parse a file; SourceError carries the one finding that stopped it."""
    return parse_yaml(read_text(path), str(path))


class StoryFiles:
    """Reads story files from disk, or from an overlay of path -> text (an editor's unsaved buffers)."""

    def __init__(self, overlay: Mapping[Path, str] | None = None) -> None:
        self.overlay = overlay or {}

    def _text(self, path: Path) -> str | None:
        return self.overlay.get(path.resolve()) if self.overlay else None

    def is_file(self, path: Path) -> bool:
        return self._text(path) is not None or path.is_file()

    def exists(self, path: Path) -> bool:
        """In the overlay or on disk as anything at all (a folder or FIFO is refused when read)."""
        return self._text(path) is not None or os.path.lexists(path)

    def read(self, path: Path) -> str:
        text = self._text(path)
        return read_text(path) if text is None else text
