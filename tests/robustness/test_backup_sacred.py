"""A backup is sacred: a damaged, unreadable or newer newest save never costs the last good copy.

Continue (window and terminal) falls back to the newest good copy and says in one line which
file it could not use and what it used instead; writing never rotates damage into `.bak`;
a newer game's save is never written over; a write killed at any step loses nothing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import saves
from game.cli import main
from game.engine import LineEvent, Runtime, load_story
from game.storage import KeptFile, envelope, read_json, sweep_stray, write_json

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"

DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "garbage": lambda good: b"\xff\xfe\x00\x01 not json",
    "wrong shape": lambda good: json.dumps([1, 2, 3]).encode(),
    "no state": lambda good: json.dumps({**json.loads(good), "state": None}).encode(),
    "deep": lambda good: b'{"format": "her-save", "version": 1, "state": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "huge number": lambda good: re.sub(rb'("version": ?\d+)', rb"\g<1>" + b"0" * 5000, good, count=1),  # compact or not
    "far future time": lambda good: json.dumps({**json.loads(good), "saved_at": "+99999-01-01T00:00:00"}).encode(),
    "edge of time": lambda good: json.dumps({**json.loads(good), "saved_at": "9999-12-31T23:59:59-12:00"}).encode(),
}


def _played(story, lines: int):
    rt = Runtime(story)
    seen = 0
    while seen < lines:
        if isinstance(rt.advance(), LineEvent):
            seen += 1
    return rt


def _two_autosaves(story):
    """auto.json (second line) over a good auto.json.bak (first line)."""
    saves.write_save("auto", story, _played(story, 1).snapshot(), "first")
    time.sleep(0.01)
    saves.write_save("auto", story, _played(story, 2).snapshot(), "second")
    bak = saves.backup_path("auto")
    assert read_json(bak, saves.KIND, saves.VERSION)["meta"]["line"] == "first"
    return saves.slot_path("auto"), bak


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_continue_falls_back_to_the_backup_and_says_so(damage):
    story = load_story(BASIC)
    path, bak = _two_autosaves(story)
    good_bak = bak.read_bytes()
    damaged = DAMAGE[damage](path.read_bytes())
    path.write_bytes(damaged)
    found = saves.resume(story)
    if damage in ("far future time", "edge of time"):  # not damage: the time is dropped, the save plays
        assert found.state is not None and found.info.path == path and found.notice is None
        return
    assert found.state is not None and found.info.path == bak
    assert "auto.json" in found.notice and "auto.json.bak" in found.notice and "\n" not in found.notice
    # the next autosave keeps the good backup and puts the damaged file aside
    saves.write_save("auto", story, found.state, "third")
    assert bak.read_bytes() == good_bak
    assert path.with_name("auto.json.damaged").read_bytes() == damaged
    assert saves.resume(story).notice is None


def test_without_a_backup_continue_uses_the_next_newest_slot():
    story = load_story(BASIC)
    saves.write_save("3", story, _played(story, 1).snapshot(), "older")
    time.sleep(0.01)
    saves.write_save("quick", story, _played(story, 2).snapshot(), "newer")
    saves.slot_path("quick").write_bytes(b'{"format": "her-save", "ver')
    found = saves.resume(story)
    assert found.info.slot == "3" and "quick.json" in found.notice and "3.json" in found.notice
    assert saves.newest_save().slot == "3"


def test_nothing_good_at_all_says_why_in_one_line():
    story = load_story(BASIC)
    saves.write_save("auto", story, _played(story, 1).snapshot())
    saves.slot_path("auto").write_bytes(b"{")
    found = saves.resume(story)
    assert found.state is None and "auto.json" in found.notice and "no other save" in found.notice


def test_a_newer_games_save_is_kept_untouched_and_the_player_told_why():
    story = load_story(BASIC)
    path, bak = _two_autosaves(story)
    newer = json.dumps({**json.loads(path.read_bytes()), "version": 7, "min_version": 5}).encode()
    path.write_bytes(newer)
    found = saves.resume(story)
    assert found.info.path == bak and "newer version" in found.notice
    with pytest.raises(KeptFile):
        saves.write_save("auto", story, found.state)
    assert path.read_bytes() == newer and not path.with_name("auto.json.damaged").exists()


def test_text_player_continue_says_the_same_one_line(capsys):
    story = load_story(BASIC)
    path, _ = _two_autosaves(story)
    path.write_bytes(b"not json")
    main(["play", "--text", "--story", str(BASIC), "--continue", "--choices", "1"])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("her: auto.json is damaged") and "auto.json.bak" in err[0]


def test_text_player_continue_in_korean(capsys):
    story = load_story(BASIC)
    path, _ = _two_autosaves(story)
    path.write_bytes(b"not json")
    main(["play", "--text", "--story", str(BASIC), "--lang", "ko", "--continue", "--choices", "1"])
    first = capsys.readouterr().err.splitlines()[0]
    assert "auto.json.bak" in first and any("\uac00" <= ch <= "\ud7a3" for ch in first)


def test_loading_a_damaged_slot_uses_its_backup():
    story = load_story(BASIC)
    saves.write_save("2", story, _played(story, 1).snapshot(), "first")
    saves.write_save("2", story, _played(story, 2).snapshot(), "second")
    saves.slot_path("2").write_bytes(b"[")
    info = saves.read_save("2")
    assert info.damaged and info.backup is not None and info.backup.line == "first"
    found = saves.open_slot("2", story)
    assert found.state is not None and "2.json.bak" in found.notice


# --- kills at every step of a write -------------------------------------------------------
KILLER = """
import os, signal, sys
sys.path.insert(0, {root!r})
from pathlib import Path
import game.storage as storage
step = sys.argv[1]
real_copy, real_replace = storage._copy_atomic, os.replace
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def copy(src, dst):
    if step == "before-rotate":
        die()
    real_copy(src, dst)
    if step == "after-rotate":
        die()
storage._copy_atomic = copy
storage.write_json(Path({path!r}), storage.envelope("thing", 1, 1, n=3))
"""


@pytest.mark.parametrize("step", ["before-rotate", "after-rotate"])
def test_kill_between_write_and_rotate_loses_nothing(tmp_path, step):
    path = tmp_path / "slot.json"
    write_json(path, envelope("thing", 1, 1, n=1))
    write_json(path, envelope("thing", 1, 1, n=2))
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(root=str(ROOT), path=str(path)))
    proc = subprocess.run([sys.executable, str(script), step], check=False)
    assert proc.returncode == -signal.SIGKILL
    assert read_json(path, "thing", 1)["n"] == 2  # the old file, whole
    assert read_json(path.with_name("slot.json.bak"), "thing", 1)["n"] in (1, 2)  # a good copy either way
    strays = list(tmp_path.glob(".*.tmp"))
    assert strays, "the kill should have left the new file's temporary behind"
    for stray in strays:
        os.utime(stray, (0, 0))  # left long ago
    starting = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; " \
        f"from game.storage import read_json; read_json(Path({str(path)!r}), 'thing', 1)"
    subprocess.run([sys.executable, "-c", starting], check=True)  # the next start sweeps them
    assert not list(tmp_path.glob(".*.tmp"))
    write_json(path, envelope("thing", 1, 1, n=3))
    assert read_json(path, "thing", 1)["n"] == 3 and read_json(path.with_name("slot.json.bak"), "thing", 1)["n"] == 2


def test_sweeping_leaves_a_fresh_temporary_alone(tmp_path):
    fresh = tmp_path / ".auto.json.abc.tmp"
    fresh.write_text("a write under way")
    assert sweep_stray(tmp_path, min_age=30) == [] and fresh.exists()
    os.utime(fresh, (0, 0))
    assert sweep_stray(tmp_path, min_age=0) == [fresh] and not fresh.exists()


def test_a_write_cut_short_is_refused_and_the_old_file_kept(tmp_path, monkeypatch):
    import game.storage as storage

    path = tmp_path / "slot.json"
    write_json(path, envelope("thing", 1, 1, n=1))
    monkeypatch.setattr(storage.os, "fsync", lambda fd: os.ftruncate(fd, 3))  # a full disk, in effect
    with pytest.raises(OSError):
        write_json(path, envelope("thing", 1, 1, n=2))
    monkeypatch.undo()
    assert read_json(path, "thing", 1)["n"] == 1 and not list(tmp_path.glob(".*.tmp"))


# --- the window: Continue and the Load screen say the same -----------------------------------
@pytest.mark.parametrize("lang, word", [("en", "continuing from auto.json.bak"), ("ko", "auto.json.bak 파일에서 이어")])
def test_window_continue_falls_back_and_says_so(make_app, lang, word):
    from game.ui.screens.play import PlayScreen

    story = load_story(BASIC)
    path, _ = _two_autosaves(story)
    path.write_bytes(b'{"format": "her-save", "vers')
    app, d = make_app(lang=lang)
    (cont,) = [b for b in app.top.items() if b.on_click == app.continue_game]
    assert cont.enabled, "a damaged newest save with a good backup still offers Continue"
    app.continue_game()
    d.step()
    assert isinstance(app.top, PlayScreen)
    shown = [text for text, _ in app.toasts]
    assert any(word in text and "auto.json" in text for text in shown), shown


def test_load_screen_shows_the_backup_a_damaged_slot_falls_back_to(make_app):
    from game.ui.screens.play import PlayScreen
    from game.ui.screens.saveload import SaveLoadScreen

    story = load_story(BASIC)
    saves.write_save("1", story, _played(story, 1).snapshot(), "first")
    saves.write_save("1", story, _played(story, 2).snapshot(), "second")
    saves.slot_path("1").write_bytes(b"\x00\x01")
    app, d = make_app()
    screen = SaveLoadScreen(app, "load")
    app.push(screen)
    d.step()
    info = screen.infos["1"]
    assert info.damaged and info.backup is not None
    screen.activate(screen.slots().index("1"))
    d.step()
    assert isinstance(app.top, PlayScreen)
    assert any("1.json.bak" in text for text, _ in app.toasts)


def test_a_save_from_the_edge_of_time_does_not_stop_the_title_screen(make_app):
    story = load_story(BASIC)
    saves.write_save("auto", story, _played(story, 1).snapshot())
    path = saves.slot_path("auto")
    path.write_text(json.dumps({**json.loads(path.read_text()), "saved_at": "9999-12-31T23:59:59-12:00"}))
    app, d = make_app()
    d.step(2)
    (cont,) = [b for b in app.top.items() if b.on_click == app.continue_game]
    assert cont.enabled


@pytest.mark.parametrize("damage", [b"{", b"\x00\xff", b'{"format": "her-settings", "version": 1, "settings": ' + b"[" * 50_000])
def test_damaged_settings_and_record_notices_are_in_the_players_language(make_app, damage):
    from game.persistent import persistent_path
    from game.settings import settings_path

    settings_path().write_bytes(damage)
    persistent_path().write_bytes(damage.replace(b"her-settings", b"her-persistent"))
    app, d = make_app(lang="ko")
    shown = [text for text, _ in app.toasts]
    assert any("settings.json" in t and "기본 설정" in t for t in shown), shown
    assert any("persistent.json" in t and "기록" in t for t in shown), shown


def test_saving_over_a_newer_games_save_in_the_window_says_why_in_korean(make_app):
    story = load_story(BASIC)
    saves.write_save("quick", story, _played(story, 1).snapshot())
    path = saves.slot_path("quick")
    newer = json.dumps({**json.loads(path.read_text()), "version": 9, "min_version": 9}).encode()
    path.write_bytes(newer)
    app, d = make_app(lang="ko")
    app.start_game()
    d.step(3)
    assert app.play_screen().save_to("quick") is False
    assert path.read_bytes() == newer
    assert any("quick.json" in t and "새로운 버전" in t for t, _ in app.toasts), app.toasts
