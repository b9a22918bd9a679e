"""Laying text into boxes: shared line breaking, shrink-to-fit, then pages; never overflow.

A string is broken with `game.textlayout.break_lines` and the real font. If it has more
lines than its box holds, the font shrinks step by step (down to `SHRINK_FLOOR`), keeping
the box's height; if it still does not fit, it is split into pages (dialogue) or cut with
an ellipsis (buttons and plates, where a page makes no sense).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.textlayout import break_lines
from game.ui import fonts
from game.ui import theme as T
from game.ui.layoutspec import Box

ELLIPSIS = "…"


@dataclass(frozen=True)
class TextLayout:
    pages: tuple[tuple[str, ...], ...]
    font: pygame.font.Font
    size: int
    line_height: int

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(line for page in self.pages for line in page)


def wrap(text: str, f: pygame.font.Font, width: int) -> list[str]:
    return break_lines(text, width, lambda s: f.size(s)[0])


@lru_cache(maxsize=2048)
def fit(text: str, box: Box, italic: bool = False, paginate: bool = True) -> TextLayout:
    """Lay `text` into `box`: shrink to fit its height, then paginate (or cut with an ellipsis)."""
    leading = box.line_height / box.font_size if box.line_height else 1.3
    height = box.max_lines * (box.line_height or round(box.font_size * leading))
    floor = max(8, int(box.font_size * T.SHRINK_FLOOR))
    size = box.font_size
    while True:
        f = fonts.font(box.font_file, size, italic=italic)
        lh = max(1, round(size * leading))
        room = max(1, height // lh)
        lines = wrap(text, f, box.width)
        if len(lines) <= room or size <= floor:
            break
        size = max(floor, size - max(1, size // 14))
    if len(lines) <= room:
        return TextLayout((tuple(lines),), f, size, lh)
    if paginate:
        pages = tuple(tuple(lines[i:i + room]) for i in range(0, len(lines), room))
        return TextLayout(pages, f, size, lh)
    kept = lines[:room]
    kept[-1] = ellipsize(" ".join(lines[room - 1:]), f, box.width)
    return TextLayout((tuple(kept),), f, size, lh)


def ellipsize(text: str, f: pygame.font.Font, width: int) -> str:
    """`text` cut to `width` with an ellipsis (unchanged if it fits)."""
    if f.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if f.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def fit_one_line(text: str, path, size: int, width: int, floor: float = 0.7) -> pygame.font.Font:
    """The font (same face, shrunk if need be) that fits `text` on one line of `width` px."""
    s = size
    f = fonts.font(path, s)
    while f.size(text)[0] > width and s > max(8, int(size * floor)):
        s -= 1
        f = fonts.font(path, s)
    return f


def one_line(text: str, path, size: int, width: int, floor: float = 0.7) -> tuple[pygame.font.Font, str]:
    """A font that fits `text` on one line of `width` px (shrunk down to `floor`), and the text,
    cut with an ellipsis if even that is too wide: a label never spills out of its place."""
    f = fit_one_line(text, path, size, width, floor)
    return f, ellipsize(text, f, width)


def clear() -> None:
    fit.cache_clear()
    fonts.clear()
