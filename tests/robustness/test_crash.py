"""An unexpected error in the make_app: logged to the data folder, autosaved first, shown calmly.

Exceptions are injected into a screen's draw or update (the places a bug in a screen would
surface inside the real loop); then the log file, the autosave and the message on screen are
checked. The message is checked by what is drawn: every string the next frame renders.
"""

from __future__ import annotations

import platform
from pathlib import Path

import pygame
import pytest

from game import __version__, saves
from game.paths import user_data_dir
from game.ui import fonts
from game.ui.screens.errors import MessageScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen

BASIC = Path(__file__).resolve().parents[1] / "stories" / "basic"
LOG = "her-errors.log"


def drawn(app, d, monkeypatch) -> list[tuple[str, int]]:
    """Every string rendered while the next frame is drawn, with its font's height."""
    seen: list[tuple[str, int]] = []
    real = fonts.render

    def spy(f, text, color):
        seen.append((text, f.get_height()))
        return real(f, text, color)

    with monkeypatch.context() as m:
        m.setattr(fonts, "render", spy)
        app.invalidate()
        d.step()
    return seen


def drawn_text(app, d, monkeypatch) -> list[str]:
    return [text for text, _ in drawn(app, d, monkeypatch)]


def _to_second_line(app, d):
    app.start_game()
    d.key(pygame.K_SPACE)  # the chapter card
    d.key(pygame.K_SPACE)  # the first line, whole
    d.key(pygame.K_SPACE)  # the second line
    play = app.play_screen()
    assert play is not None and play.step.event.text == "Dear Chris,"
    return play


def _explode(message):
    def broken(self, *args):
        raise RuntimeError(message)

    return broken


def test_the_title_shows_the_version_small_in_the_corner(make_app, monkeypatch):
    app, d = make_app()
    heights = dict(drawn(app, d, monkeypatch))
    assert f"v{__version__}" in heights
    assert heights[f"v{__version__}"] == min(heights.values())  # the smallest text on the screen


@pytest.mark.parametrize("method", ["draw", "update"])
def test_an_error_in_the_play_screen_is_logged_autosaved_and_shown_calmly(make_app, monkeypatch, method):
    app, d = make_app()
    play = _to_second_line(app, d)
    kept = play.session.save_state().to_json()
    saves.delete_save("auto")  # the chapter-start autosave is not what this test is about
    log = user_data_dir() / LOG
    assert not log.exists()

    with monkeypatch.context() as m:  # a context: undoing the fixture would drop the private data folder too
        m.setattr(PlayScreen, method, _explode(f"a bug in PlayScreen.{method}"))
        d.wait(0.1)  # the real loop: update, then draw

    assert app.crashes == 1 and app.running
    assert isinstance(app.top, MessageScreen) and len(app.screens) == 1
    # the log: the whole traceback, in the data folder
    text = log.read_text(encoding="utf-8")
    assert f"RuntimeError: a bug in PlayScreen.{method}" in text and "Traceback" in text and "broken" in text
    assert f"her {__version__}, Python {platform.python_version()}, pygame-ce {pygame.version.ver}" in text.splitlines()[0]
    # the autosave: the line that was on screen
    info = saves.read_save("auto")
    assert info.damaged is None and info.data["state"] == kept
    assert info.line == "Theodore: Dear Chris,"
    # the calm message, as drawn
    shown = drawn_text(app, d, monkeypatch)
    assert "Something went wrong" in shown
    assert "Your place was saved in the autosave." in shown
    assert any(str(log) in line or LOG in line for line in shown)
    assert not any("Traceback" in line or "RuntimeError" in line for line in shown)
    assert app.crashes == 1  # the message itself draws
    # and the player can go on: back to the title, continue from the autosave
    d.click_text("Title screen")
    assert isinstance(app.top, TitleScreen)
    d.click_text("Continue")
    assert isinstance(app.top, PlayScreen) and app.top.step.event.text == "Dear Chris,"


def test_an_error_in_a_menu_over_the_story_still_autosaves_the_story(make_app, monkeypatch):
    app, d = make_app()
    play = _to_second_line(app, d)
    kept = play.session.save_state().to_json()
    saves.delete_save("auto")
    d.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScreen)
    with monkeypatch.context() as m:
        m.setattr(PauseScreen, "draw", _explode("a bug in the pause menu"))
        d.key(pygame.K_DOWN)
    assert isinstance(app.top, MessageScreen) and app.top.saved
    assert saves.read_save("auto").data["state"] == kept
    assert "a bug in the pause menu" in (user_data_dir() / LOG).read_text(encoding="utf-8")


def test_an_error_outside_the_story_says_the_saves_are_safe(make_app, monkeypatch):
    app, d = make_app()
    with monkeypatch.context() as m:
        m.setattr(TitleScreen, "draw", _explode("a bug on the title screen"))
        app.invalidate()
        d.step()
    assert isinstance(app.top, MessageScreen) and not app.top.saved
    assert not saves.slot_path("auto").exists()
    shown = drawn_text(app, d, monkeypatch)
    assert "Something went wrong" in shown and "Your last autosave and your saves are safe." in shown


def test_errors_that_keep_coming_stop_the_game_with_a_one_line_message(make_app, monkeypatch, capsys):
    app, d = make_app()
    monkeypatch.setattr(TitleScreen, "draw", _explode("first"))
    monkeypatch.setattr(MessageScreen, "draw", _explode("the message too"))
    for _ in range(6):
        if not app.running:
            break
        app.invalidate()
        d.step()
    assert not app.running and app.exit_code == 1
    err = capsys.readouterr().err
    assert "the game stopped after repeated errors" in err and LOG in err
    assert "Traceback" not in err
    assert (user_data_dir() / LOG).read_text(encoding="utf-8").count("\nRuntimeError: ") == 4  # each one logged
