"""Samantha's presence: she has no face, so while she speaks a soft light breathes.

``Presence.draw(surface, center, t, energy)`` paints a warm halo and a few
luminous strands of a waveform around ``center``. ``energy`` is 1 while her
words are being revealed and 0 when she is quiet; the strands then rise and
fall with a speech-like rhythm, and settle into a slow idle breath. Changes of
``energy`` are smoothed a little here as well, so a sudden 1 -> 0 never pops.

Cost per draw: a few anti-aliased polylines on a small scratch surface, one
down-and-up smoothscale for the glow, and three additive blits -- well under a
millisecond. Nothing is allocated per frame.
"""
from __future__ import annotations

import math

import pygame

# warm, luminous: Samantha's own colour (#ffd9b8) and the corals around it
STRAND_COLOURS = [(255, 217, 184), (255, 168, 128), (246, 128, 104), (255, 232, 200)]
HALO_COLOUR = (255, 170, 120)


def _halo(w: int, h: int, colour, strength: float) -> pygame.Surface:
    """An elliptical soft glow (RGB, black = nothing) for additive blending."""
    small = pygame.Surface((48, 24))
    r0, g0, b0 = colour
    for y in range(24):
        for x in range(48):
            dx, dy = (x - 23.5) / 24, (y - 11.5) / 12
            d2 = dx * dx + dy * dy
            v = max(0.0, 1.0 - d2) ** 2 * strength
            small.set_at((x, y), (int(r0 * v), int(g0 * v), int(b0 * v)))
    return pygame.transform.smoothscale(small, (w, h))


def _shade(w: int, h: int, colour, strength: float) -> pygame.Surface:
    """A soft warm shadow (white = unchanged) multiplied under the light, so the glow
    still reads over a bright, sunlit background."""
    small = pygame.Surface((48, 24))
    for y in range(24):
        for x in range(48):
            dx, dy = (x - 23.5) / 24, (y - 11.5) / 12
            v = max(0.0, 1.0 - (dx * dx + dy * dy)) ** 1.5 * strength
            small.set_at((x, y), tuple(int(255 - (255 - c) * v) for c in colour))
    return pygame.transform.smoothscale(small, (w, h))


class Presence:
    LEVELS = 10

    def __init__(self, size=(1280, 720)):
        sw, sh = int(size[0]), int(size[1])
        self.scale = min(sw / 1280, sh / 720)
        # the drawing area of the strands
        self.w = max(64, int(440 * self.scale)) & ~3
        self.h = max(32, int(120 * self.scale)) & ~3
        self._layer = pygame.Surface((self.w, self.h))
        self._small = pygame.Surface((self.w // 4, self.h // 4))
        self._glow = pygame.Surface((self.w, self.h))
        # strands fade out toward both ends (multiplied in after drawing)
        self._fade = pygame.Surface((self.w, self.h))
        for x in range(self.w):
            u = x / (self.w - 1)
            v = int(255 * math.sin(math.pi * u) ** 1.2)
            pygame.draw.line(self._fade, (v, v, v), (x, 0), (x, self.h - 1))
        hw, hh = int(self.w * 1.25), int(self.h * 2.4)
        self._halos = [_halo(hw, hh, HALO_COLOUR, 0.10 + 0.30 * k / (self.LEVELS - 1)) for k in range(self.LEVELS)]
        # the warm shadow deepens with the light, so idle she is only a soft glow
        self._shadows = [_shade(int(self.w * 1.15), int(self.h * 2.0), (150, 70, 70), 0.18 + 0.4 * k / (self.LEVELS - 1))
                         for k in range(self.LEVELS)]
        self._core = [_halo(int(self.w * 0.45), int(self.h * 0.9), (255, 214, 170), 0.06 + 0.22 * k / (self.LEVELS - 1))
                      for k in range(self.LEVELS)]
        self.points = 56
        self._xs = [i / (self.points - 1) for i in range(self.points)]
        # window: strands fade out toward both ends
        self._env = [math.sin(math.pi * u) ** 1.6 for u in self._xs]
        self._energy = 0.0
        self._last_t: float | None = None
        self._converted = False

    def _convert(self):
        if self._converted:
            return
        self._converted = True
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            try:
                self._halos = [h.convert() for h in self._halos]
                self._shadows = [s.convert() for s in self._shadows]
                self._core = [c.convert() for c in self._core]
                self._layer = self._layer.convert()
                self._small = self._small.convert()
                self._glow = self._glow.convert()
                self._fade = self._fade.convert()
            except pygame.error:
                pass

    def _ease(self, t: float, energy: float) -> float:
        energy = 0.0 if energy != energy else min(1.0, max(0.0, float(energy)))  # NaN-safe clamp
        if self._last_t is None or t < self._last_t or t - self._last_t > 1.0:
            self._energy = energy
        else:
            dt = t - self._last_t
            # quick to rise, slower to settle
            tau = 0.12 if energy > self._energy else 0.6
            self._energy += (energy - self._energy) * (1 - math.exp(-dt / tau))
        self._last_t = t
        return self._energy

    def draw(self, surface: pygame.Surface, center: tuple[int, int], t: float, energy: float) -> None:
        self._convert()
        e = self._ease(float(t), energy)
        cx, cy = int(center[0]), int(center[1])
        w, h = self.w, self.h
        # speech-like rhythm: a few incommensurate syllable rates, only while speaking
        talk = 0.55 + 0.25 * math.sin(t * 7.3) + 0.2 * math.sin(t * 11.1 + 1.3) + 0.15 * math.sin(t * 4.1 + 0.4)
        talk = max(0.15, min(1.0, talk))
        breath = 0.5 + 0.5 * math.sin(t * 0.9)
        amp = (0.10 + 0.06 * breath) * (1 - e) + (0.22 + 0.58 * talk) * e
        amp *= h * 0.45

        layer = self._layer
        layer.fill((0, 0, 0))
        mid = h / 2
        for i, colour in enumerate(STRAND_COLOURS):
            freq = 2.2 + i * 0.9
            speed = 0.6 + i * 0.35 + e * (1.6 + i * 0.4)
            phase = i * 1.7
            a = amp * (1.0 - i * 0.16)
            pts = []
            for u, env in zip(self._xs, self._env):
                wave = math.sin(u * freq * math.pi * 2 + t * speed + phase)
                wave += 0.35 * math.sin(u * (freq * 2.3) * math.pi + t * speed * 1.7 + phase * 2)
                pts.append((u * (w - 1), mid + wave * a * env / 1.35))
            shade = (0.5 + 0.3 * (e if i else 1.0)) * (0.9 - 0.12 * i)
            c = (int(colour[0] * shade), int(colour[1] * shade), int(colour[2] * shade))
            dim = (c[0] // 3, c[1] // 3, c[2] // 3)
            pygame.draw.lines(layer, dim, False, pts, max(3, int(4 * self.scale)))  # body for the glow
            pygame.draw.aalines(layer, c, False, pts)
        layer.blit(self._fade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)

        # glow: blur the strands by scaling down and back up
        pygame.transform.smoothscale(layer, self._small.get_size(), self._small)
        pygame.transform.smoothscale(self._small, (w, h), self._glow)

        level = min(self.LEVELS - 1, int((0.25 + 0.75 * e) * (0.85 + 0.15 * breath) * self.LEVELS))
        sh = self._shadows[level]
        surface.blit(sh, (cx - sh.get_width() // 2, cy - sh.get_height() // 2), special_flags=pygame.BLEND_RGB_MULT)
        halo = self._halos[level]
        surface.blit(halo, (cx - halo.get_width() // 2, cy - halo.get_height() // 2), special_flags=pygame.BLEND_RGB_ADD)
        core = self._core[level]
        surface.blit(core, (cx - core.get_width() // 2, cy - core.get_height() // 2), special_flags=pygame.BLEND_RGB_ADD)
        pos = (cx - w // 2, cy - h // 2)
        surface.blit(self._glow, pos, special_flags=pygame.BLEND_RGB_ADD)
        surface.blit(layer, pos, special_flags=pygame.BLEND_RGB_ADD)
