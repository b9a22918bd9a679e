"""Small drawing helpers and the few controls every screen shares.

Panels, shadows and labels are cached surfaces. `Menu` is a column (or row) of buttons
that mouse, keyboard and gamepad all drive the same way: hovering focuses, arrows move
the focus, confirm (click, Enter, Space, A) activates. Controls never touch story state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from game.ui import fonts
from game.ui import fontset as F
from game.ui import input as inp
from game.ui import theme as T


# --- cached pieces ----------------------------------------------------------------------
@lru_cache(maxsize=256)
def panel(size: tuple[int, int], color: tuple, radius: int = 18, border: tuple | None = None, width: int = 1) -> pygame.Surface:
    """A rounded, possibly translucent rectangle."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(surf, color, surf.get_rect(), border_radius=radius)
    if border is not None:
        pygame.draw.rect(surf, border, surf.get_rect(), width=width, border_radius=radius)
    return surf


@lru_cache(maxsize=64)
def shadow(size: tuple[int, int], radius: int = 18, blur: int = 14, alpha: int = 90) -> pygame.Surface:
    """A soft warm shadow for a panel of `size` (the surface is larger by 2*blur each way)."""
    w, h = size
    full = (w + 4 * blur, h + 4 * blur)
    k = 4  # blur a quarter-size copy and scale it up: the same softness at a fraction of the cost
    small = pygame.Surface((full[0] // k, full[1] // k), pygame.SRCALPHA)
    pygame.draw.rect(small, (40, 12, 14, alpha), (2 * blur // k, 2 * blur // k, w // k, h // k), border_radius=max(1, radius // k))
    try:
        small = pygame.transform.gaussian_blur(small, max(1, blur // k))
    except (AttributeError, ValueError, pygame.error):
        pass
    return pygame.transform.smoothscale(small, full)


@lru_cache(maxsize=16)
def vshade(size: tuple[int, int], top: tuple, bottom: tuple) -> pygame.Surface:
    """A vertical gradient with alpha (for scrims that fade in from an edge)."""
    w, h = size
    col = pygame.Surface((1, h), pygame.SRCALPHA)
    for y in range(h):
        t = y / max(1, h - 1)
        col.set_at((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return pygame.transform.scale(col, (w, h))


def tint(surface: pygame.Surface, color: tuple, alpha: int) -> None:
    """Lay `color` at `alpha` over the whole surface: what blitting a translucent full-size layer
    does (to within 1 in 255), without keeping that layer (3.7 MB at 1280x720)."""
    keep = 255 - alpha
    surface.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)
    surface.fill(tuple(c * alpha // 255 for c in color[:3]), special_flags=pygame.BLEND_RGB_ADD)


def label(surface: pygame.Surface, text: str, f: pygame.font.Font, color: tuple, pos: tuple[int, int],
          anchor: str = "topleft") -> pygame.Rect:
    img = fonts.render(f, text, color)
    rect = img.get_rect(**{anchor: pos})
    surface.blit(img, rect)
    return rect


def ui_font(size: int = T.UI_SIZE, bold: bool = False) -> pygame.font.Font:
    return fonts.font(F.current().ui_bold if bold else F.current().ui, size)


# --- buttons and menus --------------------------------------------------------------------
@dataclass
class Button:
    text: str
    on_click: Callable[[], None]
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    enabled: bool = True
    hint: str = ""  # a short second line / tooltip (e.g. why it is disabled)


class Menu:
    """Buttons laid out by the caller; focus follows the mouse and the arrow keys alike."""

    def __init__(self, buttons: list[Button], vertical: bool = True, wrap: bool = True, sound: Callable[[str], None] | None = None):
        self.buttons = buttons
        self.vertical, self.wrap = vertical, wrap
        self.focus: int | None = None
        self.sound = sound or (lambda name: None)
        self.keyboard = False  # the focus was moved by keys/pad: show it even without hover

    def set_buttons(self, buttons: list[Button]) -> None:
        self.buttons = buttons
        if self.focus is not None and self.focus >= len(buttons):
            self.focus = None

    def focused(self) -> Button | None:
        return self.buttons[self.focus] if self.focus is not None and self.focus < len(self.buttons) else None

    def move(self, delta: int) -> bool:
        usable = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not usable:
            return False
        if self.focus not in usable:
            self.focus = usable[0] if delta > 0 else usable[-1]
        else:
            i = usable.index(self.focus) + delta
            if not self.wrap:
                i = max(0, min(len(usable) - 1, i))
            self.focus = usable[i % len(usable)]
        self.keyboard = True
        self.sound("select")
        return True

    def action(self, action: str) -> bool:
        """Handle a navigation action; True if it was used (the screen should redraw)."""
        back, fwd = (inp.UP, inp.DOWN) if self.vertical else (inp.LEFT, inp.RIGHT)
        if action == back:
            return self.move(-1)
        if action == fwd:
            return self.move(1)
        if action == inp.HOME:
            self.focus = None
            return self.move(1)
        if action == inp.END:
            self.focus = None
            return self.move(-1)
        if action == inp.CONFIRM:
            button = self.focused()
            if button is not None and button.enabled:
                self.sound("confirm")
                button.on_click()
                return True
        return False

    def hit(self, pos: tuple[int, int]) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.rect.collidepoint(pos):
                return i
        return None

    def event(self, event: pygame.event.Event) -> bool:
        """Mouse hover and click; True if something visible changed."""
        if event.type == pygame.MOUSEMOTION:
            i = self.hit(event.pos)
            if i is not None and self.buttons[i].enabled and i != self.focus:
                self.focus, self.keyboard = i, False
                self.sound("select")
                return True
            if i is None and self.focus is not None and not self.keyboard:
                self.focus = None
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            i = self.hit(event.pos)
            if i is not None and self.buttons[i].enabled:
                self.focus = i
                self.sound("confirm")
                self.buttons[i].on_click()
                return True
        return False


def draw_text_menu(surface: pygame.Surface, menu: Menu, f: pygame.font.Font, align: str = "left") -> None:
    """Buttons as quiet words: cream, a coral mark and full brightness on the focused one."""
    for i, b in enumerate(menu.buttons):
        focused = i == menu.focus and b.enabled
        color = T.FOCUS if focused else T.CREAM if b.enabled else T.DISABLED
        text_x = b.rect.x + 26 if align == "left" else b.rect.centerx
        anchor = "midleft" if align == "left" else "center"
        if focused:
            glow = panel(b.rect.size, (255, 220, 196, 34), radius=b.rect.h // 2)
            surface.blit(glow, b.rect)
            if align == "left":
                pygame.draw.circle(surface, T.CORAL_SOFT, (b.rect.x + 12, b.rect.centery), 4)
        label(surface, b.text, f, color, (text_x, b.rect.centery), anchor)


class Slider:
    """A value in steps, shown as a track with a warm fill; left/right or a click set it."""

    def __init__(self, steps: list, value, fmt: Callable[[object], str]):
        self.steps, self.fmt = steps, fmt
        self.index = min(range(len(steps)), key=lambda i: abs(steps[i] - value))
        self.track = pygame.Rect(0, 0, 0, 0)

    @property
    def value(self):
        return self.steps[self.index]

    def nudge(self, delta: int) -> bool:
        new = max(0, min(len(self.steps) - 1, self.index + delta))
        changed = new != self.index
        self.index = new
        return changed

    def set_from_x(self, x: int) -> bool:
        if self.track.w <= 0:
            return False
        t = (x - self.track.x) / self.track.w
        new = max(0, min(len(self.steps) - 1, round(t * (len(self.steps) - 1))))
        changed = new != self.index
        self.index = new
        return changed

    def draw(self, surface: pygame.Surface, focused: bool) -> None:
        r = self.track
        surface.blit(panel((r.w, 6), (255, 236, 220, 70), radius=3), (r.x, r.centery - 3))
        t = self.index / max(1, len(self.steps) - 1)
        fill = max(6, round(r.w * t))
        surface.blit(panel((fill, 6), (*T.CORAL_SOFT, 230), radius=3), (r.x, r.centery - 3))
        knob = (r.x + round(r.w * t), r.centery)
        pygame.draw.circle(surface, T.FOCUS if focused else T.CREAM, knob, 10 if focused else 8)
