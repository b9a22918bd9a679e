"""`her lsp`: the language server, wired to pygls. Each story folder an editor touches (the folder
holding story.yaml above an open file, or the workspace's story/) is linted as a whole with the
editor's unsaved buffers read in place of the files, so an edit in one chapter updates findings
in every other; linting waits until typing pauses (DEBOUNCE seconds)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as t
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from game.engine.loader import MANIFEST
from game.lsp import features
from game.lsp.index import Index, build, story_files

DEBOUNCE = 0.3


class _Story:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.index: Index | None = None
        self.stale = True
        self.published: set[str] = set()
        self.pending: asyncio.Task | None = None
        self.generation = 0  # bumped by every change: a lint of older text is not published


class HerServer(LanguageServer):
    def __init__(self) -> None:
        from game import version

        super().__init__("her-lsp", version())
        self.stories: dict[Path, _Story] = {}
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="her-lint")  # one lint at a time

    # --- which story, which text -----------------------------------------------------------
    def story_for(self, doc_uri: str) -> _Story | None:
        path = _path(doc_uri)
        for folder in path.parents:
            if (folder / MANIFEST).is_file() or self._open(folder / MANIFEST) is not None:
                return self._story(folder)
        return None

    def _story(self, root: Path) -> _Story:
        root = root.resolve()
        if root not in self.stories:
            self.stories[root] = _Story(root)
        return self.stories[root]

    def _open(self, path: Path) -> str | None:
        for doc_uri, doc in self.workspace.text_documents.items():
            if _path(doc_uri) == path.resolve():
                return doc.source
        return None

    def overlay(self, story: _Story) -> dict[Path, str]:
        out = {}
        for doc_uri, doc in self.workspace.text_documents.items():
            path = _path(doc_uri)
            if story.root in path.parents:
                out[path] = doc.source
        return out

    def text(self, path: str) -> str:
        opened = self._open(Path(path))
        if opened is not None:
            return opened
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return ""

    def index(self, story: _Story) -> Index:
        if story.index is None or story.stale:
            story.stale = False
            paths = [str(p) for p in story_files(story.root, self.text(str(story.root / MANIFEST)))]
            story.index = build(story.root, {p: self.text(p) for p in paths}, story.index)
        return story.index

    # --- linting ---------------------------------------------------------------------------
    def changed(self, doc_uri: str, delay: float = DEBOUNCE) -> None:
        story = self.story_for(doc_uri)
        if story is None:
            return
        story.stale = True  # the old index stays, so a half-typed file keeps the names it last had
        story.generation += 1
        if story.pending is not None:
            story.pending.cancel()
        story.pending = asyncio.get_running_loop().create_task(self.lint(story, delay))

    async def lint(self, story: _Story, delay: float) -> None:
        """Lint after `delay` (in a worker thread, so requests are answered meanwhile) and publish."""
        from game.authoring.lint import lint_story

        await asyncio.sleep(delay)
        generation, overlay = story.generation, self.overlay(story)
        loop = asyncio.get_running_loop()
        findings = await loop.run_in_executor(self.linter, lint_story, story.root, overlay)
        if generation != story.generation:
            return  # the text changed while linting: the newer lint publishes
        found: dict[str, list] = {}
        for d in findings:
            found.setdefault(str(Path(d.loc.path).resolve()), []).append(d)
        for path in sorted(story.published | set(found)):
            lines = self.text(path).splitlines()
            diagnostics = [features.diagnostic(d, lines) for d in found.get(path, ())]
            for d in diagnostics:
                d.range = self.to_client(path, d.range, lines)
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=features.uri(path), diagnostics=diagnostics))
        story.published = set(found)

    def where(self, doc_uri: str, position: t.Position) -> tuple[Index, str, int, int] | None:
        """The story's index, the file and the position in it (in characters, as the index counts)."""
        story = self.story_for(doc_uri)
        if story is None:
            return None
        index = self.index(story)
        path = str(_path(doc_uri))
        at = self.workspace.position_codec.position_from_client_units(self.text(path).splitlines(), position)
        return index, path, at.line, at.character

    # --- positions: the index counts characters, the client may count UTF-16 or UTF-8 units ----
    def to_client(self, path: str, rng: t.Range, lines: list[str] | None = None) -> t.Range:
        if self.workspace.position_encoding == t.PositionEncodingKind.Utf32:
            return rng
        lines = self.text(path).splitlines() if lines is None else lines
        return self.workspace.position_codec.range_to_client_units(lines, rng)

    def locations(self, found: list[t.Location]) -> list[t.Location]:
        return [t.Location(loc.uri, self.to_client(str(_path(loc.uri)), loc.range)) for loc in found]

    def symbols(self, path: str, found: list[t.DocumentSymbol]) -> list[t.DocumentSymbol]:
        lines = self.text(path).splitlines()
        for symbol in found:
            symbol.range = self.to_client(path, symbol.range, lines)
            symbol.selection_range = self.to_client(path, symbol.selection_range, lines)
            self.symbols(path, symbol.children or [])
        return found


def _path(doc_uri: str) -> Path:
    return Path(to_fs_path(doc_uri) or doc_uri).resolve()


server = HerServer()


@server.feature(t.INITIALIZED)
def _initialized(ls: HerServer, params: t.InitializedParams) -> None:
    folders = [f.uri for f in ls.workspace.folders.values()] or ([ls.workspace.root_uri] if ls.workspace.root_uri else [])
    for folder_uri in folders:
        root = _path(folder_uri)
        for candidate in (root, root / "story"):
            if (candidate / MANIFEST).is_file():
                ls.changed(features.uri(str(candidate / MANIFEST)), delay=0)


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: HerServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, delay=0)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: HerServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.changed(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: HerServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.changed(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: HerServer, params: t.DidCloseTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, delay=0)  # back to what the file on disk says


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _files_changed(ls: HerServer, params: t.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        ls.changed(change.uri)


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: HerServer, params: t.DefinitionParams):
    found = ls.where(params.text_document.uri, params.position)
    return ls.locations(features.definition(*found)) if found else None


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def _references(ls: HerServer, params: t.ReferenceParams):
    found = ls.where(params.text_document.uri, params.position)
    return ls.locations(features.references(*found, params.context.include_declaration)) if found else None


@server.feature(t.TEXT_DOCUMENT_HOVER)
def _hover(ls: HerServer, params: t.HoverParams):
    found = ls.where(params.text_document.uri, params.position)
    result = features.hover(*found) if found else None
    if result is not None and result.range is not None:
        result.range = ls.to_client(found[1], result.range)
    return result


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "(", "["]))
def _completion(ls: HerServer, params: t.CompletionParams):
    from game.paths import assets_dir

    found = ls.where(params.text_document.uri, params.position)
    if not found:
        return None
    index, path, line, col = found
    items = features.completion(index, path, ls.text(path).splitlines(), line, col, assets_dir())
    return t.CompletionList(is_incomplete=False, items=items)


@server.feature(t.TEXT_DOCUMENT_RENAME)
def _rename(ls: HerServer, params: t.RenameParams):
    found = ls.where(params.text_document.uri, params.position)
    if not found:
        return None
    try:
        edit = features.rename(*found, params.new_name)
    except ValueError as exc:
        raise JsonRpcInvalidParams(str(exc)) from None
    for doc_uri, edits in (edit.changes if edit else {}).items():
        for e in edits:
            e.range = ls.to_client(str(_path(doc_uri)), e.range)
    return edit


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def _symbols(ls: HerServer, params: t.DocumentSymbolParams):
    story = ls.story_for(params.text_document.uri)
    if story is None:
        return None
    path = str(_path(params.text_document.uri))
    return ls.symbols(path, features.symbols(ls.index(story), path, ls.text(path).splitlines()))


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def _code_actions(ls: HerServer, params: t.CodeActionParams):
    return features.code_actions(params.text_document.uri, list(params.context.diagnostics))
