"""Turns keys, mouse wheels and gamepads into a few navigation actions every screen shares.

Screens react to actions ("up", "confirm", "back", ...) and, where they need them, to raw
keys. Gamepads come through SDL's game-controller API (a known layout: A confirms, B goes
back) and, for unknown devices, through the plain joystick API; a stick acts like the d-pad.
"""

from __future__ import annotations

import logging

import pygame
from pygame._sdl2 import controller as _controller

log = logging.getLogger("her.ui")

UP, DOWN, LEFT, RIGHT = "up", "down", "left", "right"
CONFIRM, BACK, MENU = "confirm", "back", "menu"
PAGE_UP, PAGE_DOWN, HOME, END = "page_up", "page_down", "home", "end"
PREV_TAB, NEXT_TAB = "prev_tab", "next_tab"  # shoulder buttons: pages, rollback
ALT = "alt"  # gamepad X / Y: screen-specific extras (Y: history, X: auto)
ALT2 = "alt2"

KEYS = {
    pygame.K_UP: UP, pygame.K_DOWN: DOWN, pygame.K_LEFT: LEFT, pygame.K_RIGHT: RIGHT,
    pygame.K_RETURN: CONFIRM, pygame.K_KP_ENTER: CONFIRM, pygame.K_SPACE: CONFIRM,
    pygame.K_ESCAPE: BACK, pygame.K_PAGEUP: PAGE_UP, pygame.K_PAGEDOWN: PAGE_DOWN,
    pygame.K_HOME: HOME, pygame.K_END: END,
}

PAD_BUTTONS = {
    pygame.CONTROLLER_BUTTON_A: CONFIRM, pygame.CONTROLLER_BUTTON_B: BACK,
    pygame.CONTROLLER_BUTTON_X: ALT2, pygame.CONTROLLER_BUTTON_Y: ALT,
    pygame.CONTROLLER_BUTTON_START: MENU, pygame.CONTROLLER_BUTTON_BACK: MENU,
    pygame.CONTROLLER_BUTTON_DPAD_UP: UP, pygame.CONTROLLER_BUTTON_DPAD_DOWN: DOWN,
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: LEFT, pygame.CONTROLLER_BUTTON_DPAD_RIGHT: RIGHT,
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: PREV_TAB, pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: NEXT_TAB,
}
JOY_BUTTONS = {0: CONFIRM, 1: BACK, 2: ALT2, 3: ALT, 4: PREV_TAB, 5: NEXT_TAB, 6: MENU, 7: MENU}
STICK = 0.55  # how far a stick must lean (of its range) to count as a press


class Pads:
    """Open gamepads as they come and go; turn their events into actions."""

    def __init__(self) -> None:
        self.controllers: dict[int, object] = {}  # instance id -> Controller
        self.joysticks: dict[int, object] = {}
        self._lean: dict[tuple[int, int], int] = {}  # (device, axis) -> -1, 0, 1
        try:
            pygame.joystick.init()
            _controller.init()
        except pygame.error as exc:
            log.info("no gamepad support: %s", exc)

    def added(self, device_index: int) -> None:
        try:
            if _controller.is_controller(device_index):
                pad = _controller.Controller(device_index)
                self.controllers[pad.as_joystick().get_instance_id()] = pad
            else:
                joy = pygame.joystick.Joystick(device_index)
                self.joysticks[joy.get_instance_id()] = joy
        except (pygame.error, AttributeError) as exc:
            log.info("could not open gamepad %s: %s", device_index, exc)

    def removed(self, instance_id: int) -> None:
        self.controllers.pop(instance_id, None)
        self.joysticks.pop(instance_id, None)

    def action(self, event: pygame.event.Event) -> str | None:
        t = event.type
        if t == pygame.CONTROLLERBUTTONDOWN:
            return PAD_BUTTONS.get(event.button)
        if t == pygame.CONTROLLERAXISMOTION:
            if event.axis in (pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY):
                return self._stick(event.instance_id, event.axis, event.value / 32767,
                                   vertical=event.axis == pygame.CONTROLLER_AXIS_LEFTY)
            return None
        controller_ids = self.controllers
        if t == pygame.JOYBUTTONDOWN and event.instance_id not in controller_ids:
            return JOY_BUTTONS.get(event.button)
        if t == pygame.JOYHATMOTION and event.instance_id not in controller_ids:
            x, y = event.value
            return {(0, 1): UP, (0, -1): DOWN, (-1, 0): LEFT, (1, 0): RIGHT}.get((x, y))
        if t == pygame.JOYAXISMOTION and event.instance_id not in controller_ids and event.axis in (0, 1):
            return self._stick(event.instance_id, event.axis + 100, event.value, vertical=event.axis == 1)
        return None

    def _stick(self, device: int, axis: int, value: float, vertical: bool) -> str | None:
        """A press when the stick leans past STICK; nothing until it comes back (hysteresis)."""
        key = (device, axis)
        lean = 1 if value > STICK else -1 if value < -STICK else 0
        if abs(value) < STICK * 0.6:
            lean = 0
        elif lean == 0:
            return None  # in the dead band between: keep the previous lean
        before = self._lean.get(key, 0)
        self._lean[key] = lean
        if lean == 0 or lean == before:
            return None
        if vertical:
            return DOWN if lean > 0 else UP
        return RIGHT if lean > 0 else LEFT


def key_action(event: pygame.event.Event) -> str | None:
    """The navigation action of a key press (None for keys that are not navigation)."""
    if event.type != pygame.KEYDOWN:
        return None
    if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and event.mod & pygame.KMOD_ALT:
        return None  # Alt+Enter is fullscreen
    return KEYS.get(event.key)
