"""The one loader: story files in, a validated immutable Story (or every finding) out.

The game, the terminal player and every authoring tool call `load_story`, so what lint
accepts is exactly what the game plays. Structural problems are collected per file and
reported together; graph-level checks live in `game.engine.checks`, one per kind.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

from game.engine import checks, compiled
from game.engine.builder import ID, ShapeReader, kind_of, suggest
from game.engine.diagnostics import Diagnostic, Loc, StoryError, error
from game.engine.expr import BOOL, INT
from game.engine.identity import KeyMaker
from game.engine.lowering import lower_calls, lower_once, once_variables
from game.engine.model import STYLES, BranchArm, Chapter, Character, Choice, Ending, Line, Node, Story, Variable
from game.engine.parsecache import parse_cached
from game.engine.source import SourceError, StoryFiles, YList, YMap, clip_path

MANIFEST = "story.yaml"
ASSET_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

MANIFEST_KEYS = {"title", "start", "characters", "variables", "endings", "chapters"}
CHAPTER_KEYS = {"chapter", "title", "nodes"}
NODE_KEYS = {"scene", "music", "lines", "choices", "next", "branch", "ending"}
CHOICE_KEYS = {"text", "if", "set", "lines", "goto", "once", "id"}
LINE_OPTION_KEYS = {"if", "style", "note", "id"}
VAR_KEYS = {"start", "min", "max"}


class _Builder(ShapeReader):
    """Turns positioned YAML data into model objects, collecting findings."""

    # --- manifest ----------------------------------------------------------------
    def variables(self, data, loc: Loc) -> dict[str, Variable]:
        out: dict[str, Variable] = {}
        section = self.mapping(data, loc, "'variables'")
        if section is None:
            return out
        for name, spec in section.items():
            vloc = section.key_locs[name]
            if not ID.match(name) or name in ("and", "or", "not", "true", "false", "True", "False"):
                self.err(vloc, f"'{name}' cannot be a variable name", "bad-id")
                continue
            if isinstance(spec, bool):
                out[name] = Variable(name, BOOL, spec, None, None, vloc)
            elif isinstance(spec, int):
                out[name] = Variable(name, INT, spec, None, None, vloc)
            elif isinstance(spec, YMap):
                self.unknown_keys(spec, VAR_KEYS, f"variable '{name}'")
                bounds = {}
                for key in ("start", "min", "max"):
                    value = spec.get(key)
                    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                        self.err(spec.value_locs[key], f"'{key}' of variable '{name}' must be a whole number", "type")
                        value = None
                    bounds[key] = value
                start, lo, hi = bounds["start"], bounds["min"], bounds["max"]
                if "start" not in spec:
                    self.err(spec.loc, f"variable '{name}' needs 'start'", "missing-key")
                if start is None:
                    continue
                if lo is not None and hi is not None and lo > hi:
                    self.err(spec.loc, f"variable '{name}' has min {lo} above max {hi}", "range")
                elif (lo is not None and start < lo) or (hi is not None and start > hi):
                    self.err(spec.value_locs["start"], f"start {start} of '{name}' is outside its range", "range")
                out[name] = Variable(name, INT, start, lo, hi, vloc)
            else:
                self.err(section.value_locs[name], f"variable '{name}' must start as a whole number, true/false, or {{start, min, max}}", "type")
        return out

    def character_map(self, data, loc: Loc) -> dict[str, Character]:
        out: dict[str, Character] = {}
        section = self.mapping(data, loc, "'characters'")
        if section is None:
            return out
        for cid, spec in section.items():
            cloc = section.key_locs[cid]
            if not ID.match(cid) or cid in ("set", "if", "style", "note"):
                self.err(cloc, f"'{cid}' cannot be a character id", "bad-id")
                continue
            if spec is None:
                spec = YMap()
                spec.loc, spec.key_locs, spec.value_locs = cloc, {}, {}
            spec = self.mapping(spec, section.value_locs[cid], f"character '{cid}'")
            if spec is None:
                continue
            self.unknown_keys(spec, {"name", "color", "presence"}, f"character '{cid}'")
            name = self.text(spec, "name", f"character '{cid}'", required=False, empty_ok=True)
            color = self.text(spec, "color", f"character '{cid}'", required=False)
            if color is not None and not COLOR.match(color):
                self.err(spec.value_locs["color"], f"color '{color}' must look like #f2a36b", "type")
                color = None
            presence = spec.get("presence", False)
            if not isinstance(presence, bool):
                self.err(spec.value_locs["presence"], f"presence of character '{cid}' must be true or false", "type")
                presence = False
            out[cid] = Character(cid, cid.capitalize() if name is None else name, color, cloc, presence)
        return out

    def ending_map(self, data, loc: Loc) -> dict[str, Ending]:
        out: dict[str, Ending] = {}
        section = self.mapping(data, loc, "'endings'")
        if section is None:
            return out
        for eid, spec in section.items():
            eloc = section.key_locs[eid]
            if not ID.match(eid):
                self.err(eloc, f"'{eid}' cannot be an ending id", "bad-id")
                continue
            spec = self.mapping(spec, section.value_locs[eid], f"ending '{eid}'")
            if spec is None:
                continue
            self.unknown_keys(spec, {"title", "summary"}, f"ending '{eid}'")
            title = self.text(spec, "title", f"ending '{eid}'")
            summary = self.text(spec, "summary", f"ending '{eid}'")
            out[eid] = Ending(eid, title or eid, summary or "", eloc)
        return out

    # --- chapters and nodes ------------------------------------------------------
    def line(self, data, loc: Loc, where: str) -> Line | None:
        if not isinstance(data, YMap):
            self.err(loc, f"a line must be a mapping like 'speaker: text', not {kind_of(data)}", "type")
            return None
        options = LINE_OPTION_KEYS - self.characters.keys()  # a version-1 character called `id` still speaks
        written = self.written_id(data, where) if "id" in options else None
        if "set" in data:
            for k in data:
                if k not in ("set", "if", "id"):
                    self.err(data.key_locs[k], f"a 'set' step takes only 'if' beside it, not '{k}' (and an 'id', if it has one)", "unknown-key")
            effects = self.effects(data)
            key = self.keys.key(written, "set", str(data["set"]))
            return Line(key, None, None, "normal", None, self.cond(data), effects, loc, written)
        others = [k for k in data if k not in options]
        for k in others:
            if k not in self.characters:
                hint = suggest(k, set(self.characters) | LINE_OPTION_KEYS | {"set"})
                self.err(data.key_locs[k], f"'{k}' is not a declared character or a line key{hint}", "unknown-speaker")
        speakers = [k for k in others if k in self.characters]
        if len(speakers) > 1:
            self.err(data.key_locs[speakers[1]], "a line has exactly one speaker", "unknown-key")
        if len(speakers) != 1:
            if not others:
                self.err(loc, "a line needs a speaker and its text (or a 'set')", "missing-key")
            return None
        speaker = speakers[0]
        text = self.text(data, speaker, f"the line in {where}")
        style = "normal"
        if "style" in data:
            style = data["style"]
            if style not in STYLES:
                self.err(data.value_locs["style"], f"style must be one of {', '.join(STYLES)}, not {style!r}", "type")
                style = "normal"
        note = self.text(data, "note", "a line", required=False) if "note" in data else None
        cond = self.cond(data)
        if text is None or len(others) > 1:
            return None
        return Line(self.keys.key(written, speaker, text), speaker, text, style, note, cond, None, loc, written)

    def lines(self, data, loc: Loc, where: str) -> tuple[Line, ...]:
        if not isinstance(data, YList):
            self.err(loc, f"'lines' must be a list, not {kind_of(data)}", "type")
            return ()
        out = []
        for item, iloc in zip(data, data.item_locs):
            line = self.line(item, iloc, where)
            if line is not None:
                out.append(line)
        return tuple(out)

    def choice(self, data, loc: Loc, index: int, node_id: str) -> Choice | None:
        what = f"a choice of '{node_id}'"
        data = self.mapping(data, loc, what)
        if data is None:
            return None
        self.unknown_keys(data, CHOICE_KEYS, what)
        written = self.written_id(data, node_id)
        text = self.text(data, "text", what)
        once = self.flag(data, "once", what)
        key = self.keys.key(written, "choice", text or "")
        goto = self.ident(data, "goto", what, required=False)
        lines = self.lines(data["lines"], data.value_locs["lines"], node_id) if "lines" in data else ()
        cond, effects = self.cond(data), self.effects(data)
        if text is None:
            return None
        if once:
            cond, effects = lower_once(node_id, key, cond, effects)
        return Choice(index, text, cond, effects, lines, goto, loc, data.value_locs.get("goto"), key, once, written)

    def node(self, node_id: str, data, loc: Loc, value_loc: Loc, chapter: str) -> Node | None:
        what = f"node '{node_id}'"
        data = self.mapping(data, value_loc, what)
        if data is None:
            return None
        self.unknown_keys(data, NODE_KEYS, what)
        self.keys, self.ids = KeyMaker(), {}
        scene = self.ident(data, "scene", what, required=False, pattern=ASSET_ID)
        music = self.ident(data, "music", what, required=False, pattern=ASSET_ID)
        lines = self.lines(data["lines"], data.value_locs["lines"], node_id) if "lines" in data else ()
        choices: list[Choice] = []
        if "choices" in data:
            raw = data["choices"]
            if not isinstance(raw, YList):
                self.err(data.value_locs["choices"], f"'choices' must be a list, not {kind_of(raw)}", "type")
            elif not raw:
                self.err(data.value_locs["choices"], "'choices' is empty", "type")
            else:
                for i, (item, iloc) in enumerate(zip(raw, raw.item_locs)):
                    c = self.choice(item, iloc, i, node_id)
                    if c is not None:
                        choices.append(c)
        arms: list[BranchArm] = []
        if "branch" in data:
            raw = data["branch"]
            if not isinstance(raw, YList) or not raw:
                self.err(data.value_locs["branch"], "'branch' must be a non-empty list of {if, goto}", "type")
            else:
                for item, iloc in zip(raw, raw.item_locs):
                    arm = self.mapping(item, iloc, "a branch entry")
                    if arm is None:
                        continue
                    self.unknown_keys(arm, {"if", "goto"}, "a branch entry")
                    goto = self.ident(arm, "goto", "a branch entry")
                    cond = self.cond(arm)
                    if goto is not None:
                        arms.append(BranchArm(cond, goto, arm.value_locs["goto"]))
                self._branch_shape(raw)
        nxt = self.ident(data, "next", what, required=False)
        ending = self.ident(data, "ending", what, required=False)
        return Node(
            node_id, chapter, scene, music, lines, tuple(choices), nxt, tuple(arms), ending, loc,
            next_loc=data.value_locs.get("next"), ending_loc=data.value_locs.get("ending"),
            scene_loc=data.value_locs.get("scene"), music_loc=data.value_locs.get("music"),
        )

    def _branch_shape(self, raw: YList) -> None:
        for i, item in enumerate(raw):
            if not isinstance(item, YMap):
                continue
            last = i == len(raw) - 1
            if last and "if" in item:
                self.err(item.key_locs["if"], "the last branch entry must have no 'if' (it is the fallback)", "branch-fallback")
            if not last and "if" not in item:
                self.err(item.loc, "only the last branch entry may leave out 'if'; the entries after it could never run", "branch-fallback")


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


@contextmanager
def _collector_paused():
    """Tens of thousands of acyclic objects: collection passes during a load are pure waste.
    Paused for the load only, and switched back on (if it was on) however the load ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_story_files(story_dir: Path, warnings: bool = True, *, cache: Path | None = None,
                     assets: Path | None = None, overlay: Mapping[Path, str] | None = None,
                     ) -> tuple[Story | None, list[Diagnostic]]:
    """Load and check every file; return the story (None if any error) and all findings.

    `cache`: a folder for parsed files (game.engine.parsecache), or None to parse every time;
    `assets`: the assets folder whose scenes and music the story's ids are checked against
    (None: not checked); `overlay`: resolved file paths -> text read instead of the file (an
    editor's unsaved buffers, for `her lsp`). The loader reads nothing else and writes only
    into `cache`.

    With a `cache` and no overlay, the result comes from the compiled story when none of the
    files it was built from changed (game.engine.compiled), and is compiled there otherwise.
    """
    options = {"warnings": warnings, "assets": compiled.asset_listing(assets)}
    files = StoryFiles(overlay)
    with _collector_paused():
        if overlay:  # unsaved text is not what a compiled story was built from
            return _load(Path(story_dir), warnings, cache, assets, [], files)
        found = compiled.load(cache, Path(story_dir), options)
        if found is not None:
            return found
        sources: compiled.Sources = []
        story, diagnostics = _load(Path(story_dir), warnings, cache, assets, sources, files)
        compiled.save(cache, Path(story_dir), options, sources, story, diagnostics)
        return story, diagnostics


def _load(story_dir: Path, warnings: bool, cache: Path | None, assets: Path | None,
          sources: compiled.Sources, files: StoryFiles) -> tuple[Story | None, list[Diagnostic]]:
    """Build the story; `sources` gets each file read (path and text hash; None: absent)."""
    given = Path(story_dir)
    try:
        manifest_path = given if given.is_file() else given / MANIFEST
        found = given.exists()
    except OSError as exc:  # a path too long for the system, a folder we may not enter
        return None, [error(Loc(clip_path(str(given))), f"cannot open the story folder: {exc.strerror or exc}", "unreadable")]
    if not found:
        return None, [error(Loc(clip_path(str(given))), "story folder not found", "missing-file")]
    root = manifest_path.parent
    b = _Builder()
    digest = hashlib.sha256()
    try:
        text = files.read(manifest_path)
        digest.update(text.encode())
        sources.append((str(manifest_path), compiled.text_hash(text)))
        manifest = parse_cached(text, str(manifest_path), cache)
    except SourceError as exc:
        sources.append((str(manifest_path), compiled.UNREADABLE))
        return None, [exc.diagnostic]
    mloc = Loc(str(manifest_path), 1, 1)
    if manifest is None:
        return None, [error(mloc, "the file is empty", "empty")]
    if not isinstance(manifest, YMap):
        return None, [error(mloc, f"the manifest must be a mapping, not {kind_of(manifest)}", "type")]
    b.unknown_keys(manifest, MANIFEST_KEYS, "the manifest")
    title = b.text(manifest, "title", "the manifest") or "Untitled"
    start = b.ident(manifest, "start", "the manifest")
    variables = b.variables(manifest["variables"], manifest.value_locs["variables"]) if "variables" in manifest else {}
    b.types = {n: v.type for n, v in variables.items()}
    if "characters" in manifest:
        b.characters = b.character_map(manifest["characters"], manifest.value_locs["characters"])
    else:
        b.err(mloc, "the manifest needs 'characters'", "missing-key")
    endings = b.ending_map(manifest["endings"], manifest.value_locs["endings"]) if "endings" in manifest else {}

    chapters: list[Chapter] = []
    nodes: dict[str, Node] = {}
    chapter_ids: dict[str, Loc] = {}
    raw_chapters = manifest.get("chapters")
    if raw_chapters is None:
        b.err(mloc, "the manifest needs 'chapters' (a list of chapter files)", "missing-key")
    elif not isinstance(raw_chapters, YList) or not raw_chapters:
        b.err(manifest.value_locs["chapters"], "'chapters' must be a non-empty list of file names", "type")
    else:
        seen_files: set[Path] = set()
        for entry, eloc in zip(raw_chapters, raw_chapters.item_locs):
            if not isinstance(entry, str) or not entry.strip():
                b.err(eloc, f"a chapter entry must be a file name, not {kind_of(entry)}", "type")
                continue
            path = root / entry
            if Path(entry).is_absolute() or not _inside(root, path):
                b.err(eloc, f"chapter file '{entry}' is outside the story folder", "path-escape")
                continue
            if path.resolve() in seen_files:
                b.err(eloc, f"chapter file '{entry}' is listed twice", "duplicate-chapter")
                continue
            seen_files.add(path.resolve())
            if not files.exists(path):  # a folder or FIFO is read (and refused) below, not "not found"
                b.err(eloc, f"chapter file '{entry}' not found", "missing-file")
                sources.append((str(path), None))
                continue
            try:
                ctext = files.read(path)
                digest.update(ctext.encode())
                sources.append((str(path), compiled.text_hash(ctext)))
                data = parse_cached(ctext, str(path), cache)
            except SourceError as exc:
                b.diagnostics.append(exc.diagnostic)
                sources.append((str(path), compiled.UNREADABLE))
                continue
            chapter = _chapter(b, data, path, nodes, chapter_ids)
            if chapter is not None:
                chapters.append(chapter)

    hidden, findings = lower_calls(nodes, b.calls, lambda word: suggest(word, set(nodes), 0.7))
    b.diagnostics.extend(findings)
    variables = {**variables, **hidden, **once_variables(nodes)}
    story = Story(
        title=title, start=start or "", root=root, manifest=manifest_path,
        characters=b.characters, variables=variables, endings=endings,
        chapters=tuple(chapters), nodes=nodes,
        start_loc=manifest.value_locs.get("start", mloc), fingerprint=digest.hexdigest()[:16],
    )
    complete = not any(d.is_error for d in b.diagnostics)
    diagnostics = b.diagnostics + checks.run_all(story, warnings, complete=complete, assets=assets)
    has_error = any(d.is_error for d in diagnostics)
    return (None if has_error else story), _sorted(diagnostics)


def _chapter(b: _Builder, data, path: Path, nodes: dict[str, Node], chapter_ids: dict[str, Loc]) -> Chapter | None:
    floc = Loc(str(path), 1, 1)
    if data is None:
        b.err(floc, "the file is empty", "empty")
        return None
    if not isinstance(data, YMap):
        b.err(floc, f"a chapter file must be a mapping, not {kind_of(data)}", "type")
        return None
    b.unknown_keys(data, CHAPTER_KEYS, "a chapter")
    cid = b.ident(data, "chapter", "a chapter")
    title = b.text(data, "title", "a chapter")
    if cid is not None:
        if cid in chapter_ids:
            first = chapter_ids[cid]
            b.err(data.value_locs["chapter"], f"chapter id '{cid}' is used twice (first at {first.display()})", "duplicate-chapter")
        chapter_ids.setdefault(cid, data.value_locs["chapter"])
    raw_nodes = data.get("nodes")
    ids: list[str] = []
    if raw_nodes is None:
        b.err(data.loc, "a chapter needs 'nodes'", "missing-key")
    elif not isinstance(raw_nodes, YMap):
        b.err(data.value_locs["nodes"], f"'nodes' must be a mapping of node ids, not {kind_of(raw_nodes)}", "type")
    else:
        for node_id, spec in raw_nodes.items():
            nloc = raw_nodes.key_locs[node_id]
            if not ID.match(node_id):
                b.err(nloc, f"'{node_id}' is not a valid node id (letters, digits, _)", "bad-id")
                continue
            if node_id in nodes:
                first = nodes[node_id].loc
                b.err(nloc, f"node '{node_id}' is defined twice (first at {first.display()})", "duplicate-node")
                continue
            node = b.node(node_id, spec, nloc, raw_nodes.value_locs[node_id], cid or path.stem)
            if node is not None:
                nodes[node_id] = node
                ids.append(node_id)
    if cid is None or title is None:
        return None
    return Chapter(cid, title, path, tuple(ids), data.loc)


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.loc.path, d.loc.line, d.loc.col, d.message))


def load_story(story_dir: Path, *, cache: Path | None = None) -> Story:
    """The playable story, or StoryError with every finding."""
    story, diagnostics = load_story_files(story_dir, warnings=False, cache=cache)
    if story is None:
        raise StoryError([d for d in diagnostics if d.is_error])
    return story
