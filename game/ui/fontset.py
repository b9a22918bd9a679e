"""Which font files draw which language: one table, so a new script is a row plus its fonts.

SCRIPTS names a set of files (interface, interface bold, the story's text, handwriting) by
the scripts they cover; LANGUAGES sends a language to a set when the default cannot draw
it. The window uses the set of the language it shows (`use`, when the catalog changes),
with the reading font the player chose (`read_with`: the set's serif text face, or its plain
interface face for the story's lines too); the text boxes (`layoutspec.text_boxes(lang=...)`) and so the translation check measure
with the same files. Pure data: no pygame.

Adding a language whose script the Nanum fonts lack (say Japanese): put its fonts (with
their licence) under assets/fonts/, add a row to SCRIPTS, and map the code in LANGUAGES.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from game.i18n.languages import candidates
from game.paths import assets_dir
from game.styles import HAND, TEXT

FONT_DIR = assets_dir() / "fonts"


@dataclass(frozen=True)
class FontFiles:
    ui: Path  # menus, buttons, labels
    ui_bold: Path  # name plates, headings
    text: Path  # the story's lines (styles.TEXT)
    hand: Path  # handwriting: letters (styles.HAND)

    def for_role(self, role: str) -> Path:
        """The file of a line style's font role."""
        return {TEXT: self.text, HAND: self.hand}[role]


def _files(ui: str, ui_bold: str, text: str, hand: str) -> FontFiles:
    return FontFiles(FONT_DIR / ui, FONT_DIR / ui_bold, FONT_DIR / text, FONT_DIR / hand)


SCRIPTS: dict[str, FontFiles] = {
    # Nanum (SIL OFL): Hangul and Latin
    "hangul+latin": _files("NanumGothic.ttf", "NanumGothicBold.ttf", "NanumMyeongjo.ttf", "NanumPen.ttf"),
}
DEFAULT_SCRIPT = "hangul+latin"
LANGUAGES: dict[str, str] = {}  # language code -> SCRIPTS key, for languages DEFAULT_SCRIPT cannot draw

READING = ("serif", "sans")  # the reading fonts a player may choose (settings.reading_font)

_shown = [SCRIPTS[DEFAULT_SCRIPT]]
_chosen = {"lang": None, "reading": READING[0]}


def for_language(lang: str | None) -> FontFiles:
    """The font files that draw `lang` (ko_KR falls back to ko, then to the default)."""
    for code in candidates(lang or "en"):
        if code in LANGUAGES:
            return SCRIPTS[LANGUAGES[code]]
    return SCRIPTS[DEFAULT_SCRIPT]


def reading(files: FontFiles, choice: str) -> FontFiles:
    """A set with the player's reading font: "sans" reads the story in the interface's face."""
    return replace(files, text=files.ui) if choice == "sans" else files


def use(lang: str | None) -> None:
    """The window now shows `lang`: every screen draws with its fonts."""
    _chosen["lang"] = lang
    _shown[0] = reading(for_language(lang), _chosen["reading"])


def read_with(choice: str) -> None:
    """The player's reading font (READING; anything else is the default), in every language."""
    _chosen["reading"] = choice if choice in READING else READING[0]
    use(_chosen["lang"])


def current() -> FontFiles:
    return _shown[0]
