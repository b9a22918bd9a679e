"""Look up the player's language for story and interface text, falling back to English.

The runtime hands out each line's identity and source text; the catalog decides what is
read. Story contexts (msgctxt): a line or option uses its node id; names, chapters and
endings use `character:<id>`, `chapter:<id>`, `ending:<id>`; the story title `story`.
Interface strings live in the `ui` domain, looked up by their English text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n.languages import DOMAINS, PSEUDO, candidates, native_name, po_path, valid_code

if TYPE_CHECKING:  # annotations only: loading a catalog does not need the engine (or YAML)
    from game.engine.model import Chapter, Character, Ending
    from game.engine.runtime import LineEvent, Option


class Text(str):
    """Interface text as the catalog hands it out: `.format` fills only plain `{name}` fields
    (`game.i18n.markup.fill`) and translates values that are notices, so a translator's
    `{name.attr}` or stray brace is shown as written instead of crashing the window."""

    def __new__(cls, value: str, catalog: Catalog) -> Text:
        self = super().__new__(cls, value)
        self.catalog = catalog
        return self

    def format(self, *args, **values) -> str:  # type: ignore[override]
        from game.i18n.markup import fill
        from game.notice import in_language

        return fill(self, {k: in_language(self.catalog, v) for k, v in values.items()})


class Catalog:
    """English: every lookup returns the source text. Translated catalogs override `text`."""

    lang = "en"
    name = "English"
    problems: tuple[str, ...] = ()

    def text(self, context: str, msgid: str) -> str:
        """A story string in the player's language (English if untranslated or fuzzy)."""
        return msgid

    def ui(self, msgid: str, context: str | None = None) -> Text:
        """An interface string."""
        return Text(self._ui_text(msgid, context), self)

    def lookup(self, msgid: str) -> Text:
        """`ui` for text extracted where it was written (`game.notice.later.ui`), looked up later."""
        return Text(self._ui_text(msgid, None), self)

    def ui_n(self, singular: str, plural: str, n: int, context: str | None = None) -> Text:
        """An interface string with a number in it, with the language's plural forms."""
        return Text(self._ui_plural(singular, plural, n, context), self)

    def _ui_text(self, msgid: str, context: str | None) -> str:
        return msgid

    def _ui_plural(self, singular: str, plural: str, n: int, context: str | None) -> str:
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


class GettextCatalog(Catalog):
    """A translated language: compiled gettext catalogs; anything missing reads in English."""

    def __init__(self, lang: str, story, ui, problems: tuple[str, ...] = ()):
        self.lang = lang
        self.name = native_name(lang)
        self._story = story  # gettext.GNUTranslations or None
        self._ui = ui
        self.problems = problems

    def text(self, context: str, msgid: str) -> str:
        if self._story is None or not msgid:
            return msgid
        return self._story.pgettext(context, msgid)

    def _ui_text(self, msgid: str, context: str | None) -> str:
        if self._ui is None or not msgid:
            return msgid
        return self._ui.pgettext(context, msgid) if context else self._ui.gettext(msgid)

    def _ui_plural(self, singular: str, plural: str, n: int, context: str | None) -> str:
        if self._ui is None:
            return super()._ui_plural(singular, plural, n, context)
        if context:
            return self._ui.npgettext(context, singular, plural, n)
        return self._ui.ngettext(singular, plural, n)


def _locales(locales: Path | None) -> Path:
    if locales is not None:
        return Path(locales)
    from game.paths import locales_dir

    return locales_dir()


def _stderr(message: str) -> None:
    print(f"her: {message}", file=sys.stderr)


def load_catalog(lang: str | None, locales: Path | None = None,
                 report: Callable[[str], None] | None = None) -> Catalog:
    """The catalog for `lang` (None or "en": English).

    Never raises for anything a translator or player can get wrong: a missing language, a
    malformed `.po` or a broken entry gives a one-line message (to `report`, stderr by
    default; also kept in `.problems`) and English for what cannot be used.
    """
    if not lang or lang.strip().lower() in ("en", "en_us", "en-us", "c", "posix"):
        return Catalog()
    problems: list[str] = []

    def note(message: str) -> None:
        problems.append(message)
        (report or _stderr)(message)

    lang = lang.strip()
    if not valid_code(lang):
        note(f"'{lang}' is not a language code (like ko or pt_BR); using English")
        return Catalog()
    root = _locales(locales)
    from game.i18n.compiled import load_translations

    for code in candidates(lang):
        if code == PSEUDO and any((root / f"{d}.pot").is_file() for d in DOMAINS):
            return _generated_pseudo(root, note, problems)  # always as fresh as the templates
        files = {d: po_path(root, code, d) for d in DOMAINS}
        if not any(f.is_file() for f in files.values()):
            continue
        found = {d: load_translations(f, code, d, note) if f.is_file() else None for d, f in files.items()}
        return GettextCatalog(code, found["story"], found["ui"], tuple(problems))
    note(f"no translation for '{lang}' in {root}; using English")
    return Catalog()


def _generated_pseudo(root: Path, note: Callable[[str], None], problems: list[str]) -> Catalog:
    """The pseudo-locale, made from the templates (compiled and cached like any catalog), so it
    never lags behind them; `her i18n pseudo` writes the same thing out for tools."""
    from game.i18n.compiled import load_translations

    def loader(template: Path, domain: str):
        def make():
            from game.i18n.pofiles import read_po
            from game.i18n.pseudo import pseudo_catalog

            return pseudo_catalog(read_po(template), domain)
        return make

    found = {}
    for domain in DOMAINS:
        template = root / f"{domain}.pot"
        found[domain] = load_translations(template, PSEUDO, domain, note, loader(template, domain)) if template.is_file() else None
    if not any(found.values()):
        note(f"no templates in {root} to make the pseudo-locale from; using English")
        return Catalog()
    return GettextCatalog(PSEUDO, found["story"], found["ui"], tuple(problems))
