"""Saving and loading in the window: quick save/load, slots with thumbnails, damage, continue."""

from __future__ import annotations

import pygame

from game import saves
from game.engine.runtime import LineEvent
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen


def advance(d, n: int) -> None:
    for _ in range(n):
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)


def test_quick_save_advance_quick_load_returns_to_the_same_line_and_variables(make_app):
    app, d = make_app()
    app.start_game()
    d.key(pygame.K_SPACE)  # the chapter card
    advance(d, 1)
    play = app.play_screen()
    saved_line, saved_vars = play.step.event, dict(play.session.runtime.state.vars)
    assert saved_line.text == "Dear Chris,"
    d.key(pygame.K_F5)
    assert saves.slot_path("quick").exists() and saves.slot_path("quick").with_suffix(".png").exists()
    advance(d, 3)  # past the closeness effect and into the choice
    assert app.play_screen().session.runtime.state.vars != saved_vars
    d.key(pygame.K_F9)
    play = app.play_screen()
    assert isinstance(play.step.event, LineEvent) and play.step.event.uid == saved_line.uid
    assert play.session.runtime.state.vars == saved_vars


def test_save_screen_writes_a_slot_with_thumbnail_and_asks_before_overwriting(make_app):
    app, d = make_app()
    app.start_game()
    advance(d, 2)
    d.key(pygame.K_ESCAPE)
    d.click_text("Save")
    screen = app.top
    assert isinstance(screen, SaveLoadScreen) and screen.slots()[:3] == ["1", "2", "3"]
    d.click(screen.cell(0).center)
    info = saves.read_save("1")
    assert info.damaged is None and info.chapter == "one" and info.line
    thumb = pygame.image.load(str(info.thumbnail))
    assert thumb.get_size() == (384, 216)
    d.click(screen.cell(0).center)  # again: a question first
    assert isinstance(app.top, ConfirmScreen)
    d.key(pygame.K_ESCAPE)
    assert app.top is screen


def test_delete_asks_then_removes_slot_and_thumbnail(make_app):
    app, d = make_app()
    app.start_game()
    advance(d, 1)
    d.key(pygame.K_ESCAPE)
    d.click_text("Save")
    screen = app.top
    d.click(screen.cell(1).center)
    assert saves.slot_path("2").exists()
    d.move(screen.cell(1).center)
    d.key(pygame.K_DELETE)
    assert isinstance(app.top, ConfirmScreen)
    d.click_text("Delete")
    assert not saves.slot_path("2").exists() and not saves.slot_path("2").with_suffix(".png").exists()


def test_a_damaged_slot_shows_its_reason_and_the_others_still_load(make_app):
    app, d = make_app()
    app.start_game()
    d.key(pygame.K_SPACE)  # the chapter card
    advance(d, 1)
    d.key(pygame.K_F5)
    saves.slot_path("1").write_text("{ not json", encoding="utf-8")
    app.go_to_title()
    d.click_text("Load")
    screen = app.top
    assert isinstance(screen, SaveLoadScreen)
    assert screen.infos["1"].damaged and "damaged" in screen.infos["1"].damaged
    d.click(screen.cell(0).center)  # the damaged one: a message, no crash, still here
    assert app.top is screen and app.toasts
    d.key(pygame.K_PAGEUP)  # the "Auto & quick" page
    assert screen.slots() == ["auto", "quick"]
    d.click(screen.cell(1).center)
    assert isinstance(app.top, PlayScreen) and app.top.step.event.text == "Dear Chris,"


def test_autosave_at_chapter_start_and_on_quit_and_continue_resumes_the_exact_line(make_app):
    app, d = make_app()
    app.start_game()
    assert saves.slot_path("auto").exists()  # chapter one began
    advance(d, 2)
    line = app.play_screen().step.event
    d.post(pygame.QUIT)
    d.step()
    assert not app.running
    info = saves.read_save("auto")
    assert info.line.endswith(line.text)
    app2, d2 = make_app()
    d2.click_text("Continue")
    play = app2.top
    assert isinstance(play, PlayScreen) and play.step.event.uid == line.uid


def test_continue_is_disabled_without_saves(make_app):
    app, d = make_app()
    cont = [b for b in app.top.menu.buttons if b.text == "Continue"][0]
    assert not cont.enabled
    d.click(cont.rect.center)
    assert not isinstance(app.top, PlayScreen)
