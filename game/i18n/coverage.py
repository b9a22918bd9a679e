"""How much of each language is done: translated / fuzzy / untranslated per domain.

Counted against the template (what the game will ask for), not against whatever an old
`.po` happens to hold, so a catalog that needs `her i18n update` shows its missing strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from game.i18n import pofiles
from game.i18n.languages import DOMAINS, PSEUDO, locale_codes, native_name, po_path, template_path


@dataclass
class Coverage:
    lang: str
    domain: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    error: str = ""

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": round(self.percent, 1), "name": native_name(self.lang)}

    def row(self) -> str:
        if self.error:
            return f"{self.lang:<6} {self.domain:<6} {self.error}"
        if not self.total:
            return f"{self.lang:<6} {self.domain:<6} no strings yet"
        pct = lambda n: f"{100.0 * n / self.total:5.1f}%" if self.total else "  -  "
        return (f"{self.lang:<6} {self.domain:<6} {self.translated:>5}/{self.total:<5} translated {pct(self.translated)}"
                f"  {self.fuzzy:>4} fuzzy {pct(self.fuzzy)}  {self.untranslated:>5} untranslated {pct(self.untranslated)}")


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        values = list(entry.msgstr_plural.values())
        return bool(values) and all(values)
    return bool(entry.msgstr)


def count(keys: list[tuple[str, str]], po: polib.POFile | None, lang: str, domain: str) -> Coverage:
    cov = Coverage(lang, domain, total=len(keys))
    have = {pofiles.entry_key(e): e for e in po or [] if not e.obsolete}
    cov.obsolete = sum(1 for e in po or [] if e.obsolete)
    for key in keys:
        entry = have.get(key)
        if entry is not None and "fuzzy" in entry.flags:
            cov.fuzzy += 1
        elif entry is not None and is_translated(entry):
            cov.translated += 1
        else:
            cov.untranslated += 1
    return cov


def template_keys(locales: Path, domain: str) -> list[tuple[str, str]] | None:
    path = template_path(locales, domain)
    if not path.is_file():
        return None
    try:
        return [pofiles.entry_key(e) for e in pofiles.read_po(path) if not e.obsolete]
    except pofiles.PoError:
        return None


def coverage(locales: Path, langs: list[str] | None = None,
             templates: dict[str, list[tuple[str, str]]] | None = None) -> list[Coverage]:
    """One Coverage per language and domain. `templates` overrides the keys read from the .pot files."""
    out: list[Coverage] = []
    keys = {d: (templates or {}).get(d) or template_keys(locales, d) for d in DOMAINS}
    for lang in langs if langs is not None else locale_codes(locales):
        for domain in DOMAINS:
            path = po_path(locales, lang, domain)
            po = None
            if path.is_file():
                try:
                    po = pofiles.read_po(path)
                except pofiles.PoError as exc:
                    out.append(Coverage(lang, domain, error=exc.finding.format()))
                    continue
            domain_keys = keys[domain]
            if domain_keys is None:
                domain_keys = [pofiles.entry_key(e) for e in po or [] if not e.obsolete]
            out.append(count(domain_keys, po, lang, domain))
    return out


def story_coverage(story, locales: Path | None = None) -> dict:
    """Coverage per locale for `her stats`: the story counted against `story` itself, the
    interface against ui.pot. Returns {"locales": [...], "section": {"title", "rows"}}."""
    from game.i18n.extract import story_messages

    if locales is None:
        from game.paths import locales_dir

        locales = locales_dir()
    keys = [(m.msgctxt or "", m.msgid) for m in story_messages(story, locations=False)]
    langs = [lang for lang in locale_codes(locales) if lang != PSEUDO]  # the pseudo-locale is a tool, not a language
    rows = coverage(locales, langs, templates={"story": keys})
    table: dict[str, dict] = {}
    for r in rows:
        table.setdefault(r.lang, {"lang": r.lang, "name": native_name(r.lang)})[r.domain] = r.as_dict()
    lines = [r.row() for r in rows] or ["no translations yet (her i18n update LANG starts one)"]
    return {"locales": list(table.values()), "section": {"title": "translation coverage", "rows": lines}}
