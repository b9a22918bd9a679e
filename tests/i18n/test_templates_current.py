"""The shipped templates are exactly what `her i18n extract` makes on a clean checkout, and every
shipped catalog passes gettext's own check (`msgfmt -c`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from game.engine import load_story
from game.i18n.extract import build_template, story_messages, ui_messages
from game.paths import locales_dir, story_dir

ROOT = Path(__file__).resolve().parents[2]


def _entries(po: polib.POFile) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences), " ".join(e.comment.split()), tuple(sorted(e.flags)))
            for e in po if not e.obsolete]


@pytest.mark.parametrize("domain", ["story", "ui"])
def test_extract_would_not_change_a_shipped_template(domain):
    if domain == "story":
        messages = story_messages(load_story(story_dir()))
    else:
        messages, problems = ui_messages(ROOT)
        assert not problems
    fresh = build_template(messages, domain)
    shipped = polib.pofile(str(locales_dir() / f"{domain}.pot"))
    assert _entries(fresh) == _entries(shipped), f"locales/{domain}.pot is stale: run 'her i18n extract'"


def test_ui_references_name_the_file_not_the_line():
    shipped = polib.pofile(str(locales_dir() / "ui.pot"))
    assert shipped and all(line == "" for e in shipped for _path, line in e.occurrences)


def _msgfmt() -> str | None:
    found = shutil.which("msgfmt")
    if found is None and os.environ.get("CI"):
        pytest.fail("msgfmt (GNU gettext) is missing; .ci/run installs it")
    return found


@pytest.mark.parametrize("po", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "locales").glob("*/LC_MESSAGES/*.po")))
def test_msgfmt_check_passes(po, tmp_path):
    msgfmt = _msgfmt()
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "out.mo"), po], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
