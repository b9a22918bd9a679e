"""The reading look a player chooses: high contrast, the dialogue box's opacity, the reading font.

The window's colours are the names in `game.ui.theme`, read when a screen is drawn (the line
styles' tones too, see `game.ui.dialogue.TONES`); this module sets those names from the
settings (and back), and the reading font in the font table (`game.ui.fontset.read_with`),
so every screen follows at once.
High contrast puts white text on near-black boxes that are at least 92% opaque, which keeps
text against its box at 4.5:1 or better (WCAG AA) over any scene. No pygame here.
"""

from __future__ import annotations

from game.ui import fontset
from game.ui import theme as T

NAMES = ("CREAM", "CREAM_DIM", "PEACH", "FOCUS", "DISABLED", "PANEL", "PANEL_LIGHT", "PANEL_SOLID", "LINE_TEXT",
         "WHISPER_TEXT", "THOUGHT_TEXT", "THOUGHT_SHADE", "CHOICE_PANEL", "CHOICE_FOCUS_PANEL", "NAME_PLATE",
         "QUICK_TEXT", "QUICK_SHADE")
NORMAL = {name: getattr(T, name) for name in NAMES}
HIGH_CONTRAST = {
    "CREAM": (255, 255, 255), "CREAM_DIM": (242, 242, 242), "PEACH": (255, 222, 196), "FOCUS": (255, 232, 140),
    "DISABLED": (196, 196, 196), "PANEL_SOLID": (14, 8, 8), "LINE_TEXT": (255, 255, 255),
    "WHISPER_TEXT": (245, 245, 245, 255), "THOUGHT_TEXT": (255, 255, 255, 255), "THOUGHT_SHADE": (8, 4, 4, 240),
    "CHOICE_FOCUS_PANEL": (96, 30, 24, 250), "NAME_PLATE": (14, 8, 8, 250),
    "QUICK_TEXT": (255, 255, 255, 255), "QUICK_SHADE": (8, 4, 4, 235),
}
HIGH_CONTRAST_RGB = (14, 8, 8)  # the boxes' colour in high contrast
HIGH_CONTRAST_MIN_ALPHA = 235  # ... and their least opacity, whatever the opacity setting says


def values(high_contrast: bool = False, box_opacity: float = 0.75) -> dict:
    """Every theme colour this look changes, with its value."""
    out = dict(NORMAL)
    alpha = round(255 * box_opacity)
    rgb = NORMAL["PANEL"][:3]
    if high_contrast:
        out.update(HIGH_CONTRAST)
        alpha, rgb = max(alpha, HIGH_CONTRAST_MIN_ALPHA), HIGH_CONTRAST_RGB
    out["PANEL"] = (*rgb, alpha)
    out["PANEL_LIGHT"] = (*rgb, alpha if high_contrast else round(alpha * 0.62))  # the whisper's lighter box
    out["CHOICE_PANEL"] = (*rgb, min(255, alpha + 18))
    return out


def apply(settings) -> None:
    """Make the theme the settings' look (the defaults when settings is None)."""
    chosen = values() if settings is None else values(settings.high_contrast, settings.box_opacity)
    for name, value in chosen.items():
        setattr(T, name, value)
    fontset.read_with(fontset.READING[0] if settings is None else settings.reading_font)
