"""Self-voicing in the real window (headless), heard through the fake speech backend.

What is spoken, in which order, in which language, and that a new utterance interrupts the
one before; V turns it on and off and the choice is kept; with no engine the game goes on.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest

from game.settings import load_settings
from game.speech import FakeSpeech, NoSpeech, Speech, engines

SHIPPED = Path(__file__).resolve().parents[2] / "story"


@pytest.fixture
def voiced(make_app):
    """make_app(...) with the fake backend in place; returns (app, driver, fake)."""

    def make(**options):
        app, driver = make_app(**options)
        fake = FakeSpeech()
        app.voicing.speech = fake
        return app, driver, fake

    return make


def said(fake: FakeSpeech) -> list[str]:
    return fake.spoken


def test_v_turns_it_on_reads_the_screen_and_the_setting_is_kept(voiced):
    app, d, fake = voiced()
    d.step(2)
    assert fake.log == []  # off by default: nothing is spoken
    d.key(pygame.K_v)
    assert app.settings.self_voicing and load_settings()[0].self_voicing
    assert said(fake) == ["Self-voicing on. Basic. F1: keys and help."]
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "New game"
    assert fake.log[-2] == ("interrupt", "Self-voicing on. Basic. F1: keys and help.")  # the newest wins
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "Load"  # Continue (no save yet) is passed over, as the focus is
    d.step(3)
    assert len(said(fake)) == 3  # nothing new on screen, nothing said again


def test_a_game_is_read_card_line_by_line_with_names_then_the_options(voiced):
    app, d, fake = voiced()
    d.key(pygame.K_v)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # New game
    assert said(fake)[-1] == "Chapter 1. Chapter One."
    d.key(pygame.K_RETURN)  # past the card
    assert said(fake)[-1] == "The office hums."  # the narrator has no name
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert said(fake)[-1] == "Theodore: Dear Chris,"
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert said(fake)[-1] == "Samantha: Hello."
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert said(fake)[-1] == "1: Tell her. 2: Say nothing."
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "1: Tell her."
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "2: Say nothing."
    order = said(fake)
    assert order.index("The office hums.") < order.index("Theodore: Dear Chris,") < order.index("Samantha: Hello.")


def test_arrows_reach_the_quick_menu_and_every_screen_speaks(voiced):
    app, d, fake = voiced()
    app.start_game()
    d.step(2)
    app.set_setting("self_voicing", True)
    d.key(pygame.K_RETURN)  # past the card
    d.key(pygame.K_RIGHT)
    assert said(fake)[-1] == "Back"
    d.key(pygame.K_RIGHT)
    assert said(fake)[-1] == "History"
    d.key(pygame.K_RETURN)  # presses History, not the story
    assert type(app.top).__name__ == "HistoryScreen"
    assert said(fake)[-1].startswith("History. 1 line so far.")
    d.key(pygame.K_UP)
    assert said(fake)[-1] == "The office hums."
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)  # the pause menu
    assert said(fake)[-1] == "Paused. Chapter One."
    for _ in range(7):  # Resume, Save, Load, History, Route map, Letters, Settings
        d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "Settings"
    d.key(pygame.K_RETURN)
    assert said(fake)[-1] == "Settings. General. Changes apply at once and are kept."
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "Text speed: 40 characters a second."
    d.key(pygame.K_RIGHT)
    assert said(fake)[-1] == "Text speed: 55 characters a second."
    d.key(pygame.K_PAGEDOWN)
    assert said(fake)[-1] == "Settings. Accessibility. Changes apply at once and are kept."
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "Self-voicing: On. Speaking with fake."
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RIGHT)
    assert said(fake)[-1] == "High contrast: On." and app.settings.high_contrast
    d.key(pygame.K_ESCAPE)  # back in the pause menu, on Settings
    for _ in range(5):
        d.key(pygame.K_UP)  # Letters, Route map, History, Load, Save
    d.key(pygame.K_RETURN)
    assert said(fake)[-1] == "Save. Page 1."
    d.key(pygame.K_RIGHT)
    assert said(fake)[-1] == "Slot 1. Empty slot."


def test_notices_and_help_rows_are_read(voiced):
    app, d, fake = voiced()
    app.start_game()
    d.step(2)
    app.set_setting("self_voicing", True)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_F5)
    assert said(fake)[-1] == "Quick saved"
    d.key(pygame.K_F1)
    assert said(fake)[-1] == "Keys and help. Press any of Esc, Enter or F1, or click, to close."
    d.key(pygame.K_DOWN)
    assert said(fake)[-1] == "Click, Space, Enter: Show the whole line; then the next line"
    d.key(pygame.K_UP)
    assert said(fake)[-1].startswith("Gamepad: X: ")  # wraps round to the last row


def test_turned_off_it_says_so_once_and_then_stays_quiet(voiced):
    app, d, fake = voiced()
    d.key(pygame.K_v)
    d.key(pygame.K_v)
    assert not app.settings.self_voicing and not load_settings()[0].self_voicing
    assert said(fake)[-1] == "Self-voicing off."
    before = len(fake.log)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)
    assert len(fake.log) == before


def test_without_an_engine_the_setting_says_so_in_one_line_and_play_goes_on(make_app):
    app, d = make_app()
    app.voicing.speech = NoSpeech("no speech engine found")
    d.key(pygame.K_v)
    assert app.settings.self_voicing
    messages = [m for m, _ in app.toasts]
    assert messages == ["Self-voicing: no speech engine was found."]
    status = app.voicing.status()
    assert "\n" not in status and "No speech engine" in status
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # New game still starts
    assert type(app.top).__name__ == "PlayScreen"


def test_korean_is_spoken_in_korean_with_the_catalog_texts(voiced):
    app, d, fake = voiced(story_dir=SHIPPED, lang="ko")
    d.key(pygame.K_v)
    d.key(pygame.K_DOWN)
    catalog = app.catalog
    assert fake.log[-1] == ("say", catalog.ui("New game"), "ko")
    assert catalog.ui("New game") != "New game" and any("\uac00" <= ch <= "\ud7a3" for ch in catalog.ui("New game"))
    assert said(fake)[0].startswith(catalog.ui("Self-voicing on."))
    assert all(entry[2] == "ko" for entry in fake.log if entry[0] == "say")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # past the chapter card: the first line, in Korean
    story = app.game.story
    first = story.nodes[story.start].lines[0]
    assert said(fake)[-1].endswith(catalog.text(story.start, first.text))


def test_speaking_never_holds_up_the_frame_loop(make_app):
    class Slow(engines.Engine):
        name = "slow"

        def speak(self, text, lang):
            time.sleep(0.5)

    app, d = make_app()
    speech = Speech("slow", Slow)
    app.voicing.speech = speech
    try:
        start = time.perf_counter()
        d.key(pygame.K_v)
        for _ in range(4):
            d.key(pygame.K_DOWN)
        assert time.perf_counter() - start < 1.0  # five utterances of half a second each, none waited for
    finally:
        speech.close()
