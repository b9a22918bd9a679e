"""Sound never stops the game: missing files and missing devices mean silence, said once."""

from __future__ import annotations

import logging
import time

import pygame

from game.ui.audio import Audio


def test_missing_files_are_logged_once_and_silent(tmp_path, caplog):
    audio = Audio(folder=tmp_path)
    with caplog.at_level(logging.WARNING, logger="her.audio"):
        for _ in range(3):
            audio.sound("confirm")
        audio.play_music("nowhere")
        deadline = time.monotonic() + 5
        while audio.fading() and time.monotonic() < deadline:
            audio.update(time.monotonic())
            time.sleep(0.01)
    assert [r.getMessage() for r in caplog.records].count("confirm.ogg is missing; staying silent there") == 1
    assert any("nowhere.ogg" in r.getMessage() for r in caplog.records)
    assert not audio.fading()


def test_no_audio_device_is_silence(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: False)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    audio = Audio()
    assert not audio.ok
    audio.sound("select")
    audio.play_music("letters")
    audio.update(1.0)
    audio.set_volumes(0.1, 0.1)
    assert not audio.fading()


def test_music_crossfades_to_the_next_track_and_stops_on_none():
    from game.paths import assets_dir

    if not (assets_dir() / "music" / "letters.ogg").is_file():  # the music is made by another tool
        import pytest

        pytest.skip("no music files in this checkout")
    audio = Audio(music_volume=1.0)
    audio.play_music("letters")
    deadline = time.monotonic() + 10
    now = 0.0
    while audio._pending and time.monotonic() < deadline:  # decoded on a thread, in real time
        time.sleep(0.02)
        audio.update(now)
    for _ in range(40):
        now += 0.1
        audio.update(now)
    assert [e[1] for e in audio._playing] == ["letters"] and audio._playing[0][2] == 1.0
    audio.play_music(None)
    for _ in range(40):
        now += 0.1
        audio.update(now)
    assert audio._playing == []
    audio.stop()
