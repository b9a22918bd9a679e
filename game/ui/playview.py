"""The play screen's picture: the scene, her presence, the box or page, choices, the quick menu.

Everything but the typed text comes from a cached picture while nothing under it moves
(ambient motion moves it AMBIENT times a second, not at every typewriter frame), so a
typewriter frame is one blit plus the text. Ambient frames without typing (every one
different) are drawn straight onto the frame. `changed` tells the window which part of the
surface can differ from the previous frame drawn on it (None: any of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.runtime import LineEvent
from game.ui import choicelist, playbar
from game.ui import fontset as F
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.text import one_line

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

AMBIENT = 1 / 24  # scene overlays and the presence: slow, calm motion needs no more
CROSSFADE = 0.9  # seconds from one scene to the next
CUE_FADE = 0.35  # the "go on" mark fading in under a completed line


class PlayView:
    def __init__(self, play: PlayScreen):
        self.play = play
        self._base: pygame.Surface | None = None  # the frame under the typed text, while nothing moves
        self._base_for: tuple | None = None
        self._shown: tuple | None = None  # (surface id, base key) of the last frame drawn
        self.changed: pygame.Rect | None = None

    def ambient(self) -> bool:
        """Whether anything on screen moves by itself (an animated scene, her presence)."""
        p = self.play
        return p.motion and (p.app.backdrop.animates(p.scene) or (p.presence_on() and not p.hidden))

    def draw(self, surface: pygame.Surface) -> None:
        p = self.play
        now = p.app.clock()
        self.changed = None
        if p.fade_from is None and p.pacing.card is None and (p.typing or not self.ambient()):
            key = self._base_key(now)
            if key != self._base_for:
                if self._base is None:
                    self._base = pygame.Surface(T.SIZE)
                self._draw_under_text(self._base, now)
                self._base_for = key
            elif self._shown == (id(surface), key) and p.dialogue is not None and not p.hidden:
                self.changed = p.dialogue.text_region()
            surface.blit(self._base, (0, 0))
            self._shown = (id(surface), key)
        else:
            self._draw_under_text(surface, now)
            self._shown = None
        if p.dialogue is not None and not p.hidden and p.pacing.card is None:
            cue = 0
            if p.completed_at is not None and not p.options and isinstance(p.step.event, LineEvent):
                cue = 255 if not p.motion else int(255 * min(1.0, (now - p.completed_at) / CUE_FADE))
            p.dialogue.draw_text(surface, p.reveal, cue)

    def _base_key(self, now: float) -> tuple:
        p = self.play
        d = p.dialogue
        tick = int((now - p.t0) / AMBIENT) if self.ambient() else -1
        return (p.scene, d, d.page if d else 0, tuple(p.options), p.choices.focus, p.quick.focus,
                p.skipping, p.auto, p.hidden, p.motion, p.typing and p.presence_on(), id(p.app.catalog), tick)

    def _draw_under_text(self, surface: pygame.Surface, now: float) -> None:
        p = self.play
        backdrop = p.app.backdrop
        t = now - p.t0
        bg = backdrop.background(p.scene)
        if p.fade_from is not None:
            surface.blit(p.fade_from, (0, 0))
            bg.set_alpha(int(255 * min(1.0, (now - p.fade_start) / CROSSFADE)))
            surface.blit(bg, (0, 0))
            bg.set_alpha(None)
        else:
            surface.blit(bg, (0, 0))
        if p.motion:
            backdrop.draw_overlay(surface, p.scene, t)
        if p.hidden:
            return
        if p.pacing.card is not None:
            self._draw_card(surface, now)
            return
        if p.presence_on() and p.dialogue is not None:
            where = (T.WIDTH // 2, p.dialogue.presence_top() - 74)
            if p.motion:
                backdrop.draw_presence(surface, where, t, 1.0 if p.typing else 0.0)
            else:  # still: one unchanging pose
                backdrop.draw_presence(surface, where, 0.0, 0.35)
        if p.options:  # a soft shade behind the choices; the question below stays clear
            W.tint(surface, (52, 18, 22), 70)
        if p.dialogue is not None:
            p.dialogue.draw_frame(surface)
        if p.options:
            choicelist.draw(surface, p.choices, p._choice_layouts)
        playbar.draw_quick(surface, p.quick, p.quick_font, {2: p.skipping, 3: p.auto})
        catalog = p.app.catalog
        playbar.draw_modes(surface, [w for w, on in ((catalog.ui("Skipping"), p.skipping), (catalog.ui("Auto"), p.auto)) if on])

    def _draw_card(self, surface: pygame.Surface, now: float) -> None:
        p = self.play
        card = p.pacing.card
        layer = pygame.Surface(T.SIZE, pygame.SRCALPHA)
        band = W.vshade((T.WIDTH, 120), (52, 18, 22, 0), (52, 18, 22, 150))
        layer.blit(band, (0, T.HEIGHT // 2 - 120))
        layer.blit(pygame.transform.flip(band, False, True), (0, T.HEIGHT // 2))
        f_label = W.ui_font(T.UI_SMALL + 1)
        W.label(layer, card.label, f_label, T.PEACH, (T.WIDTH // 2, T.HEIGHT // 2 - 44), "center")
        f_title, title = one_line(card.title, F.current().text, 46, T.WIDTH - 2 * T.MARGIN - 80)
        W.label(layer, title, f_title, T.CREAM, (T.WIDTH // 2, T.HEIGHT // 2 + 14), "center")
        layer.set_alpha(p.pacing.card_alpha(now, p.motion))
        surface.blit(layer, (0, 0))
