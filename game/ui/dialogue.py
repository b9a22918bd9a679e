"""One line of the story on screen, in its style, revealed up to a number of characters.

The style's row in `game.styles` says which box its text is laid out in, the font, the
text colour (TONES) and the frame painted under it:
box       : the warm translucent box at the bottom, the name plate in the speaker's colour.
light_box : the same place, a lighter box; its smaller lines sit in the middle of it.
shade     : no box; the text centred over a soft shade rising from the bottom edge.
page      : a page of paper in the middle; consecutive lines by the same hand gather on the
            page as they are written, like a letter being composed.
Text is laid out once (shrunk or paginated to fit, never overflowing) and drawn from cached
line surfaces; the typewriter only decides how much of them to blit, with a soft leading edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import styles
from game.ui import fonts, layoutspec
from game.ui import theme as T
from game.ui import widgets as W
from game.ui.text import TextLayout, fit, one_line, wrap

# a style's text colour: the theme name it is read from when drawn (the player's look, game.ui.look, sets them)
TONES = {"cream": "LINE_TEXT", "soft": "WHISPER_TEXT", "faint": "THOUGHT_TEXT", "ink": "LETTER_INK"}


def text_color(tone: str) -> tuple:
    """The colour a style's tone draws with now."""
    return getattr(T, TONES[tone])


@dataclass
class Dialogue:
    text: str
    style: str = styles.DEFAULT
    name: str = ""
    color: tuple = T.PEACH
    previous: tuple[str, ...] = ()  # earlier letter lines on the same page (already written)
    scale: float = 1.0

    def __post_init__(self) -> None:
        self.spec = styles.style(self.style)
        self.frame = self.spec.frame
        self.box = layoutspec.box(self.spec.box, self.scale)
        self.layout: TextLayout = fit(self.text, self.box, italic=self.spec.italic)
        self.page = 0
        self._letter = _letter_page(self.previous, self.layout, self.box) if self.frame == "page" else None

    # --- pages and characters ------------------------------------------------------------------
    @property
    def pages(self) -> int:
        return len(self.layout.pages)

    def chars(self, page: int | None = None) -> int:
        lines = self.layout.pages[self.page if page is None else page]
        return sum(len(line) for line in lines)

    def page_text(self) -> str:
        return " ".join(self.layout.pages[self.page])

    # --- geometry ------------------------------------------------------------------------------
    def box_rect(self) -> pygame.Rect:
        line = layoutspec.box("line", self.scale)
        h = 2 * T.BOX_PAD_Y + line.max_lines * line.line_height
        return pygame.Rect(T.BOX_X, T.HEIGHT - T.BOX_BOTTOM - h, T.BOX_W, h)

    def text_region(self) -> pygame.Rect:
        """Where `draw_text` can draw (the text and its cue): all that changes while a line types."""
        screen = pygame.Rect(0, 0, *T.SIZE)
        if self.frame == "page":
            return self._letter.rect.inflate(32, 32).clip(screen)
        if self.frame == "shade":
            lh = self.layout.line_height
            top = T.HEIGHT - T.BOX_BOTTOM - 40 - max(max(len(p) for p in self.layout.pages) * lh, 2 * lh)
            return pygame.Rect(0, top - 8, T.WIDTH, T.HEIGHT - top + 8).clip(screen)
        return self.box_rect().inflate(32, 32).clip(screen)

    def presence_top(self) -> int:
        """Where her presence sits above: the box's top, or where a shaded line floats."""
        return T.HEIGHT - 260 if self.frame == "shade" else self.box_rect().top

    # --- drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, reveal: float, cue_alpha: int = 0) -> None:
        """Draw with `reveal` characters of the current page shown."""
        self.draw_frame(surface)
        self.draw_text(surface, reveal, cue_alpha)

    def draw_frame(self, surface: pygame.Surface) -> None:
        """Everything but the typed text: box and plate, the shade, or the page with earlier lines.

        It does not change while a line types, so the play screen can cache it.
        """
        FRAMES[self.frame](self, surface)

    def _box_frame(self, surface: pygame.Surface) -> None:
        rect = self.box_rect()
        surface.blit(W.shadow(rect.size, 22, 16, 70), (rect.x - 32, rect.y - 28))
        color = T.PANEL_LIGHT if self.frame == "light_box" else T.PANEL
        surface.blit(W.panel(rect.size, color, 22, (255, 226, 206, 40)), rect)
        if self.name:
            self._draw_name(surface, rect)

    def _shade_frame(self, surface: pygame.Surface) -> None:
        surface.blit(W.vshade((T.WIDTH, 330), (*T.THOUGHT_SHADE[:3], 0), T.THOUGHT_SHADE), (0, T.HEIGHT - 330))

    def draw_text(self, surface: pygame.Surface, reveal: float, cue_alpha: int = 0) -> None:
        """The current page's text with `reveal` characters shown, and the cue once it is complete."""
        lines = self.layout.pages[self.page]
        tone = text_color(self.spec.tone)
        if self.frame == "page":
            page = self._letter
            x, y = page.rect.x + T.PAGE_PAD_X, page.rect.y + T.PAGE_PAD_Y + page.used
            end = _typed(surface, lines, self.layout, (x, y), tone, reveal)
            _cue(surface, end, cue_alpha, color=T.RUST)
            return
        if self.frame == "shade":
            lh = self.layout.line_height
            top = T.HEIGHT - T.BOX_BOTTOM - 40 - max(len(lines) * lh, 2 * lh)
            end = None
            shown = reveal
            for i, line in enumerate(lines):
                x = (T.WIDTH - self.layout.font.size(line)[0]) // 2
                end = _typed(surface, (line,), self.layout, (x, top + i * lh), tone, shown) or end
                shown -= len(line)
                if shown <= 0:
                    break
            _cue(surface, end, cue_alpha)
            return
        rect = self.box_rect()
        x, y = rect.x + T.BOX_PAD_X, rect.y + T.BOX_PAD_Y
        if self.frame == "light_box":  # fewer, smaller lines: sit them in the middle of the box
            y += (rect.h - 2 * T.BOX_PAD_Y - len(lines) * self.layout.line_height) // 2
        end = _typed(surface, lines, self.layout, (x, y), tone, reveal)
        _cue(surface, end, cue_alpha)

    def _draw_name(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        spec = layoutspec.box("name", self.scale)
        f, name = one_line(self.name, spec.font_file, spec.font_size, spec.width)
        img = fonts.render(f, name, self.color)
        plate = pygame.Rect(0, 0, img.get_width() + 2 * T.NAME_PAD_X, spec.line_height + 14)
        plate.midleft = (box.x + 34, box.y)
        surface.blit(W.panel(plate.size, T.NAME_PLATE, plate.h // 2, (*self.color, 150), 2), plate)
        surface.blit(img, img.get_rect(center=plate.center))

    def _letter_frame(self, surface: pygame.Surface) -> None:
        page = self._letter
        W.tint(surface, (52, 18, 22), 80)
        rect = page.rect
        surface.blit(_paper_shadow(rect.size), (rect.x - 36, rect.y - 30))
        surface.blit(_paper(rect.size), rect)
        x, y = rect.x + T.PAGE_PAD_X, rect.y + T.PAGE_PAD_Y
        rule = y + page.font.get_ascent() + 7  # ruled lines under the handwriting's baselines
        while rule < rect.bottom - 18:
            pygame.draw.line(surface, (224, 198, 176), (x - 16, rule), (rect.right - T.PAGE_PAD_X + 16, rule))
            rule += page.line_height
        ink = (*T.INK, 255)
        for para in page.before:
            for line in para:
                surface.blit(fonts.render(page.font, line, ink), (x, y))
                y += page.line_height


# the painters of a style's `frame` (game.styles): what lies under its text
FRAMES = {
    "box": Dialogue._box_frame,
    "light_box": Dialogue._box_frame,
    "shade": Dialogue._shade_frame,
    "page": Dialogue._letter_frame,
}


# --- letters ---------------------------------------------------------------------------------------
@dataclass
class _LetterPage:
    rect: pygame.Rect
    before: list[list[str]]  # earlier paragraphs on this page, already written
    font: pygame.font.Font
    line_height: int
    used: int  # px the earlier paragraphs take: where the current line starts


def _letter_page(previous: tuple[str, ...], layout: TextLayout, box) -> _LetterPage:
    """Which earlier letter lines share the page with this one, and how tall the page is."""
    f = fonts.font(box.font_file, box.font_size)
    lh = box.line_height  # paragraphs start on the next ruled line, as on real stationery
    room = box.max_lines * lh
    current_h = max(len(p) for p in layout.pages) * layout.line_height
    paras = [wrap(text, f, box.width) for text in previous]
    # fill pages in order; keep the earlier paragraphs of the page the current line lands on
    page: list[list[str]] = []
    used = 0
    for para in paras:
        h = len(para) * lh
        if page and used + h > room:
            page, used = [], 0
        page.append(para)
        used += h
    if page and used + current_h > room:
        page, used = [], 0
    height = max(used + current_h + 2 * T.PAGE_PAD_Y, 260)
    rect = pygame.Rect((T.WIDTH - T.PAGE_W) // 2, max(24, (T.HEIGHT - height) // 2 - 24), T.PAGE_W, height)
    return _LetterPage(rect, page, f, lh, used)


# A letter's page grows with every line written on it, and each height is a new page and shadow
# (~1.5 MB each): only the last few are kept, outside the shared caches of small pieces.
_paper_cache: dict[tuple, pygame.Surface] = {}
_shadow_cache: dict[tuple, pygame.Surface] = {}
KEEP_PAGES = 3


def _keep(cache: dict, key, surf: pygame.Surface) -> pygame.Surface:
    cache[key] = surf
    while len(cache) > KEEP_PAGES:
        del cache[next(iter(cache))]
    return surf


def _paper_shadow(size: tuple[int, int]) -> pygame.Surface:
    cached = _shadow_cache.get(size)
    return cached if cached is not None else _keep(_shadow_cache, size, W.shadow.__wrapped__(size, 6, 18, 110))


def _paper(size: tuple[int, int]) -> pygame.Surface:
    """Cream stationery with a soft coral margin and a warm edge (the rules are drawn per line)."""
    key = size
    if key in _paper_cache:
        return _paper_cache[key]
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(surf, T.PAPER, surf.get_rect(), border_radius=6)
    edge = W.vshade.__wrapped__((w, h), (255, 250, 240, 0), (236, 214, 190, 90))
    surf.blit(edge, (0, 0))
    pygame.draw.line(surf, (236, 160, 140, 120), (T.PAGE_PAD_X - 26, 12), (T.PAGE_PAD_X - 26, h - 12))
    pygame.draw.rect(surf, (*T.PAPER_EDGE, 255), surf.get_rect(), width=1, border_radius=6)
    return _keep(_paper_cache, key, surf)


# --- the typewriter ---------------------------------------------------------------------------------
def _typed(surface: pygame.Surface, lines, layout: TextLayout, pos, color, reveal: float) -> tuple[int, int] | None:
    """Blit `lines` with `reveal` characters shown; the next one fades in. Returns where the text ends."""
    x, y = pos
    f, lh = layout.font, layout.line_height
    left = reveal
    end = None
    for line in lines:
        if left <= 0:
            break
        img = fonts.render(f, line, color)
        n = len(line)
        if left >= n:
            surface.blit(img, (x, y))
            end = (x + img.get_width(), y)
        else:
            whole = int(left)
            w = f.size(line[:whole])[0] if whole else 0
            if w:
                surface.blit(img, (x, y), (0, 0, w, img.get_height()))
            frac = left - whole
            if frac > 0.05:
                w2 = min(img.get_width(), f.size(line[: whole + 1])[0])
                if w2 > w:
                    edge = img.subsurface((w, 0, w2 - w, img.get_height())).copy()
                    edge.set_alpha(int(255 * frac * (color[3] / 255 if len(color) == 4 else 1)))
                    surface.blit(edge, (x + w, y))
            end = None
        left -= n
        y += lh
    return end


def _cue(surface: pygame.Surface, end: tuple[int, int] | None, alpha: int, color=T.PEACH) -> None:
    """The line-is-complete mark: a small soft chevron after the last word."""
    if end is None or alpha <= 0:
        return
    x, y = end[0] + 12, end[1] + 12
    mark = pygame.Surface((16, 12), pygame.SRCALPHA)
    pygame.draw.polygon(mark, (*color[:3], 255), [(1, 2), (15, 2), (8, 10)])
    mark.set_alpha(alpha)
    surface.blit(mark, (x, y))
