"""Scene backgrounds and the quiet animation drawn over them.

``Scenery.background(id)`` gives the painted background of a scene (see
``tools/make_scenes.py``), converted and cached, or a warm gradient when the
picture is missing. ``Scenery.draw_overlay`` adds a restrained, looping motion on
top -- windows going dark and lit again, glints on the sea,
string lights moving in the breeze, dust in the sunlight, the slow swell of a
dawn. The front end skips the overlay when the player asks for reduced motion;
the backgrounds are complete pictures without it.

Everything per frame is a handful of blits of sprites made once at start-up
(no per-pixel work), well under a millisecond at 1280x720. Placement data
(which windows, where the bulbs hang) comes from ``overlay.json`` written next
to the pictures by the same tool, so the motion lines up with the painting.
"""
from __future__ import annotations

import json
import math
import pathlib
import random

import pygame

BASE_SIZE = (1280, 720)  # the size the pictures and overlay.json are drawn at

# which motion each scene gets
EFFECTS = {
    "apartment_night": "twinkle",
    "street": "twinkle",
    "station": "glints",
    "beach": "glints",
    "fair": "sway",
    "office": "motes",
    "apartment_day": "motes",
    "rooftop": "dawn",
}

_FALLBACK_TOP = (92, 34, 44)
_FALLBACK_MID = (196, 92, 76)
_FALLBACK_BOTTOM = (240, 176, 136)


def _try_convert(surf: pygame.Surface, alpha: bool = False) -> pygame.Surface:
    """convert() when a display exists (fast blits); unchanged otherwise."""
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        try:
            return surf.convert_alpha() if alpha else surf.convert()
        except pygame.error:
            pass
    return surf


def _blit_many(surface: pygame.Surface, batch, flags: int = 0) -> None:
    """Many small blits at once (pygame-ce's fblits)."""
    if batch:
        surface.fblits(batch, flags)


def _glow_sprite(radius: int, colour, intensity: float = 1.0, core: float = 0.0) -> pygame.Surface:
    """A soft round light: an RGB sprite (black = nothing) for additive blits."""
    size = radius * 2 + 1
    s = pygame.Surface((size, size))
    s.fill((0, 0, 0))
    r0, g0, b0 = colour
    for y in range(size):
        dy = (y - radius) / radius
        for x in range(size):
            dx = (x - radius) / radius
            d2 = dx * dx + dy * dy
            if d2 >= 1.0:
                continue
            v = (1.0 - d2) ** 2 * intensity
            if core and d2 < core * core:
                v = max(v, intensity)
            s.set_at((x, y), (min(255, int(r0 * v)), min(255, int(g0 * v)), min(255, int(b0 * v))))
    return s


class _Effect:
    animated = True

    def draw(self, surface: pygame.Surface, t: float) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class _Twinkle(_Effect):
    """Lit windows that now and then go dark and light again, and a faint shimmer."""

    LEVELS = 6

    def __init__(self, windows, scale, rng: random.Random, count=56):
        sx, sy = scale
        picks = rng.sample(windows, min(count, len(windows)))
        self.items = []
        for wx, wy, ww, wh, _lit, off in picks:
            x, y = int(wx * sx), int(wy * sy)
            w, h = max(1, round(ww * sx)), max(1, round(wh * sy))
            dark = pygame.Surface((w + 2, h + 2))
            dark.fill(tuple(off))
            period = rng.uniform(9.0, 26.0)
            self.items.append((x - 1, y - 1, dark, period, rng.random(), rng.uniform(0.8, 1.0)))
        # a few windows breathe a little brighter (a TV, a lamp being moved)
        self.shimmer = []
        glows = [_glow_sprite(max(3, int(5 * sx)), (255, 190, 120), (k + 1) / self.LEVELS * 0.35)
                 for k in range(self.LEVELS)]
        self.glows = [_try_convert(g) for g in glows]
        for wx, wy, ww, wh, _lit, _off in rng.sample(windows, min(40, len(windows))):
            cx, cy = (wx + ww / 2) * sx, (wy + wh / 2) * sy
            self.shimmer.append((cx, cy, rng.uniform(2.5, 6.0), rng.random() * math.tau))
        self.animated = bool(self.items or self.shimmer)

    def draw(self, surface, t):
        for x, y, dark, period, phase, depth in self.items:
            u = (t / period + phase) % 1.0
            # dark for a short part of each cycle, with soft fades in and out
            if u < 0.2:
                a = math.sin(u / 0.2 * math.pi) ** 2
                a = min(1.0, a * 1.6) * depth
                dark.set_alpha(int(255 * a))
                surface.blit(dark, (x, y))
        radius = self.glows[0].get_width() // 2
        batch = []
        for cx, cy, speed, phase in self.shimmer:
            v = 0.5 + 0.5 * math.sin(t * math.tau / speed + phase)
            k = min(self.LEVELS - 1, int(v * self.LEVELS))
            batch.append((self.glows[k], (int(cx) - radius, int(cy) - radius)))
        _blit_many(surface, batch, pygame.BLEND_RGB_ADD)


class _Glints(_Effect):
    """Sun glints flashing on the sea, thickest in the sun's path."""

    LEVELS = 6

    def __init__(self, region, sun_x, scale, rng: random.Random, count=70):
        sx, sy = scale
        x0, y0, x1, y1 = region
        self.sprites = []
        for k in range(self.LEVELS):
            v = (k + 1) / self.LEVELS
            spr = pygame.Surface((int(13 * sx) | 1, 3))
            spr.fill((0, 0, 0))
            cw = spr.get_width()
            for x in range(cw):
                f = 1 - abs(x - cw // 2) / (cw / 2)
                c = (int(255 * v * f), int(240 * v * f), int(214 * v * f))
                spr.set_at((x, 1), c)
                spr.set_at((x, 0), tuple(int(ch * 0.35) for ch in c))
                spr.set_at((x, 2), tuple(int(ch * 0.35) for ch in c))
            self.sprites.append(_try_convert(spr))
        self.items = []
        for _ in range(count):
            # cluster around the sun's column, spread wider further down
            y = y0 + (y1 - y0) * rng.random() ** 1.3
            spread = 60 + (y - y0) * 2.2
            x = min(x1, max(x0, rng.gauss(sun_x, spread)))
            self.items.append((x * sx, y * sy, rng.uniform(0.8, 2.2), rng.random() * math.tau))

    def draw(self, surface, t):
        batch = []
        hw = self.sprites[0].get_width() // 2
        for x, y, speed, phase in self.items:
            v = math.sin(t * speed + phase)
            if v <= 0.35:
                continue
            v = ((v - 0.35) / 0.65) ** 2
            k = min(self.LEVELS - 1, int(v * self.LEVELS))
            batch.append((self.sprites[k], (int(x) - hw, int(y) - 1)))
        if batch:
            _blit_many(surface, batch, pygame.BLEND_RGB_ADD)


class _Sway(_Effect):
    """String lights swinging a little in the breeze, each bulb breathing."""

    LEVELS = 6

    def __init__(self, bulbs, strings, scale, rng: random.Random):
        sx, sy = scale
        self.halos = [_try_convert(_glow_sprite(max(4, int(9 * sx)), (255, 196, 130), 0.12 + 0.1 * k / self.LEVELS))
                      for k in range(self.LEVELS)]
        self.cores = [_try_convert(_glow_sprite(max(2, int(3 * sx)), (255, 226, 170), 0.35 + 0.35 * k / self.LEVELS))
                      for k in range(self.LEVELS)]
        self.bulbs = [(x * sx, y * sy, si, tt, rng.uniform(1.5, 3.5), rng.random() * math.tau)
                      for x, y, _c, si, tt in bulbs]
        self.phases = [rng.random() * math.tau for _ in range(max(1, len(strings)))]
        self.amp = 2.2 * sy

    def draw(self, surface, t):
        hr = self.halos[0].get_width() // 2
        cr = self.cores[0].get_width() // 2
        batch = []
        for x, y, si, tt, speed, phase in self.bulbs:
            bow = 4 * tt * (1 - tt)  # strings swing most in the middle
            sw = math.sin(t * 0.9 + self.phases[si % len(self.phases)])
            dy = self.amp * bow * sw
            dx = self.amp * 0.5 * bow * math.cos(t * 0.9 + self.phases[si % len(self.phases)])
            v = 0.5 + 0.5 * math.sin(t * speed + phase)
            k = min(self.LEVELS - 1, int(v * self.LEVELS))
            px, py = int(x + dx), int(y + dy)
            batch.append((self.halos[k], (px - hr, py - hr)))
            batch.append((self.cores[k], (px - cr, py - cr)))
        _blit_many(surface, batch, pygame.BLEND_RGB_ADD)


class _Motes(_Effect):
    """Dust in the sunlight: tiny bright specks drifting slowly, catching the light."""

    LEVELS = 5

    def __init__(self, region, colour, scale, rng: random.Random, count=50):
        sx, sy = scale
        x0, y0, x1, y1 = region
        self.region = (x0 * sx, y0 * sy, x1 * sx, y1 * sy)
        self.sprites = [[_try_convert(_glow_sprite(r, colour, 0.18 + 0.5 * (k + 1) / self.LEVELS, core=0.35))
                         for k in range(self.LEVELS)] for r in (2, 3, 4)]
        self.items = []
        for _ in range(count):
            self.items.append((rng.random(), rng.random(), rng.uniform(3, 9) * sx, rng.uniform(-6, 3) * sy,
                               rng.uniform(0.15, 0.5), rng.random() * math.tau, rng.randrange(3),
                               rng.uniform(4.0, 9.0)))

    def draw(self, surface, t):
        x0, y0, x1, y1 = self.region
        w, h = x1 - x0, y1 - y0
        batch = []
        for fx, fy, vx, vy, freq, phase, size, wob in self.items:
            x = x0 + (fx * w + vx * t + wob * math.sin(freq * t + phase)) % w
            y = y0 + (fy * h + vy * t + wob * 0.6 * math.cos(freq * 0.8 * t + phase)) % h
            # fade near the edges of the shaft so nothing pops
            ex = min(x - x0, x1 - x, 60) / 60
            ey = min(y - y0, y1 - y, 60) / 60
            v = (0.55 + 0.45 * math.sin(t * 0.7 + phase * 3)) * ex * ey
            if v <= 0.05:
                continue
            k = min(self.LEVELS - 1, int(v * self.LEVELS))
            spr = self.sprites[size][k]
            r = spr.get_width() // 2
            batch.append((spr, (int(x) - r, int(y) - r)))
        if batch:
            _blit_many(surface, batch, pygame.BLEND_RGB_ADD)


class _Dawn(_Effect):
    """The light at the horizon swelling slowly, as the sun is about to rise."""

    LEVELS = 8

    def __init__(self, x, y, r, scale):
        sx, sy = scale
        rw, rh = int(r * sx), int(r * 0.45 * sy)
        self.pos = (int(x * sx) - rw, int(y * sy) - rh)
        base = pygame.Surface((rw * 2, rh * 2), pygame.SRCALPHA)
        # an elliptical glow with per-pixel alpha, built once at low resolution and smoothed up
        small = pygame.Surface((64, 32), pygame.SRCALPHA)
        for yy in range(32):
            for xx in range(64):
                dx, dy = (xx - 31.5) / 32, (yy - 15.5) / 16
                d2 = dx * dx + dy * dy
                a = max(0.0, 1 - d2) ** 2
                small.set_at((xx, yy), (255, 214, 160, int(255 * a)))
        base = pygame.transform.smoothscale(small, (rw * 2, rh * 2))
        self.levels = []
        for k in range(self.LEVELS):
            s = base.copy()
            s.set_alpha(int(18 + 40 * k / (self.LEVELS - 1)))
            self.levels.append(_try_convert(s, alpha=True))

    def draw(self, surface, t):
        # a slow breath, about 14 s per cycle
        v = 0.5 + 0.5 * math.sin(t * math.tau / 14.0 - math.pi / 2)
        k = min(self.LEVELS - 1, int(v * self.LEVELS))
        surface.blit(self.levels[k], self.pos)


class Scenery:
    """Backgrounds by scene id, with a quiet animated overlay for some of them."""

    def __init__(self, scenes_dir: pathlib.Path, size=(1280, 720)):
        self.scenes_dir = pathlib.Path(scenes_dir)
        self.size = (int(size[0]), int(size[1]))
        self._backgrounds: dict[str | None, pygame.Surface] = {}
        self._effects: dict[str, _Effect | None] = {}
        self._fallback: pygame.Surface | None = None
        self._overlay_data: dict | None = None

    # -- backgrounds --------------------------------------------------------

    def _path(self, scene_id: str) -> pathlib.Path | None:
        if not scene_id or "/" in scene_id or "\\" in scene_id or scene_id.startswith("."):
            return None
        for ext in (".png", ".jpg", ".jpeg"):
            p = self.scenes_dir / f"{scene_id}{ext}"
            if p.is_file():
                return p
        return None

    def fallback(self) -> pygame.Surface:
        """A warm, soft gradient used when a scene has no picture."""
        if self._fallback is None:
            w, h = self.size
            small = pygame.Surface((2, 64))
            for y in range(64):
                t = y / 63
                if t < 0.55:
                    u = t / 0.55
                    c = [a + (b - a) * u for a, b in zip(_FALLBACK_TOP, _FALLBACK_MID)]
                else:
                    u = (t - 0.55) / 0.45
                    c = [a + (b - a) * u for a, b in zip(_FALLBACK_MID, _FALLBACK_BOTTOM)]
                small.set_at((0, y), [int(v) for v in c])
                small.set_at((1, y), [int(v) for v in c])
            self._fallback = _try_convert(pygame.transform.smoothscale(small, (w, h)))
        return self._fallback

    def forget(self, scene_id: str | None) -> None:
        """Drop a cached background (the window keeps its own converted copy)."""
        self._backgrounds.pop(scene_id, None)

    def background(self, scene_id: str | None) -> pygame.Surface:
        if scene_id in self._backgrounds:
            return self._backgrounds[scene_id]
        surf = None
        path = self._path(scene_id) if isinstance(scene_id, str) else None
        if path is not None:
            try:
                img = pygame.image.load(str(path))
                if img.get_size() != self.size:
                    img = pygame.transform.smoothscale(img.convert(24) if img.get_bitsize() < 24 else img, self.size)
                surf = _try_convert(img)
            except (pygame.error, OSError, ValueError):
                surf = None
        if surf is None:
            surf = self.fallback()
        self._backgrounds[scene_id] = surf
        return surf

    # -- overlay ------------------------------------------------------------

    def _data(self) -> dict:
        if self._overlay_data is None:
            try:
                self._overlay_data = json.loads((self.scenes_dir / "overlay.json").read_text(encoding="utf-8"))
                if not isinstance(self._overlay_data, dict):
                    self._overlay_data = {}
            except (OSError, ValueError):
                self._overlay_data = {}
        return self._overlay_data

    def _effect(self, scene_id: str | None) -> _Effect | None:
        if not isinstance(scene_id, str) or scene_id not in EFFECTS:
            return None
        if scene_id in self._effects:
            return self._effects[scene_id]
        kind = EFFECTS[scene_id]
        data = self._data().get(scene_id, {})
        scale = (self.size[0] / BASE_SIZE[0], self.size[1] / BASE_SIZE[1])
        rng = random.Random(f"her-{scene_id}")  # noqa: S311 - visual variety, not security
        eff: _Effect | None = None
        try:
            if kind == "twinkle":
                windows = [w for w in data.get("windows", []) if isinstance(w, list) and len(w) == 6]
                eff = _Twinkle(windows, scale, rng) if windows else None
            elif kind == "glints":
                g = data.get("glints", {"region": [500, 326, 1220, 455], "sun_x": 860, "count": 70})
                eff = _Glints(g["region"], g["sun_x"], scale, rng, int(g.get("count", 70)))
            elif kind == "sway":
                bulbs = data.get("bulbs", [])
                eff = _Sway(bulbs, data.get("strings", []), scale, rng) if bulbs else None
            elif kind == "motes":
                m = data.get("motes", {"region": [120, 80, 1160, 660], "count": 50, "colour": [255, 238, 214]})
                eff = _Motes(m["region"], tuple(m.get("colour", (255, 238, 214))), scale, rng, int(m.get("count", 50)))
            elif kind == "dawn":
                g = data.get("glow", {"x": 760, "y": 470, "r": 420})
                eff = _Dawn(g["x"], g["y"], g["r"], scale)
        except (KeyError, TypeError, ValueError):
            eff = None
        self._effects[scene_id] = eff
        return eff

    def animates(self, scene_id: str | None) -> bool:
        eff = self._effect(scene_id)
        return bool(eff is not None and eff.animated)

    def draw_overlay(self, surface: pygame.Surface, scene_id: str | None, t: float) -> None:
        eff = self._effect(scene_id)
        if eff is not None:
            eff.draw(surface, float(t))
