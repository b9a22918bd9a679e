"""The text boxes the window lays text into, for checks that must lay out text as the game does.

`text_boxes(scale)` lists, for each kind of box, the font file, its pixel size at that text
size (1.0, 1.25, 1.5), the width available and how many lines fit. The play screen and the
menus build their layouts from the same `theme` numbers, so this cannot drift from them.
No pygame here: the translation overflow check measures with whatever font API it likes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game import styles
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


def text_boxes(scale: float = 1.0) -> list[Box]:
    """Every kind of text box at this text size, with the real sizes the screens use."""
    return [box(kind, scale) for kind in KINDS]


def box(kind: str, scale: float = 1.0) -> Box:
    s = lambda px: max(8, round(px * scale))
    if kind == "line":
        size = s(T.LINE_SIZE)
        return Box(kind, T.DIALOGUE_FONT, size, T.BOX_W - 2 * T.BOX_PAD_X, T.LINE_MAX_LINES, T.line_height(size, T.LINE_LEADING))
    if kind == "whisper":
        size = s(T.WHISPER_SIZE)
        lh = T.line_height(size, T.LINE_LEADING)
        # the whisper shares the dialogue box: as many of its smaller lines as fit there
        room = T.LINE_MAX_LINES * T.line_height(s(T.LINE_SIZE), T.LINE_LEADING)
        return Box(kind, T.DIALOGUE_FONT, size, T.BOX_W - 2 * T.BOX_PAD_X, max(1, room // lh), lh)
    if kind == "thought":
        size = s(T.THOUGHT_SIZE)
        return Box(kind, T.DIALOGUE_FONT, size, T.THOUGHT_W, T.THOUGHT_MAX_LINES, T.line_height(size, T.LINE_LEADING))
    if kind == "letter":
        size = s(T.LETTER_SIZE)
        lh = T.line_height(size, T.LETTER_LEADING)
        return Box(kind, T.LETTER_FONT, size, T.PAGE_W - 2 * T.PAGE_PAD_X, (T.PAGE_MAX_H - 2 * T.PAGE_PAD_Y) // lh, lh)
    if kind == "choice":
        size = s(T.CHOICE_SIZE)
        return Box(kind, T.DIALOGUE_FONT, size, T.CHOICE_W - 2 * T.CHOICE_PAD_X, T.CHOICE_MAX_LINES, T.line_height(size, T.CHOICE_LEADING))
    if kind == "menu":
        return Box(kind, T.UI_FONT, T.MENU_SIZE, T.MENU_W - 2 * T.MENU_PAD_X, 1, T.line_height(T.MENU_SIZE, 1.3))
    if kind == "name":
        size = s(T.NAME_SIZE)
        return Box(kind, T.UI_BOLD, size, T.NAME_MAX_W - 2 * T.NAME_PAD_X, 1, T.line_height(size, 1.3))
    raise ValueError(f"no text box of kind '{kind}'")
