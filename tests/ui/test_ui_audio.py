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


def _music_or_skip(*tracks: str):
    from game.paths import assets_dir

    folder = assets_dir() / "music"
    if not all((folder / f"{t}.ogg").is_file() for t in tracks):
        import pytest

        pytest.skip("no music files in this checkout")
    return folder


def test_the_mixer_opens_at_the_rate_the_music_is_made_at():
    """pygame.init() would open the mixer at SDL's default (44.1 kHz) and double every decoded track."""
    from game.ui.audio import MIXER, prepare_mixer

    pygame.mixer.quit()
    prepare_mixer()
    pygame.init()
    assert pygame.mixer.get_init() == (MIXER["frequency"], MIXER["size"], MIXER["channels"])


def test_every_track_is_stored_at_the_mixer_rate_and_decodes_whole():
    """No conversion at load (SDL converted one 44.1 kHz track to nothing at 22,050 Hz), and half
    the memory: ~4 MB a track, two at once in a cross-fade."""
    from game.ui.audio import MIXER

    folder = _music_or_skip("letters")
    Audio()  # opens the mixer as the game does
    for path in sorted(folder.glob("*.ogg")):
        sound = pygame.mixer.Sound(str(path))
        frames = len(sound.get_raw()) // 4  # 16-bit stereo
        assert 30 < sound.get_length() < 60, path.name
        assert abs(frames / MIXER["frequency"] - sound.get_length()) < 0.01, path.name
        assert len(sound.get_raw()) < 4.5e6, path.name


def test_a_cross_fade_plays_both_tracks_at_once():
    _music_or_skip("letters", "warm")
    audio = Audio(music_volume=1.0)
    now = 0.0

    def run(seconds: float) -> None:
        nonlocal now
        deadline = time.monotonic() + 10
        while audio._pending and time.monotonic() < deadline:
            time.sleep(0.02)
            audio.update(now)
        for _ in range(int(seconds * 10)):
            now += 0.1
            audio.update(now)

    audio.play_music("letters")
    run(2.0)
    audio.play_music("warm")
    run(0.8)  # about half of the 1.6 s fade
    levels = {track: level for _, track, level, _ in audio._playing}
    assert set(levels) == {"letters", "warm"} and all(0.0 < v < 1.0 for v in levels.values())
    assert all(channel.get_busy() for channel, *_ in audio._playing)
    audio.stop()


def test_a_file_that_decodes_to_nothing_is_silence_not_a_crash(tmp_path, monkeypatch, caplog):
    class Empty:
        def get_length(self):
            return 0.0

    (tmp_path / "music").mkdir()
    (tmp_path / "music" / "void.ogg").write_bytes(b"OggS")
    audio = Audio(folder=tmp_path)
    monkeypatch.setattr(pygame.mixer, "Sound", lambda *a, **k: Empty())
    with caplog.at_level(logging.WARNING, logger="her.audio"):
        assert audio._load(tmp_path / "music" / "void.ogg", "music:void") is None
    assert any("decodes to no sound" in r.getMessage() for r in caplog.records)
