"""Fonts and rendered text, cached: a static screen re-blits surfaces instead of re-rendering.

Fonts are loaded once per (file, size, style). Rendered lines are kept in an LRU cache keyed
by everything that changes their pixels, so a typewriter frame costs blits only; the cache is
bounded by the bytes its pictures take (a dialogue line is ~150 KB) as well as by their number.
A missing font file falls back to pygame's default font (logged once), never a crash.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame

log = logging.getLogger("her.ui")

_fonts: dict[tuple, pygame.font.Font] = {}
_text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_TEXT_LIMIT = 800  # entries ...
_TEXT_BYTES = 8 * 1024 * 1024  # ... and bytes of pixels (a screenful is well under this)
_text_bytes = 0
_missing: set[Path] = set()


def font(path: Path, size: int, italic: bool = False, bold: bool = False) -> pygame.font.Font:
    key = (path, size, italic, bold)
    cached = _fonts.get(key)
    if cached is not None:
        try:
            cached.get_height()  # fonts die with pygame.font.quit(); a re-initialised game needs new ones
            return cached
        except pygame.error:
            _fonts.clear()
            _text.clear()
    if not pygame.font.get_init():
        pygame.font.init()
    try:
        f = pygame.font.Font(path, size)
    except (OSError, FileNotFoundError):
        if path not in _missing:
            _missing.add(path)
            log.warning("font %s is missing; using the default font", path)
        f = pygame.font.Font(None, size)
    f.italic, f.bold = italic, bold
    _fonts[key] = f
    return f


def render(f: pygame.font.Font, text: str, color: tuple) -> pygame.Surface:
    """A line of anti-aliased text with per-pixel alpha (color may carry an alpha)."""
    key = (id(f), text, color)
    surf = _text.get(key)
    if surf is not None:
        _text.move_to_end(key)
        return surf
    surf = f.render(text, True, tuple(color[:3]))  # 32-bit with per-pixel alpha already
    if len(color) == 4 and color[3] < 255:
        surf.set_alpha(color[3])
    global _text_bytes
    _text[key] = surf
    _text_bytes += _size(surf)
    while len(_text) > 1 and (len(_text) > _TEXT_LIMIT or _text_bytes > _TEXT_BYTES):
        _text_bytes -= _size(_text.popitem(last=False)[1])
    return surf


def _size(surf: pygame.Surface) -> int:
    return surf.get_pitch() * surf.get_height()


def clear() -> None:
    """Forget rendered text (after a language or text-size change)."""
    global _text_bytes
    _text.clear()
    _text_bytes = 0
