"""Read a YAML file into plain dicts and lists that remember where each value came from.

Only the safe loader is used (the libyaml C one when PyYAML has it). Sizes and alias
expansion are bounded so a hostile file is refused quickly instead of eating memory.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from game.engine.diagnostics import Diagnostic, Loc, error

try:  # libyaml is 5-10x faster; fall back to the pure-Python safe loader
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 500_000


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


def _loc(path: str, node: yaml.Node) -> Loc:
    mark = node.start_mark
    col = mark.column + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
        col += 1  # point at the text, not the quote
    return Loc(path, mark.line + 1, col)


def read_text(path: Path) -> str:
    """The file's text, or a SourceError naming the file (and line, for bad UTF-8)."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(error(Loc(where), f"file is too large ({size} bytes; at most {MAX_FILE_BYTES})", "too-large"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(error(Loc(where), "file not found", "missing-file")) from None
    except IsADirectoryError:
        raise SourceError(error(Loc(where), "is a folder, not a file", "missing-file")) from None
    except OSError as exc:
        raise SourceError(error(Loc(where), f"cannot read file: {exc.strerror}", "unreadable")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start]
        raise SourceError(error(Loc(where, line, col), f"file is not valid UTF-8 (byte 0x{bad:02x})", "encoding")) from None


def parse_yaml(text: str, path: str):
    """Parse one YAML document into YMap/YList/scalars; raise SourceError on any problem."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(error(loc, f"YAML syntax error: {problem}", "yaml")) from None
    except yaml.YAMLError as exc:
        raise SourceError(error(Loc(path), f"YAML error: {exc}", "yaml")) from None
    if root is None:
        return None
    budget = [MAX_NODES]
    return _convert(root, path, budget)


def _convert(node: yaml.Node, path: str, budget: list[int]):
    budget[0] -= 1
    if budget[0] < 0:
        raise SourceError(error(_loc(path, node), "file expands to too many values (alias bomb?)", "too-large"))
    if isinstance(node, yaml.MappingNode):
        out = YMap()
        out.loc = _loc(path, node)
        out.key_locs = {}
        out.value_locs = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(error(_loc(path, key_node), "merge keys (<<) are not supported", "yaml"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(error(_loc(path, key_node), "a key must be a plain value", "type"))
            key = _scalar(key_node, path)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                first = out.key_locs[key]
                raise SourceError(
                    error(_loc(path, key_node), f"duplicate key '{key}' (first at line {first.line})", "duplicate-key")
                )
            out.key_locs[key] = _loc(path, key_node)
            out.value_locs[key] = _loc(path, value_node)
            out[key] = _convert(value_node, path, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = YList()
        seq.loc = _loc(path, node)
        seq.item_locs = []
        for item in node.value:
            seq.item_locs.append(_loc(path, item))
            seq.append(_convert(item, path, budget))
        return seq
    return _scalar(node, path)


def _scalar(node: yaml.ScalarNode, path: str):
    constructor = yaml.constructor.SafeConstructor.yaml_constructors.get(node.tag)
    if constructor is None:
        raise SourceError(error(_loc(path, node), f"unsupported YAML tag {node.tag}", "yaml"))
    try:
        return constructor(_CONSTRUCTOR, node)
    except yaml.YAMLError as exc:
        raise SourceError(error(_loc(path, node), f"bad value: {getattr(exc, 'problem', exc)}", "yaml")) from None
    except ValueError as exc:
        raise SourceError(error(_loc(path, node), f"bad value: {exc}", "yaml")) from None


def load_yaml_file(path: Path):
    """Read and parse a file; SourceError carries the one finding that stopped it."""
    return parse_yaml(read_text(path), str(path))
