"""Catalogs compiled once: `.po` -> `.mo` in the user's cache, read with `gettext`.

Parsing a `.po` with polib takes a noticeable fraction of a second for the whole story; the
compiled `.mo` loads in milliseconds. The cache file is named after a hash of the `.po`'s
bytes (and of this compiler's version), so editing a `.po` invalidates it by itself.
Only entries a player should see go into the `.mo`: translated, not fuzzy, not obsolete,
with the source's placeholders. Everything else falls back to English.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

from game.i18n.languages import DEFAULT_PLURAL_FORMS
from game.storage import write_atomic

COMPILER_VERSION = "1"  # bump when what goes into a .mo changes: old caches then miss
GENERATED_VERSION = "pseudo-1"  # bump when the pseudo-locale generator changes
Report = Callable[[str], None]


def cache_dir() -> Path:
    from game.paths import user_data_dir

    return user_data_dir() / "cache" / "i18n"


def _digest(data: bytes, salt: str) -> str:
    h = hashlib.sha256()
    h.update(f"her-mo-{COMPILER_VERSION}-{salt}\0".encode())
    h.update(data)
    return h.hexdigest()[:24]


def load_translations(po: Path, lang: str, domain: str, report: Report,
                      make_po: Callable[[], object] | None = None) -> gettext.GNUTranslations | None:
    """The compiled translations of `po` (compiling and caching on first use), or None.

    `make_po` builds the catalog in memory instead of reading `po` (the pseudo-locale from
    its template); `po` then names the file whose bytes key the cache.
    """
    try:
        data = po.read_bytes()
    except OSError as exc:
        report(f"{po}: error: cannot read: {exc.strerror or exc}; using English")
        return None
    key = _digest(data, f"{lang}/{domain}/{GENERATED_VERSION if make_po else 'po'}")
    folder = cache_dir()
    cached = folder / f"{lang}-{domain}-{key}.mo"
    if cached.is_file():
        trans = _read_mo(cached.read_bytes())
        if trans is not None:
            return trans
    mo = compile_po(po, lang, domain, report, make_po)
    if mo is None:
        return None
    _store(folder, cached, mo, f"{lang}-{domain}-")
    return _read_mo(mo, report, po)


def _read_mo(mo: bytes, report: Report | None = None, origin: Path | None = None) -> gettext.GNUTranslations | None:
    try:
        return gettext.GNUTranslations(io.BytesIO(mo))
    except (OSError, ValueError, LookupError, UnicodeError, KeyError, IndexError, SyntaxError, RecursionError) as exc:
        if report is not None:
            report(f"{origin}: error: cannot use the compiled catalog ({exc}); using English")
        return None


def _store(folder: Path, target: Path, mo: bytes, prefix: str) -> None:
    """Write the compiled catalog atomically and drop older ones of the same language/domain."""
    try:
        write_atomic(target, mo)
        for old in folder.glob(f"{prefix}*.mo"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only cache only costs speed: the compiled bytes are used directly


def compile_po(po_path: Path, lang: str, domain: str, report: Report,
               make_po: Callable[[], object] | None = None) -> bytes | None:
    """The `.mo` bytes of what a player should see from `po_path`, or None (report said why)."""
    import polib

    from game.i18n import pofiles
    from game.i18n.languages import nplurals
    from game.i18n.markup import breaks_at_run_time

    try:
        source = make_po() if make_po is not None else pofiles.read_po(po_path, check_duplicates=False)
    except pofiles.PoError as exc:
        report(f"{exc.finding.format()}; using English")
        return None
    forms = (source.metadata.get("Plural-Forms") or "").strip()
    if forms and not plural_ok(forms):
        report(f"{pofiles.display(po_path)}: error: bad Plural-Forms header {forms!r}; "
               "using English for texts with numbers")
        forms = ""
    slots = nplurals(forms) if forms else None
    out = polib.POFile(encoding="utf-8")
    out.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": lang,
        "Plural-Forms": forms or DEFAULT_PLURAL_FORMS,
    }
    seen: set[tuple[str, str]] = set()
    dropped = 0
    for entry in source:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        key = pofiles.entry_key(entry)
        if key in seen:
            continue
        if entry.msgid_plural:
            if slots is None:
                continue
            values = [entry.msgstr_plural.get(i, entry.msgstr_plural.get(str(i), "")) for i in range(slots)]
            if not all(values):
                continue
            if any(breaks_at_run_time(entry.msgid, v, plural_form=True, also=entry.msgid_plural) for v in values):
                dropped += 1
                continue
            clean = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                                  msgstr_plural=dict(enumerate(values)))
        else:
            if not entry.msgstr:
                continue
            if breaks_at_run_time(entry.msgid, entry.msgstr):
                dropped += 1
                continue
            clean = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr)
        if _unencodable(clean):
            dropped += 1
            continue
        seen.add(key)
        out.append(clean)
    if dropped:
        report(f"{pofiles.display(po_path)}: warning: {dropped} translation(s) with wrong placeholders shown in English; "
               f"run 'her i18n check {lang}'")
    try:
        return out.to_binary()
    except (ValueError, UnicodeError, OverflowError) as exc:
        report(f"{pofiles.display(po_path)}: error: cannot compile ({exc}); using English")
        return None


def _unencodable(entry) -> bool:
    texts = [entry.msgctxt or "", entry.msgid, entry.msgid_plural or "", entry.msgstr or ""]
    texts += list(entry.msgstr_plural.values()) if entry.msgid_plural else []
    for text in texts:
        if "\x00" in text or "\x04" in text:
            return True
        try:
            text.encode("utf-8")
        except UnicodeError:
            return True
    return False


def plural_ok(forms: str) -> bool:
    """Whether Python's gettext accepts the header (it compiles it to a function itself)."""
    from game.i18n.languages import nplurals

    if not nplurals(forms) or nplurals(forms) > 10:
        return False
    try:
        plural = forms.split("plural=", 1)[1].split(";", 1)[0].strip()
        func = gettext.c2py(plural)
        return all(isinstance(func(n), int) and 0 <= func(n) < nplurals(forms) for n in (0, 1, 2, 5, 11, 21, 101))
    except (IndexError, ValueError, SyntaxError, RecursionError, OverflowError, ZeroDivisionError, TypeError):
        return False
