"""Look up the player's language for story and interface text, falling back to English.

The runtime hands out each line's identity and source text; the catalog decides what is
read. Story contexts (msgctxt): a line or option uses its node id; names, chapters and
endings use `character:<id>`, `chapter:<id>`, `ending:<id>`; the story title `story`.
Interface strings live in the `ui` domain, looked up by their English text.
"""

from __future__ import annotations

from game.engine.model import Chapter, Character, Ending
from game.engine.runtime import LineEvent, Option


class Catalog:
    """English: every lookup returns the source text. Translated catalogs override `text`."""

    lang = "en"

    def text(self, context: str, msgid: str) -> str:
        """A story string in the player's language (English if untranslated or fuzzy)."""
        return msgid

    def ui(self, msgid: str, context: str | None = None) -> str:
        """An interface string."""
        return msgid

    def ui_n(self, singular: str, plural: str, n: int, context: str | None = None) -> str:
        """An interface string with a number in it, with the language's plural forms."""
        return singular if n == 1 else plural

    # --- story pieces ------------------------------------------------------------
    def line(self, event: LineEvent) -> str:
        return self.text(event.node, event.text)

    def option(self, node: str, option: Option) -> str:
        return self.text(node, option.text)

    def character_name(self, character: Character) -> str:
        return self.text(f"character:{character.id}", character.name) if character.name else ""

    def chapter_title(self, chapter: Chapter) -> str:
        return self.text(f"chapter:{chapter.id}", chapter.title)

    def ending_title(self, ending: Ending) -> str:
        return self.text(f"ending:{ending.id}", ending.title)

    def ending_summary(self, ending: Ending) -> str:
        return self.text(f"ending:{ending.id}", ending.summary)


def load_catalog(lang: str | None) -> Catalog:
    """The catalog for `lang` (None or "en": English)."""
    return Catalog()
