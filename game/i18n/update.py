"""Merge a template into a language's catalog (what `msgmerge` does, in polib).

- same context and text: the translation stays as it is (flags, translator comments too);
- changed text: the closest old entry of the same context (difflib) gives its translation,
  marked `fuzzy`, with the old source kept as `#| msgid` so the translator sees the change;
  a text moved to another node keeps its translation the same way (`#| msgctxt`);
- removed text: obsolete (`#~`), so a translation is never lost, and comes back if the text
  does;
- new text: added empty.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import polib

from game.i18n import pofiles
from game.i18n.languages import nplurals, plural_forms

FUZZY_CUTOFF = 0.5  # how alike (difflib ratio) an old text must be to lend its translation


@dataclass
class MergeResult:
    po: polib.POFile
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0

    def summary(self) -> str:
        return f"{self.kept} kept, {self.fuzzy} fuzzy, {self.new} new, {self.obsolete} obsolete"


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(v for v in entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _plural_slots(lang_forms: str) -> int:
    return nplurals(lang_forms) or 2


def merge(template: polib.POFile, old: polib.POFile | None, lang: str, domain: str) -> MergeResult:
    out = polib.POFile(wrapwidth=pofiles.WRAP, encoding="utf-8")
    out.header = (old.header if old is not None and old.header.strip() else
                  f"Her: the {domain} domain, in {lang}.\nThis file is distributed under the same license as the Her package.")
    out.metadata = pofiles.catalog_metadata(lang, domain, template, old)
    slots = _plural_slots(out.metadata.get("Plural-Forms", plural_forms(lang)))
    result = MergeResult(out)

    live: dict[tuple[str, str], polib.POEntry] = {}
    dead: dict[tuple[str, str], polib.POEntry] = {}
    for entry in old or []:
        (dead if entry.obsolete else live).setdefault(pofiles.entry_key(entry), entry)
    wanted = {pofiles.entry_key(e) for e in template}
    # old entries whose text is gone: candidates to lend a translation to a changed text
    spare = [e for k, e in live.items() if k not in wanted and _translated(e)]
    lent: set[int] = set()

    for t in template:
        key = pofiles.entry_key(t)
        entry = _fresh(t, slots)
        previous = live.get(key) or dead.get(key)
        if previous is not None:
            _carry(previous, entry, slots)
            if "fuzzy" in previous.flags:
                entry.flags.append("fuzzy")
                entry.previous_msgctxt = previous.previous_msgctxt
                entry.previous_msgid = previous.previous_msgid
                entry.previous_msgid_plural = previous.previous_msgid_plural
            if _translated(previous):
                result.kept += 1
            else:
                result.new += 1
        else:
            source = _closest(t, spare)
            if source is not None:
                lent.add(id(source))
                _carry(source, entry, slots)
                entry.flags.append("fuzzy")
                if (source.msgctxt or "") != (t.msgctxt or ""):
                    entry.previous_msgctxt = source.msgctxt or ""
                entry.previous_msgid = source.msgid
                if source.msgid_plural:
                    entry.previous_msgid_plural = source.msgid_plural
                result.fuzzy += 1
            else:
                result.new += 1
        out.append(entry)

    # whatever the template no longer has, and was not handed on, becomes obsolete
    for key, e in list(live.items()) + list(dead.items()):
        if key in wanted or id(e) in lent or not _translated(e):
            continue
        if key in live and key in dead and e is dead[key]:
            continue  # the live entry of that key speaks for it
        gone = polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr, tcomment=e.tcomment,
                             flags=list(e.flags), obsolete=True)
        if e.msgid_plural:
            gone.msgid_plural = e.msgid_plural
            gone.msgstr_plural = dict(e.msgstr_plural)
        out.append(gone)
        result.obsolete += 1
    return result


def _fresh(t: polib.POEntry, slots: int) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=t.msgctxt, msgid=t.msgid, msgstr="", comment=t.comment,
                          occurrences=list(t.occurrences), flags=[f for f in t.flags if f != "fuzzy"])
    if t.msgid_plural:
        entry.msgid_plural = t.msgid_plural
        entry.msgstr_plural = {i: "" for i in range(slots)}
    return entry


def _carry(old: polib.POEntry, new: polib.POEntry, slots: int) -> None:
    """The old translation and translator comment onto the new entry, plural shape adapted."""
    new.tcomment = old.tcomment
    if new.msgid_plural:
        if old.msgid_plural:
            forms = {int(k): v for k, v in old.msgstr_plural.items()}
        else:
            forms = {0: old.msgstr}
        new.msgstr_plural = {i: forms.get(i, "") for i in range(slots)}
        if any(i >= slots and v for i, v in forms.items()) and "fuzzy" not in new.flags:
            new.flags.append("fuzzy")  # more forms than this language has: look again
    else:
        new.msgstr = old.msgstr if not old.msgid_plural else old.msgstr_plural.get(0, "")


def _closest(t: polib.POEntry, spare: list[polib.POEntry]) -> polib.POEntry | None:
    """The old entry that best explains a new text: same context and close text, or moved."""
    ctx = t.msgctxt or ""
    best, best_ratio = None, FUZZY_CUTOFF
    for e in spare:
        if (e.msgctxt or "") != ctx:
            continue
        matcher = difflib.SequenceMatcher(None, e.msgid, t.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (ratio == best_ratio and best is None):
            best, best_ratio = e, ratio
    if best is not None:
        return best
    for e in spare:  # the same text under another context: a line moved to another node
        if e.msgid == t.msgid and bool(e.msgid_plural) == bool(t.msgid_plural):
            return e
    return None


def update_language(locales: Path, lang: str, domain: str) -> tuple[MergeResult, bool]:
    """Merge `<domain>.pot` into `<lang>/LC_MESSAGES/<domain>.po`; (result, file changed)."""
    from game.i18n.languages import po_path, template_path

    template = pofiles.read_po(template_path(locales, domain))
    target = po_path(locales, lang, domain)
    old = pofiles.read_po(target) if target.exists() else None
    result = merge(template, old, lang, domain)
    return result, pofiles.write_if_changed(target, pofiles.render(result.po))
