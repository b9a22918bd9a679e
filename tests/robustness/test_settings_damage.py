"""Damaged settings and persistent record: backup or defaults, a notice, and nothing clobbered.

A settings file or persistent record that is truncated, garbage, from a newer game, of the
wrong kind or hand-edited into the wrong shape falls back to its backup (`NAME.bak`, kept by
game.storage.write_json) or else to defaults/a fresh record, with a one-line notice the
window shows. Nothing is written at start-up; when the player's first change is written,
the damaged file is kept aside (`NAME.damaged`) and the good backup stays as it was.
The record is written as it changes: an ending reached is on disk even if the process dies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pygame
import pytest

from game.persistent import Persistent, persistent_path
from game.replay.record import RouteRecord, routes_path
from game.settings import Settings, load_settings, save_settings, settings_path
from game.storage import KeptFile, envelope, read_json, write_json

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "stories" / "basic"


def _settings_file(**values) -> bytes:
    return json.dumps(envelope("her-settings", 1, 1, settings=values)).encode()


def _record_file(**fields) -> bytes:
    return json.dumps(envelope("her-persistent", 1, 1, **fields)).encode()


def truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


# name -> (good bytes -> damaged bytes); each makes the whole file unusable
SETTINGS_DAMAGE = {
    "empty": lambda good: b"",
    "truncated": truncated,
    "garbage": lambda good: b"\x00\xff\xfe\x13 not json",
    "not an object": lambda good: b"[1, 2, 3]",
    "another kind": lambda good: good.replace(b"her-settings", b"her-save"),
    "newer version": lambda good: _bump_version(good),
    "no version": lambda good: _drop(good, "version", "min_version"),
    "settings not a table": lambda good: _set(good, settings=["text_speed", 75]),
}
RECORD_DAMAGE = {
    "empty": lambda good: b"",
    "truncated": truncated,
    "garbage": lambda good: b"\x89PNG\r\n\x1a\n",
    "newer version": lambda good: _bump_version(good),
    "endings as a list": lambda good: _set(good, endings=["together"]),
    "read as a table": lambda good: _set(good, read={"a": 1}),
    "numbers among the read lines": lambda good: _set(good, read=["one:0", 7]),
    "dates that are not text": lambda good: _set(good, endings={"together": 2026}),
}


def _bump_version(good: bytes) -> bytes:
    data = json.loads(good)
    data["version"] = data["min_version"] = 99
    return json.dumps(data).encode()


def _drop(good: bytes, *keys: str) -> bytes:
    data = json.loads(good)
    for key in keys:
        data.pop(key, None)
    return json.dumps(data).encode()


def _set(good: bytes, **fields) -> bytes:
    data = json.loads(good)
    data.update(fields)
    return json.dumps(data).encode()


def _bak(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _damaged(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


# --- settings ----------------------------------------------------------------------------------
@pytest.mark.parametrize("damage", list(SETTINGS_DAMAGE), ids=list(SETTINGS_DAMAGE))
def test_damaged_settings_fall_back_to_the_backup(damage):
    path = settings_path()
    save_settings(Settings(text_speed=75, language="ko", reduced_motion=True))  # becomes the backup
    save_settings(Settings(text_speed=20))
    path.write_bytes(SETTINGS_DAMAGE[damage](path.read_bytes()))
    settings, notes = load_settings()
    assert settings == Settings(text_speed=75, language="ko", reduced_motion=True)
    assert len(notes) == 1 and notes[0].startswith("settings.json") and "using the backup" in notes[0]
    assert "\n" not in notes[0]


@pytest.mark.parametrize("damage", list(SETTINGS_DAMAGE), ids=list(SETTINGS_DAMAGE))
def test_damaged_settings_without_a_usable_backup_give_the_defaults(damage):
    path = settings_path()
    save_settings(Settings(text_speed=75))
    good = path.read_bytes()
    path.write_bytes(SETTINGS_DAMAGE[damage](good))
    settings, notes = load_settings()  # no backup at all
    assert settings == Settings() and len(notes) == 1 and "using the default settings" in notes[0]
    _bak(path).write_bytes(b"{ also broken")
    settings, notes = load_settings()  # a backup that is damaged too
    assert settings == Settings() and len(notes) == 1 and "using the default settings" in notes[0]


@pytest.mark.parametrize("field, value", [
    ("text_speed", "40"), ("text_speed", 1000), ("text_speed", True), ("text_speed", None),
    ("auto_delay", -1), ("music_volume", 1.5), ("sound_volume", [0.5]), ("fullscreen", 1),
    ("language", 5), ("language", "../../etc"), ("language", ""), ("text_scale", 2.0),
    ("skip_read_only", "yes"), ("reduced_motion", {"on": True}),
])
def test_a_hand_edited_value_of_the_wrong_type_costs_only_that_value(field, value):
    path = settings_path()
    path.write_bytes(_settings_file(**{"text_speed": 75, "music_volume": 0.2, field: value}))
    settings, notes = load_settings()
    assert getattr(settings, field) == getattr(Settings(), field)
    kept = {"text_speed": 75, "music_volume": 0.2}
    kept.pop(field, None)
    assert all(getattr(settings, k) == v for k, v in kept.items())
    assert len(notes) == 1 and f"'{field}'" in notes[0] and "\n" not in notes[0]


def test_unknown_keys_and_an_older_version_are_not_damage():
    path = settings_path()
    data = envelope("her-settings", 0, 0, settings={"text_speed": 55, "colour": "blue"})
    path.write_text(json.dumps(data))
    settings, notes = load_settings()
    assert settings.text_speed == 55 and notes == []


# --- the persistent record ------------------------------------------------------------------------
def _good_record() -> tuple[bytes, dict]:
    endings = {"together": "2026-01-01T00:00:00+00:00"}
    return _record_file(endings=endings, read=["office:0", "office:1"]), endings


@pytest.mark.parametrize("damage", list(RECORD_DAMAGE), ids=list(RECORD_DAMAGE))
def test_a_damaged_record_falls_back_to_the_backup(damage):
    path = persistent_path()
    good, endings = _good_record()
    _bak(path).write_bytes(good)
    broken = RECORD_DAMAGE[damage](good)
    path.write_bytes(broken)
    record = Persistent()
    assert record.endings == endings and record.was_read("office:1")
    assert record.note and "restored from the backup" in record.note and "\n" not in record.note
    assert path.read_bytes() == broken and _bak(path).read_bytes() == good  # nothing written yet


DAMAGE_ONLY = [k for k in RECORD_DAMAGE if k != "newer version"]


@pytest.mark.parametrize("damage", DAMAGE_ONLY, ids=DAMAGE_ONLY)
def test_a_damaged_record_without_a_backup_starts_afresh_and_keeps_the_damaged_file(damage):
    path = persistent_path()
    good, _ = _good_record()
    broken = RECORD_DAMAGE[damage](good)
    path.write_bytes(broken)
    record = Persistent()
    assert record.endings == {} and record.read == set()
    assert record.note and "starts afresh" in record.note
    assert _damaged(path).read_bytes() == broken  # kept for inspection
    record.reach_ending("apart")
    assert list(read_json(path, "her-persistent", 1)["endings"]) == ["apart"]


def test_a_newer_games_record_is_never_written_over():
    path = persistent_path()
    good, _ = _good_record()
    newer = RECORD_DAMAGE["newer version"](good)
    path.write_bytes(newer)
    record = Persistent()
    assert record.note and "newer version" in record.note and "starts afresh" in record.note
    record.reach_ending("apart")  # remembered for this run only
    record.mark_read("two:0")
    record.flush()
    assert record.endings and path.read_bytes() == newer and not _damaged(path).exists()


def test_the_first_write_after_damage_keeps_the_good_backup_and_puts_the_damaged_file_aside():
    path = persistent_path()
    good, endings = _good_record()
    _bak(path).write_bytes(good)
    path.write_bytes(b'{"format": "her-persistent", "version": 1, "endings": [')
    record = Persistent()
    record.mark_read("two:0")
    record.flush()
    written = read_json(path, "her-persistent", 1)
    assert written["endings"] == endings and set(written["read"]) == {"office:0", "office:1", "two:0"}
    assert _bak(path).read_bytes() == good  # the good backup was not replaced by the damaged file
    assert _damaged(path).read_bytes().startswith(b'{"format": "her-persistent", "version": 1, "endings": [')
    record.mark_read("two:1")
    record.flush()
    assert read_json(_bak(path), "her-persistent", 1)["read"] == sorted(written["read"])  # from now on, as usual


def test_storage_never_writes_over_a_newer_games_file(tmp_path):
    path = tmp_path / "x.json"
    newer = json.dumps({"format": "thing", "version": 5, "min_version": 3, "value": "future"})
    path.write_text(newer)
    with pytest.raises(KeptFile) as refused:
        write_json(path, envelope("thing", 1, 1, value="now"))
    assert "newer version" in refused.value.strerror and isinstance(refused.value, OSError)
    assert path.read_text() == newer and not _bak(path).exists() and not _damaged(path).exists()


def test_storage_uses_the_callers_check_to_judge_the_old_file(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, envelope("thing", 1, 1, value="good"))
    write_json(path, envelope("thing", 1, 1, value="good too"))
    bak = _bak(path).read_bytes()
    path.write_text(json.dumps(envelope("thing", 1, 1, value=["hand", "edited"])))

    def check(data):
        if not isinstance(data.get("value"), str):
            raise ValueError("value is not text")

    write_json(path, envelope("thing", 1, 1, value="fixed"), validate=check)
    assert _bak(path).read_bytes() == bak and "edited" in _damaged(path).read_text()


# --- in the window ----------------------------------------------------------------------------------
def _snapshot(*paths: Path) -> dict:
    return {p.name: (p.read_bytes() if p.exists() else None) for p in paths}


def test_the_window_starts_from_the_backups_says_so_and_writes_nothing_until_the_player_acts(make_app):
    from game.ui.screens.endings import EndingsGallery

    settings, record = settings_path(), persistent_path()
    save_settings(Settings(text_speed=75, auto_delay=3.0))
    save_settings(Settings(text_speed=20))
    settings.write_bytes(truncated(settings.read_bytes()))
    good_record, endings = _good_record()
    _bak(record).write_bytes(good_record)
    record.write_bytes(b"\x00\x00garbage")
    files = (settings, _bak(settings), _damaged(settings), record, _bak(record), _damaged(record))
    before = _snapshot(*files)

    app, d = make_app()
    assert app.settings.text_speed == 75 and app.settings.auto_delay == 3.0
    assert app.game.record.endings == endings
    shown = [message for message, _ in app.toasts]
    assert any(m.startswith("settings.json is damaged") and "backup" in m for m in shown)
    assert any(m.startswith("persistent.json") and "backup" in m for m in shown)
    plain = app.frame.copy()
    app.toasts = []
    app.invalidate()
    d.step()
    assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(app.frame, "RGB")  # the notices were drawn
    d.click_text("Endings")
    assert isinstance(app.top, EndingsGallery)
    d.wait(5.0, fps=10)
    d.key(pygame.K_ESCAPE)
    assert _snapshot(*files) == before  # start-up, looking around and waiting wrote nothing

    app.set_setting("music_volume", 0.3)  # the player acts
    assert load_settings() == (Settings(text_speed=75, auto_delay=3.0, music_volume=0.3), [])
    assert _bak(settings).read_bytes() == before["settings.json.bak"]  # the good backup is kept
    assert _damaged(settings).read_bytes() == before["settings.json"]  # and the damaged file aside
    app.start_game()
    for _ in range(8):  # past the lines the record already has
        d.key(pygame.K_SPACE)
    d.wait(2.5, fps=10)  # past the record's write delay
    written = read_json(record, "her-persistent", 1)
    assert written["endings"] == endings and len(written["read"]) > 2
    assert _bak(record).read_bytes() == good_record
    assert _damaged(record).read_bytes() == before["persistent.json"]


def test_the_window_with_everything_damaged_plays_on_with_defaults(make_app):
    settings_path().write_bytes(b"{")
    _bak(settings_path()).write_bytes(b"")
    persistent_path().write_bytes(b"[]")
    app, d = make_app()
    assert app.settings == Settings() and app.game.record.endings == {}
    shown = " | ".join(m for m, _ in app.toasts)
    assert "using the default settings" in shown and "starts afresh" in shown
    app.start_game()
    d.key(pygame.K_SPACE)
    assert app.play_screen() is not None and app.crashes == 0


# --- the route map: the same reading through game.storage.read_recovering --------------------------
def _good_routes() -> bytes:
    return json.dumps(envelope("her-routes", 1, 1, seen=["office"], taken=["office:a"], states={})).encode()


ROUTE_DAMAGE = {
    "truncated": truncated,
    "garbage": lambda good: b"\x00\xff",
    "another kind": lambda good: good.replace(b"her-routes", b"her-save"),
    "seen as a table": lambda good: _set(good, seen={"office": 1}),
    "states as a list": lambda good: _set(good, states=[]),
}


@pytest.mark.parametrize("damage", list(ROUTE_DAMAGE), ids=list(ROUTE_DAMAGE))
def test_a_damaged_route_map_falls_back_to_its_backup_or_starts_afresh_keeping_the_damaged_file(damage):
    path = routes_path()
    broken = ROUTE_DAMAGE[damage](_good_routes())
    _bak(path).write_bytes(_good_routes())
    path.write_bytes(broken)
    restored = RouteRecord()
    assert restored.seen == {"office"} and restored.taken == {"office:a"}
    assert restored.note and "restored from its backup" in restored.note and "\n" not in restored.note
    assert path.read_bytes() == broken  # nothing written at start-up
    _bak(path).unlink()
    fresh = RouteRecord()
    assert fresh.seen == set() and fresh.note and "starts afresh" in fresh.note
    assert _damaged(path).read_bytes() == broken and not path.exists()  # kept aside for inspection


def test_a_newer_games_route_map_is_never_written_over():
    path = routes_path()
    newer = _bump_version(_good_routes())
    path.write_bytes(newer)
    record = RouteRecord()
    assert record.seen == set() and "newer version" in record.note
    record.enter("office")
    record.flush()
    assert path.read_bytes() == newer and not _damaged(path).exists()


def test_the_window_says_when_the_route_map_was_damaged(make_app):
    routes_path().write_bytes(b"{ half")
    app, _ = make_app()
    assert any(m.startswith("routes.json") and "route map starts afresh" in m for m, _ in app.toasts)


# --- written as it changes ------------------------------------------------------------------------------
KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import pygame
    from game.ui.app import App
    from game.ui.driver import Driver, FakeClock
    from game.ui.screens.endings import EndingCard

    clock = FakeClock()
    app = App(Path(sys.argv[1]), clock=clock)
    d = Driver(app, clock)
    d.step(2)
    app.start_game()
    for _ in range(60):
        if isinstance(app.top, EndingCard):
            break
        d.key(pygame.K_1 if app.play_screen().options else pygame.K_SPACE)
    print(app.top.ending_id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # no quit, no shutdown, no flush
""")


def test_an_ending_reached_is_on_disk_even_if_the_game_is_killed(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HER_DATA_DIR": str(data),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "-c", KILLED, str(BASIC)], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == -9, result.stderr  # it really died
    ending = result.stdout.strip().splitlines()[-1]
    assert ending in ("together", "apart")
    record = read_json(data / "persistent.json", "her-persistent", 1)
    assert ending in record["endings"]
    assert any(uid.startswith("office:") for uid in record["read"])  # read lines went out with it
