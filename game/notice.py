"""Messages for the player made before the player's language is known.

Settings, the persistent record and save files are read before the catalog exists (the
language is one of the settings), yet what they say about damage must reach the player in
their language. A `Notice` is the English text (it is a `str`, so logs and terminals can
print it as it is) that also keeps its template and values, so the interface can translate
it when it shows it. `later.ui("...")` makes one; the extractor sees it like any `.ui` call.
"""

from __future__ import annotations

from typing import Any


class Notice(str):
    """English text plus the template and values it was made from."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Notice:
        from game.i18n.markup import fill

        self = super().__new__(cls, fill(template, values))
        self.template, self.values = template, values
        return self

    def translated(self, catalog) -> str:
        """The same message in the catalog's language (values that are notices too)."""
        lookup = getattr(catalog, "lookup", None)
        if lookup is None:  # a stand-in catalog without lookups: the English text
            return str(self)
        return lookup(self.template).format(**self.values)


def in_language(catalog, value: Any) -> Any:
    """`value` translated when it is a Notice, as it is otherwise."""
    return value.translated(catalog) if isinstance(value, Notice) else value


class _Later:
    """`later.ui(msgid, **values)`: interface text to translate when it is shown."""

    @staticmethod
    def ui(msgid: str, **values: Any) -> Notice:
        return Notice(msgid, **values)


later = _Later()
