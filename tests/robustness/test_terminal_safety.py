"""Control characters in story or translation text are shown escaped, never obeyed.

`ESC]0;...BEL` would retitle the terminal and `ESC[2J` clear it: in `her play --text` and in
every diagnostic line they are written as `\\x1b`, and lint warns about them in story text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.controls import CONTROL, escape_controls
from game.engine.diagnostics import Loc, error

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"
ATTACKS = ["\\e]0;pwned\\a", "\\e[2J", "\\x9b31m", "\\x07", "\\x7f", "\\b\\b\\b"]


def _hostile_story(tmp_path: Path, attack: str) -> Path:
    story = tmp_path / "story"
    shutil.copytree(BASIC, story)
    one = story / "one.yaml"
    one.write_text(one.read_text().replace("- narrator: The office hums.", f'- narrator: "The office {attack}hums."'))
    return story


def her(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, timeout=120)


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_escaped_text_holds_no_control_characters_but_newline_and_tab(text):
    out = escape_controls(text)
    assert CONTROL.search(out) is None
    assert out.count("\n") == text.count("\n") and out.count("\t") == text.count("\t")


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_terminal_player_shows_controls_escaped(tmp_path, attack):
    run = her("play", "--text", "--story", str(_hostile_story(tmp_path, attack)), "--choices", "1")
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0 and CONTROL.search(out) is None
    assert "The office \\x" in out


@pytest.mark.parametrize("attack", ATTACKS)
def test_lint_warns_and_its_line_is_escaped(tmp_path, attack):
    run = her("lint", "--story", str(_hostile_story(tmp_path, attack)))
    out = run.stdout.decode("utf-8")
    assert CONTROL.search(out) is None
    (line,) = [x for x in out.splitlines() if "control character" in x]
    assert "one.yaml:" in line and "warning" in line and "\\x" in line


def test_every_diagnostic_line_is_escaped():
    d = error(Loc("story/\x1b]0;x\x07.yaml", 3, 4), "unknown node '\x1b[2J'")
    assert CONTROL.search(d.format()) is None and "\\x1b[2J" in d.format()


def test_a_translation_with_controls_is_escaped_in_the_terminal(tmp_path):
    import polib

    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    po_path = locales / "ko" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = "\x1b]0;pwned\x07" + entry.msgstr if entry.msgstr else entry.msgstr
    po.save(str(po_path))
    from game.i18n.catalog import load_catalog

    catalog = load_catalog("ko", locales=locales, report=lambda m: None)
    from game.engine import load_story

    story = load_story(ROOT / "story")
    title = catalog.text("story", story.title)
    assert title.startswith("\x1b]0;")  # the catalog hands the text out as written; printing escapes it
    assert escape_controls(title).startswith("\\x1b]0;pwned\\x07")


def test_i18n_check_reports_a_translation_with_controls(tmp_path):
    import polib

    from game.i18n.check import check_language

    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    po_path = locales / "ko" / "LC_MESSAGES" / "ui.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid == "New game")
    entry.msgstr = "\x1b[2J" + entry.msgstr
    po.save(str(po_path))
    findings, _ = check_language(locales, "ko", boxes=None, use_layoutspec=False)
    (finding,) = [f for f in findings if "control character" in f.message]
    assert "ui.po:" in finding.format() and "\\x1b" in finding.format() and CONTROL.search(finding.format()) is None


@pytest.mark.parametrize("args", [["graph", "--format", "dot"], ["graph", "--format", "mermaid"], ["explore"], ["stats"]])
def test_story_tools_never_print_raw_controls(tmp_path, args):
    run = her(*args, "--story", str(_hostile_story(tmp_path, "\\e]0;pwned\\a")))
    assert CONTROL.search(run.stdout.decode("utf-8") + run.stderr.decode("utf-8")) is None
