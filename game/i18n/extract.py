"""Templates (`story.pot`, `ui.pot`) from the story and from the game's code.

Story: every piece of text a player reads, with its context (node id for lines and options;
`character:<id>`, `chapter:<id>`, `ending:<id>`, `story` for the rest: exactly what
`game.i18n.catalog` looks up), the speaker, style and author's note as extracted comments, and
`path:line` references relative to the story folder's parent.

Interface: every `<anything>.ui("literal")` and `<anything>.ui_n("one", "many", n)` call in
the game's Python files, found with `ast`; `context="..."` becomes the msgctxt, and a
`# Translators: ...` comment just above the call becomes an extracted comment.

Output is deterministic: the same input gives byte-identical files, and POT-Creation-Date
only moves when the entries change.
"""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polib

from game import styles
from game.engine.diagnostics import Loc
from game.engine.model import Line, Story
from game.engine.source import SourceError, YMap, load_yaml_file
from game.i18n import pofiles
from game.i18n.markup import format_flags

UI_METHODS = {"ui": 1, "ui_n": 2}  # method name -> number of leading text arguments
TRANSLATORS = re.compile(r"^#\s*translators?\s*:\s*(.*)$", re.I)


@dataclass
class Message:
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None = None
    comments: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


class Collector:
    """Messages in first-seen order; the same (context, text) twice becomes one entry."""

    def __init__(self) -> None:
        self.messages: dict[tuple[str, str], Message] = {}

    def add(self, msgctxt: str | None, msgid: str, where: tuple[str, int] | None, comments: list[str],
            msgid_plural: str | None = None, flags: list[str] | None = None) -> None:
        if not msgid:
            return  # an empty msgid is the header: never a message
        key = (msgctxt or "", msgid)
        msg = self.messages.get(key)
        if msg is None:
            msg = self.messages[key] = Message(msgctxt, msgid, msgid_plural)
        if msgid_plural and not msg.msgid_plural:
            msg.msgid_plural = msgid_plural
        for c in comments:
            if c not in msg.comments:
                msg.comments.append(c)
        if where is not None:
            occ = (where[0], str(where[1]) if where[1] else "")
            if occ not in msg.occurrences:
                msg.occurrences.append(occ)
        for f in flags or ():
            if f not in msg.flags:
                msg.flags.append(f)


# --- story --------------------------------------------------------------------------
def story_messages(story: Story, locations: bool = True) -> list[Message]:
    """Every translatable string of the story, in reading order (`locations=False`: without
    references, which saves re-reading the files for the positions of titles)."""
    base = story.root.parent
    locs = _manifest_locs(story) if locations else {}
    col = Collector()

    def ref(loc: Loc | None) -> tuple[str, int] | None:
        if loc is None or not locations:
            return None
        path = Path(loc.path)
        try:
            rel = os.path.relpath(path, base)
        except ValueError:
            rel = str(path)
        return (Path(rel).as_posix(), loc.line)

    col.add("story", story.title, ref(locs.get("title")), ["the game's title"])
    for cid, character in story.characters.items():
        col.add(f"character:{cid}", character.name, ref(locs.get(f"character:{cid}", character.loc)),
                [f"name of the character '{cid}' (shown on the name plate)"])
    for eid, ending in story.endings.items():
        ctx = f"ending:{eid}"
        col.add(ctx, ending.title, ref(locs.get(f"{ctx}:title", ending.loc)), [f"title of the ending '{eid}'"])
        col.add(ctx, ending.summary, ref(locs.get(f"{ctx}:summary", ending.loc)),
                [f"summary of the ending '{eid}' (ending card and endings gallery)"])
    for chapter in story.chapters:
        col.add(f"chapter:{chapter.id}", chapter.title, ref((_chapter_title_loc(chapter.path) if locations else None) or chapter.loc),
                [f"title of chapter '{chapter.id}'"])
        for node_id in chapter.node_ids:
            node = story.nodes[node_id]
            for line in node.lines:
                _add_line(col, node_id, line, ref(line.loc), None)
            for choice in node.choices:
                comments = [f"choice {choice.index + 1}: an option the player picks (Theodore)"]
                if choice.cond is not None:
                    comments.append(f"offered only if: {choice.cond.source}")
                comments.append(f"see it: her capture --line {node_id}:{choice.key}")
                col.add(node_id, choice.text, ref(choice.loc), comments)
                for line in choice.lines:
                    _add_line(col, node_id, line, ref(line.loc), choice.index)
    return list(col.messages.values())


def _add_line(col: Collector, node_id: str, line: Line, where, choice_index: int | None) -> None:
    if line.text is None or line.speaker is None:
        return
    comments = [f"speaker: {line.speaker}"]
    if line.style != styles.DEFAULT:
        comments.append(f"style: {line.style}")
    if choice_index is not None:
        comments.append(f"reply after choice {choice_index + 1}")
    if line.cond is not None:
        comments.append(f"shown only if: {line.cond.source}")
    if line.note:
        comments.extend(f"note: {part}" if i == 0 else part for i, part in enumerate(line.note.strip().split("\n")))
    comments.append(f"see it: her capture --line {node_id}:{line.key}")
    col.add(node_id, line.text, where, comments)


def _manifest_locs(story: Story) -> dict[str, Loc]:
    """Where the manifest's texts are written (the model keeps only the keys' positions)."""
    out: dict[str, Loc] = {}
    try:
        data = load_yaml_file(story.manifest)
    except SourceError:
        return out
    if not isinstance(data, YMap):
        return out
    if "title" in data:
        out["title"] = data.value_locs["title"]
    for section, prefix, keys in (("characters", "character", ("name",)), ("endings", "ending", ("title", "summary"))):
        table = data.get(section)
        if not isinstance(table, YMap):
            continue
        for item_id, spec in table.items():
            if not isinstance(spec, YMap):
                continue
            for key in keys:
                if key in spec:
                    name = f"{prefix}:{item_id}" if section == "characters" else f"{prefix}:{item_id}:{key}"
                    out[name] = spec.value_locs[key]
    return out


def _chapter_title_loc(path: Path) -> Loc | None:
    try:
        data = load_yaml_file(path)
    except SourceError:
        return None
    if isinstance(data, YMap) and "title" in data:
        return data.value_locs["title"]
    return None


# --- interface ---------------------------------------------------------------------
@dataclass
class UiProblem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "warning"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


def ui_sources(root: Path) -> list[Path]:
    """The game's Python files (game/**/*.py), sorted; caches and game/i18n (which implements
    the lookups and forwards their arguments) left out."""
    game_dir = root / "game"
    skip = game_dir / "i18n"
    return sorted(p for p in game_dir.rglob("*.py") if "__pycache__" not in p.parts and skip not in p.parents)


def ui_messages(root: Path, files: list[Path] | None = None) -> tuple[list[Message], list[UiProblem]]:
    """Interface strings from every `.ui(...)`/`.ui_n(...)` call, and what could not be read."""
    col = Collector()
    problems: list[UiProblem] = []
    for path in files if files is not None else ui_sources(root):
        rel = Path(os.path.relpath(path, root)).as_posix()
        try:
            source = path.read_bytes().decode("utf-8")
            tree = ast.parse(source, filename=rel)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(UiProblem(rel, 0, 0, f"cannot read: {exc}", "error"))
            continue
        except SyntaxError as exc:
            problems.append(UiProblem(rel, exc.lineno or 0, exc.offset or 0, f"cannot parse: {exc.msg}", "error"))
            continue
        notes = _translator_comments(source)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr in UI_METHODS]
        calls.sort(key=lambda n: (n.lineno, n.col_offset))
        for call in calls:
            _ui_call(col, problems, rel, call, notes)
    return list(col.messages.values()), problems


def _ui_call(col: Collector, problems: list[UiProblem], rel: str, call: ast.Call, notes: dict[int, str]) -> None:
    method = call.func.attr  # type: ignore[attr-defined]
    count = UI_METHODS[method]
    names = ("msgid",) if count == 1 else ("singular", "plural")
    kw = {k.arg: k.value for k in call.keywords if k.arg}
    texts: list[str] = []
    for i, name in enumerate(names):
        node = call.args[i] if i < len(call.args) else kw.get(name)
        value = _literal(node)
        if value is None:
            what = "nothing" if node is None else "a computed value"
            problems.append(UiProblem(rel, call.lineno, call.col_offset + 1,
                                      f"{method}() called with {what} as its text; only string literals can be extracted"))
            return
        texts.append(value)
    context = None
    if "context" in kw:
        context = _literal(kw["context"])
        if context is None:
            problems.append(UiProblem(rel, call.lineno, call.col_offset + 1,
                                      f"{method}() context must be a string literal to be extracted"))
            return
    comments = [notes[line] for line in (call.lineno, call.lineno - 1) if line in notes]
    plural = texts[1] if count == 2 else None
    # the file, not the line: a template must not change because unrelated code moved
    col.add(context, texts[0], (rel, 0), comments[:1], plural, format_flags(texts[0], plural))


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _translator_comments(source: str) -> dict[int, str]:
    """`# Translators: ...` comments by line (a run of comment lines counts as one, at its last line)."""
    out: dict[int, str] = {}
    current: list[str] = []
    last = -2
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return out
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        line = tok.start[0]
        match = TRANSLATORS.match(tok.string)
        if match:
            current, last = [match.group(1).strip()], line
        elif current and line == last + 1:
            current.append(tok.string.lstrip("#").strip())
            last = line
        else:
            continue
        out[last] = " ".join(current)
    return out


# --- templates ------------------------------------------------------------------------
def build_template(messages: list[Message], domain: str, creation_date: str = "") -> polib.POFile:
    po = polib.POFile(wrapwidth=pofiles.WRAP, encoding="utf-8")
    po.header = (
        f"Translation template for Her: the {domain} domain.\n"
        "Generated by `her i18n extract`; do not edit by hand.\n"
        "This file is distributed under the same license as the Her package."
    )
    plural = any(m.msgid_plural for m in messages)
    po.metadata = pofiles.template_metadata(domain, plural, creation_date)
    for m in messages:
        entry = polib.POEntry(msgctxt=m.msgctxt, msgid=m.msgid, msgstr="", comment="\n".join(m.comments),
                              occurrences=list(m.occurrences), flags=list(m.flags))
        if m.msgid_plural:
            entry.msgid_plural = m.msgid_plural
            entry.msgstr_plural = {0: "", 1: ""}
        po.append(entry)
    return po


def write_template(messages: list[Message], domain: str, path: Path) -> bool:
    """Write `path` if its entries changed (True then); the creation date moves only with them."""
    date = _source_date()
    old_date = None
    if path.is_file():
        try:
            old_date = pofiles.read_po(path, check_duplicates=False).metadata.get("POT-Creation-Date")
        except pofiles.PoError:
            old_date = None
    if old_date and date is None:
        candidate = pofiles.render(build_template(messages, domain, old_date))
        if candidate.encode() == path.read_bytes():
            return False
    stamp = date or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    return pofiles.write_if_changed(path, pofiles.render(build_template(messages, domain, stamp)))


def _source_date() -> str | None:
    """SOURCE_DATE_EPOCH (reproducible builds) fixes the creation date when set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw or not raw.isdigit():
        return None
    return datetime.fromtimestamp(int(raw), timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
