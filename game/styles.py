"""The line styles, in one table that every use reads: how each style is laid out, drawn and checked.

A story line has a `style` (normal, letter, thought, whisper). Everything that treats styles
differently reads its row here instead of asking `if style == ...`: the window's dialogue
(its box, font, text colour and the frame painted under it), the history, the capture tool,
the text boxes the translation check lays translations into, and the session (letters by
one hand gather on one page). The engine's `STYLES` and the chapter schema's enum are tested
against this table (tests/test_styles.py). Pure data: no pygame.

Adding a style: a row here, its name in `game.engine.model.STYLES` and in the chapter schema's
`style` enum. A new look (a box size, a painter) is a box in `game.ui.layoutspec` or a frame
in `game.ui.dialogue`.
"""

from __future__ import annotations

from dataclasses import dataclass

# font roles (game.ui.fontset maps them to files per language)
TEXT, HAND = "text", "hand"


@dataclass(frozen=True)
class LineStyle:
    name: str
    box: str  # the text box (game.ui.layoutspec) its text is laid out in
    label: str  # what the translation check calls that box in its findings
    font: str  # font role: TEXT (the story's serif) or HAND (handwriting)
    italic: bool  # slanted text
    tone: str  # the text colour (game.ui.dialogue.TONES): cream, soft, faint, ink
    frame: str  # what is painted under the text (game.ui.dialogue): box, light_box, shade, page
    muted: bool  # drawn dimmer in the history
    gathers: bool  # consecutive lines by one speaker share one page, like a letter being written
    presence: bool  # a `presence: true` speaker's light shows while she speaks in this style
    answers_choice: bool  # shown again above the options that follow it


ROWS = (
    LineStyle("normal", "line", "dialogue box", TEXT, False, "cream", "box", False, False, True, True),
    LineStyle("letter", "letter", "letter page", HAND, False, "ink", "page", False, True, False, False),
    LineStyle("thought", "thought", "thought", TEXT, True, "faint", "shade", True, False, True, True),
    LineStyle("whisper", "whisper", "whisper", TEXT, False, "soft", "light_box", True, False, True, True),
)
STYLES: dict[str, LineStyle] = {row.name: row for row in ROWS}
DEFAULT = "normal"


def style(name: str | None) -> LineStyle:
    """The row of a style; an unknown name (a text the window makes up) is a normal line."""
    return STYLES.get(name or DEFAULT, STYLES[DEFAULT])


def box_kinds() -> tuple[str, ...]:
    """The text boxes lines are laid out in, in table order, each once."""
    return tuple(dict.fromkeys(row.box for row in ROWS))


def box_of(name: str) -> str:
    return style(name).box
