"""The look of the window in one place: colours and the sizes of every text box (fonts: `fontset`).

Pure data (no pygame) so that `layoutspec` and the translation checks can read the same
numbers the screens draw with. The palette follows the film: warm reds, corals and peach,
soft daylight, cream text on warm translucent panels; nothing saturated, nothing black.
"""

from __future__ import annotations

SIZE = (1280, 720)  # the logical resolution; the window scales it to any size
WIDTH, HEIGHT = SIZE
MARGIN = 64

# --- colours (RGB / RGBA) ----------------------------------------------------------
CREAM = (251, 240, 226)
CREAM_DIM = (236, 214, 196)
PEACH = (246, 196, 164)
CORAL = (232, 124, 98)
CORAL_SOFT = (240, 156, 128)
RUST = (150, 62, 48)
WINE = (74, 28, 32)
INK = (88, 46, 36)  # the letter page's ink
PAPER = (248, 238, 222)
PAPER_EDGE = (226, 204, 182)
PANEL = (92, 34, 34, 196)  # dialogue box and menus: warm, translucent
PANEL_LIGHT = (120, 52, 44, 120)  # whisper box, secondary panels
PANEL_SOLID = (84, 32, 32)
SCRIM = (52, 18, 22, 150)  # behind overlays (pause, help, confirm)
FOCUS = (255, 214, 186)  # the focused button's outline and text
DISABLED = (186, 150, 138)
ERROR = (255, 190, 170)
LINE_TEXT = CREAM  # the dialogue line, whisper and thought text, and what they sit on (game.ui.look may change them)
WHISPER_TEXT = (240, 224, 210, 215)
THOUGHT_TEXT = (246, 230, 216, 230)
THOUGHT_SHADE = (52, 18, 22, 175)
LETTER_INK = (*INK, 255)
CHOICE_PANEL = (*PANEL[:3], 214)
CHOICE_FOCUS_PANEL = (150, 62, 48, 236)
NAME_PLATE = (*PANEL_SOLID, 240)
QUICK_TEXT = (246, 228, 212, 170)  # the quick menu under the box, and the shade it sits on
QUICK_SHADE = (52, 18, 22, 120)
BACKDROP_TOP = (236, 162, 132)  # fallback background when a scene has no picture
BACKDROP_BOTTOM = (150, 70, 62)

# fonts: per language, in game.ui.fontset

# --- text boxes (sizes in logical px at 100% text size) -------------------------------
# dialogue box at the bottom of the play screen
BOX_X = 130
BOX_W = WIDTH - 2 * BOX_X
BOX_BOTTOM = 40  # gap under the box (the quick menu lives there)
BOX_PAD_X = 56
BOX_PAD_Y = 30
LINE_SIZE = 27
LINE_LEADING = 1.5
LINE_MAX_LINES = 3
WHISPER_SIZE = 23
WHISPER_MAX_LINES = 4
# a thought floats over a soft shade, without a box
THOUGHT_W = 960
THOUGHT_SIZE = 27
THOUGHT_MAX_LINES = 3
# a letter is a page of paper in the middle of the screen
PAGE_W = 760
PAGE_PAD_X = 64
PAGE_PAD_Y = 56
PAGE_MAX_H = 620
LETTER_SIZE = 34
LETTER_LEADING = 1.3
# the speaker's name plate, over the box's top-left edge
NAME_SIZE = 22
NAME_MAX_W = 380
NAME_PAD_X = 22
# choices: a column of wide buttons
CHOICE_W = 780
CHOICE_PAD_X = 36
CHOICE_SIZE = 25
CHOICE_MAX_LINES = 2
CHOICE_LEADING = 1.35
# menus: buttons on the title screen and the pause menu (not scaled by text size)
MENU_W = 330
MENU_PAD_X = 28
MENU_SIZE = 25
UI_SIZE = 21
UI_SMALL = 17
TITLE_SIZE = 40

SHRINK_FLOOR = 0.8  # a line too long for its box is shrunk down to this, then paginated


def line_height(size: int, leading: float) -> int:
    return round(size * leading)


def speaker_color(character) -> tuple[int, int, int]:
    """A character's name-plate colour from the manifest ("#rrggbb"), peach when it has none."""
    color = (character.color or "").lstrip("#") if character is not None else ""
    try:
        return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
    except (ValueError, IndexError):
        return PEACH
