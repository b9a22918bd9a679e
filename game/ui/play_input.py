"""What the player's keys, clicks, wheel and pad do on the play screen, and its quick menu.

One place maps input to the play screen's moves (proceed, choose, roll back and forward,
skip, auto, hide) and to the screens it opens (pause, history, save, load, settings).
With self-voicing on, the arrows also reach the quick menu (there is no mouse to point with).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import input as inp
from game.ui import playbar

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}
CTRL = (pygame.K_LCTRL, pygame.K_RCTRL)


def handle(play: PlayScreen, event: pygame.event.Event, action: str | None) -> None:
    t = event.type
    if play.hidden:
        if t in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP) or action is not None:
            play.hidden = False
            play.invalidate()
        return
    if t == pygame.MOUSEMOTION:
        if play.quick.event(event) | (bool(play.options) and play.choices.event(event)):
            play.invalidate()
        return
    if t == pygame.KEYUP and event.key in CTRL:
        play.pacing.held = False
        play.invalidate()
        return
    if t == pygame.KEYDOWN and _key(play, event.key):
        return
    if t == pygame.MOUSEWHEEL:
        if event.y > 0:
            play.rollback()
        elif event.y < 0:
            play.rollforward()
        return
    if t == pygame.MOUSEBUTTONUP:
        _click(play, event)
        return
    if action is not None:
        _action(play, action)


def _key(play: PlayScreen, key: int) -> bool:
    if key in CTRL:
        play.pacing.held = True
        play.invalidate()
    elif key == pygame.K_TAB:
        play.toggle_skip()
    elif key == pygame.K_a:
        play.toggle_auto()
    elif key == pygame.K_h:
        hide(play)
    elif key == pygame.K_l:
        open_history(play)
    elif key == pygame.K_F5:
        play.save_to("quick")
    elif key == pygame.K_F9:
        play.quick_load()
    elif key == pygame.K_BACKSPACE:
        play.rollback()
    elif key in NUMBER_KEYS:
        play.pick_shown(NUMBER_KEYS[key])
    else:
        return False
    return True


def _voiced_action(play: PlayScreen, action: str) -> bool:
    """With self-voicing on, left/right walk the quick menu under the box and Enter presses it."""
    if not play.app.voicing.on or play.options or play.pacing.card is not None:
        return False
    quick = play.quick
    if action in (inp.LEFT, inp.RIGHT):
        quick.action(action)
    elif action in (inp.UP, inp.DOWN) and quick.keyboard:
        quick.focus, quick.keyboard = None, False  # back to the story
    elif action == inp.CONFIRM and quick.keyboard and quick.focused() is not None:
        quick.action(action)
    else:
        return False
    play.invalidate()
    return True


def _action(play: PlayScreen, action: str) -> None:
    if _voiced_action(play, action):
        return
    choosing = bool(play.options) and play.pacing.card is None
    if action == inp.CONFIRM:
        if not choosing:
            play.proceed()
        elif play.choices.focused() is not None:
            play.choices.action(action)
    elif action in (inp.UP, inp.DOWN, inp.LEFT, inp.RIGHT) and choosing:
        if play.choices.action({inp.LEFT: inp.UP, inp.RIGHT: inp.DOWN}.get(action, action)):
            play.invalidate()
    elif action in (inp.BACK, inp.MENU):
        open_pause(play)
    elif action in (inp.PAGE_UP, inp.PREV_TAB):
        play.rollback()
    elif action in (inp.PAGE_DOWN, inp.NEXT_TAB):
        play.rollforward()
    elif action == inp.ALT:
        open_history(play)
    elif action == inp.ALT2:
        play.toggle_auto()


def _click(play: PlayScreen, event: pygame.event.Event) -> None:
    if event.button == 3:
        open_pause(play)
        return
    if event.button == 2:
        hide(play)
        return
    if event.button != 1:
        return
    if play.quick.event(event):
        play.invalidate()
        return
    if play.options and play.pacing.card is None:
        if play.choices.event(event):
            play.invalidate()
        return
    play.proceed()


def hide(play: PlayScreen) -> None:
    play.hidden = True
    play.invalidate()


# --- the quick menu and the screens the play screen opens ---------------------------------------
def build_quick(play: PlayScreen) -> None:
    catalog = play.app.catalog
    items = [
        (catalog.ui("Back"), play.rollback),
        (catalog.ui("History"), lambda: open_history(play)),
        (catalog.ui("Skip"), play.toggle_skip),
        (catalog.ui("Auto"), play.toggle_auto),
        (catalog.ui("Save"), lambda: open_saves(play, "save")),
        (catalog.ui("Load"), lambda: open_saves(play, "load")),
        (catalog.ui("Q.Save"), lambda: play.save_to("quick")),
        (catalog.ui("Q.Load"), play.quick_load),
        (catalog.ui("Settings"), lambda: open_settings(play)),
    ]
    buttons, play.quick_font = playbar.quick_buttons(items)
    play.quick.set_buttons(buttons)


def open_pause(play: PlayScreen) -> None:
    from game.ui.screens.pause import PauseScreen

    play.pacing.stop()
    play.app.audio.sound("back")
    play.app.push(PauseScreen(play.app))


def open_history(play: PlayScreen) -> None:
    from game.ui.screens.history import HistoryScreen

    play.pacing.stop()
    play.app.push(HistoryScreen(play.app, play.session))


def open_saves(play: PlayScreen, mode: str) -> None:
    from game.ui.screens.saveload import SaveLoadScreen

    play.pacing.stop()
    play.app.push(SaveLoadScreen(play.app, mode))


def open_settings(play: PlayScreen) -> None:
    from game.ui.screens.settings import SettingsScreen

    play.pacing.stop()
    play.app.push(SettingsScreen(play.app))
