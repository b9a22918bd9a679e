"""The answers the language server gives, computed from the index and the lint findings.

Each function takes plain data (an Index, file lines, a 0-based position) and returns
lsprotocol types; game.lsp.server only wires them to the protocol.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as t
from pygls.uris import from_fs_path

from game.engine import loader
from game.engine.diagnostics import Diagnostic
from game.engine.source import YList, YMap
from game.lsp import context
from game.lsp.index import CHAPTER, CHARACTER, ENDING, NODE, PLAYTESTS, VARIABLE, Index, Occurrence

PLAYTEST_KEYS = ("choices", "ending", "visits", "vars", "from", "set")
NODE_VALUE_KEYS = {"goto", "next", "start", "from"}
_WORD = re.compile(r"[A-Za-z0-9_.-]+")
_DID_YOU_MEAN = re.compile(r"\(did you mean '([^']+)'\?\)")
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def uri(path: str) -> str:
    return from_fs_path(path) or path


def _range(o: Occurrence) -> t.Range:
    return t.Range(t.Position(o.line, o.col), t.Position(o.line, o.col + o.length))


def _location(o: Occurrence) -> t.Location:
    return t.Location(uri(o.path), _range(o))


# --- diagnostics -----------------------------------------------------------------------------
def diagnostic(d: Diagnostic, lines: list[str]) -> t.Diagnostic:
    """A finding as LSP sees it: from its column to the end of the word written there."""
    row, col = max(d.loc.line - 1, 0), max(d.loc.col - 1, 0)
    text = lines[row] if row < len(lines) else ""
    m = _WORD.match(text, col)
    end = m.end() if m and m.end() > col else max(len(text), col + 1)
    return t.Diagnostic(
        range=t.Range(t.Position(row, col), t.Position(row, end)), message=d.message, source="her", code=d.code or None,
        severity=t.DiagnosticSeverity.Error if d.is_error else t.DiagnosticSeverity.Warning,
    )


def code_actions(doc_uri: str, diagnostics: list[t.Diagnostic]) -> list[t.CodeAction]:
    """A quick fix for each finding that says "did you mean 'X'?": write X instead."""
    out = []
    for d in diagnostics:
        m = _DID_YOU_MEAN.search(d.message)
        if not m:
            continue
        edit = t.WorkspaceEdit(changes={doc_uri: [t.TextEdit(d.range, m.group(1))]})
        out.append(t.CodeAction(title=f"Change to '{m.group(1)}'", kind=t.CodeActionKind.QuickFix, diagnostics=[d],
                                edit=edit, is_preferred=True))
    return out


# --- definition, references, rename ----------------------------------------------------------
def definition(index: Index, path: str, line: int, col: int) -> list[t.Location]:
    o = index.at(path, line, col)
    if o is None:
        return []
    return [_location(d) for d in index.all_of(o.kind, o.name) if d.definition]


def references(index: Index, path: str, line: int, col: int, include_declaration: bool = True) -> list[t.Location]:
    o = index.at(path, line, col)
    if o is None:
        return []
    found = index.all_of(o.kind, o.name)
    return [_location(r) for r in found if include_declaration or not r.definition]


def rename(index: Index, path: str, line: int, col: int, new_name: str) -> t.WorkspaceEdit | None:
    o = index.at(path, line, col)
    if o is None or o.kind == CHAPTER:
        return None
    if not ID.match(new_name):
        raise ValueError(f"'{new_name}' is not a valid id (letters, digits, _; not starting with a digit)")
    if new_name != o.name and new_name in index.names(o.kind):
        raise ValueError(f"there is already a {o.kind} '{new_name}'")
    changes: dict[str, list[t.TextEdit]] = {}
    for r in index.all_of(o.kind, o.name):
        changes.setdefault(uri(r.path), []).append(t.TextEdit(_range(r), new_name))
    return t.WorkspaceEdit(changes=changes)


# --- hover -----------------------------------------------------------------------------------
def hover(index: Index, path: str, line: int, col: int) -> t.Hover | None:
    o = index.at(path, line, col)
    if o is None:
        return None
    text = {NODE: _node_hover, VARIABLE: _variable_hover, ENDING: _ending_hover, CHARACTER: _character_hover,
            CHAPTER: _chapter_hover}[o.kind](index, o.name)
    if text is None:
        return None
    return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, text), _range(o))


def _node_hover(index: Index, name: str) -> str | None:
    found = index.nodes.get(name)
    if found is None:
        return None
    path, spec, cid = found
    title = index.chapters.get(path, (cid, cid))[1]
    ways = sum(o.link for o in index.all_of(NODE, name))
    out = [f"**node `{name}`** in chapter `{cid}` ({title}), {Path(path).name}",
           f"reached from {ways} place{'s' if ways != 1 else ''}", ""]
    shown = 0
    for item in spec.get("lines", ()) if isinstance(spec.get("lines"), YList) else ():
        if not isinstance(item, YMap):
            continue
        speaker = next((k for k in item if k not in loader.LINE_OPTION_KEYS and k != "set"), None)
        if speaker is not None and isinstance(item[speaker], str):
            out.append(f"> **{speaker}**: {_short(item[speaker])}  ")
            shown += 1
        if shown == 3:
            break
    return "\n".join(out).rstrip()


def _variable_hover(index: Index, name: str) -> str | None:
    spec = index.variables.get(name)
    if spec is None:
        return None
    where = next((o for o in index.all_of(VARIABLE, name) if o.definition), None)
    place = f"declared in {Path(where.path).name}:{where.line + 1}" if where else ""
    if isinstance(spec, bool):
        kind = f"true/false, starts {'true' if spec else 'false'}"
    elif isinstance(spec, int):
        kind = f"whole number, starts at {spec}"
    elif isinstance(spec, YMap):
        lo, hi = spec.get("min"), spec.get("max")
        span = f", from {'any' if lo is None else lo} to {'any' if hi is None else hi}" if lo is not None or hi is not None else ""
        kind = f"whole number, starts at {spec.get('start')}{span}"
    else:
        kind = "unreadable declaration"
    return f"**variable `{name}`**: {kind}\n\n{place}".rstrip()


def _ending_hover(index: Index, name: str) -> str | None:
    spec = index.endings.get(name)
    if not isinstance(spec, YMap):
        return None
    return f"**ending `{name}`**: {spec.get('title', name)}\n\n{_short(str(spec.get('summary', '')), 300)}".rstrip()


def _character_hover(index: Index, name: str) -> str | None:
    spec = index.characters.get(name)
    if name not in index.characters:
        return None
    shown = spec.get("name") if isinstance(spec, YMap) else None
    return f"**character `{name}`**, shown as \"{shown if shown is not None else name.capitalize()}\""


def _chapter_hover(index: Index, name: str) -> str | None:
    for path, (cid, title) in index.chapters.items():
        if str(Path(path).resolve()) == name:
            return f"**chapter `{cid}`**: {title}"
    return None


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- completion ------------------------------------------------------------------------------
def completion(index: Index, path: str, lines: list[str], line: int, col: int, assets: Path) -> list[t.CompletionItem]:
    ctx = context.at(lines, line, col)
    kind = _file_kind(index, path)
    if ctx.key is not None:
        return _value_items(index, kind, ctx, assets)
    if ctx.at_key:
        return _key_items(index, kind, ctx.parents)
    return []


def _file_kind(index: Index, path: str) -> str:
    name = Path(path).name
    if name == loader.MANIFEST:
        return "manifest"
    return "playtests" if name == PLAYTESTS else "chapter"


def _value_items(index: Index, kind: str, ctx: context.Context, assets: Path) -> list[t.CompletionItem]:
    key, value = ctx.key, ctx.value
    if kind == "playtests" and ctx.parents and len(ctx.parents) == 1:
        if key in ("from", "visits"):
            return _names(index, NODE)
        if key == "ending":
            return _names(index, ENDING)
        if key in ("vars", "set"):
            return _names(index, VARIABLE)
        return []
    if key in NODE_VALUE_KEYS:
        return _names(index, NODE)
    if key == "ending":
        return _names(index, ENDING)
    if key in ("if", "set"):
        if re.search(r"\b(?:visits|seen)\s*\(\s*\w*$", value):
            return _names(index, NODE)
        return _names(index, VARIABLE)
    if key == "scene":
        return _assets(assets / "scenes", "scene")
    if key == "music":
        return _assets(assets / "music", "music") + [t.CompletionItem("none", kind=t.CompletionItemKind.Constant,
                                                                      detail="no music")]
    return []


def _key_items(index: Index, kind: str, parents: tuple[str, ...]) -> list[t.CompletionItem]:
    keys: set[str] = set()
    speakers = False
    if kind == "manifest":
        if not parents:
            keys = set(loader.MANIFEST_KEYS)
        elif len(parents) == 2 and parents[0] == "variables":
            keys = set(loader.VAR_KEYS)
        elif len(parents) == 2 and parents[0] == "characters":
            keys = {"name", "color"}
        elif len(parents) == 2 and parents[0] == "endings":
            keys = {"title", "summary"}
    elif kind == "playtests":
        keys = set(PLAYTEST_KEYS) if len(parents) == 1 else set()
    elif not parents:
        keys = set(loader.CHAPTER_KEYS)
    elif parents[0] == "nodes" and len(parents) == 2:
        keys = set(loader.NODE_KEYS)
    elif parents[0] == "nodes" and parents[-1] == "lines":
        keys, speakers = set(loader.LINE_OPTION_KEYS) | {"set"}, True
    elif parents[0] == "nodes" and parents[-1] == "choices":
        keys = set(loader.CHOICE_KEYS)
    elif parents[0] == "nodes" and parents[-1] == "branch":
        keys = {"if", "goto"}
    items = [t.CompletionItem(k, kind=t.CompletionItemKind.Property, insert_text=f"{k}: ", detail="key") for k in sorted(keys)]
    if speakers:
        items = _names(index, CHARACTER, insert_suffix=": ") + items
    return items


_KINDS = {NODE: t.CompletionItemKind.Reference, ENDING: t.CompletionItemKind.EnumMember,
          CHARACTER: t.CompletionItemKind.Class, VARIABLE: t.CompletionItemKind.Variable}


def _names(index: Index, kind: str, insert_suffix: str = "") -> list[t.CompletionItem]:
    out = []
    for name in index.names(kind):
        detail = kind
        if kind == NODE:
            detail = f"node in {index.nodes[name][2]}"
        elif kind == ENDING and isinstance(index.endings[name], YMap):
            detail = f"ending: {index.endings[name].get('title', name)}"
        out.append(t.CompletionItem(name, kind=_KINDS[kind], detail=detail, insert_text=name + insert_suffix))
    return out


def _assets(folder: Path, what: str) -> list[t.CompletionItem]:
    try:
        stems = sorted({p.stem for p in folder.iterdir() if p.is_file() and p.suffix in (".png", ".ogg", ".jpg", ".wav")})
    except OSError:
        return []
    return [t.CompletionItem(s, kind=t.CompletionItemKind.File, detail=f"{what} in assets/{folder.name}") for s in stems]


# --- document symbols ------------------------------------------------------------------------
def symbols(index: Index, path: str, lines: list[str]) -> list[t.DocumentSymbol]:
    """A chapter file: the chapter, with its nodes inside; the manifest: its sections' names."""
    defs = sorted((o for o in index.occurrences.get(path, ()) if o.definition and o.kind != CHAPTER),
                  key=lambda o: (o.line, o.col))
    last = max(len(lines) - 1, 0)
    children = []
    for i, o in enumerate(defs):
        end = defs[i + 1].line - 1 if i + 1 < len(defs) else last
        end = max(end, o.line)
        kind = {NODE: t.SymbolKind.Function, VARIABLE: t.SymbolKind.Variable, ENDING: t.SymbolKind.EnumMember,
                CHARACTER: t.SymbolKind.Class}[o.kind]
        full = t.Range(t.Position(o.line, 0), t.Position(end, len(lines[end]) if end < len(lines) else 0))
        children.append(t.DocumentSymbol(name=o.name, kind=kind, range=full, selection_range=_range(o), detail=o.kind))
    if path in index.chapters:
        cid, title = index.chapters[path]
        whole = t.Range(t.Position(0, 0), t.Position(last, len(lines[last]) if lines else 0))
        return [t.DocumentSymbol(name=cid, kind=t.SymbolKind.Module, range=whole, selection_range=t.Range(whole.start, whole.start),
                                 detail=title, children=children)]
    if Path(path).name == PLAYTESTS and isinstance(index.trees.get(path), YMap):
        tree = index.trees[path]
        out = []
        for name in tree:
            loc = tree.key_locs[name]
            r = t.Range(t.Position(loc.line - 1, loc.col - 1), t.Position(loc.line - 1, loc.col - 1 + len(name)))
            out.append(t.DocumentSymbol(name=name, kind=t.SymbolKind.Event, range=r, selection_range=r, detail="playtest"))
        return out
    return children
