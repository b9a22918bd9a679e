"""A small project in tmp_path for the translation tests: a story, some interface code, locales."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"

UI_CODE = '''\
"""A menu, as the UI engineer might write it."""


def draw(catalog, n, label):
    # Translators: the first button on the title screen
    catalog.ui("New Game")
    catalog.ui("Continue")
    self_catalog = catalog
    self_catalog.ui("Back", context="menu")
    catalog.ui_n("{n} ending seen", "{n} endings seen", n).format(n=n)
    catalog.ui(label)
    return catalog.ui("Saved %s", context="toast")
'''


@dataclass
class Project:
    root: Path

    @property
    def story(self) -> Path:
        return self.root / "story"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    def po(self, lang: str, domain: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"{domain}.po"

    def her(self, *args: str) -> int:
        """Run `her i18n ...` on this project."""
        extra = []
        if args and args[0] == "extract":
            extra = ["--story", str(self.story), "--source", str(self.root)]
        return main(["i18n", "--locales", str(self.locales), *args, *extra])

    def edit_story(self, file: str, old: str, new: str) -> None:
        path = self.story / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def translate(self, lang: str, domain: str, table: dict[str, str] | None = None, fn=None) -> polib.POFile:
        """Fill translations: from `table` (msgid -> text) or `fn(entry)` for everything."""
        path = self.po(lang, domain)
        po = polib.pofile(str(path))
        for e in po:
            if e.obsolete:
                continue
            text = (table or {}).get(e.msgid) if table is not None else fn(e)
            if text is None:
                continue
            if e.msgid_plural:
                e.msgstr_plural = {k: text for k in e.msgstr_plural}
            else:
                e.msgstr = text
        po.save(str(path))
        return po


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "proj"
    shutil.copytree(BASIC, root / "story")
    ui = root / "game" / "ui"
    ui.mkdir(parents=True)
    (ui / "menu.py").write_text(UI_CODE, encoding="utf-8")
    (root / "locales").mkdir()
    return Project(root)


@pytest.fixture
def write_file():
    return _write


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
