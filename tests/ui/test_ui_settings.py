"""Settings and the persistent record: applied at once, kept across restarts, written soon."""

from __future__ import annotations

import json

import pygame

from game.persistent import Persistent, persistent_path
from game.settings import Settings, load_settings, save_settings, settings_path
from game.ui.screens.settings import SettingsScreen


def test_settings_changed_in_the_screen_survive_a_restart(make_app):
    app, d = make_app()
    d.click_text("Settings")
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    row = [r.name for r in screen.rows].index("text_scale")
    for _ in range(row + 1):
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RIGHT)
    assert app.settings.text_scale == 1.25
    motion = [r.name for r in screen.rows].index("reduced_motion")
    on = screen.segment_rects(motion)[1]
    d.click(on.center)
    assert app.settings.reduced_motion is True
    app.shutdown()
    app2, _ = make_app()
    assert app2.settings.text_scale == 1.25 and app2.settings.reduced_motion is True


def test_text_size_applies_at_once_to_the_dialogue(make_app):
    app, d = make_app()
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_SPACE)
    small = play.dialogue.layout.size
    app.set_setting("text_scale", 1.5)
    assert app.play_screen().dialogue.layout.size > small


def test_a_damaged_settings_file_costs_only_the_wrong_values(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(text_speed=70, music_volume=0.2), path)
    data = json.loads(path.read_text())
    data["settings"]["music_volume"] = 7
    data["settings"]["language"] = ["ko"]
    path.write_text(json.dumps(data))
    settings, notes = load_settings(path)
    assert settings.text_speed == 70 and settings.music_volume == Settings().music_volume
    assert len(notes) == 2 and all(n.startswith("settings.json: '") for n in notes)
    path.write_text("{ broken")
    settings, notes = load_settings(path)
    assert settings == Settings() and "damaged" in notes[0]


def test_read_lines_are_written_within_the_debounce_and_endings_at_once():
    now = [0.0]
    record = Persistent(clock=lambda: now[0])
    record.mark_read("a:0")
    record.tick()  # the first write goes out at once
    assert "a:0" in json.loads(persistent_path().read_text())["read"]
    now[0] = 0.5
    record.mark_read("a:1")
    record.tick()
    assert "a:1" not in json.loads(persistent_path().read_text())["read"]
    now[0] = 2.1
    record.tick()
    assert "a:1" in json.loads(persistent_path().read_text())["read"]
    now[0] = 2.2
    assert record.reach_ending("together") is True
    assert "together" in json.loads(persistent_path().read_text())["endings"]
    assert Persistent().was_read("a:1") and "together" in Persistent().endings


def test_a_damaged_record_is_kept_aside_and_play_goes_on():
    persistent_path().write_text("not json at all")
    record = Persistent()
    assert record.note and not record.endings
    assert persistent_path().with_name("persistent.json.damaged").exists()


def test_settings_file_is_in_the_data_folder(make_app):
    app, d = make_app()
    app.set_setting("auto_delay", 3.0)
    assert settings_path().exists() and load_settings()[0].auto_delay == 3.0


def test_volume_slider_moves_with_arrows_and_clicks(make_app):
    app, d = make_app()
    d.click_text("Settings")
    screen = app.top
    row = [r.name for r in screen.rows].index("music_volume")
    track = screen._slider_track(row)
    d.post(pygame.MOUSEBUTTONDOWN, pos=d.window_pos((track.x, track.centery)), button=1, touch=False)
    d.post(pygame.MOUSEBUTTONUP, pos=d.window_pos((track.x, track.centery)), button=1, touch=False)
    d.step()
    assert app.settings.music_volume == 0.0
    assert app.audio.music_volume == 0.0


def test_the_settings_show_the_language_in_use_with_lang(make_app):
    from game.ui.screens.settings import SettingsScreen

    app, d = make_app(lang="ko")
    assert app.settings.language != "ko"  # the saved setting is still English
    screen = app.push(SettingsScreen(app))
    d.step()
    row = next(r for r in screen.rows if r.name == "language")
    assert row.options[screen._current(row)][0] == "ko"
