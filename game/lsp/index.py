"""Every name written in a story's files, with where: what definition, references and rename read.

Built from the same positioned YAML trees the loader reads (game.engine.source), so it still
works while a file has errors the loader rejects. Five kinds of names: node ids (node keys;
`goto`, `next`, `branch`, `start`, playtests' `from`/`visits`, `visits(..)`/`seen(..)` in
expressions), endings, characters (speaker keys of lines), variables (in `if`/`set`, playtests'
`vars`/`set`) and chapter files (the manifest's list; the definition is the file itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.diagnostics import Loc
from game.engine.loader import LINE_OPTION_KEYS, MANIFEST
from game.engine.source import SourceError, YList, YMap, parse_yaml

PLAYTESTS = "playtests.yaml"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CALL = re.compile(r"\b(?:visits|seen)\s*\(\s*$")
NODE, ENDING, CHARACTER, VARIABLE, CHAPTER = "node", "ending", "character", "variable", "chapter"


@dataclass(frozen=True)
class Occurrence:
    """One written name; line and col count from 0, as LSP positions do."""

    kind: str
    name: str
    path: str
    line: int
    col: int
    length: int
    definition: bool = False
    link: bool = False  # a way into a node (goto, next, branch, start): what "places reach it" counts

    def contains(self, line: int, col: int) -> bool:
        return line == self.line and self.col <= col <= self.col + self.length


@dataclass
class Index:
    root: Path
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)  # path -> its names
    trees: dict[str, object] = field(default_factory=dict)  # path -> parsed YAML (last good parse)
    texts: dict[str, str] = field(default_factory=dict)  # path -> the text that tree was parsed from
    nodes: dict[str, tuple[str, YMap, str]] = field(default_factory=dict)  # id -> (path, spec, chapter id)
    chapters: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (chapter id, title)
    variables: dict[str, object] = field(default_factory=dict)  # name -> its spec in the manifest
    endings: dict[str, object] = field(default_factory=dict)
    characters: dict[str, object] = field(default_factory=dict)
    # path -> (its text, the variable names then, its names, its nodes): a file walked once is reused
    walked: dict[str, tuple[str, frozenset, list[Occurrence], list]] = field(default_factory=dict)

    def at(self, path: str, line: int, col: int) -> Occurrence | None:
        return next((o for o in self.occurrences.get(path, ()) if o.contains(line, col)), None)

    def all_of(self, kind: str, name: str) -> list[Occurrence]:
        return [o for occ in self.occurrences.values() for o in occ if o.kind == kind and o.name == name]

    def names(self, kind: str) -> list[str]:
        pools = {NODE: self.nodes, ENDING: self.endings, CHARACTER: self.characters, VARIABLE: self.variables}
        return sorted(pools[kind])


def build(root: Path, texts: dict[str, str], previous: Index | None = None) -> Index:
    """The index of the story in `root`; `texts` maps each file's path to its current text."""
    index = Index(root)
    old = previous if previous is not None else Index(root)
    for path, text in texts.items():
        if old.texts.get(path) == text:  # unchanged since last time: a big story re-parses one file
            index.trees[path], index.texts[path] = old.trees[path], text
            continue
        try:
            index.trees[path], index.texts[path] = parse_yaml(text, path), text
        except SourceError:
            if path in old.trees:  # half-typed YAML: keep what the file said when it last parsed
                index.trees[path], index.texts[path] = old.trees[path], old.texts[path]
    manifest = str(root / MANIFEST)
    _Walker(index).manifest(manifest, index.trees.get(manifest))
    names = frozenset(index.variables)  # what the walk of a file depends on besides its own text
    walker = _Walker(index)
    for path, tree in index.trees.items():
        if path == manifest:
            continue
        seen = old.walked.get(path)
        if seen is not None and seen[0] == index.texts[path] and seen[1] == names:
            index.occurrences[path] = seen[2]
            for node_id, entry in seen[3]:
                index.nodes.setdefault(node_id, entry)
            if path in old.chapters:
                index.chapters[path] = old.chapters[path]
        else:
            walker.file_nodes = []
            if Path(path).name == PLAYTESTS:
                walker.playtests(path, tree)
            else:
                walker.chapter(path, tree)
            seen = (index.texts[path], names, index.occurrences.get(path, []), walker.file_nodes)
        index.walked[path] = seen
    return index


def story_files(root: Path, manifest: str) -> list[Path]:
    """The manifest, the chapter files its text lists and the playtests file (if there is one)."""
    out = [root / MANIFEST]
    try:
        tree = parse_yaml(manifest, str(root / MANIFEST))
    except SourceError:
        tree = None
    if isinstance(tree, YMap) and isinstance(tree.get("chapters"), YList):
        listed = [root / e for e in tree["chapters"] if isinstance(e, str) and e.endswith((".yaml", ".yml"))]
        out.extend(p for p in listed if root.resolve() in p.resolve().parents)  # as the loader, none from outside
    if (root / PLAYTESTS).is_file():
        out.append(root / PLAYTESTS)
    return out


class _Walker:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.file_nodes: list = []  # (id, entry) of the nodes the file being walked defines

    def add(self, kind: str, name, loc: Loc | None, definition: bool = False, link: bool = False, length: int = 0) -> None:
        if not isinstance(name, str) or loc is None or not loc.line:
            return
        self.index.occurrences.setdefault(loc.path, []).append(
            Occurrence(kind, name, loc.path, loc.line - 1, loc.col - 1, length or len(name), definition, link))

    def manifest(self, path: str, tree) -> None:
        self.index.occurrences.setdefault(path, [])
        if not isinstance(tree, YMap):
            return
        if "start" in tree:
            self.add(NODE, tree["start"], tree.value_locs["start"], link=True)
        for key, kind, pool in (("characters", CHARACTER, self.index.characters), ("variables", VARIABLE, self.index.variables),
                                ("endings", ENDING, self.index.endings)):
            section = tree.get(key)
            if isinstance(section, YMap):
                for name, spec in section.items():
                    pool[name] = spec
                    self.add(kind, name, section.key_locs[name], definition=True)
        chapters = tree.get("chapters")
        if isinstance(chapters, YList):
            for entry, loc in zip(chapters, chapters.item_locs):
                if isinstance(entry, str):
                    self.add(CHAPTER, str((self.index.root / entry).resolve()), loc, length=len(entry))

    def chapter(self, path: str, tree) -> None:
        own = str(Path(path).resolve())
        self.index.occurrences.setdefault(path, []).append(Occurrence(CHAPTER, own, path, 0, 0, 0, definition=True))
        if not isinstance(tree, YMap):
            return
        cid = tree.get("chapter") if isinstance(tree.get("chapter"), str) else Path(path).stem
        title = tree.get("title") if isinstance(tree.get("title"), str) else cid
        self.index.chapters[path] = (cid, title)
        nodes = tree.get("nodes")
        if not isinstance(nodes, YMap):
            return
        for node_id, spec in nodes.items():
            self.add(NODE, node_id, nodes.key_locs[node_id], definition=True)
            if not isinstance(spec, YMap):
                continue
            self.index.nodes.setdefault(node_id, (path, spec, cid))
            self.file_nodes.append((node_id, (path, spec, cid)))
            self.node(spec)

    def node(self, spec: YMap) -> None:
        self.link(spec, "next")
        if "ending" in spec:
            self.add(ENDING, spec["ending"], spec.value_locs["ending"])
        self.lines(spec.get("lines"))
        for item in _items(spec.get("choices")):
            self.link(item, "goto")
            self.expressions(item)
            self.lines(item.get("lines"))
        for item in _items(spec.get("branch")):
            self.link(item, "goto")
            self.expressions(item)

    def link(self, data: YMap, key: str) -> None:
        if key in data:
            self.add(NODE, data[key], data.value_locs[key], link=True)

    def lines(self, raw) -> None:
        for line in _items(raw):
            for key in line:
                if key not in LINE_OPTION_KEYS and key != "set":
                    self.add(CHARACTER, key, line.key_locs[key])
            self.expressions(line)

    def expressions(self, data: YMap) -> None:
        for key in ("if", "set"):
            source, loc = data.get(key), data.value_locs.get(key)
            if not isinstance(source, str) or loc is None or not loc.inline:
                continue  # folded or escaped text: columns inside it would not match the file
            for m in NAME.finditer(source):
                word = m.group()
                at = loc.shifted(m.start())
                if CALL.search(source[:m.start()]):
                    self.add(NODE, word, at)
                elif word in self.index.variables:
                    self.add(VARIABLE, word, at)

    def playtests(self, path: str, tree) -> None:
        self.index.occurrences.setdefault(path, [])
        if not isinstance(tree, YMap):
            return
        for spec in tree.values():
            if not isinstance(spec, YMap):
                continue
            if "from" in spec:
                self.add(NODE, spec["from"], spec.value_locs["from"])
            if "ending" in spec:
                self.add(ENDING, spec["ending"], spec.value_locs["ending"])
            visits = spec.get("visits")
            if isinstance(visits, YList):
                for node, loc in zip(visits, visits.item_locs):
                    self.add(NODE, node, loc)
            for key in ("vars", "set"):
                values = spec.get(key)
                if isinstance(values, YMap):
                    for name in values:
                        self.add(VARIABLE, name, values.key_locs[name])


def _items(raw):
    return [item for item in raw if isinstance(item, YMap)] if isinstance(raw, YList) else []
