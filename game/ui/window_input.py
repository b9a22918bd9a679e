"""The window's raw input before the top screen sees it: closing, repaints, pads, global keys.

Mouse positions are turned from window pixels into the 1280x720 frame; F11 / Alt+Enter,
F1, Ctrl+R and V (self-voicing) work on every screen; a click on the reload-error panel closes it; then the
top screen gets the event with its navigation action (keys and pads mapped alike).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import input as inp
from game.ui import notices, preferences

if TYPE_CHECKING:
    from game.ui.app import App

# the window was uncovered, resized or lost its pictures: the next frame goes up whole
REPAINT = (pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWMAXIMIZED,
           pygame.RENDER_TARGETS_RESET, pygame.RENDER_DEVICE_RESET)


def dispatch(app: App, event: pygame.event.Event) -> None:
    """One event from pygame, as the window handles it."""
    t = event.type
    if t in (pygame.QUIT, pygame.WINDOWCLOSE):
        app.quit()
        return
    if t in REPAINT:
        app._presented = None  # the next frame goes up whole
        app.invalidate()
        return
    if t in (pygame.JOYDEVICEADDED, pygame.CONTROLLERDEVICEADDED):
        app.pads.added(event.device_index)
        return
    if t in (pygame.JOYDEVICEREMOVED, pygame.CONTROLLERDEVICEREMOVED):
        app.pads.removed(event.instance_id)
        return
    if t in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        if t != pygame.MOUSEMOTION and event.button in (4, 5, 6, 7):
            return  # wheel clicks: handled as MOUSEWHEEL
        attrs = dict(event.dict)
        attrs["pos"] = app.display.to_logical(event.pos)
        event = pygame.event.Event(t, attrs)
        app.mouse = attrs["pos"]
    if t == pygame.KEYDOWN and _global_key(app, event):
        return
    if t == pygame.MOUSEBUTTONUP and app.reload_errors and notices.error_panel_rect(app.reload_errors).collidepoint(event.pos):
        app.reload_errors = []
        app.invalidate()
        return
    action = inp.key_action(event) or app.pads.action(event)
    if app.screens:
        app.top.handle(event, action)


def _global_key(app: App, event: pygame.event.Event) -> bool:
    key, mod = event.key, event.mod
    if key == pygame.K_F11 or (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and mod & pygame.KMOD_ALT):
        preferences.set_setting(app, "fullscreen", not app.display.fullscreen)
        return True
    if key == pygame.K_F1:
        from game.ui.screens.help import HelpScreen

        if isinstance(app.top, HelpScreen):
            app.pop()
        else:
            app.push(HelpScreen(app))
        return True
    if key == pygame.K_r and mod & pygame.KMOD_CTRL:
        app.reload_story()
        return True
    if key == pygame.K_v and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
        app.voicing.toggle()
        return True
    return False
