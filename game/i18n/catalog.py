"""Look up the player's language for story and interface text, falling back to English.

The runtime hands out each line's identity and source text; this decides what is read.
"""

from __future__ import annotations

from game.engine.model import Character
from game.engine.runtime import LineEvent, Option


class Catalog:
    """English: every lookup returns the source text."""

    lang = "en"

    def text(self, context: str, msgid: str) -> str:
        return msgid

    def line(self, event: LineEvent) -> str:
        return self.text(event.node, event.text)

    def option(self, node: str, option: Option) -> str:
        return self.text(node, option.text)

    def character_name(self, character: Character) -> str:
        return self.text("character", character.name) if character.name else ""


def load_catalog(lang: str | None) -> Catalog:
    return Catalog()
