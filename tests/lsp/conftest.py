"""The `lsp` fixture: one server per test module, on a copy of the shipped story in a temporary folder."""

from __future__ import annotations

import shutil

import pytest_asyncio
from lspkit import ROOT, start, stop


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def lsp(tmp_path_factory):
    base = tmp_path_factory.mktemp("lsp")
    shutil.copytree(ROOT / "story", base / "story")
    session = await start(base)
    yield session
    await stop(session)
