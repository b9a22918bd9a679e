"""A real language client (pytest-lsp) talking to `python -m game lsp` over stdio: starting it
on a workspace folder, finding text in its story, waiting for the findings it publishes."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from lsprotocol import types as t
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]


class Session:
    def __init__(self, client: LanguageClient, story: Path):
        self.client, self.story = client, story

    def uri(self, name: str) -> str:
        return from_fs_path(str(self.story / name))

    def text(self, name: str) -> str:
        return (self.story / name).read_text(encoding="utf-8")

    def find(self, name: str, needle: str, nth: int = 0, text: str | None = None, after: bool = False) -> t.Position:
        """The position of the nth occurrence of `needle` in the file (or in `text`), or just after it."""
        text = self.text(name) if text is None else text
        at = -1
        for _ in range(nth + 1):
            at = text.index(needle, at + 1)
        if after:
            at += len(needle)
        line = text.count("\n", 0, at)
        return t.Position(line, at - (text.rfind("\n", 0, at) + 1))

    def open(self, name: str, text: str | None = None, version: int = 1) -> None:
        self.client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(
            uri=self.uri(name), language_id="yaml", version=version, text=self.text(name) if text is None else text)))

    def change(self, name: str, text: str, version: int) -> None:
        self.client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=self.uri(name), version=version),
            [t.TextDocumentContentChangeWholeDocument(text=text)]))

    def close(self, name: str) -> None:
        self.client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(self.uri(name))))

    def doc(self, name: str, position: t.Position) -> dict:
        return {"text_document": t.TextDocumentIdentifier(self.uri(name)), "position": position}

    async def findings(self, name: str, until, timeout: float = 20.0) -> list[t.Diagnostic]:
        """The file's published findings, once `until(findings)` holds (waiting for the server)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self.client.diagnostics.get(self.uri(name))
            if found is not None and until(list(found)):
                return list(found)
            if loop.time() > deadline:
                raise AssertionError(f"findings for {name} never matched; last: {found}")
            await asyncio.sleep(0.05)


async def start(base: Path) -> Session:
    """`her lsp` started for the workspace `base`, whose story is `base/story`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(base / "data")}
    config = ClientServerConfig(server_command=[sys.executable, "-m", "game", "lsp"], server_env=env)
    client = await config.start()
    await client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=from_fs_path(str(base)),
        workspace_folders=[t.WorkspaceFolder(uri=from_fs_path(str(base)), name="work")]))
    return Session(client, base / "story")


async def stop(session: Session) -> None:
    await session.client.shutdown_session()
    await session.client.stop()
