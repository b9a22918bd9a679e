"""The text boxes the window lays text into, for checks that must lay out text as the game does.

`text_boxes(scale, lang)` lists, for each kind of box, the font file (of that language,
`fontset`), its pixel size at that text size (1.0, 1.25, 1.5), the width available and how
many lines fit. The boxes lines are laid out in come from the style table (`game.styles`). The play screen and the
menus build their layouts from the same `theme` numbers, so this cannot drift from them.
No pygame here: the translation overflow check measures with whatever font API it likes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game import styles
from game.ui import fontset
from game.ui import theme as T

# the boxes lines are laid out in (one per style's `box`, game.styles), then the interface's
KINDS = styles.box_kinds() + ("choice", "menu", "name")
LABELS = {"choice": "choice button", "menu": "menu button", "name": "name plate"} | {
    row.box: row.label for row in styles.ROWS}  # what findings call each box


@dataclass(frozen=True)
class Box:
    kind: str
    font_file: Path
    font_size: int
    width: int
    max_lines: int
    line_height: int = 0  # px between baselines (for drawing; checks need only the four above)


def text_boxes(scale: float = 1.0, lang: str | None = None) -> list[Box]:
    """Every kind of text box at this text size, with the real sizes the screens use, in the
    fonts of `lang` (None: the language the window shows)."""
    files = fontset.for_language(lang) if lang is not None else fontset.current()
    return [box(kind, scale, files) for kind in KINDS]


def box(kind: str, scale: float = 1.0, files: fontset.FontFiles | None = None) -> Box:
    files = files or fontset.current()
    s = lambda px: max(8, round(px * scale))
    line_font = files.for_role(_font_role("line"))
    if kind == "line":
        size = s(T.LINE_SIZE)
        return Box(kind, line_font, size, T.BOX_W - 2 * T.BOX_PAD_X, T.LINE_MAX_LINES, T.line_height(size, T.LINE_LEADING))
    if kind == "whisper":
        size = s(T.WHISPER_SIZE)
        lh = T.line_height(size, T.LINE_LEADING)
        # the whisper shares the dialogue box: as many of its smaller lines as fit there
        room = T.LINE_MAX_LINES * T.line_height(s(T.LINE_SIZE), T.LINE_LEADING)
        return Box(kind, files.for_role(_font_role(kind)), size, T.BOX_W - 2 * T.BOX_PAD_X, max(1, room // lh), lh)
    if kind == "thought":
        size = s(T.THOUGHT_SIZE)
        return Box(kind, files.for_role(_font_role(kind)), size, T.THOUGHT_W, T.THOUGHT_MAX_LINES,
                   T.line_height(size, T.LINE_LEADING))
    if kind == "letter":
        size = s(T.LETTER_SIZE)
        lh = T.line_height(size, T.LETTER_LEADING)
        return Box(kind, files.for_role(_font_role(kind)), size, T.PAGE_W - 2 * T.PAGE_PAD_X,
                   (T.PAGE_MAX_H - 2 * T.PAGE_PAD_Y) // lh, lh)
    if kind == "choice":
        size = s(T.CHOICE_SIZE)
        return Box(kind, files.text, size, T.CHOICE_W - 2 * T.CHOICE_PAD_X, T.CHOICE_MAX_LINES, T.line_height(size, T.CHOICE_LEADING))
    if kind == "menu":
        return Box(kind, files.ui, T.MENU_SIZE, T.MENU_W - 2 * T.MENU_PAD_X, 1, T.line_height(T.MENU_SIZE, 1.3))
    if kind == "name":
        size = s(T.NAME_SIZE)
        return Box(kind, files.ui_bold, size, T.NAME_MAX_W - 2 * T.NAME_PAD_X, 1, T.line_height(size, 1.3))
    raise ValueError(f"no text box of kind '{kind}'")


def _font_role(box_kind: str) -> str:
    """The font role of the styles laid out in a box (game.styles)."""
    return next(row.font for row in styles.ROWS if row.box == box_kind)
