"""Playing in the window: advancing, choices by key, mouse and gamepad, rollback, skip, auto."""

from __future__ import annotations

import pygame

from game.engine.runtime import ChoiceEvent, LineEvent
from game.ui.screens.play import PlayScreen


def to_choice(app, d, limit: int = 30):
    play = app.play_screen()
    for _ in range(limit):
        if isinstance(play.step.event, ChoiceEvent):
            return play
        d.key(pygame.K_SPACE)
    raise AssertionError("no choice reached")


def test_new_game_from_the_title_by_keyboard(make_app):
    app, d = make_app()
    d.key(pygame.K_DOWN)  # focus "New game"
    d.key(pygame.K_RETURN)
    assert isinstance(app.top, PlayScreen)
    event = app.top.step.event
    assert isinstance(event, LineEvent) and event.text == "The office hums."


def test_space_completes_the_line_then_advances(make_app):
    app, d = make_app()
    app.start_game()
    d.step()
    play = app.play_screen()
    d.key(pygame.K_SPACE)  # the chapter card goes
    assert play.typing
    d.key(pygame.K_SPACE)  # the whole line at once
    assert not play.typing and play.reveal == play.dialogue.chars()
    first = play.step.event
    d.key(pygame.K_SPACE)  # the next line
    assert play.step.event != first and play.step.event.text == "Dear Chris,"


def test_typewriter_reveals_at_the_set_speed(make_app):
    app, d = make_app()
    app.settings.text_speed = 10
    app.start_game()
    d.step()
    play = app.play_screen()
    d.key(pygame.K_SPACE)  # card
    d.wait(0.5)
    assert 3 <= play.reveal <= 7  # ten characters a second, half a second
    d.wait(2.0)
    assert not play.typing


def test_pressing_2_picks_the_second_choice(make_app):
    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    shown = [index for index, _ in play.options]
    assert shown == [0, 1]  # "Hidden." is not open
    d.key(pygame.K_2)
    history = play.session.runtime.state.history_list()
    choices = [e for e in history if e.kind == "choice"]
    assert [(c.node, c.key) for c in choices] == [("office", app.game.story.nodes["office"].choices[1].key)]  # by identity
    assert play.session.runtime.state.vars["open"] is False
    assert play.session.runtime.state.node == "evening"


def test_mouse_hover_and_click_pick_a_choice(make_app):
    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    first = play.choices.buttons[0].rect
    d.move(first.center)
    assert play.choices.focus == 0
    d.click(first.center)
    assert play.session.runtime.state.vars["open"] is True


def test_arrows_and_enter_and_gamepad_pick_choices(make_app):
    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)
    assert play.choices.focus == 1
    d.key(pygame.K_UP)
    assert play.choices.focus == 0
    d.wheel(1)  # roll back to the line before: a different way to choose again
    d.wheel(-1)
    assert isinstance(play.step.event, ChoiceEvent)
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    d.pad(pygame.CONTROLLER_BUTTON_DPAD_DOWN)
    d.pad(pygame.CONTROLLER_BUTTON_A)
    assert [e.key for e in play.session.runtime.state.history_list() if e.kind == "choice"] == [app.game.story.nodes["office"].choices[1].key]


def test_gamepad_stick_moves_like_the_dpad(make_app):
    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    d.post(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=30000, instance_id=0)
    d.step()
    d.post(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=29000, instance_id=0)  # still held
    d.step()
    assert play.choices.focus == 0
    d.post(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=0, instance_id=0)
    d.post(pygame.CONTROLLERAXISMOTION, axis=pygame.CONTROLLER_AXIS_LEFTY, value=30000, instance_id=0)
    d.step()
    assert play.choices.focus == 1


def test_rollback_over_a_choice_restores_variables_and_lets_you_choose_again(make_app):
    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    before = dict(play.session.runtime.state.vars)
    d.key(pygame.K_1)  # Tell her: open = true, closeness += 5 (clamped to 3)
    assert play.step.event.text == "Thank you for telling me."
    assert play.session.runtime.state.vars == {"closeness": 3, "open": True}
    d.wheel(1)
    assert isinstance(play.step.event, ChoiceEvent)
    assert play.session.runtime.state.vars == before
    d.key(pygame.K_PAGEDOWN)  # roll forward replays the same choice
    assert play.step.event.text == "Thank you for telling me."
    d.key(pygame.K_PAGEUP)
    d.key(pygame.K_2)  # a different choice this time
    assert play.session.runtime.state.vars["open"] is False
    assert play.session.runtime.state.node == "evening"


def test_rollback_steps_through_lines(make_app):
    app, d = make_app()
    app.start_game()
    play = app.play_screen()
    texts = []
    for _ in range(3):
        d.key(pygame.K_SPACE)
        d.key(pygame.K_SPACE)
        texts.append(play.step.event.text)
    d.key(pygame.K_BACKSPACE)
    assert play.step.event.text == texts[-2]
    assert not play.typing  # a rolled-back line is shown whole


def test_skip_stops_at_unread_text_and_at_choices(make_app):
    app, d = make_app()
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_SPACE)  # the chapter card
    d.key(pygame.K_SPACE)  # complete line 1
    d.key(pygame.K_SPACE)  # line 2 ("Dear Chris,") is now read
    assert play.step.event.text == "Dear Chris,"
    app.go_to_title()
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_TAB)
    d.wait(1.0)
    # line 3 ("Hello.") was never shown: skipping stops there
    assert play.step.event.text == "Hello." and not play.skip
    for _ in range(3):
        d.key(pygame.K_SPACE)
    assert isinstance(play.step.event, ChoiceEvent)
    app.go_to_title()
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_TAB)
    d.wait(1.0)
    assert isinstance(play.step.event, ChoiceEvent) and not play.skip  # all read now: skips to the choice


def test_ctrl_skips_only_while_held_and_skip_all_setting(make_app):
    app, d = make_app()
    app.settings.skip_read_only = False
    app.start_game()
    play = app.play_screen()
    d.keydown(pygame.K_LCTRL)
    d.wait(0.08)
    d.keyup(pygame.K_LCTRL)
    reached = play.step.event
    d.wait(1.0)
    assert play.step.event == reached  # stopped when Ctrl was let go
    assert isinstance(reached, LineEvent) and reached.text != "The office hums."
    d.keydown(pygame.K_LCTRL)
    d.wait(1.0)
    assert isinstance(play.step.event, ChoiceEvent)  # unread text is skipped too with "All text"


def test_auto_advance_waits_for_the_delay(make_app):
    app, d = make_app()
    app.settings.auto_delay = 1.0
    app.settings.text_speed = 0  # instant
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_SPACE)  # the card
    d.key(pygame.K_a)
    assert play.auto
    first = play.step.event
    d.wait(0.5)
    assert play.step.event == first
    d.wait(1.5)
    assert play.step.event != first


def test_history_shows_lines_and_choices(make_app):
    from game.ui.screens.history import HistoryScreen

    app, d = make_app()
    app.start_game()
    play = to_choice(app, d)
    d.key(pygame.K_1)
    d.key(pygame.K_l)
    assert isinstance(app.top, HistoryScreen)
    rows = app.top.rows
    assert [r.lines[0] for r in rows] == ["The office hums.", "Dear Chris,", "Hello.", "Tell her.", "Thank you for telling me."]
    assert [r.choice for r in rows].count(True) == 1
    offset = app.top.offset
    d.wheel(1)
    assert app.top.offset <= offset
    d.key(pygame.K_ESCAPE)
    assert app.top is play


def test_hide_interface_and_back(make_app):
    app, d = make_app()
    app.start_game()
    play = app.play_screen()
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    shown = play.step.event
    d.key(pygame.K_h)
    assert play.hidden
    d.key(pygame.K_SPACE)  # the first key only brings the text back
    assert not play.hidden and play.step.event == shown


def test_pause_menu_opens_with_escape_and_right_click(make_app):
    from game.ui.screens.pause import PauseScreen

    app, d = make_app()
    app.start_game()
    d.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScreen)
    d.key(pygame.K_ESCAPE)
    assert isinstance(app.top, PlayScreen)
    d.click((640, 300), button=3)
    assert isinstance(app.top, PauseScreen)
    d.click_text("Resume")
    assert isinstance(app.top, PlayScreen)
