#!/usr/bin/env python3
"""Draw the scene backgrounds of *Her* from code.

    python3 tools/make_scenes.py            # all scenes into assets/scenes/
    python3 tools/make_scenes.py beach fair # only some
    python3 tools/make_scenes.py --out /tmp/scenes

Build-time needs: numpy, pygame-ce (both are runtime dependencies of the game
anyway). Everything is deterministic: each scene has a fixed seed, so running
the script twice gives byte-identical PNGs.

The look: soft-focus film stills in warm light -- corals, peach, rose, amber;
shadows are deep maroon, never black; a near-future city that is never cold.
Each picture is composed from layers (gradients, hazy silhouettes, lit
windows, glows), then finished with bloom, a gentle soft-focus halation, a
warm vignette and an ordered dither (no random grain: it bloats PNGs and the
dither already hides banding).

Besides the PNGs the script writes ``assets/scenes/overlay.json``: where the
animation layer (game/ui/scenery.py) should twinkle windows, float dust, sway
bulbs, and so on, so the animation lines up with what is painted.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import pathlib
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

W, H = 1280, 720
SS = 2  # supersampling for shape masks (anti-aliased edges)
ROOT = pathlib.Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# small toolkit
# --------------------------------------------------------------------------


def rgb(h: str) -> np.ndarray:
    h = h.lstrip("#")
    return np.array([int(h[i:i + 2], 16) / 255.0 for i in (0, 2, 4)], np.float32)


def mix(a, b, t):
    return np.asarray(a, np.float32) * (1 - t) + np.asarray(b, np.float32) * t


def vgrad(stops, h=H, w=W):
    """Vertical gradient; stops = [(pos 0..1, colour), ...]. Smoothstep between stops."""
    ys = np.linspace(0, 1, h, dtype=np.float32)
    out = np.zeros((h, 3), np.float32)
    pos = [p for p, _ in stops]
    cols = [np.asarray(c, np.float32) for _, c in stops]
    for i in range(len(stops) - 1):
        p0, p1 = pos[i], pos[i + 1]
        sel = (ys >= p0) & (ys <= p1)
        t = (ys[sel] - p0) / max(p1 - p0, 1e-6)
        t = t * t * (3 - 2 * t)
        out[sel] = cols[i] * (1 - t[:, None]) + cols[i + 1] * t[:, None]
    out[ys < pos[0]] = cols[0]
    out[ys > pos[-1]] = cols[-1]
    return np.repeat(out[:, None, :], w, axis=1)


def _box(a, r, axis):
    pad = [(0, 0)] * a.ndim
    pad[axis] = (r + 1, r)
    c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis, dtype=np.float64)
    n = a.shape[axis]
    hi = np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis)
    lo = np.take(c, np.arange(0, n), axis=axis)
    return ((hi - lo) / (2 * r + 1)).astype(np.float32)


def blur(a, r):
    """Approximate gaussian blur (three box passes per axis), radius in pixels."""
    r = int(round(r))
    if r < 1:
        return a
    b = max(1, int(round(r / 1.7)))
    for axis in (0, 1):
        for _ in range(3):
            a = _box(a, b, axis)
    return a


class Mask:
    """Shapes drawn with pygame at SS x resolution, read back as a soft 0..1 array."""

    def __init__(self):
        self.s = pygame.Surface((W * SS, H * SS))
        self.s.fill((0, 0, 0))

    def _p(self, pts):
        return [(x * SS, y * SS) for x, y in pts]

    def poly(self, pts, v=255):
        pygame.draw.polygon(self.s, (v, v, v), self._p(pts))
        return self

    def rect(self, x, y, w, h, v=255, radius=0):
        pygame.draw.rect(self.s, (v, v, v),
                         pygame.Rect(round(x * SS), round(y * SS), max(1, round(w * SS)), max(1, round(h * SS))),
                         border_radius=int(radius * SS))
        return self

    def circle(self, x, y, r, v=255):
        pygame.draw.circle(self.s, (v, v, v), (x * SS, y * SS), r * SS)
        return self

    def ellipse(self, x, y, w, h, v=255):
        pygame.draw.ellipse(self.s, (v, v, v), pygame.Rect(round(x * SS), round(y * SS), round(w * SS), round(h * SS)))
        return self

    def line(self, pts, width, v=255):
        pygame.draw.lines(self.s, (v, v, v), False, self._p(pts), max(1, int(width * SS)))
        return self

    def get(self, soft=0.0):
        a = pygame.surfarray.array_red(self.s).T.astype(np.float32) / 255.0
        a = a.reshape(H, SS, W, SS).mean(axis=(1, 3))
        if soft:
            a = blur(a, soft)
        return a


def over(img, colour, alpha):
    """Paint colour (rgb or HxWx3) over img with alpha (scalar or HxW)."""
    a = np.asarray(alpha, np.float32)
    if a.ndim == 2:
        a = a[:, :, None]
    img *= 1 - a
    img += np.asarray(colour, np.float32) * a


def add(img, colour, amount):
    a = np.asarray(amount, np.float32)
    if a.ndim == 2:
        a = a[:, :, None]
    img += np.asarray(colour, np.float32) * a


def screen(img, colour, amount):
    a = np.asarray(amount, np.float32)
    if a.ndim == 2:
        a = a[:, :, None]
    c = np.asarray(colour, np.float32) * a
    img[:] = 1 - (1 - img) * (1 - np.clip(c, 0, 1))


_YY, _XX = np.mgrid[0:H, 0:W].astype(np.float32)


def radial(cx, cy, rx, ry=None, power=2.0):
    """Soft round falloff: 1 at the centre, ~0 beyond the radius."""
    ry = rx if ry is None else ry
    d2 = ((_XX - cx) / rx) ** 2 + ((_YY - cy) / ry) ** 2
    return np.exp(-d2 * power).astype(np.float32)


def hband(y0, y1, soft=20.0):
    """1 between rows y0..y1 with soft edges."""
    y = _YY
    a = np.clip((y - y0) / soft + 0.5, 0, 1) * np.clip((y1 - y) / soft + 0.5, 0, 1)
    return a.astype(np.float32)


def finish(img, *, bloom=0.35, bloom_threshold=0.62, halation=0.22, vignette=0.35,
           vignette_colour="#2a1014", lift="#2a1418", lift_amount=0.06, warmth=0.0,
           mottle=0.0, seed=0):
    """Film finish: bloom, soft-focus halation, lifted warm blacks, vignette, dither."""
    img = np.clip(img, 0, 1.5)
    lum = img.mean(axis=2)
    if bloom:
        bright = img * np.clip((lum - bloom_threshold) / (1 - bloom_threshold), 0, 1)[:, :, None]
        img = img + bloom * (0.6 * blur(bright, 10) + 0.8 * blur(bright, 42))
    if halation:
        # soft focus: a little of a blurred copy, slightly warmed
        soft = blur(img, 6) * np.array([1.04, 0.98, 0.92], np.float32)
        img = img * (1 - halation) + soft * halation
    if warmth:
        img = img * (1 + warmth * np.array([0.06, 0.0, -0.07], np.float32))
    # highlight roll-off (keeps glows creamy, never clipped)
    img = np.where(img > 0.8, 0.8 + (1 - np.exp(-(img - 0.8) * 4.0)) * 0.2, img)
    # lifted, warm shadows
    img = img * (1 - lift_amount) + rgb(lift) * lift_amount
    if vignette:
        v = ((_XX - W / 2) / (W * 0.62)) ** 2 + ((_YY - H / 2) / (H * 0.72)) ** 2
        v = np.clip(v, 0, 1.6) ** 1.5 * vignette
        img = img * (1 - v[:, :, None]) + rgb(vignette_colour) * v[:, :, None]
    if mottle:
        rng = np.random.default_rng(seed + 9001)
        m = blur(rng.normal(0, 1, (H, W)).astype(np.float32), 14)
        m /= m.std() + 1e-6
        img = img * (1 + mottle * m[:, :, None])
    # 4x4 ordered dither: hides banding in the long gradients, costs little in PNG
    bayer = (np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32) + 0.5) / 16 - 0.5
    d = np.tile(bayer, (H // 4, W // 4))[:, :, None]
    out = np.clip(img * 255.0 + d, 0, 255) + 0.5
    return out.astype(np.uint8)


def to_surface(arr8):
    return pygame.surfarray.make_surface(np.ascontiguousarray(arr8.transpose(1, 0, 2)))


# --------------------------------------------------------------------------
# recurring motifs
# --------------------------------------------------------------------------


def towers(rng, x0, x1, base, hmin, hmax, wmin, wmax, gap=(0, 6)):
    """A row of tower footprints [(x, w, top)] between x0 and x1 standing on `base`."""
    out = []
    x = x0 - rng.uniform(0, wmax)
    while x < x1:
        w = rng.uniform(wmin, wmax)
        h = rng.uniform(hmin, hmax) * (0.55 + 0.45 * rng.random() ** 0.5)
        out.append((x, w, base - h))
        x += w + rng.uniform(*gap)
    return out


def skyline_mask(ts, base, *, crowns=True, rng=None, fill=26):
    m = Mask()
    if fill:  # low buildings and street furniture close the gaps at the foot of the towers
        m.rect(-10, base - fill, W + 20, fill + 2)
        if rng is not None:
            x = -10.0
            while x < W:
                w = rng.uniform(14, 50)
                m.rect(x, base - fill - rng.uniform(0, fill * 0.8), w, fill)
                x += w + rng.uniform(0, 20)
    for (x, w, top) in ts:
        m.rect(x, top, w, base - top + 2)
        if crowns and rng is not None:
            r = rng.random()
            if r < 0.22:  # stepped top
                m.rect(x + w * 0.2, top - w * 0.25, w * 0.6, w * 0.25 + 2)
            elif r < 0.32:  # slim spire
                m.rect(x + w * 0.47, top - w * 0.7, max(1.5, w * 0.06), w * 0.7)
            elif r < 0.42:  # rounded crown (the film's soft architecture)
                m.ellipse(x, top - w * 0.18, w, w * 0.36)
    return m.get()


def tower_windows(img, rng, ts, base, *, cell=(7, 9), win=(3, 4), p_lit=0.35,
                  colours=("#ffd39a", "#ffbf80", "#ffe6bf", "#ff9f7a"), bright=(0.55, 1.0),
                  dim=None, skip_top=6, record=None, clip_top=0, floor_band=0.0):
    """Paint a grid of windows on each tower. Lit windows are recorded for the overlay."""
    cw, ch = cell
    ww, wh = win
    cols = [rgb(c) for c in colours]
    for (x, w, top) in ts:
        nx = int((w - 2) // cw)
        if nx < 1:
            continue
        tower_p = p_lit * float(rng.choice([0.15, 0.6, 1.0, 1.0, 1.5]))
        off = x + (w - nx * cw) / 2 + (cw - ww) / 2
        y = top + skip_top
        row = 0
        # whole floors lit together sometimes (offices working late)
        while y + wh < base - 2:
            floor_lit = rng.random() < floor_band
            for i in range(nx):
                wx = int(round(off + i * cw))
                wy = int(round(y))
                if wx < 0 or wx + ww > W or wy < clip_top or wy + wh > H:
                    continue
                if floor_lit or rng.random() < tower_p:
                    c = cols[rng.integers(len(cols))] * rng.uniform(*bright)
                    under = img[wy:wy + wh, wx:wx + ww].mean(axis=(0, 1)).copy()
                    img[wy:wy + wh, wx:wx + ww] = c
                    if record is not None:
                        record.append([wx, wy, ww, wh, [int(v * 255) for v in np.clip(c, 0, 1)],
                                       [int(v * 255) for v in np.clip(under, 0, 1)]])
                elif dim is not None:
                    img[wy:wy + wh, wx:wx + ww] = img[wy:wy + wh, wx:wx + ww] * (1 - dim[1]) + rgb(dim[0]) * dim[1]
            y += ch
            row += 1


def limb(m: Mask, pts, w0, w1=None):
    """A tapered capsule through pts (rounded joints), widths from w0 to w1."""
    w1 = w0 if w1 is None else w1
    n = len(pts) - 1
    for i in range(n):
        (xa, ya), (xb, yb) = pts[i], pts[i + 1]
        wa = w0 + (w1 - w0) * i / n
        wb = w0 + (w1 - w0) * (i + 1) / n
        dx, dy = xb - xa, yb - ya
        ln = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / ln, dx / ln
        m.poly([(xa + nx * wa / 2, ya + ny * wa / 2), (xb + nx * wb / 2, yb + ny * wb / 2),
                (xb - nx * wb / 2, yb - ny * wb / 2), (xa - nx * wa / 2, ya - ny * wa / 2)])
        m.circle(xa, ya, wa / 2)
    m.circle(pts[-1][0], pts[-1][1], w1 / 2)


def person(m: Mask, x, feet, h, *, stride=0.0, coat=0.0, bag=False, lean=0.0):
    """A standing/walking silhouette, `h` px tall, drawn into mask m."""
    u = h / 100.0
    hx = x + lean * 4 * u
    m.ellipse(hx - 5.6 * u, feet - h, 11.2 * u, 13 * u)           # head
    limb(m, [(hx, feet - h + 11 * u), (x, feet - h + 17 * u)], 6 * u)  # neck
    sh_y = feet - 82 * u
    hip_y = feet - 48 * u
    m.poly([(x - 12 * u, sh_y), (x + 12 * u, sh_y), (x + 9.5 * u, hip_y), (x - 9.5 * u, hip_y)])
    m.ellipse(x - 13 * u, sh_y - 1.5 * u, 26 * u, 7 * u)
    m.circle(x - 9 * u, sh_y + 3 * u, 5 * u)
    m.circle(x + 9 * u, sh_y + 3 * u, 5 * u)
    if coat > 0.3:  # a long coat to the knees
        fl = 3 * u + coat * 4 * u
        m.poly([(x - 10 * u, sh_y + 4 * u), (x + 10 * u, sh_y + 4 * u), (x + 10 * u + fl, feet - 24 * u),
                (x - 10 * u - fl, feet - 24 * u)])
    s = stride * 11 * u
    # legs: hip -> knee -> foot
    limb(m, [(x - 4 * u, hip_y), (x - 4 * u - s * 0.5, feet - 25 * u), (x - 4 * u - s, feet - 2 * u)], 8 * u, 5 * u)
    limb(m, [(x + 4 * u, hip_y), (x + 4 * u + s * 0.5, feet - 25 * u), (x + 4 * u + s, feet - 2 * u)], 8 * u, 5 * u)
    m.ellipse(x - 4 * u - s - 3 * u, feet - 3.5 * u, 8 * u, 4 * u)
    m.ellipse(x + 4 * u + s - 3 * u, feet - 3.5 * u, 8 * u, 4 * u)
    # arms swing against the legs
    a = stride * 7 * u
    limb(m, [(x - 11 * u, sh_y + 3 * u), (x - 13 * u + a * 0.5, sh_y + 20 * u), (x - 12 * u + a, hip_y + 2 * u)], 5 * u, 4 * u)
    limb(m, [(x + 11 * u, sh_y + 3 * u), (x + 13 * u - a * 0.5, sh_y + 20 * u), (x + 12 * u - a, hip_y + 2 * u)], 5 * u, 4 * u)
    if bag:
        m.rect(x + 12 * u - a, hip_y - 4 * u, 9 * u, 11 * u, radius=2 * u)


def plant(m: Mask, pot: Mask, x, base, h, rng):
    """A leafy house plant: a pot and lens-shaped leaves on curved stems."""
    pot.poly([(x - h * 0.16, base - h * 0.28), (x + h * 0.16, base - h * 0.28), (x + h * 0.12, base), (x - h * 0.12, base)])
    for _ in range(11):
        a = -math.pi / 2 + rng.uniform(-1.05, 1.05)
        ln = h * rng.uniform(0.45, 0.8)
        x0, y0 = x + rng.uniform(-6, 6), base - h * 0.28
        x1, y1 = x0 + math.cos(a) * ln, y0 + math.sin(a) * ln
        mx, my = (x0 + x1) / 2 - math.sin(a) * 10, (y0 + y1) / 2
        limb(m, [(x0, y0), (mx, my), (x1, y1)], 2.5, 1.5)
        # the leaf
        la = a + rng.uniform(-0.5, 0.5)
        L, Wd = h * rng.uniform(0.16, 0.24), h * rng.uniform(0.07, 0.1)
        pts = []
        for i in range(12):
            t = i / 11
            pts.append((x1 + math.cos(la) * L * t - math.sin(la) * Wd * math.sin(math.pi * t),
                        y1 + math.sin(la) * L * t + math.cos(la) * Wd * math.sin(math.pi * t)))
        for i in range(11, -1, -1):
            t = i / 11
            pts.append((x1 + math.cos(la) * L * t + math.sin(la) * Wd * math.sin(math.pi * t),
                        y1 + math.sin(la) * L * t - math.cos(la) * Wd * math.sin(math.pi * t)))
        m.poly(pts)


def crowd(m: Mask, rng, x0, x1, feet, hmin, hmax, n, stride=True):
    for _ in range(n):
        x = rng.uniform(x0, x1)
        f = feet + rng.uniform(-4, 4)
        h = rng.uniform(hmin, hmax)
        person(m, x, f, h, stride=rng.uniform(-1, 1) if stride else 0.0, coat=rng.uniform(0, 1),
               bag=rng.random() < 0.2)


def catenary(x0, y0, x1, y1, sag, n=60):
    pts = []
    for i in range(n + 1):
        t = i / n
        x = x0 + (x1 - x0) * t
        y = y0 + (y1 - y0) * t + sag * 4 * t * (1 - t)
        pts.append((x, y))
    return pts


def bokeh(img, rng, n, region, rmin, rmax, colours, strength=(0.05, 0.18)):
    x0, y0, x1, y1 = region
    for _ in range(n):
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = rng.uniform(rmin, rmax)
        m = Mask().circle(cx, cy, r).get(soft=max(1.5, r * 0.12))
        rim = np.clip(m - Mask().circle(cx, cy, r * 0.86).get(soft=max(1.5, r * 0.12)), 0, 1)
        c = rgb(colours[rng.integers(len(colours))])
        s = rng.uniform(*strength)
        add(img, c, m * s + rim * s * 0.6)


# --------------------------------------------------------------------------
# the scenes
# --------------------------------------------------------------------------

OVERLAY: dict = {}


def city_through_window(img, rng, *, night: bool, horizon=470, x0=0, x1=W, record=None):
    """Layered skyline used by both apartment scenes."""
    if night:
        layers = [  # (base, hmin, hmax, wmin, wmax, colour, haze, window scale, p_lit)
            (horizon + 10, 60, 190, 26, 60, "#5a2a36", 0.55, (4, 5, 2, 2), 0.30),
            (horizon + 40, 110, 300, 40, 90, "#3b1a26", 0.30, (6, 8, 3, 3), 0.32),
            (horizon + 90, 200, 420, 70, 150, "#261019", 0.10, (9, 12, 4, 5), 0.28),
        ]
    else:
        layers = [
            (horizon + 10, 60, 190, 26, 60, "#e9c0ad", 0.0, (4, 5, 2, 2), 0.0),
            (horizon + 40, 110, 300, 40, 90, "#d9a594", 0.0, (6, 8, 3, 3), 0.0),
            (horizon + 90, 200, 420, 70, 150, "#c78a7e", 0.0, (9, 12, 4, 5), 0.0),
        ]
    for li, (base, hmin, hmax, wmin, wmax, col, haze, (cw, ch, ww, wh), p) in enumerate(layers):
        ts = towers(rng, x0 - 20, x1 + 20, base, hmin, hmax, wmin, wmax, gap=(2, 14))
        m = skyline_mask(ts, base, rng=rng)
        # towers lighter toward their feet (city glow / haze)
        g = vgrad([(0, rgb(col)), ((base - 60) / H, rgb(col)), (base / H, mix(rgb(col), rgb("#b8574f" if night else "#f3d2bd"), 0.5))])
        over(img, g, m)
        if night:
            tower_windows(img, rng, ts, base, cell=(cw, ch), win=(ww, wh), p_lit=p,
                          bright=(0.45 + 0.15 * li, 0.95), record=record if li >= 1 else None,
                          floor_band=0.04 * li)
        else:
            tower_windows(img, rng, ts, base, cell=(cw, ch), win=(ww, wh), p_lit=0.0,
                          dim=("#f6e1d3", 0.14 + 0.06 * li))
        # haze in front of this layer
        if night:
            add(img, rgb("#c0604e"), hband(base - 120, base + 200, 90) * haze * 0.5)
        else:
            over(img, rgb("#f6dccb"), hband(base - 160, base + 200, 120) * (0.35 - li * 0.1))


def window_frame(img, col, *, top, bottom, mullions, sill_col=None, width=10):
    m = Mask()
    for x in mullions:
        m.rect(x - width / 2, top, width, bottom - top)
    m.rect(0, top - width, W, width)
    m.rect(0, bottom, W, width * 1.4)
    over(img, rgb(col), m.get(soft=0.8))


def scene_apartment(night: bool):
    rng = np.random.default_rng(11 if night else 12)
    top, bottom = 36, 560
    if night:
        img = vgrad([(0, rgb("#1d0d18")), (0.35, rgb("#3a1726")), (0.62, rgb("#8a3a3e")), (0.72, rgb("#c4664f"))])
    else:
        img = vgrad([(0, rgb("#eab59c")), (0.45, rgb("#f6d2bc")), (0.68, rgb("#fce4d2"))])
        add(img, rgb("#fff2e0"), radial(260, 120, 520, 300) * 0.35)
    lights = []
    city_through_window(img, rng, night=night, horizon=470, record=lights)
    # below the skyline inside the glass: distant streets glow
    if night:
        add(img, rgb("#ff9a6a"), hband(520, 600, 40) * 0.12)
    # the city is out of focus: we are inside, looking out
    img = blur(img, 1.3 if night else 1.8)
    # interior: walls above/below glass, floor
    inner = np.zeros_like(img)
    if night:
        inner[:] = vgrad([(0, rgb("#1a0b10")), (0.8, rgb("#2a1217")), (1, rgb("#3b1c1c"))])
    else:
        inner[:] = vgrad([(0, rgb("#e8c2ad")), (0.8, rgb("#e7b59c")), (1, rgb("#d69a80"))])
    glass = hband(top, bottom, 1.5)
    img = img * glass[:, :, None] + inner * (1 - glass[:, :, None])
    # floor (warm wood) below the window
    fl = hband(bottom + 14, H + 40, 2)
    if night:
        floor = vgrad([(bottom / H, rgb("#2e1418")), (1, rgb("#4a2220"))])
    else:
        floor = vgrad([(bottom / H, rgb("#c98466")), (1, rgb("#b56a4c"))])
    over(img, floor, fl)
    # reflections of the city on the polished floor
    refl = np.flip(img[bottom - 160:bottom], axis=0)
    refl = blur(refl, 5)
    seg = img[bottom + 14:bottom + 14 + 146]
    seg[:] = seg * 0.8 + refl[:146] * (0.28 if night else 0.18)
    # mullions / frame
    window_frame(img, "#160a0e" if night else "#b07a68", top=top, bottom=bottom,
                 mullions=[330, 650, 970], width=9)
    # a thin horizontal transom
    over(img, rgb("#1b0c10" if night else "#bb8672"), hband(150, 156, 1.0) * 0.85)
    # furniture silhouettes: low sofa, side table, floor lamp
    m = Mask()
    m.rect(640, 560, 420, 80, radius=16)        # seat
    m.rect(620, 510, 460, 70, radius=26)        # back
    m.rect(600, 545, 52, 110, radius=18)        # arms
    m.rect(1050, 545, 52, 110, radius=18)
    m.rect(650, 640, 10, 22)
    m.rect(1040, 640, 10, 22)
    m.rect(1150, 590, 90, 8, radius=3)          # side table
    m.rect(1190, 598, 8, 60)
    lamp = Mask()
    lamp.rect(210, 330, 5, 330)
    lamp.ellipse(180, 650, 66, 14)
    lamp.poly([(172, 330), (252, 330), (238, 270), (186, 270)])
    sofa_col = "#2a1014" if night else "#c4483a"
    sm = m.get(soft=1.0)
    shade = vgrad([(500 / H, rgb(sofa_col)), (660 / H, rgb(sofa_col) * (0.8 if night else 0.72))])
    over(img, shade, sm)
    seams = Mask()
    for x in (770, 920):
        seams.rect(x, 516, 3, 44).rect(x, 566, 3, 70)
    seams.rect(640, 562, 420, 3)
    over(img, rgb("#1e0a0e" if night else "#8e3028"), seams.get(soft=1.2) * sm * 0.5)
    pm_ = Mask()
    limb(pm_, [(690, 546), (724, 538)], 40)
    pil = pm_.get(soft=1.5)
    over(img, rgb("#4a1c1c" if night else "#f2b48c"), pil * 0.95)
    pl, pp = Mask(), Mask()
    plant(pl, pp, 1235, 660, 260, np.random.default_rng(7))
    over(img, rgb("#1e0c10" if night else "#7a6646"), pl.get(soft=1.2))
    over(img, rgb("#2a1014" if night else "#9a4a34"), pp.get(soft=1.2))
    if not night:  # daylight catches the sofa's top edge
        add(img, rgb("#ffcfae"), sm * hband(505, 530, 10) * 0.25)
        over(img, rgb("#7a3a30"), lamp.get(soft=0.8))
    else:
        over(img, rgb("#1a0a0e"), lamp.get(soft=0.8))
    if night:
        # the lamp is on: warm pool of light, glowing shade
        shade = Mask().poly([(174, 331), (250, 331), (237, 272), (187, 272)]).get(soft=1.0)
        over(img, rgb("#ffb070"), shade * 0.9)
        add(img, rgb("#ff9a55"), radial(212, 300, 230, 200) * 0.35)
        add(img, rgb("#ff8d4d"), radial(212, 680, 260, 50) * 0.35)
        add(img, rgb("#ffa46a"), sm * radial(300, 520, 260, 160) * 0.25)
        # faint reflection of the lamp in the glass
        add(img, rgb("#ff9c60"), radial(420, 300, 30, 40) * 0.12)
    else:
        # sunlight falling through the glass onto the floor
        sun = Mask()
        for x in (60, 380, 700, 1010):
            sun.poly([(x, bottom + 16), (x + 250, bottom + 16), (x + 150, H), (x - 140, H)])
        add(img, rgb("#ffe2c4"), sun.get(soft=6) * 0.22)
        # a soft beam in the air
        beam = Mask().poly([(120, top), (480, top), (820, H), (300, H)]).get(soft=40)
        add(img, rgb("#fff0dc"), beam * 0.10)
        OVERLAY["apartment_day"] = {"motes": {"region": [140, 60, 760, 680], "count": 46,
                                              "colour": [255, 240, 220]}}
    if night:
        OVERLAY["apartment_night"] = {"windows": lights}
        return finish(img, bloom=0.45, bloom_threshold=0.55, halation=0.25, vignette=0.45, lift_amount=0.05)
    return finish(img, bloom=0.25, bloom_threshold=0.8, halation=0.2, vignette=0.22,
                  vignette_colour="#8a4a3e", lift="#5a2a28", lift_amount=0.03)


def scene_apartment_night():
    return scene_apartment(True)


def scene_apartment_day():
    return scene_apartment(False)



def ridge(rng, x0, x1, y, amp, rough=0.55, n=9):
    """Midpoint-displacement mountain ridge: list of (x, y) points."""
    pts = [y + rng.uniform(-amp, amp) * 0.5, y + rng.uniform(-amp, amp) * 0.5]
    a = amp
    for _ in range(n):
        new = []
        for i in range(len(pts) - 1):
            new += [pts[i], (pts[i] + pts[i + 1]) / 2 + rng.uniform(-a, a)]
        new.append(pts[-1])
        pts = new
        a *= rough
    xs = np.linspace(x0, x1, len(pts))
    return list(zip(xs.tolist(), pts))


def hblur(a, r):
    """Horizontal-only blur (motion streaks)."""
    b = max(1, int(r / 1.7))
    for _ in range(3):
        a = _box(a, b, 1)
    return a


def scene_office():
    rng = np.random.default_rng(21)
    top, sill = 70, 400
    # outside: a bright, hazy city in the late morning
    img = vgrad([(0, rgb("#f1c6b0")), (0.35, rgb("#f8dac6")), (0.56, rgb("#fce9d8"))])
    add(img, rgb("#fff4e4"), radial(1050, 90, 420, 260) * 0.45)
    for li, (base, hmin, hmax, wmin, wmax, col) in enumerate([
            (sill + 20, 60, 160, 30, 70, "#ecc6b5"), (sill + 60, 120, 260, 50, 110, "#e2ae9c"),
            (sill + 120, 220, 380, 80, 160, "#d39787")]):
        ts = towers(rng, -20, W + 20, base, hmin, hmax, wmin, wmax, gap=(4, 24))
        over(img, rgb(col), skyline_mask(ts, base, rng=rng) * 0.9)
        tower_windows(img, rng, ts, base, cell=(6 + li * 2, 7 + li * 2), win=(3 + li, 2 + li), p_lit=0.0,
                      dim=("#f9e4d6", 0.16))
        over(img, rgb("#f8ded0"), hband(base - 200, base + 100, 140) * (0.45 - 0.12 * li))
    img = blur(img, 2.2)
    # the room
    room = vgrad([(0, rgb("#e4b49c")), (top / H, rgb("#edc3ab")), (sill / H, rgb("#d8977b")),
                  (0.75, rgb("#b8664c")), (1, rgb("#8e4634"))])
    glass = hband(top, sill, 1.5)
    img = img * glass[:, :, None] + room * (1 - glass[:, :, None])
    # ceiling lights: a row of soft panels
    for x in range(80, W, 220):
        add(img, rgb("#fff1dd"), Mask().rect(x, 22, 120, 8, radius=4).get(soft=2) * 0.5)
        add(img, rgb("#ffe2c0"), radial(x + 60, 28, 120, 30) * 0.12)
    window_frame(img, "#b5735c", top=top, bottom=sill, mullions=list(range(160, W, 160)), width=6)
    # coloured glass partitions (red, coral, amber) between the desks
    parts = [(40, "#d9483a"), (250, "#ef8a5a"), (470, "#e9b35a"), (780, "#d9483a"), (1000, "#f08c6e"),
             (1180, "#e9b35a")]
    for x, c in parts:
        w = 150
        pm = Mask().rect(x, 300, w, 190, radius=4).get(soft=1.0)
        over(img, rgb(c), pm * 0.42)
        add(img, rgb("#fff0dc"), Mask().rect(x, 300, w, 3).get(soft=0.6) * 0.5)
    # the row of desks in the middle distance, each with a glowing screen
    desk = Mask()
    desk.rect(0, 468, W, 16)
    for x in range(70, W, 215):
        desk.rect(x, 484, 8, 80)
        desk.rect(x + 150, 484, 8, 80)
    over(img, rgb("#6e3326"), desk.get(soft=0.8))
    for x in range(105, W, 215):
        scr = Mask().rect(x, 418, 84, 50, radius=3).get(soft=0.8)
        over(img, rgb("#4a2420"), scr)
        add(img, rgb("#ffe3c6"), Mask().rect(x + 4, 422, 76, 40, radius=2).get(soft=0.8) * 0.75)
        add(img, rgb("#ffcf9e"), radial(x + 42, 445, 70, 40) * 0.15)
        # a colleague, seated, seen from behind
        if rng.random() < 0.55:
            m = Mask()
            bust(m, x + 42 + rng.uniform(-16, 16), 406 + rng.uniform(-5, 5), 104, tilt=rng.uniform(-0.3, 0.3))
            bm = m.get(soft=1.6)
            over(img, rgb("#6a3430"), bm * 0.92)
            add(img, rgb("#ffd2b0"), np.clip(bm - np.roll(bm, 2, axis=0), 0, 1) * 0.3)
    # light shafts from the windows
    shafts = Mask()
    for x in (120, 430, 760):
        shafts.poly([(x, top), (x + 120, top), (x + 420, H), (x + 180, H)])
    shafts = shafts.get(soft=30)
    add(img, rgb("#fff0da"), shafts * 0.16)
    # foreground: a long wooden desk, softly out of focus
    fg = Mask().poly([(0, 600), (W, 580), (W, H), (0, H)]).get(soft=1.5)
    wood = vgrad([(580 / H, rgb("#a7593c")), (0.9, rgb("#8a4530")), (1, rgb("#6e3424"))])
    grain = blur(np.random.default_rng(5).normal(0, 1, (H, W)).astype(np.float32), 1)
    grain = hblur(grain, 90)
    grain /= grain.std() + 1e-6
    wood = wood * (1 + 0.035 * grain[:, :, None])
    over(img, wood, fg)
    add(img, rgb("#ffd8b4"), Mask().poly([(0, 600), (W, 580), (W, 586), (0, 606)]).get(soft=1.5) * 0.35)
    # on the desk: a letter in progress, a pen, a cup, a small plant
    paper = Mask().poly([(820, 640), (1060, 622), (1100, 700), (850, 720)]).get(soft=1.5)
    over(img, rgb("#f6e6d6"), paper)
    paper2 = Mask().poly([(800, 650), (1030, 640), (1060, 718), (820, 728)]).get(soft=1.5)
    over(img, rgb("#ead2bd"), np.clip(paper2 - paper, 0, 1))
    lines = Mask()
    for k in range(6):
        y0 = 640 + k * 11
        lines.line([(846 + k * 4, y0 + 6), (1040 + k * 5, y0 - 10)], 1)
    over(img, rgb("#b89480"), lines.get(soft=0.8) * paper * 0.55)
    over(img, rgb("#3a1a18"), Mask().line([(1080, 650), (1180, 612)], 6).get(soft=1.2))
    add(img, rgb("#ffd2a8"), Mask().line([(1100, 640), (1170, 614)], 1.5).get(soft=1) * 0.4)
    cup = Mask().rect(300, 572, 44, 52, radius=6).get(soft=2.5)
    over(img, rgb("#f3dccb"), cup)
    over(img, rgb("#d9b6a0"), Mask().rect(300, 600, 44, 24, radius=6).get(soft=2.5) * 0.6)
    add(img, rgb("#ffffff"), Mask().rect(306, 576, 6, 40, radius=3).get(soft=2) * 0.25)
    handle = Mask().circle(350, 594, 12).get(soft=2.5) - Mask().circle(350, 594, 7).get(soft=2.5)
    over(img, rgb("#f3dccb"), handle.clip(0, 1))
    leaves, pot = Mask(), Mask()
    plant(leaves, pot, 150, 612, 190, np.random.default_rng(3))
    over(img, rgb("#7a4a30"), leaves.get(soft=2.2))
    over(img, rgb("#c96d4e"), pot.get(soft=2))
    OVERLAY["office"] = {"motes": {"region": [120, 80, 1180, 660], "count": 60, "colour": [255, 238, 214]}}
    return finish(img, bloom=0.3, bloom_threshold=0.78, halation=0.25, vignette=0.3, vignette_colour="#6a2c22",
                  lift="#4a1e1a", lift_amount=0.04)


def scene_street():
    rng = np.random.default_rng(31)
    img = vgrad([(0, rgb("#b8505a")), (0.25, rgb("#de7a68")), (0.5, rgb("#f4ad84")), (0.62, rgb("#fbd2a6"))])
    add(img, rgb("#fff0c8"), radial(330, 420, 360, 220) * 0.55)
    lights = []
    layers = [(430, 80, 220, 40, 90, "#e7a088", 0.0), (480, 160, 340, 60, 120, "#c5705f", 0.12),
              (540, 260, 480, 90, 170, "#6e2f33", 0.25)]
    for li, (base, hmin, hmax, wmin, wmax, col, p) in enumerate(layers):
        ts = towers(rng, -40, W + 40, base, hmin, hmax, wmin, wmax, gap=(6, 30))
        m = skyline_mask(ts, base, rng=rng)
        g = vgrad([(0, rgb(col)), (base / H, mix(rgb(col), rgb("#f3b08a"), 0.45 - li * 0.1))])
        over(img, g, m)
        if li == 0:
            tower_windows(img, rng, ts, base, cell=(6, 8), win=(3, 3), p_lit=0.0, dim=("#f6c3a2", 0.25))
        else:
            tower_windows(img, rng, ts, base, cell=(8 + li * 2, 11 + li * 2), win=(3 + li, 4 + li), p_lit=p,
                          bright=(0.6, 1.0), record=lights if li == 2 else None,
                          dim=("#3a1a1e", 0.25) if li == 2 else None)
        # sunlit edges on the towers facing the low sun
        if li < 2:
            over(img, rgb("#f8c9a2"), hband(base - 300, base + 80, 160) * 0.32)
        if li == 1:
            # an elevated walkway between towers, with people on it
            wm = Mask().rect(-10, 388, W + 20, 14).rect(-10, 402, W + 20, 3)
            for x in range(60, W, 190):
                wm.rect(x, 402, 10, 80)
            over(img, rgb("#8e4441"), wm.get(soft=1))
            add(img, rgb("#ffd7b0"), Mask().rect(-10, 386, W + 20, 3).get(soft=1) * 0.5)
            pm = Mask()
            crowd(pm, rng, 0, W, 388, 18, 24, 26)
            over(img, rgb("#7a3638"), pm.get(soft=0.8))
    # the street: a wide plaza catching the sky
    ground = vgrad([(540 / H, rgb("#c47862")), (0.85, rgb("#9c5148")), (1, rgb("#6e3436"))])
    gm = hband(540, H + 40, 1.5)
    over(img, ground, gm)
    refl = np.flip(img[300:540], axis=0)
    refl = blur(refl, 6)
    seg = img[540:720]
    seg[:] = seg * 0.72 + refl[:180] * 0.28
    # street lamps
    lm = Mask()
    for x in (150, 560, 1010):
        lm.rect(x, 420, 5, 130)
        lm.rect(x - 14, 418, 33, 5, radius=2)
    over(img, rgb("#3a1a1e"), lm.get(soft=1))
    for x in (150, 560, 1010):
        add(img, rgb("#ffc98a"), radial(x + 2, 426, 24, 12) * 0.8)
        add(img, rgb("#ffae70"), radial(x + 2, 430, 110, 80) * 0.18)
        add(img, rgb("#ffb57a"), radial(x + 2, 560, 70, 14) * 0.25)
    # people walking, backlit by the low sun
    pm = Mask()
    crowd(pm, rng, -20, W + 20, 600, 70, 95, 9)
    crowd(pm, rng, -20, W + 20, 665, 120, 150, 7)
    pmask = pm.get(soft=1.2)
    over(img, rgb("#3b1a1f"), pmask)
    # rim light on their sun side
    rim = np.clip(pmask - np.roll(pmask, 3, axis=1), 0, 1)
    add(img, rgb("#ffb98a"), rim * 0.35)
    # long soft shadows of pedestrians on the ground
    OVERLAY["street"] = {"windows": lights}
    return finish(img, bloom=0.4, bloom_threshold=0.62, halation=0.25, vignette=0.32, lift_amount=0.05)


def seated(m: Mask, x, seat, h, *, reading=False, facing=1):
    """A seated figure seen from the side, facing left (-1) or right (1); h = head top to seat."""
    u = h / 100.0
    f = facing
    m.ellipse(x + f * 3 * u - 10 * u, seat - h, 20 * u, 23 * u)            # head
    limb(m, [(x + f * 2 * u, seat - 80 * u), (x, seat - 72 * u)], 9 * u)   # neck
    # torso, slightly leaning back, in a coat
    m.poly([(x - f * 2 * u - 14 * u, seat - 70 * u), (x - f * 2 * u + 14 * u, seat - 70 * u),
            (x + 16 * u, seat - 2 * u), (x - 16 * u, seat - 2 * u)])
    m.circle(x - f * 2 * u, seat - 64 * u, 14 * u)
    # thigh and shin
    limb(m, [(x, seat - 9 * u), (x + f * 44 * u, seat - 11 * u), (x + f * 46 * u, seat + 42 * u)], 19 * u, 11 * u)
    m.ellipse(x + f * 46 * u - 7 * u + f * 5 * u, seat + 38 * u, 16 * u, 7 * u)
    # arm
    if reading:
        limb(m, [(x - f * 2 * u, seat - 62 * u), (x + f * 8 * u, seat - 32 * u), (x + f * 30 * u, seat - 42 * u)], 10 * u, 7 * u)
        m.poly([(x + f * 24 * u, seat - 62 * u), (x + f * 40 * u, seat - 58 * u),
                (x + f * 36 * u, seat - 36 * u), (x + f * 22 * u, seat - 40 * u)])
    else:
        limb(m, [(x - f * 2 * u, seat - 62 * u), (x + f * 6 * u, seat - 34 * u), (x + f * 30 * u, seat - 18 * u)], 10 * u, 7 * u)


def bust(m: Mask, x, y, h, *, tilt=0.0):
    """Head and shoulders from behind or in front (a diner across the room, a friend on a ledge).
    y is the top of the head, h the height of the bust down to the cut."""
    u = h / 100.0
    hx = x + tilt * 10 * u
    m.ellipse(hx - 13 * u, y + abs(tilt) * 4 * u, 26 * u, 31 * u)
    limb(m, [(hx, y + 26 * u), (x, y + 40 * u)], 12 * u)
    m.poly([(x - 30 * u, y + 50 * u), (x + 30 * u, y + 50 * u), (x + 28 * u, y + h), (x - 28 * u, y + h)])
    m.ellipse(x - 36 * u, y + 40 * u, 36 * u, 26 * u)
    m.ellipse(x, y + 40 * u, 36 * u, 26 * u)
    m.rect(x - 14 * u, y + 38 * u, 28 * u, 14 * u)


def scene_subway():
    rng = np.random.default_rng(41)
    img = vgrad([(0, rgb("#f2d2bb")), (0.12, rgb("#f6dcc6")), (0.55, rgb("#e9bea2")), (0.8, rgb("#c98a70")),
                 (1, rgb("#8e4e40"))])
    # long ceiling light strip
    add(img, rgb("#fff4e2"), Mask().rect(0, 54, W, 10).get(soft=3) * 0.8)
    add(img, rgb("#ffe8cc"), hband(30, 120, 40) * 0.2)
    # windows onto the tunnel
    wins = [(70, 140, 360, 230), (470, 140, 360, 230), (870, 140, 360, 230)]
    tunnel = vgrad([(0, rgb("#2a1418")), (0.35, rgb("#3c1c20")), (0.55, rgb("#4a2226"))])
    streak = np.zeros((H, W), np.float32)
    for _ in range(70):
        y = rng.uniform(150, 360)
        x = rng.uniform(-200, W)
        ln = rng.uniform(80, 420)
        streak[int(y):int(y) + rng.integers(1, 4), max(0, int(x)):min(W, int(x + ln))] += rng.uniform(0.3, 1.0)
    streak = hblur(streak, 60)
    streak = blur(streak, 1.5)
    tunnel = tunnel + streak[:, :, None] * rgb("#ffae6a") * 1.4
    wm = Mask()
    for x, y, w, h in wins:
        wm.rect(x, y, w, h, radius=26)
    wmask = wm.get(soft=1)
    over(img, tunnel, wmask)
    # faint reflections of the lit interior in the glass
    add(img, rgb("#f6d6bf"), wmask * hband(150, 230, 50) * 0.08)
    frame = Mask()
    for x, y, w, h in wins:
        frame.rect(x - 8, y - 8, w + 16, h + 16, radius=32)
    frame = np.clip(frame.get(soft=1) - wmask, 0, 1)
    over(img, rgb("#c9967e"), frame * 0.8)
    add(img, rgb("#fff0e0"), frame * hband(130, 150, 6) * 0.4)
    # a coral stripe along the car
    over(img, rgb("#d6503e"), hband(398, 412, 1.5))
    over(img, rgb("#e9785c"), hband(412, 416, 1) * 0.8)
    # bench seats
    seat = Mask()
    for x0 in (40, 660):
        seat.rect(x0, 470, 580, 56, radius=14)     # backrest
        seat.rect(x0 - 6, 520, 592, 40, radius=12)  # cushion
    sm = seat.get(soft=1.5)
    sv = vgrad([(470 / H, rgb("#d4543f")), (560 / H, rgb("#a83c32"))])
    over(img, sv, sm)
    seams = Mask()
    for x0 in (40, 660):
        for k in range(1, 5):
            seams.rect(x0 + k * 116, 476, 2, 44)
    over(img, rgb("#8e3028"), seams.get(soft=1) * 0.6)
    add(img, rgb("#ffc6a2"), sm * hband(468, 480, 5) * 0.35)
    over(img, rgb("#5a2822"), hband(560, 600, 14) * 0.45)
    # passengers
    pm = Mask()
    seated(pm, 230, 524, 150, reading=True)
    seated(pm, 1010, 524, 140, facing=-1)
    pmask = pm.get(soft=1.8)
    over(img, rgb("#6a3030"), pmask * 0.92)
    add(img, rgb("#ffcfae"), np.clip(pmask - np.roll(pmask, 3, axis=0), 0, 1) * 0.3)
    # someone standing close to us, out of focus
    fm = Mask()
    person(fm, 700, 1000, 720, coat=0.9)
    over(img, rgb("#4a2226"), fm.get(soft=9) * 0.9)
    # poles and a hand rail
    poles = Mask()
    for x in (455, 860):
        poles.rect(x, 80, 12, 640)
    poles.rect(0, 104, W, 7)
    for x in range(60, W, 90):
        poles.rect(x, 111, 3, 30)
        poles.circle(x + 1.5, 148, 10)
    loops = Mask()
    for x in range(60, W, 90):
        loops.circle(x + 1.5, 148, 6)
    pm2 = np.clip(poles.get(soft=1.2) - loops.get(soft=1.2), 0, 1)
    over(img, rgb("#b8826a"), pm2)
    add(img, rgb("#fff0dc"), Mask().rect(458, 80, 3, 640).rect(863, 80, 3, 640).get(soft=1) * 0.55)
    return finish(img, bloom=0.3, bloom_threshold=0.7, halation=0.25, vignette=0.32, vignette_colour="#5a2420",
                  lift="#3a1a1a", lift_amount=0.04)


def scene_beach():
    """Gull Bay out of season, after dark: the last of the afterglow on the horizon, a headland with
    the care home's few lit windows, the harbour wall running out into the water, the shingle."""
    rng = np.random.default_rng(51)
    hz = 360
    img = vgrad([(0, rgb("#2c1a2e")), (0.3, rgb("#4a2a3c")), (0.44, rgb("#8a4a4a")), (hz / H, rgb("#d98a6a"))])
    add(img, rgb("#f0a070"), radial(700, hz, 700, 60) * 0.35)
    # a few faint stars high up
    st = Mask()
    for _ in range(40):
        st.circle(rng.uniform(0, W), rng.uniform(10, 200), rng.uniform(0.6, 1.3))
    add(img, rgb("#f7e0d0"), st.get(soft=0.5) * 0.35)
    # the headland on the right, with a long low building on top
    hd = Mask().poly([(760, hz + 2), (880, 300), (990, 262), (1120, 250), (1290, 240), (1290, hz + 2)])
    over(img, rgb("#2a1622"), hd.get(soft=1.2))
    bld = Mask().rect(940, 214, 250, 42, radius=2)
    over(img, rgb("#8a6a70"), bld.get(soft=0.9) * 0.8)
    over(img, rgb("#3a2030"), Mask().rect(936, 208, 258, 8, radius=2).get(soft=0.9))
    lit = Mask()
    for i, row in ((1, 0), (4, 1), (5, 0), (8, 1), (10, 0)):
        lit.rect(952 + i * 20, 222 + row * 16, 9, 10)
    add(img, rgb("#ffd49a"), lit.get(soft=0.6) * 0.9)
    add(img, rgb("#ffb070"), radial(1060, 236, 160, 40) * 0.1)
    # the sea: dark, with a long bright line where the afterglow lies on it
    sea = vgrad([(hz / H, rgb("#6a3a44")), (0.62, rgb("#3a2230")), (0.72, rgb("#2e1a26"))])
    sm = hband(hz, H + 40, 0.8)
    over(img, sea, sm)
    add(img, rgb("#f0a070"), radial(700, hz + 3, 520, 5) * 0.35)
    wv = np.zeros((H, W), np.float32)
    for _ in range(140):
        y = hz + 4 + (rng.random() ** 1.5) * 140
        x = rng.uniform(-100, W)
        ln = rng.uniform(20, 110) * (1 + (y - hz) / 60)
        wv[int(y), max(0, int(x)):min(W, int(x + ln))] += rng.uniform(0.2, 0.6)
    wv = blur(hblur(wv, 14), 0.8)
    add(img, rgb("#e8a484"), wv * 0.22)
    # the harbour wall, running out from the left into the water
    wall = Mask().poly([(-10, 560), (-10, 520), (520, 448), (540, 452), (540, 462), (-10, 585)])
    over(img, rgb("#3e2430"), wall.get(soft=1.0))
    add(img, rgb("#c98a70"), Mask().line([(-10, 520), (520, 448)], 2).get(soft=0.8) * 0.35)
    fisher = Mask()
    person(fisher, 430, 462, 34)
    fisher.line([(436, 440), (520, 392)], 1.2)
    over(img, rgb("#1e1018"), fisher.get(soft=0.8))
    # the shingle: the surf's edge, then stones
    shore = 560
    xs = np.arange(W)
    edge = shore + 6 * np.sin(xs / 151.0) + 3 * np.sin(xs / 43.0 + 1) + 40 * np.clip((xs - 700) / 580, 0, 1) ** 2
    fm = np.clip(1 - np.abs(_YY - edge[None, :]) / 3, 0, 1)
    fm *= (0.5 + 0.5 * np.sin(xs / 61.0 + 0.4) ** 2)[None, :]
    sh_m = np.clip((_YY - edge[None, :]) / 2 + 0.5, 0, 1)
    shingle = vgrad([(shore / H, rgb("#4a2c34")), (1, rgb("#2e1a22"))])
    over(img, shingle, sh_m)
    add(img, rgb("#f2c4a8"), fm * 0.35)
    pebbles = Mask()
    for _ in range(700):
        y = shore + 8 + (rng.random() ** 0.7) * (H - shore)
        s = 0.5 + (y - shore) / 120
        pebbles.ellipse(rng.uniform(0, W), y, rng.uniform(2, 5) * s, rng.uniform(1, 2.5) * s)
    add(img, rgb("#a8787a"), pebbles.get(soft=0.8) * sh_m * 0.18)
    OVERLAY["beach"] = {"glints": {"region": [300, hz + 6, 1100, 540], "sun_x": 700, "count": 36}}
    return finish(img, bloom=0.3, bloom_threshold=0.75, halation=0.25, vignette=0.35, vignette_colour="#1e0e18",
                  lift="#3a1e2a", lift_amount=0.03)


def scene_fair():
    rng = np.random.default_rng(61)
    img = vgrad([(0, rgb("#3a1828")), (0.3, rgb("#7a3040")), (0.55, rgb("#d2735e")), (0.66, rgb("#f0a878"))])
    add(img, rgb("#ffb98a"), radial(640, 470, 600, 160) * 0.3)
    # distant towers
    ts = towers(rng, -20, W + 20, 470, 60, 200, 30, 80, gap=(6, 40))
    over(img, rgb("#8c3c44"), skyline_mask(ts, 470, rng=rng) * 0.85)
    tower_windows(img, rng, ts, 470, cell=(6, 8), win=(2, 3), p_lit=0.2, bright=(0.4, 0.8))
    over(img, rgb("#d98a6e"), hband(380, 520, 80) * 0.35)
    # a ferris wheel, lit
    cx, cy, r = 1010, 270, 190
    fw = Mask()
    for k in range(16):
        a = 2 * math.pi * k / 16
        fw.line([(cx, cy), (cx + math.cos(a) * r, cy + math.sin(a) * r)], 1.6)
    pts = [(cx + math.cos(a) * r, cy + math.sin(a) * r) for a in np.linspace(0, 2 * math.pi, 90)]
    fw.line(pts, 3)
    pts2 = [(cx + math.cos(a) * r * 0.92, cy + math.sin(a) * r * 0.92) for a in np.linspace(0, 2 * math.pi, 90)]
    fw.line(pts2, 1.5)
    fw.poly([(cx - 8, cy), (cx + 8, cy), (cx + 120, 500), (cx + 104, 500)])
    fw.poly([(cx - 8, cy), (cx + 8, cy), (cx - 104, 500), (cx - 120, 500)])
    for k in range(16):
        a = 2 * math.pi * k / 16 + 0.1
        fw.rect(cx + math.cos(a) * r - 9, cy + math.sin(a) * r + 2, 18, 16, radius=4)
    over(img, rgb("#4a1e2a"), fw.get(soft=0.8) * 0.9)
    bulbs_w = Mask()
    for a in np.linspace(0, 2 * math.pi, 80, endpoint=False):
        bulbs_w.circle(cx + math.cos(a) * r, cy + math.sin(a) * r, 2.4)
    for k in range(16):
        a = 2 * math.pi * k / 16
        for f in (0.35, 0.6, 0.8):
            bulbs_w.circle(cx + math.cos(a) * r * f, cy + math.sin(a) * r * f, 1.6)
    bulbs_w.circle(cx, cy, 7)
    bw = bulbs_w.get(soft=0.6)
    add(img, rgb("#ffd59a"), bw * 1.2 + blur(bw, 8) * 1.5)
    # stalls with glowing canopies
    for x, w, c in ((40, 260, "#e0604a"), (360, 220, "#f2a36b"), (700, 240, "#d9483a")):
        st = Mask().rect(x, 470, w, 110).get(soft=1)
        over(img, rgb("#3c1a22"), st)
        can = Mask().poly([(x - 14, 470), (x + w + 14, 470), (x + w, 440), (x, 440)]).get(soft=1)
        over(img, rgb(c), can)
        inside = Mask().rect(x + 10, 482, w - 20, 64).get(soft=2)
        over(img, rgb("#e9995e"), inside * 0.85)
        add(img, rgb("#ffd9a6"), inside * hband(470, 500, 16) * 0.5)
        goods = Mask()
        for k in range(int((w - 30) / 18)):
            goods.circle(x + 22 + k * 18, 540 - (k % 2) * 3, 6 + (k * 7) % 4)
        goods.rect(x + 10, 546, w - 20, 6)
        vendor = Mask()
        bust(vendor, x + w * rng.uniform(0.3, 0.7), 488, 62)
        over(img, rgb("#7a3228"), goods.get(soft=1) * 0.7)
        over(img, rgb("#4a1c20"), vendor.get(soft=1.2) * 0.85)
        add(img, rgb("#ffb27a"), radial(x + w / 2, 520, w * 0.8, 80) * 0.25)
    # ground
    ground = vgrad([(580 / H, rgb("#5a2630")), (1, rgb("#2e1219"))])
    over(img, ground, hband(580, H + 40, 2))
    add(img, rgb("#ff9e6e"), hband(580, 640, 30) * 0.12)
    # strings of lights across the plaza
    bulbs = []
    strings = [(-40, 60, 700, 110, 120), (560, 90, 1320, 40, 140), (-40, 200, 1320, 170, 110),
               (300, -10, 1320, 260, 90)]
    wire = Mask()
    bm = Mask()
    for si, (x0, y0, x1, y1, sag) in enumerate(strings):
        pts = catenary(x0, y0, x1, y1, sag, n=200)
        wire.line(pts, 1.2)
        n = int(abs(x1 - x0) / 34)
        for k in range(1, n):
            t = k / n
            x = x0 + (x1 - x0) * t
            y = y0 + (y1 - y0) * t + sag * 4 * t * (1 - t) + 5
            bm.circle(x, y, 3.2)
            c = ["#ffd08a", "#ffb070", "#fff0c8", "#ff9a72"][rng.integers(4)]
            bulbs.append([round(x, 1), round(y, 1), [int(v * 255) for v in rgb(c)], si, round(t, 3)])
    over(img, rgb("#2a1018"), wire.get(soft=0.6) * 0.8)
    bmask = bm.get(soft=0.7)
    add(img, rgb("#ffe2b0"), bmask * 1.3 + blur(bmask, 6) * 1.8 + blur(bmask, 22) * 1.4)
    # bokeh from lights far behind
    bokeh(img, rng, 28, (0, 260, W, 560), 8, 26, ["#ffc68a", "#ff9a72", "#ffe0b0"], (0.04, 0.12))
    # the crowd, backlit
    pm = Mask()
    crowd(pm, rng, -20, W + 20, 640, 110, 140, 10)
    crowd(pm, rng, -40, W + 40, 720, 170, 210, 6)
    pmask = pm.get(soft=1.5)
    over(img, rgb("#2a1018"), pmask)
    rim = np.clip(pmask - np.roll(pmask, 3, axis=0), 0, 1)
    add(img, rgb("#ffb98a"), rim * 0.4)
    OVERLAY["fair"] = {"bulbs": bulbs, "strings": [list(s) for s in strings]}
    return finish(img, bloom=0.45, bloom_threshold=0.6, halation=0.25, vignette=0.4, lift_amount=0.05)


def scene_station():
    """The weather station on Skerry Head at dusk: a white hut on a headland over the sea, a
    mast on its roof with anemometer cups, a wind vane and two red lights, a fence, heather."""
    rng = np.random.default_rng(73)
    hz = 400
    img = vgrad([(0, rgb("#8e6282")), (0.22, rgb("#c3848a")), (0.42, rgb("#eaa88e")), (hz / H, rgb("#f8d2ac"))])
    sx, sy = 330, 372
    add(img, rgb("#ffe4bc"), radial(sx, sy, 520, 190) * 0.45)
    add(img, rgb("#fff0d8"), Mask().circle(sx, sy, 24).get(soft=3) * 0.35)
    # long low clouds lit from below
    cl = np.zeros((H, W), np.float32)
    for _ in range(10):
        cl += radial(rng.uniform(0, W), rng.uniform(60, 300), rng.uniform(160, 380), rng.uniform(6, 13)) * rng.uniform(0.3, 0.6)
    add(img, rgb("#ffd9c0"), np.clip(cl, 0, 1) * 0.3)
    # the sea, darker toward the shore
    sea = vgrad([(hz / H, rgb("#d6a49a")), (0.75, rgb("#9c7384")), (1, rgb("#7a5470"))])
    sm = hband(hz, H + 40, 0.8)
    over(img, sea, sm)
    add(img, rgb("#ffe6c8"), radial(sx, hz + 30, 70, 120) * sm * 0.35)
    add(img, rgb("#fff0dc"), radial(sx, hz + 2, 300, 5) * 0.35)
    wv = np.zeros((H, W), np.float32)
    for _ in range(170):
        y = hz + 4 + (rng.random() ** 1.5) * 300
        x = rng.uniform(-100, W)
        ln = rng.uniform(20, 110) * (1 + (y - hz) / 80)
        wv[min(H - 1, int(y)), max(0, int(x)):min(W, int(x + ln))] += rng.uniform(0.3, 0.8)
    add(img, rgb("#fbe6d6"), blur(hblur(wv, 12), 0.8) * 0.3)
    # the headland: rising from the left edge of the sea to the right, a cliff face toward the water
    xs = np.arange(W)
    top = np.interp(xs, [590, 640, 700, 860, 1100, 1300], [H + 10, 545, 505, 486, 472, 462])
    top = top + 4 * np.sin(xs / 37.0) + 2 * np.sin(xs / 11.0 + 1)
    land = np.clip((_YY - top[None, :]) / 1.5, 0, 1).astype(np.float32)
    grass = vgrad([(460 / H, rgb("#6e4a56")), (0.8, rgb("#4e2c3c")), (1, rgb("#3a1e2c"))])
    over(img, grass, land)
    rim = np.clip(1 - np.abs(_YY - top[None, :] - 2) / 3, 0, 1) * (xs > 640)[None, :]
    add(img, rgb("#ffcaa0"), rim.astype(np.float32) * 0.35)
    # heather tufts
    ht = Mask()
    for _ in range(160):
        x = rng.uniform(640, W)
        y = np.interp(x, xs, top) + rng.uniform(8, 230)
        ht.ellipse(x, y, rng.uniform(8, 22), rng.uniform(3, 6))
    over(img, rgb("#7a4258"), ht.get(soft=2.5) * land * 0.3)
    # the fence, leaning
    fn = Mask()
    for k in range(11):
        x = 700 + k * 52
        y = np.interp(x, xs, top) + 40 + k * 4
        fn.line([(x, y), (x + 4, y - 46)], 3)
    fn.line([(700, np.interp(700, xs, top) + 6), (1240, np.interp(1240, xs, top) + 40)], 2)
    over(img, rgb("#3a1e26"), fn.get(soft=0.8) * 0.8)
    # the hut
    cx, base = 980, 500
    body = Mask().rect(cx - 110, base - 80, 220, 82).get(soft=1)
    over(img, rgb("#efd4c6"), body)
    shade = Mask().rect(cx + 40, base - 80, 70, 82).get(soft=1)
    over(img, rgb("#c8a0a0"), shade * 0.6)
    roof = Mask().poly([(cx - 122, base - 78), (cx + 122, base - 78), (cx + 100, base - 104), (cx - 100, base - 104)]).get(soft=1)
    over(img, rgb("#5a2c34"), roof)
    win = Mask()
    win.rect(cx - 80, base - 58, 46, 32, radius=2)
    win.rect(cx - 10, base - 58, 46, 32, radius=2)
    wm = win.get(soft=0.8)
    over(img, rgb("#ffc27a"), wm)
    bars = Mask()
    for x in (cx - 57, cx + 13):
        bars.rect(x - 1, base - 58, 2, 32)
    over(img, rgb("#7a3c30"), bars.get(soft=0.6) * 0.7)
    add(img, rgb("#ffb26a"), blur(wm, 10) * 0.5 + blur(wm, 36) * 0.3)
    # the mast on the roof: a lattice pole, cross arms, three cups, a vane, two red lights
    mx, mtop = cx + 60, base - 330
    mast = Mask()
    mast.line([(mx, base - 104), (mx, mtop)], 4)
    for y in range(int(mtop) + 20, base - 104, 28):
        mast.line([(mx - 6, y), (mx + 6, y + 14)], 1.2)
        mast.line([(mx + 6, y), (mx - 6, y + 14)], 1.2)
    mast.line([(mx - 40, mtop + 40), (mx + 40, mtop + 40)], 2.5)
    mast.line([(mx, mtop), (mx, mtop - 22)], 2)
    for k in range(3):
        a = k * 2 * math.pi / 3 + 0.4
        ex, ey = mx + 18 * math.cos(a), mtop - 22 + 6 * math.sin(a)
        mast.line([(mx, mtop - 22), (ex, ey)], 1.5)
        mast.ellipse(ex, ey, 6, 5)
    mast.poly([(mx - 40, mtop + 40), (mx - 52, mtop + 30), (mx - 52, mtop + 50)])
    mast.line([(mx + 40, mtop + 40), (mx + 40, mtop + 30)], 2)
    mast.poly([(mx + 40, mtop + 22), (mx + 70, mtop + 30), (mx + 40, mtop + 38)])
    over(img, rgb("#3a1a26"), mast.get(soft=0.7))
    lights = Mask()
    lights.circle(mx, mtop + 4, 4)
    lights.circle(mx, mtop + 120, 4)
    lm = lights.get(soft=0.8)
    over(img, rgb("#ff5a4a"), lm)
    add(img, rgb("#ff6a50"), blur(lm, 8) * 0.6 + blur(lm, 24) * 0.3)
    # a path up to the hut
    fp = Mask()
    fp.line([(cx - 30, base + 2), (cx - 80, base + 90), (cx - 170, H + 10)], 8)
    over(img, rgb("#7a5060"), fp.get(soft=3) * 0.3)
    OVERLAY["station"] = {"glints": {"region": [sx - 300, hz + 6, sx + 300, 560], "sun_x": sx, "count": 60}}
    return finish(img, bloom=0.25, bloom_threshold=0.84, halation=0.24, vignette=0.35, vignette_colour="#3a1a26",
                  lift="#3a1a26", lift_amount=0.04)


def glass(m_bowl: Mask, m_line: Mask, x, y, s):
    m_bowl.ellipse(x - 22 * s, y, 44 * s, 60 * s)
    m_line.rect(x - 1.5 * s, y + 55 * s, 3 * s, 50 * s)
    m_line.ellipse(x - 20 * s, y + 102 * s, 40 * s, 8 * s)


def scene_restaurant():
    rng = np.random.default_rng(81)
    # the window: a dusk city, far out of focus
    outside = vgrad([(0, rgb("#6a2c3e")), (0.3, rgb("#b0505a")), (0.55, rgb("#e88a6c")), (0.7, rgb("#f3b283"))])
    ts = towers(rng, -20, W + 20, 560, 120, 380, 50, 130, gap=(6, 30))
    over(outside, rgb("#4a1c2a"), skyline_mask(ts, 560, rng=rng))
    tower_windows(outside, rng, ts, 560, cell=(12, 16), win=(6, 8), p_lit=0.35, bright=(0.6, 1.0))
    outside = blur(outside, 7)
    img = vgrad([(0, rgb("#3a1a1e")), (0.6, rgb("#4e2424")), (1, rgb("#5e2c26"))])
    wm = Mask().rect(90, 60, 760, 420, radius=4).get(soft=1)
    over(img, outside, wm)
    wf = Mask().rect(84, 54, 772, 432, radius=6).get(soft=1) - wm
    over(img, rgb("#2a1014"), np.clip(wf, 0, 1))
    over(img, rgb("#2a1014"), Mask().rect(466, 60, 8, 420).get(soft=1))
    # other diners, soft silhouettes against the window
    dm = Mask()
    bust(dm, 250, 360, 120, tilt=0.3)
    bust(dm, 345, 372, 110, tilt=-0.2)
    bust(dm, 700, 380, 100)
    dm.rect(170, 455, 260, 14, radius=4).rect(640, 462, 130, 12, radius=4)
    over(img, rgb("#2e1216"), dm.get(soft=4) * 0.8)
    # wall panels to the right, warm wood
    over(img, rgb("#6a3024"), Mask().rect(900, 0, 380, 600).get(soft=1))
    for x in range(930, W, 90):
        over(img, rgb("#5a2820"), Mask().rect(x, 0, 3, 600).get(soft=1) * 0.7)
    add(img, rgb("#ffb27a"), radial(1090, 200, 260, 200) * 0.18)
    # pendant lamps
    for x, y, r in ((330, 190, 36), (640, 230, 30), (1090, 170, 42)):
        over(img, rgb("#1e0c10"), Mask().rect(x - 1, 0, 2, y - r).get(soft=0.8))
        g = Mask().circle(x, y, r).get(soft=1.5)
        over(img, rgb("#ffd29a"), g)
        add(img, rgb("#ffbe7a"), blur(g, 20) * 0.9 + radial(x, y, r * 6, r * 5) * 0.25)
    # the table, a white cloth in warm candle light
    tm = Mask().poly([(150, 600), (1130, 600), (1280, 720), (0, 720)]).get(soft=1.5)
    cloth = vgrad([(600 / H, rgb("#c48a72")), (1, rgb("#7e4438"))])
    cloth = cloth * (0.8 + 0.35 * radial(640, 630, 480, 140)[:, :, None])
    over(img, cloth, tm)
    add(img, rgb("#ffffff"), Mask().poly([(150, 600), (1130, 600), (1136, 604), (146, 604)]).get(soft=1) * 0.25)
    # chairs at the edges
    ch = Mask().rect(-40, 430, 120, 300, radius=30).rect(1200, 420, 130, 320, radius=30).get(soft=3)
    over(img, rgb("#2a1014"), ch)
    # candle
    cx, cy = 640, 640
    add(img, rgb("#ffb060"), radial(cx, cy - 30, 260, 140) * 0.35)
    cm = Mask().rect(cx - 22, cy - 40, 44, 52, radius=8).get(soft=1)
    over(img, rgb("#f2c090"), cm * 0.55)
    over(img, rgb("#fff0dc"), Mask().rect(cx - 8, cy - 30, 16, 36, radius=3).get(soft=1))
    flame = Mask().ellipse(cx - 4, cy - 52, 8, 18).get(soft=1.2)
    add(img, rgb("#ffe2a0"), flame * 1.5 + blur(flame, 10) * 1.2)
    # two wine glasses
    bowl, line = Mask(), Mask()
    glass(bowl, line, 470, 540, 1.0)
    glass(bowl, line, 820, 548, 0.95)
    bm = bowl.get(soft=1.2)
    lm = line.get(soft=1.0)
    over(img, rgb("#8a2a34"), bm * hband(575, 700, 3) * 0.85)  # wine
    add(img, rgb("#ffe6cc"), (bm - blur(bm, 3)).clip(0, 1) * 1.2 + lm * 0.35)
    add(img, rgb("#fff4e6"), Mask().ellipse(452, 552, 7, 30).ellipse(800, 560, 7, 28).get(soft=2) * 0.5)
    # a small vase with a coral flower
    vm = Mask().ellipse(960, 592, 34, 46).rect(970, 576, 14, 20, radius=3).get(soft=1.2)
    over(img, rgb("#8a4a3e"), vm * 0.9)
    add(img, rgb("#ffd2b0"), Mask().ellipse(966, 600, 6, 26).get(soft=1.5) * 0.35)
    stem = Mask().line([(977, 580), (982, 520)], 3).get(soft=0.8)
    over(img, rgb("#4a2a1e"), stem)
    leaf = Mask().poly([(979, 556), (1000, 540), (1004, 546)]).get(soft=0.8)
    over(img, rgb("#5a3424"), leaf)
    fl = Mask()
    for a in np.linspace(0, 2 * math.pi, 7, endpoint=False):
        fl.circle(982 + math.cos(a) * 9, 512 + math.sin(a) * 9, 8)
    over(img, rgb("#e0604a"), fl.get(soft=1.2))
    over(img, rgb("#f2a36b"), Mask().circle(982, 512, 5).get(soft=1))
    return finish(img, bloom=0.45, bloom_threshold=0.6, halation=0.28, vignette=0.42, lift_amount=0.05)


def scene_rooftop():
    rng = np.random.default_rng(91)
    hz = 470
    img = vgrad([(0, rgb("#5e3452")), (0.22, rgb("#a04e62")), (0.45, rgb("#e98670")), (hz / H, rgb("#ffd49a"))])
    sx = 760
    add(img, rgb("#fff0c0"), radial(sx, hz, 380, 200) * 0.5)
    add(img, rgb("#fffae6"), radial(sx, hz, 80, 50) * 0.8)
    # long thin clouds lit from below
    for _ in range(12):
        y = rng.uniform(80, 360)
        c = radial(rng.uniform(0, W), y, rng.uniform(150, 400), rng.uniform(5, 12))
        lit = 1 - y / 400
        add(img, mix(rgb("#f7a07a"), rgb("#ffd8a8"), 1 - lit), c * rng.uniform(0.15, 0.35))
    # the city, in layers of dawn haze
    for li, (base, hmin, hmax, wmin, wmax, col) in enumerate([
            (hz + 10, 60, 180, 24, 60, "#d98a80"), (hz + 50, 100, 280, 40, 100, "#a4566a"),
            (hz + 110, 160, 340, 60, 140, "#5c2a40")]):
        ts = towers(rng, -20, W + 20, base, hmin, hmax, wmin, wmax, gap=(4, 26))
        g = vgrad([(0, rgb(col)), (base / H, mix(rgb(col), rgb("#ffc89a"), 0.35))])
        over(img, g, skyline_mask(ts, base, rng=rng))
        if li:
            tower_windows(img, rng, ts, base, cell=(6 + li * 3, 8 + li * 3), win=(2 + li, 3 + li), p_lit=0.08,
                          bright=(0.5, 0.9))
        # sun-facing edges catch the first light
        over(img, rgb("#ffc490"), hband(base - 260, base + 40, 120) * 0.22 * (2 - li) / 2)
    # rooftop: parapet and floor
    roof = vgrad([(560 / H, rgb("#4a2030")), (1, rgb("#2e1220"))])
    over(img, roof, hband(560, H + 40, 1.5))
    add(img, rgb("#ffc69a"), Mask().rect(0, 558, W, 4).get(soft=1) * 0.5)
    # water tank and vents
    tk = Mask()
    tk.rect(90, 330, 150, 150, radius=6)
    tk.poly([(84, 332), (246, 332), (165, 290)])
    for x in (100, 150, 200, 225):
        tk.rect(x, 480, 6, 82)
    tk.rect(96, 500, 140, 4)
    tk.rect(1120, 470, 30, 92)
    tk.rect(1112, 464, 46, 10, radius=3)
    tk.rect(1180, 420, 4, 142)
    tk.rect(1050, 520, 60, 42, radius=4)
    over(img, rgb("#341424"), tk.get(soft=1))
    add(img, rgb("#ffb98a"), Mask().rect(236, 336, 4, 144).get(soft=1.5) * 0.35)
    # two friends sitting on the ledge, shoulder to shoulder, backs to us
    pm = Mask()
    bust(pm, 590, 430, 132)
    bust(pm, 662, 440, 122, tilt=-1.1)
    pmask = pm.get(soft=1.2)
    over(img, rgb("#2a1020"), pmask)
    rim = np.clip(pmask - np.roll(np.roll(pmask, 3, axis=0), -2, axis=1), 0, 1)
    add(img, rgb("#ffc890"), rim * 0.55)
    OVERLAY["rooftop"] = {"glow": {"x": sx, "y": hz, "r": 420}}
    return finish(img, bloom=0.4, bloom_threshold=0.66, halation=0.25, vignette=0.38, vignette_colour="#2a1020",
                  lift_amount=0.05)


def scene_title():
    rng = np.random.default_rng(101)
    # a warm diagonal field: coral to peach, like light through a red curtain
    t = np.clip(_XX / W * 0.55 + _YY / H * 0.45, 0, 1)
    a, b, c = rgb("#9e3038"), rgb("#dc644c"), rgb("#f7c29a")
    t3 = t[:, :, None]
    img = np.where(t3 < 0.5, a + (b - a) * (t3 / 0.5), b + (c - b) * ((t3 - 0.5) / 0.5)).astype(np.float32)
    add(img, rgb("#ffe4c4"), radial(1000, 420, 560, 300) * 0.38)
    bokeh(img, rng, 26, (0, 0, W, 520), 14, 70, ["#ffd6b0", "#ffc29a", "#fff0dc"], (0.03, 0.09))
    # a far city in layers of haze, low in the frame
    for li, (base, hmin, hmax, col, al) in enumerate([(640, 40, 170, "#e9866a", 0.45), (690, 40, 200, "#c4524a", 0.6),
                                                     (740, 30, 150, "#8e2c34", 0.85)]):
        ts = towers(rng, -20, W + 20, base, hmin, hmax, 24, 70, gap=(2, 22))
        over(img, rgb(col), skyline_mask(ts, base, rng=rng) * al)
        if li:
            tower_windows(img, rng, ts, base, cell=(6 + li * 2, 8 + li * 2), win=(2 + li, 2 + li), p_lit=0.12,
                          bright=(0.55, 0.85))
        over(img, rgb("#f0a07e"), hband(base - 120, base + 40, 70) * 0.25)
    # the horizon line of light
    add(img, rgb("#ffe0b8"), radial(1000, 560, 700, 24) * 0.35)
    # a lone figure on a roof edge, looking at the city
    ledge = Mask().rect(860, 648, 460, 80).get(soft=1)
    over(img, rgb("#6a1e28"), ledge)
    add(img, rgb("#ffc49a"), Mask().rect(860, 646, 460, 3).get(soft=1) * 0.5)
    pm = Mask()
    person(pm, 1010, 650, 96, coat=0.6)
    over(img, rgb("#5a1a24"), pm.get(soft=1.0))
    return finish(img, bloom=0.3, bloom_threshold=0.8, halation=0.3, vignette=0.35, vignette_colour="#5a1a22",
                  lift_amount=0.03)


SCENES = {
    "office": scene_office,
    "apartment_night": scene_apartment_night,
    "apartment_day": scene_apartment_day,
    "street": scene_street,
    "subway": scene_subway,
    "beach": scene_beach,
    "fair": scene_fair,
    "station": scene_station,
    "restaurant": scene_restaurant,
    "rooftop": scene_rooftop,
    "title": scene_title,
}


def visible_windows(arr8, windows, seed=0, limit=220):
    """Keep the lit windows that are still visible in the finished picture (not behind a
    sofa, a lamp or a passer-by), with their final lit colour and the wall colour around
    them, so the overlay can switch them off and on seamlessly."""
    a = arr8.astype(np.float32)
    keep = []
    for wx, wy, ww, wh, _lit, _under in windows:
        if wx < 3 or wy < 3 or wx + ww + 3 > W or wy + wh + 3 > H:
            continue
        inner = a[wy:wy + wh, wx:wx + ww].reshape(-1, 3).mean(axis=0)
        ring = a[wy - 2:wy + wh + 2, wx - 2:wx + ww + 2].reshape(-1, 3)
        ring_mean = (ring.sum(axis=0) - inner * ww * wh) / (len(ring) - ww * wh)
        if inner.mean() - ring_mean.mean() > 28:
            keep.append([int(wx), int(wy), int(ww), int(wh), [int(v) for v in inner], [int(v) for v in ring_mean]])
    rng = np.random.default_rng(seed)
    if len(keep) > limit:
        idx = sorted(rng.choice(len(keep), limit, replace=False).tolist())
        keep = [keep[i] for i in idx]
    return keep


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*", help="scene ids (default: all)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "assets" / "scenes")
    args = ap.parse_args(argv)
    pygame.init()
    ids = args.ids or list(SCENES)
    unknown = [i for i in ids if i not in SCENES]
    if unknown:
        ap.error(f"unknown scene ids: {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    ov_path = args.out / "overlay.json"
    if ov_path.exists():
        OVERLAY.update(json.loads(ov_path.read_text()))
    for sid in ids:
        arr = SCENES[sid]()
        if "windows" in OVERLAY.get(sid, {}):
            OVERLAY[sid]["windows"] = visible_windows(arr, OVERLAY[sid]["windows"], seed=len(sid))
        path = args.out / f"{sid}.png"
        pygame.image.save(to_surface(arr), str(path))
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    ov_path.write_text(json.dumps({k: OVERLAY[k] for k in sorted(OVERLAY)}, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
